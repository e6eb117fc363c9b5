import fc from 'fast-check';
import { expect } from 'vitest';
import { ELDER_COOKIE, LANG_COOKIE } from '../../src/portal/prefs.js';
import { hostileString, queryValue, RAW_BODIES, RAW_MULTIPART } from './corpus.js';
import { crawl, paramValues, type Crawl } from './crawl.js';
import { paramArb, poisoned, queryArb, queryString, sampled, seedFor, urlOf } from './plan.js';
import { ANONYMOUS, Prober } from './probe.js';
import { apiOperations, serverRoutes } from './routes.js';
import { objectArb, type Schema } from './schema.js';
import { describeHostile } from './suite.js';

const SITE = 'jiangchuan';
/** Requests per route: the agency's site in full, the same pages at "/" (the only agency's site) fewer. */
const RUNS = { sitePage: 60, rootPage: 8, form: 60, multipartForm: 20 };
/** A form is sent from the site's own pages (the same-origin check of anonymous forms). */
const SAME_ORIGIN = { origin: 'http://localhost', host: 'localhost' };
const NOT_PORTAL = /^\/(?:api|console|assets|healthz|attachments)(?:\/|$)/;

/** Preference cookies a reader could have edited by hand (header-safe characters only). */
const COOKIES = fc.constantFrom(
  undefined,
  `${LANG_COOKIE}=%00; ${ELDER_COOKIE}=2`,
  `${LANG_COOKIE}=../../etc; ${ELDER_COOKIE}=<script>`,
  `${LANG_COOKIE}=${'x'.repeat(4000)}`,
  `${LANG_COOKIE}=zh-Hant"; gk_session=${'%'.repeat(30)}`,
  'gk_session=__proto__; constructor=1',
);

/** Every name a portal page could read from its query: its GET forms' fields, and every query name of the API. */
function queryNames(found: Crawl, apiNames: string[]): Record<string, Schema> {
  const names = new Set([...apiNames, 'lang', 'elder', 'back', 'step']);
  for (const f of found.forms) if (f.method === 'get') for (const n of f.fields.keys()) names.add(n);
  return Object.fromEntries([...names].map((n) => [n, { type: 'string' }]));
}

/** Path parameters: the agency's code mostly (hostile otherwise), the others from the links found. */
function paramsArb(path: string, found: Crawl) {
  const values = paramValues(path, found.links);
  return fc.record(
    Object.fromEntries(
      [...values].map(([name, real]) => [name, name === 'site' ? fc.oneof({ weight: 4, arbitrary: fc.constant(SITE) }, { weight: 1, arbitrary: hostileString }) : paramArb([...real].slice(0, 8))]),
    ),
  );
}

/** The fields of the forms that post to this route, with the values the pages gave them. */
function formFields(path: string, found: Crawl): Map<string, string[]> {
  const pattern = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/?#]+')}$`);
  const fields = new Map<string, string[]>();
  for (const f of found.forms.filter((x) => x.method === 'post' && pattern.test(x.action.split('?')[0]!))) {
    for (const [name, values] of f.fields) fields.set(name, [...new Set([...(fields.get(name) ?? []), ...values])]);
  }
  return fields;
}

/** Form fields: the page's own values (or plausible ones) with one made hostile, or all hostile, missing, odd. */
function fieldsArb(fields: Map<string, string[]>) {
  const names = fields.size ? [...fields.keys()] : ['title', 'content', 'name', 'contact', 'step'];
  const schema: Schema = { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])), required: names };
  const plausible = (key: string) => [...(fields.get(key) ?? []), '关于居住证办理的咨询', '13800138000'];
  return objectArb(schema, plausible).map((v) =>
    Object.fromEntries(Object.entries(v && typeof v === 'object' && !Array.isArray(v) ? v : {}).map(([k, x]) => [k, queryValue(x)])),
  );
}

const BOUNDARY = '----portalfuzz';
function multipartOf(fields: Record<string, string>, file: string): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="${file}"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n\u001a\n${file}\r\n`);
  return Buffer.concat([...parts.map((p) => Buffer.from(p)), Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

async function fuzzPage(prober: Prober, path: string, found: Crawl, query: Record<string, Schema>, runs: number): Promise<void> {
  const arb = fc.record({ params: paramsArb(path, found), query: queryArb(query, () => [SITE, '1', '2026-03-02']), cookie: COOKIES });
  for (const c of sampled(arb, seedFor('page', path), runs)) {
    const url = urlOf(path, c.params, c.query);
    await prober.send({ method: 'GET', url, caller: ANONYMOUS, headers: c.cookie ? { cookie: c.cookie } : {} }, `GET ${path}`);
  }
}

/** The page's own values (its first link's parameters, its GET forms' fields), each in turn poisoned. */
async function poisonPage(prober: Prober, path: string, found: Crawl): Promise<void> {
  const real = realParams(path, found);
  const own = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/?#]+')}$`);
  const names = [...new Set(found.forms.filter((f) => f.method === 'get' && own.test(f.action.split('?')[0]!)).flatMap((f) => [...f.fields.keys()]))];
  const send = (params: Record<string, unknown>, query: Record<string, unknown>) =>
    prober.send({ method: 'GET', url: urlOf(path, params as Record<string, string>, queryString(query)), caller: ANONYMOUS }, `GET ${path}`);
  for (const p of poisoned(real, Object.keys(real))) await send(p, {});
  for (const q of poisoned({}, names)) await send(real, q);
}

const realParams = (path: string, found: Crawl) =>
  Object.fromEntries([...paramValues(path, found.links)].map(([name, v]) => [name, name === 'site' ? SITE : ([...v][0] ?? 'x')]));

async function fuzzForm(prober: Prober, path: string, found: Crawl, runs: number): Promise<void> {
  const route = `POST ${path}`;
  const fields = fieldsArb(formFields(path, found));
  const arb = fc.record({ params: paramsArb(path, found), fields, file: hostileString });
  const real = realParams(path, found);
  for (const c of sampled(arb, seedFor('form', path), runs)) {
    const url = urlOf(path, c.params, '');
    const payload = queryString(c.fields);
    await prober.send({ method: 'POST', url, caller: ANONYMOUS, payload, headers: { ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } }, route);
  }
  for (const c of sampled(arb, seedFor('multipart', path), RUNS.multipartForm)) {
    const headers = { ...SAME_ORIGIN, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
    await prober.send({ method: 'POST', url: urlOf(path, real, ''), caller: ANONYMOUS, payload: multipartOf(c.fields, c.file), headers }, route);
  }
  const own = formFields(path, found);
  const baseline = Object.fromEntries([...own].map(([k, v]) => [k, v[0] ?? '关于居住证办理的咨询']));
  for (const f of poisoned(baseline, [...own.keys()])) {
    const payload = queryString(f);
    await prober.send({ method: 'POST', url: urlOf(path, real, ''), caller: ANONYMOUS, payload, headers: { ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } }, route);
  }
  for (const raw of [...RAW_BODIES, ...RAW_MULTIPART]) {
    const headers = { ...SAME_ORIGIN, ...(raw.contentType === undefined ? {} : { 'content-type': raw.contentType }) };
    await prober.send({ method: 'POST', url: urlOf(path, real, ''), caller: ANONYMOUS, payload: raw.payload, headers }, route);
  }
}

describeHostile('hostile requests to every portal page and form', async (t, prober) => {
  const routes = serverRoutes(t.app).filter((r) => !NOT_PORTAL.test(r.path));
  const pages = routes.filter((r) => r.method === 'GET').map((r) => r.path);
  const forms = routes.filter((r) => r.method === 'POST').map((r) => r.path);
  expect(pages.length).toBeGreaterThan(40);
  expect(forms.length).toBeGreaterThanOrEqual(6);

  // What a visitor reaches from the home page and from the tracking pages of the messages sent so far.
  const codes = await t.db.kysely.selectFrom('messages').select('tracking_code').limit(4).execute();
  const base = `/sites/${SITE}`;
  const found = await crawl(t.app, [base, ...codes.map((c) => `${base}/messages/track/${c.tracking_code}`)], base, 150);
  const query = queryNames(found, (await apiOperations(t.app)).flatMap((op) => Object.keys(op.query)));

  for (const path of pages) {
    await fuzzPage(prober, path, found, query, path.startsWith('/sites/') ? RUNS.sitePage : RUNS.rootPage);
    await poisonPage(prober, path, found);
  }
  for (const path of forms) await fuzzForm(prober, path, found, path.startsWith('/sites/') ? RUNS.form : RUNS.form / 4);
  return `over ${pages.length} pages and ${forms.length} forms (${found.forms.length} forms on ${found.links.size} links crawled)`;
});

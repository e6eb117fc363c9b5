import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieSecure } from '../http/security.js';
import type { AppContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { loadStylesheet, registerAssets } from './assets.js';
import { renderDirectoryPage } from './directory.page.js';
import { registerSiteForms } from './forms.js';
import { isLang } from './i18n.js';
import { renderPage } from './layout.js';
import { etagMatches, PageCache, pageFor, type CachedPage } from './page-cache.js';
import { ELDER_COOKIE, LANG_COOKIE, PREF_COOKIE_MAX_AGE, readPrefs, safeBack } from './prefs.js';
import { SiteDirectory } from './site.js';
import type { Agency, PageOutcome, SiteCache, SiteContribution, SiteFile, SitePage } from './site-api.js';
import { originCacheable, resolveRequest } from './resolve.js';
import { portalState, setPortalState, type PortalState } from './state.js';
import { makeView } from './view.js';

/** The query string of a request without `lang` (which the preferences set themselves). */
function keptQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const params = new URLSearchParams(url.slice(at + 1));
  params.delete('lang');
  return params.toString();
}

export interface PortalOptions {
  /** What the modules contribute to every agency site, in the order their routes are registered. */
  sites: readonly SiteContribution[];
  /** Every agency, for resolving a request to its site (reloaded after `org.changed`). */
  agencies: (ctx: AppContext) => Promise<Agency[]>;
}

/**
 * The public portal: one site per agency, at "/" (by host, default site or the only agency) and at
 * "/sites/{code}/". Pages are the same for every anonymous reader, so they are rendered once per
 * (agency, address, language, elder mode) and kept until what they show changes. The portal knows no module:
 * pages, files, forms and what drops them come from the modules' `site` contributions.
 */
export async function registerPortal(app: FastifyInstance, ctx: AppContext, options: PortalOptions): Promise<void> {
  const state: PortalState = { sites: new SiteDirectory(() => options.agencies(ctx)), cache: new PageCache(), css: loadStylesheet() };
  setPortalState(ctx, state);
  // The agency's profile is on every page of its site (header, footer, contact): its change drops them all.
  ctx.events.on('org.changed', ({ agencyId }) => {
    state.sites.invalidate();
    state.cache.invalidateAgency(agencyId);
  });
  const cache: SiteCache = {
    invalidateAgency: (agencyId) => state.cache.invalidateAgency(agencyId),
    invalidateTags: (agencyId, tags) => state.cache.invalidateTags(agencyId, tags),
    invalidateAll: () => {
      // At once: no page being rendered now is stored (and the directory goes); then every agency's pages.
      state.cache.invalidateAgency('*');
      state.sites.agencies().then(
        (agencies) => {
          for (const agency of agencies.list) state.cache.invalidateAgency(agency.id);
        },
        () => undefined, // the TTL is the backstop when the agencies cannot be read
      );
    },
  };
  for (const site of options.sites) site.invalidates?.(ctx, cache);

  registerAssets(app, state.css);
  for (const page of options.sites.flatMap((site) => site.pages ?? [])) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => servePage(ctx, req, reply, page);
    app.get(page.path, handler);
    app.get(page.path === '/' ? '/sites/:site' : `/sites/:site${page.path}`, handler);
  }
  for (const file of options.sites.flatMap((site) => site.files ?? [])) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => serveFile(ctx, req, reply, file);
    app.get(file.path, handler);
    app.get(`/sites/:site${file.path}`, handler);
  }
  for (const site of options.sites) await site.routes?.(app, ctx);
  await registerSiteForms(app, ctx, options.sites.flatMap((site) => site.forms ?? []));
  const prefs = (req: FastifyRequest, reply: FastifyReply) => setPrefs(ctx, req, reply);
  app.get('/prefs', prefs);
  app.get('/sites/:site/prefs', prefs);
}

/** The part of the cache key a page's query gives; null: not cached. */
function variantOf(page: SitePage, query: Record<string, unknown>): string | null {
  if (page.variant) return page.variant(query);
  if (page.readsQuery) return Object.keys(query).every((k) => k === 'lang') ? '' : null;
  return '';
}

async function servePage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, page: SitePage) {
  const state = portalState(ctx)!;
  // Taken before any data is read, so a page rendered across a change is not cached.
  const generation = state.cache.generation();
  const { kind, site, base, request, query } = await resolveRequest(ctx, req, state);
  if (kind === 'directory' && page.id !== 'home') throw notFound('您访问的页面不存在');
  const prefs = readPrefs(req);
  const variant = variantOf(page, query);
  const cacheable = variant !== null && (!page.usesOrigin || originCacheable(ctx, request.origin));
  const key = [
    site?.agency.id ?? '*',
    base,
    page.id,
    JSON.stringify(request.params),
    variant,
    page.usesOrigin ? request.origin : '',
    prefs.lang,
    prefs.elder ? 1 : 0,
    prefs.langFromQuery ? 1 : 0,
  ].join('|');
  let cached = cacheable ? state.cache.get(key) : undefined;
  if (!cached) {
    const kept = page.readsQuery ? keptQuery(req.url) : '';
    const view = makeView({ prefs, agency: site?.agency ?? null, base, path: site ? request.path : page.path, cssHref: state.css.href, query: kept });
    const rendered = site ? await page.render(ctx, view, site.agency, query, request) : renderDirectoryPage(view, (await state.sites.agencies()).list);
    const outcome: PageOutcome = 'content' in rendered ? rendered : { content: rendered };
    cached = pageFor(renderPage(view, outcome.content), prefs.lang, outcome.status ? { status: outcome.status } : {});
    if (cacheable) state.cache.set(key, site?.agency.id ?? null, cached, generation, outcome.tags);
  }
  return sendPage(req, reply, cached);
}

async function serveFile(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, file: SiteFile) {
  const state = portalState(ctx)!;
  const generation = state.cache.generation();
  const { site, base, request } = await resolveRequest(ctx, req, state);
  if (!site) throw notFound('您访问的页面不存在');
  const cacheable = originCacheable(ctx, request.origin);
  const key = [site.agency.id, base, file.id, JSON.stringify(request.params), request.origin].join('|');
  let cached = cacheable ? state.cache.get(key) : undefined;
  if (!cached) {
    const out = await file.render(ctx, site.agency, base, request);
    const type = typeof file.type === 'string' ? file.type : file.type(request);
    cached = pageFor(out.body, 'zh-CN', { type, ...(out.status ? { status: out.status } : {}) });
    if (cacheable) state.cache.set(key, site.agency.id, cached, generation, out.tags);
  }
  return sendPage(req, reply, cached);
}

function sendPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  reply
    .header('cache-control', 'no-cache')
    .header('etag', page.etag)
    .header('vary', 'Cookie')
    .header('content-language', page.lang);
  const status = page.status ?? 200;
  // 304 stands for a 200 only; other answers (410 withdrawn) are sent whole.
  if (status === 200 && etagMatches(req.headers['if-none-match'], page.etag)) return reply.code(304).send();
  return reply.code(status).type(page.type ?? 'text/html; charset=utf-8').send(page.body);
}

/** GET /prefs?lang=&elder=&back=: remembers the reader's choice in cookies, then goes back (same site only). */
async function setPrefs(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const q = req.query as Record<string, unknown>;
  const options = { path: '/', sameSite: 'lax' as const, httpOnly: true, secure: cookieSecure(ctx, req), maxAge: PREF_COOKIE_MAX_AGE };
  if (isLang(q.lang)) reply.setCookie(LANG_COOKIE, q.lang, options);
  if (q.elder === '1' || q.elder === '0') reply.setCookie(ELDER_COOKIE, q.elder, options);
  const code = (req.params as { site?: string }).site;
  const fallback = code ? `/sites/${encodeURIComponent(code)}/` : '/';
  reply.header('cache-control', 'no-store');
  return reply.redirect(safeBack(q.back, fallback), 303);
}

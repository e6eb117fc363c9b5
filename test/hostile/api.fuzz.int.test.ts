import fc from 'fast-check';
import { expect } from 'vitest';
import type { TestApp } from '../support/app.js';
import { RAW_BODIES, RAW_MULTIPART, RAW_URL_PARTS } from './corpus.js';
import { NUMBER_POISON, numberFields, paramArb, poisoned, queryArb, queryString, sampled, seedFor, textFields, urlOf, ValuePools } from './plan.js';
import { ANONYMOUS, Prober, staffCaller, type Caller } from './probe.js';
import { apiOperations, type ApiOperation } from './routes.js';
import { minimal, objectArb } from './schema.js';
import { describeHostile } from './suite.js';

/** Requests per (caller, operation): signed-in callers reach the handlers, anonymous ones mostly the refusal. */
const RUNS = { staff: 20, publicAnonymous: 32, staffAnonymous: 3 };
/** Staff of every kind of power: the agency office, a unit editor, and the three administrators. */
const ROLES = ['office', 'editor', 'secadmin', 'sysadmin', 'auditor'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Signing in or out ends the caller's session (a new session on every sign-in, against fixation): those routes
 * are fuzzed anonymously only, or the rest of the run would be anonymous too.
 */
const signsOut = (op: ApiOperation) => op.path === '/api/v1/session' && op.method !== 'GET';

const prefixOf = (path: string, name: string) => path.slice(0, path.indexOf(`:${name}`)).replace(/\/$/, '');

/** Real ids and codes from what the listing routes answer, so hostile bodies reach existing records too. */
async function harvest(t: TestApp, ops: ApiOperation[], callers: Caller[]): Promise<ValuePools> {
  const pools = new ValuePools(new Set(callers.flatMap((c) => (c.userId ? [c.userId] : []))));
  const listings = ops.filter((op) => op.method === 'GET' && !op.pathParams.length);
  for (const caller of callers) {
    for (const op of listings) {
      const res = await t.app.inject({ method: 'GET', url: `${op.path}${'org' in op.query ? '?org=jiangchuan' : ''}`, headers: caller.headers });
      if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) pools.add(res.json(), op.path);
    }
  }
  // One level down: the records behind the first ids (assignments of a user, attachments of an item …).
  for (const op of ops.filter((o) => o.method === 'GET' && o.pathParams.length === 1)) {
    const [name] = op.pathParams as [string];
    for (const v of pools.for(prefixOf(op.path, name), name).slice(0, 2)) {
      const res = await t.app.inject({ method: 'GET', url: urlOf(op.path, { [name]: v }, ''), headers: callers[1]!.headers });
      if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) pools.add(res.json(), op.path.replace(`:${name}`, v));
    }
  }
  return pools;
}

function caseArb(op: ApiOperation, pools: ValuePools) {
  const params = fc.record(Object.fromEntries(op.pathParams.map((name) => [name, paramArb(pools.for(prefixOf(op.path, name), name))])));
  const body = op.body ? fc.option(objectArb(op.body, pools.named), { freq: 12 }) : fc.constant(null);
  return fc.record({ params, query: queryArb(op.query, pools.named), body });
}

async function fuzzOperation(prober: Prober, op: ApiOperation, caller: Caller, pools: ValuePools, runs: number): Promise<void> {
  const route = `${op.method} ${op.path}`;
  for (const c of sampled(caseArb(op, pools), seedFor(caller.name, route), runs)) {
    const url = urlOf(op.path, c.params, c.query);
    const body = c.body === null ? undefined : JSON.stringify(c.body);
    await prober.send({ method: op.method, url, caller, ...(body !== undefined ? { payload: body, headers: { 'content-type': 'application/json' } } : {}) }, route);
  }
}

/** Each text and number field of the query, the body and the path, in turn, poisoned in an otherwise accepted request. */
async function poisonCases(prober: Prober, op: ApiOperation, caller: Caller, pools: ValuePools): Promise<void> {
  const route = `${op.method} ${op.path}`;
  const real = Object.fromEntries(op.pathParams.map((n) => [n, pools.for(prefixOf(op.path, n), n)[0] ?? 'x']));
  const query = minimal({ type: 'object', properties: op.query }, pools.named) as Record<string, unknown>;
  const body = op.body ? (minimal(op.body, pools.named) as Record<string, unknown>) : undefined;
  const send = (params: Record<string, string>, q: Record<string, unknown>, b: unknown) =>
    prober.send({ method: op.method, url: urlOf(op.path, params, queryString(q)), caller, ...(b !== undefined ? { payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } } : {}) }, route);
  for (const p of poisoned(real, op.pathParams)) await send(p as Record<string, string>, query, body);
  for (const q of poisoned(query, textFields(op.query))) await send(real, q, body);
  if (body) for (const b of poisoned(body, textFields(op.body?.properties ?? {}))) await send(real, query, b);
  for (const q of poisoned(query, numberFields(op.query), NUMBER_POISON)) await send(real, q, body);
  if (body) for (const b of poisoned(body, numberFields(op.body?.properties ?? {}), NUMBER_POISON)) await send(real, query, b);
}

/** What no generator produces: broken bodies and content types, broken percent-encoding in the path. */
async function rawCases(prober: Prober, op: ApiOperation, caller: Caller, pools: ValuePools): Promise<void> {
  const route = `${op.method} ${op.path}`;
  const real = Object.fromEntries(op.pathParams.map((n) => [n, pools.for(prefixOf(op.path, n), n)[0] ?? 'x']));
  if (WITH_BODY.has(op.method)) {
    for (const raw of [...RAW_BODIES, ...RAW_MULTIPART]) {
      await prober.send({ method: op.method, url: urlOf(op.path, real, ''), caller, payload: raw.payload, headers: raw.contentType === undefined ? {} : { 'content-type': raw.contentType } }, route);
    }
  }
  for (const name of op.pathParams) {
    for (const part of RAW_URL_PARTS) await prober.send({ method: op.method, url: urlOf(op.path, { ...real, [name]: part }, ''), caller }, route);
  }
}

describeHostile('hostile requests to every operation of the OpenAPI document', async (t, prober) => {
  const ops = await apiOperations(t.app);
  expect(ops.length).toBeGreaterThan(100);
  const staff = await Promise.all(ROLES.map((r) => staffCaller(t, r)));
  const pools = await harvest(t, ops, staff);

  const signedOut: string[] = [];
  for (const op of ops) {
    const anonymousRuns = op.auth === 'public' ? RUNS.publicAnonymous : RUNS.staffAnonymous;
    await fuzzOperation(prober, op, ANONYMOUS, pools, anonymousRuns);
    await rawCases(prober, op, ANONYMOUS, pools);
    if (op.auth === 'public') await poisonCases(prober, op, ANONYMOUS, pools);
    if (signsOut(op)) continue;
    for (const [i, caller] of staff.entries()) {
      await fuzzOperation(prober, op, caller, pools, RUNS.staff);
      await poisonCases(prober, op, caller, pools);
      if (i === 0) await rawCases(prober, op, caller, pools);
      // A fuzzed request may end the session (a role removed, an account disabled): sign in again to go on.
      const alive = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: caller.headers });
      if (alive.statusCode !== 200) {
        signedOut.push(`${caller.name} after ${op.method} ${op.path}`);
        staff[i] = await staffCaller(t, caller.name);
      }
    }
  }
  return `over ${ops.length} operations; signed in again: ${signedOut.join(', ') || 'never'}`;
});

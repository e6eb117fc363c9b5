import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { searchStats } from '../../src/modules/search/analytics.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { signIn, type TestApp } from '../support/app.js';

/** Who sends a request: nobody, or a signed-in staff member with the session cookie and the CSRF token. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  userId?: string;
}

export const ANONYMOUS: Caller = { name: 'anonymous', headers: {} };

/** A signed-in staff member; an administrator enrols a TOTP authenticator first, kept to sign in again later. */
export async function staffCaller(t: TestApp, username: string): Promise<Caller> {
  const secrets = totpSecrets.get(t) ?? new Map<string, string>();
  totpSecrets.set(t, secrets);
  let secret = secrets.get(username);
  if (!secret) {
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: DEMO_PASSWORD } });
    secret = first.json<{ error?: { enrollment?: { secret?: string } } }>().error?.enrollment?.secret;
    if (secret) secrets.set(username, secret);
  }
  const s = await signIn(t, username, DEMO_PASSWORD, secret);
  return { name: username, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, userId: s.userId };
}
const totpSecrets = new WeakMap<TestApp, Map<string, string>>();

export interface Probe {
  method: string;
  url: string;
  caller: Caller;
  payload?: string | Buffer | object | unknown[];
  headers?: Record<string, string>;
}

/**
 * The server's own account of its failures, by request id: the log lines of level error and above, so that a
 * reproduction says what broke inside (a database error, an exception of a parser …).
 */
export class FailureLog {
  private readonly byRequest = new Map<string, string>();
  readonly stream = {
    write: (line: string) => {
      try {
        const entry = JSON.parse(line) as { reqId?: string; msg?: string; err?: { type?: string; message?: string; code?: string } };
        const what = entry.err ? `${entry.err.type ?? 'Error'}${entry.err.code ? ` ${entry.err.code}` : ''}: ${entry.err.message ?? ''}` : (entry.msg ?? '');
        this.byRequest.set(entry.reqId ?? '-', what);
      } catch {
        this.byRequest.set('-', line);
      }
    },
  };
  /** For startTestApp: errors only, into this log. */
  get logger() {
    return { level: 'error', stream: this.stream };
  }
  of(requestId: string | undefined): string | undefined {
    return this.byRequest.get(requestId ?? '-');
  }
}

/** A frame of a stack trace (V8's format) or Node's internals: an answer must never carry one. */
const STACK = /\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)|node:internal\/|\bat file:\/\/\//;
const ANSWER_MS = 15_000;

/**
 * Sends hostile requests through app.inject and keeps every answer that breaks the rules: a status of 500 or
 * more, no answer in time, a stack trace in the body, an API refusal that is not the JSON error shape.
 * Each problem is kept as a reproduction (caller, method, URL, body, status, answer).
 */
export class Prober {
  sent = 0;
  /** How many answers had each status: shows how far the requests got (2xx: past validation into the handlers). */
  readonly statuses = new Map<number, number>();
  readonly problems: string[] = [];
  private readonly byRoute = new Map<string, number>();
  private readonly byCause = new Map<string, number>();
  /** Time spent per route, to find what makes a run slow (a request that stalls the event loop stalls every other). */
  readonly timeByRoute = new Map<string, number>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly log?: FailureLog,
  ) {}

  async send(probe: Probe, route: string): Promise<LightMyRequestResponse | undefined> {
    const n = this.sent++;
    const began = performance.now();
    // Each request from an address of its own: the per-address limits must not hide the handlers behind 429s.
    const remoteAddress = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const headers = { ...probe.caller.headers, ...probe.headers };
    let timer: NodeJS.Timeout | undefined;
    const answer = this.app.inject({
      method: probe.method as 'GET',
      url: probe.url,
      headers,
      remoteAddress,
      ...(probe.payload !== undefined ? { payload: probe.payload as string } : {}),
    });
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ANSWER_MS)));
    const res = await Promise.race([answer, late]).catch((err: unknown) => err as Error);
    clearTimeout(timer);
    this.timeByRoute.set(route, (this.timeByRoute.get(route) ?? 0) + performance.now() - began);
    if (process.env.HOSTILE_TRACE && performance.now() - began > 1000) console.info(`slow ${Math.round(performance.now() - began)} ms: ${probe.method} ${probe.url.slice(0, 200)}`);
    if (res !== 'late' && !(res instanceof Error)) this.statuses.set(res.statusCode, (this.statuses.get(res.statusCode) ?? 0) + 1);
    const problem =
      res === 'late'
        ? `no answer within ${ANSWER_MS / 1000} s`
        : res instanceof Error
          ? `inject failed: ${res.message}`
          : this.judge(probe, res);
    if (problem) this.record(probe, route, problem, res);
    return res === 'late' || res instanceof Error ? undefined : res;
  }

  private judge(probe: Probe, res: LightMyRequestResponse): string | null {
    if (res.statusCode >= 500) return `status ${res.statusCode}`;
    if (STACK.test(res.body)) return `stack trace in the answer (status ${res.statusCode})`;
    if (probe.url.startsWith('/api/') && res.statusCode >= 400 && !isErrorBody(res)) return `API refusal ${res.statusCode} is not {error:{code,message}}`;
    return null;
  }

  private record(probe: Probe, route: string, problem: string, res: unknown): void {
    const key = `${problem.replace(/\(.*\)/, '').trim()} ← ${route}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    const answered = res && typeof res === 'object' && 'body' in res ? (res as LightMyRequestResponse) : undefined;
    const answer = answered ? answered.body : '';
    const cause = answered ? this.log?.of(String(answered.headers['x-request-id'])) : undefined;
    const why = clip(cause ?? problem, 120);
    this.byCause.set(why, (this.byCause.get(why) ?? 0) + 1);
    this.problems.push(
      [
        `${problem} as ${probe.caller.name}: ${probe.method} ${clip(probe.url, 300)}`,
        probe.headers?.['content-type'] !== undefined ? `  content-type: ${probe.headers['content-type']}` : '',
        probe.payload !== undefined ? `  body: ${clip(typeof probe.payload === 'string' ? JSON.stringify(probe.payload) : Buffer.isBuffer(probe.payload) ? JSON.stringify(probe.payload.toString('latin1')) : JSON.stringify(probe.payload), 300)}` : '',
        cause ? `  server: ${clip(cause, 300)}` : answer ? `  answer: ${clip(answer, 200)}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }

  /** "200×n 400×m …", for the log line of a run. */
  statusSummary(): string {
    return [...this.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  }

  /** The routes that took longest, for the log line of a run. */
  slowest(n = 5): string {
    return [...this.timeByRoute].sort((a, b) => b[1] - a[1]).slice(0, n).map(([r, ms]) => `${r} ${(ms / 1000).toFixed(1)} s`).join(', ');
  }

  /** Empty when every answer was fine; else a summary per route and the reproductions (the first 60 in full). */
  report(): string {
    if (!this.problems.length) return '';
    const count = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} × ${k}`);
    const shown = this.problems.slice(0, 60);
    return [
      `${this.problems.length} of ${this.sent} hostile requests broke the rules; by cause:`,
      ...count(this.byCause),
      'by route:',
      ...count(this.byRoute),
      '',
      ...shown,
      this.problems.length > shown.length ? `… and ${this.problems.length - shown.length} more` : '',
    ].join('\n');
  }
}

function isErrorBody(res: LightMyRequestResponse): boolean {
  try {
    const body = res.json<{ error?: { code?: unknown; message?: unknown } }>();
    return typeof body.error?.code === 'string' && typeof body.error.message === 'string';
  } catch {
    return false;
  }
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/**
 * After a run: the server still answers, the search counts gathered during the run are written (a background write
 * that fails must not end the process, and must not fail silently here either), and no prototype was polluted.
 */
export async function afterRun(t: TestApp): Promise<string[]> {
  const problems: string[] = [];
  await searchStats(t.ctx.db, t.ctx.clock)
    .flush()
    .catch((err: Error) => problems.push(`the search analytics write failed: ${err.message}`));
  const health = await t.app.inject({ method: 'GET', url: '/healthz' });
  if (health.statusCode !== 200) problems.push(`GET /healthz answers ${health.statusCode} after the run`);
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined) {
    problems.push('Object.prototype was polluted');
  }
  return problems;
}

/** Background failures (a rejected promise nobody awaited) seen while the suite runs: each would end a server. */
export function watchBackgroundFailures(): { failures: string[]; stop(): void } {
  const failures: string[] = [];
  const onRejection = (reason: unknown) => failures.push(`unhandled rejection: ${(reason as Error)?.message ?? String(reason)}`);
  const onException = (err: Error) => failures.push(`uncaught exception: ${err.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    failures,
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

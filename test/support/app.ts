import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { buildApp, type BuildOptions } from '../../src/http/app.js';
import type { AppContext } from '../../src/shared/context.js';
import { totpAt } from '../../src/modules/accounts/totp.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/demo.seed.js';
import type { TestDatabase } from './databases.js';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private t = new Date('2026-03-02T02:00:00.000Z').getTime()) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db & { url: string };
  clock: TestClock;
  close(): Promise<void>;
}

export async function startTestApp(
  database: TestDatabase,
  options: { demo?: boolean; demoDocuments?: boolean; config?: Partial<Config>; logger?: BuildOptions['logger'] } = {},
): Promise<TestApp> {
  const db = await database.open();
  const clock = new TestClock();
  // A clean environment: the test runner sets variables of its own (BASE_URL among them).
  // Files of the test (attachments, outbox) go to a folder of its own, never the developer's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-data-'));
  const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }, options.config);
  const { app, ctx } = await buildApp({ db, config, clock: clock.now, logger: options.logger ?? false });
  await app.ready();
  if (options.demo) await seedDemo(ctx, { documents: options.demoDocuments ?? false });
  return {
    app,
    ctx,
    db,
    clock,
    close: async () => {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second application instance on the same database (and clock), as a province runs several behind a load
 * balancer: for exactly-once jobs and cross-instance behaviour.
 */
export async function startPeer(t: TestApp): Promise<TestApp> {
  const db = { ...openDatabase(t.db.url), url: t.db.url };
  const { app, ctx } = await buildApp({ db, config: t.ctx.config, clock: t.clock.now, logger: false });
  await app.ready();
  return { app, ctx, db, clock: t.clock, close: async () => { await app.close(); await db.close(); } };
}

/** A signed-in staff member: requests carry the session cookie and the CSRF token. */
export interface Staff {
  cookie: string;
  csrf: string;
  userId: string;
  /** The second factor used to sign in (the one enrolled at this sign-in, or the one given). */
  totpSecret?: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/**
 * One-time passwords replaced at a first sign-in, per database, account and the password the test gave: a test keeps
 * signing in with the password it set when it created the account, as if the owner had chosen it.
 */
const replacedPasswords = new Map<string, string>();

export async function signIn(t: TestApp, username: string, given = DEMO_PASSWORD, totpSecret?: string): Promise<Staff> {
  const key = `${t.db.url}\n${username}\n${given}`;
  const password = replacedPasswords.get(key) ?? given;
  let newPassword: string | undefined;
  const post = (totp?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password, ...(newPassword ? { newPassword } : {}), ...(totp ? { totp } : {}) } });
  const code = (r: LightMyRequestResponse): string | undefined => (r.statusCode === 401 ? r.json().error.code : undefined);
  let res = await post();
  if (code(res) === 'password_change_required') {
    newPassword = `${given}+Own`;
    res = await post();
  }
  if (code(res) === 'totp_enrollment_required') {
    totpSecret = res.json().error.enrollment.secret as string;
  }
  if (res.statusCode === 401 && totpSecret) {
    res = await post(totpAt(totpSecret, t.clock.now()));
    // Each code is accepted once: move past this step so a later sign-in gets a fresh code.
    t.clock.advance(30_000);
  }
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  if (newPassword) replacedPasswords.set(key, newPassword);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const { csrfToken, user } = res.json();
  return {
    cookie,
    csrf: csrfToken,
    userId: user.id,
    ...(totpSecret ? { totpSecret } : {}),
    request: (method, url, body) =>
      t.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrfToken },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import type { AppContext } from './shared/context.js';
import { AppError } from './shared/errors.js';
import { moduleHooks, MODULES } from './http/modules.js';
import { startJobs } from './shared/jobs.js';
import { indexIsStale, reindexAll } from './modules/search/index.js';
import { logUnhandledRejections, runInBackground } from './shared/background.js';
import { EventBus } from './shared/events.js';
import { parseOrThrow } from './shared/validation.js';
import { isRole, ROLES } from './modules/accounts/index.js';
import { createUser, grantRole } from './modules/accounts/index.js';
import { cliActor, verifyAuditChain } from './modules/audit/index.js';
import type { ChainBreak } from './modules/audit/index.js';
import { AuditKeyError, AuditSeal } from './modules/audit/index.js';
import { importNotice } from './modules/calendar/index.js';
import { loadCalendar } from './modules/calendar/index.js';
import { computeDeadline } from './modules/calendar/index.js';
import { HolidayNoticeSchema, type HolidayNotice } from './modules/calendar/index.js';
import { importDocuments } from './modules/publishing/index.js';
import { parseJsonLines, parseMarkdownDocument, type ImportedDocument } from './modules/publishing/index.js';
import { DEMO_PASSWORD, seedDemo, unchangedDemoAccounts } from './modules/demo/index.js';
import { createOrg } from './modules/organisations/index.js';
import { CreateOrgBody } from './modules/organisations/index.js';

/** A failure the operator can act on: printed as one line, exit code 1. */
class CliError extends Error {}

const USAGE = `usage: gongkai <command>
  serve [--port N] [--seed-demo]   migrate, then serve portal, console and API
  migrate                          apply pending migrations
  seed --demo                      load the demo agency (only into an empty database)
  user add --username U --role ROLE --org ORGCODE --password-stdin [--name NAME]
  org add --code CODE --name NAME [--parent CODE]
  audit verify                     check the audit log's hash chain
  workdays add DATE N [--org ORGCODE] [--json]
  workdays between FROM TO [--org ORGCODE]
  calendar import FILE [--org ORGCODE|*]   import a holiday notice (holiday-cn JSON)
  import PATH… --org ORGCODE [--category CODE] [--publish]   import Markdown (laws corpus format) and JSON Lines
  search reindex                   rebuild the search index (safe while the server runs)`;

function describeBreak(b: ChainBreak): string {
  switch (b.problem) {
    case 'missing':
      return `record ${b.expectedSeq} is missing (next present: ${b.seq})`;
    case 'truncated':
      return `records from ${b.seq} on are missing (truncated: a checkpoint of ${b.checkpointAt} vouches for record ${b.checkpointSeq})`;
    case 'wrong-key':
      return `record ${b.seq} is sealed with audit key ${b.keyId}, not the configured one (check AUDIT_KEY_FILE / AUDIT_KEY)`;
    case 'forged-checkpoint':
      return `a checkpoint line for record ${b.seq} is not sealed with the audit key (forged or damaged checkpoint file)`;
    case 'altered':
      return b.checkpointAt ? `record ${b.seq} is altered (its hash differs from the checkpoint of ${b.checkpointAt})` : `record ${b.seq} is altered`;
    case 'relinked':
      return `record ${b.seq} is relinked`;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function contextFor(db: Db, config: Config): AppContext {
  const clock = () => new Date();
  const auditSeal = new AuditSeal({
    settings: config.audit,
    db,
    clock,
    redisUrl: config.redisUrl,
    onError: (err, message) => console.warn(`warning: ${message} (${err instanceof Error ? err.message : String(err)})`),
  });
  return { db, config, clock, hooks: moduleHooks(), events: new EventBus(), auditSeal };
}

/**
 * Runs a command against the database. With REDIS_URL set, the command's domain events reach running
 * servers, so a unit added here shows on the portal at once.
 */
async function withDb<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const db = openDatabase(config.databaseUrl);
  const ctx = contextFor(db, config);
  try {
    await migrate(db);
    if (config.redisUrl) {
      await ctx.events.connect(config.redisUrl).catch(async (err: unknown) => {
        await ctx.events.close().catch(() => undefined);
        console.warn(`warning: Redis unreachable, running servers learn of this change within 10 minutes (${String(err)})`);
      });
    }
    return await fn(ctx);
  } finally {
    // What the command appended is checkpointed outside the database before it ends.
    await ctx.auditSeal.close();
    await ctx.events.close();
    await db.close();
  }
}

export async function printDemoAccounts(ctx: AppContext, log: (line: string) => void): Promise<void> {
  const accounts = await unchangedDemoAccounts(ctx);
  if (accounts.length === 0) return;
  log(`演示账号（密码均为 ${DEMO_PASSWORD}，正式使用前请修改；系统/安全/审计管理员首次登录时绑定动态验证码）:`);
  for (const a of accounts) log(`  ${a.username.padEnd(10)} ${a.role.padEnd(14)} ${a.displayName}`);
}

async function serve(config: Config, seed: boolean): Promise<void> {
  const started = process.hrtime.bigint();
  const db = openDatabase(config.databaseUrl);
  await migrate(db);
  const { app, ctx } = await buildApp({ db, config });
  if (seed && (await seedDemo(ctx))) app.log.info('demo agency seeded into the empty database');
  const stopLogging = logUnhandledRejections(app.log);
  // Their failures go to the app's log (buildApp made it the background logger).
  const stopJobs = startJobs(ctx, MODULES);
  app.addHook('onClose', async () => {
    stopLogging();
    stopJobs();
  });
  await app.listen({ port: config.port, host: config.host });
  if (await indexIsStale(db)) {
    // A release that changed tokenisation (or a database from before search): rebuilt while already serving.
    app.log.info('search index is out of date: rebuilding in the background');
    void runInBackground('search index rebuild', async () => {
      const r = await reindexAll(db);
      app.log.info({ items: r.done }, 'search index rebuilt');
    });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const url = `http://localhost:${config.port}`;
  console.log(`Gongkai 公开 已启动（${ms.toFixed(0)} ms）: 门户 ${url}/  控制台 ${url}/console  接口 ${url}/api/openapi.json`);
  await printDemoAccounts(ctx, (l) => console.log(l));
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { port: { type: 'string' }, 'seed-demo': { type: 'boolean' } },
      });
      const port = values.port !== undefined ? Number(values.port) : config.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`invalid port: ${values.port}`);
      return serve({ ...config, port }, Boolean(values['seed-demo']));
    }
    case 'migrate': {
      const db = openDatabase(config.databaseUrl);
      try {
        const { applied } = await migrate(db);
        console.log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
      } finally {
        await db.close();
      }
      return;
    }
    case 'seed': {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean' } } });
      if (!values.demo) throw new CliError('seed needs --demo');
      return withDb(config, async (ctx) => {
        if (!(await seedDemo(ctx))) throw new CliError('the database is not empty: the demo is loaded only into an empty database');
        console.log('demo agency seeded');
        await printDemoAccounts(ctx, (l) => console.log(l));
      });
    }
    case 'user': {
      if (sub !== 'add') throw new CliError('usage: gongkai user add --username U --role ROLE --org ORGCODE --password-stdin');
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          role: { type: 'string' },
          org: { type: 'string' },
          name: { type: 'string' },
          'password-stdin': { type: 'boolean' },
        },
      });
      if (!values.username || !values.role || !values.org) throw new CliError('--username, --role and --org are required');
      if (!isRole(values.role)) throw new CliError(`unknown role ${values.role}: one of ${ROLES.join(', ')}`);
      if (!values['password-stdin']) throw new CliError('--password-stdin is required: the password is read from standard input');
      const password = await readStdin();
      const role = values.role;
      return withDb(config, async (ctx) => {
        const actor = cliActor();
        // A platform-wide role ('*') lives on a user whose home organisation is the first agency.
        const homeOrg =
          values.org === '*'
            ? (await ctx.db.kysely.selectFrom('organisations').select('code').where('kind', '=', 'agency').orderBy('created_at').executeTakeFirst())?.code
            : values.org;
        if (!homeOrg) throw new CliError('no organisation exists yet: create one with gongkai org add');
        const user = await createUser(ctx, null, actor, {
          username: values.username!,
          displayName: values.name ?? values.username!,
          org: homeOrg,
          email: null,
          phone: null,
          password,
        });
        await grantRole(ctx, null, actor, user.id, role, values.org!);
        console.log(`created user ${user.username} (${role} @ ${values.org})`);
      });
    }
    case 'org': {
      if (sub !== 'add') throw new CliError('usage: gongkai org add --code CODE --name NAME [--parent CODE]');
      const { values } = parseArgs({
        args: rest,
        options: { code: { type: 'string' }, name: { type: 'string' }, parent: { type: 'string' } },
      });
      const input = parseOrThrow(CreateOrgBody, { code: values.code, name: values.name, parentCode: values.parent });
      return withDb(config, async (ctx) => {
        const org = await createOrg(ctx, null, cliActor(), input);
        console.log(`created ${org.kind} ${org.code} ${org.name}`);
      });
    }
    case 'audit': {
      if (sub !== 'verify') throw new CliError('usage: gongkai audit verify');
      return withDb(config, async (ctx) => {
        const result = await verifyAuditChain(ctx).catch((err: unknown) => {
          throw err instanceof AuditKeyError ? new CliError(err.message) : err;
        });
        if (result.ok) {
          console.log(`ok ${result.count} records`);
          return;
        }
        throw new CliError(`audit chain broken after ${result.count} intact records: ${describeBreak(result.break!)}`);
      });
    }
    case 'search': {
      if (sub !== 'reindex') throw new CliError('usage: gongkai search reindex');
      return withDb(config, async (ctx) => {
        const started = Date.now();
        let last = 0;
        const result = await reindexAll(ctx.db, ({ done, total }) => {
          // One progress line a second on a terminal is plenty; always the first and the last.
          if (done === 0 || done === total || Date.now() - last > 1000) {
            last = Date.now();
            process.stderr.write(`indexing ${done}/${total} items\n`);
          }
        });
        console.log(`indexed ${result.done} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      });
    }
    case 'workdays':
      return workdays(config, sub, rest);
    case 'import':
      return importCommand(config, argv.slice(1));
    case 'calendar': {
      if (sub !== 'import') throw new CliError('usage: gongkai calendar import FILE [--org ORGCODE|*]');
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { org: { type: 'string' } } });
      if (positionals.length !== 1) throw new CliError('usage: gongkai calendar import FILE [--org ORGCODE|*]');
      const notice = readNoticeFile(positionals[0]!);
      return withDb(config, async (ctx) => {
        const org = values.org ?? '*';
        const result = await importNotice(ctx, null, cliActor(), org, notice);
        console.log(
          `imported ${notice.year}: ${notice.days.length} days for ${org === '*' ? 'the whole deployment' : org}` +
            `${result.replaced ? ' (replacing the earlier import)' : ''}; recomputed ${result.recomputed} open deadlines`,
        );
      });
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new CliError(`unknown command ${command}\n${USAGE}`);
  }
}

async function workdays(config: Config, sub: string | undefined, rest: string[]): Promise<void> {
  // A negative N is a positional to refuse with a clear reason, not an unknown option.
  const negative = rest.filter((a) => /^-\d+$/.test(a));
  const { values, positionals } = parseArgs({
    args: [...rest.filter((a) => !negative.includes(a)), '--', ...negative],
    allowPositionals: true,
    options: { org: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (sub === 'add') {
    if (positionals.length !== 2) throw new CliError('usage: gongkai workdays add DATE N [--org ORGCODE] [--json]');
    const [date, nText] = positionals as [string, string];
    if (!/^-?\d+$/.test(nText)) throw new CliError(`N must be a whole number of working days, not "${nText}"`);
    return withDb(config, async (ctx) => {
      const calendar = await cliCalendar(ctx, values.org);
      const n = Number(nText);
      const due = calendar.add(date, n);
      console.log(due);
      if (values.json) {
        const explanation = n > 0 ? computeDeadline(calendar, [{ type: 'start', date, workingDays: n }]) : null;
        console.log(JSON.stringify({ from: date, n, date: due, org: values.org ?? null, explanation }, null, 2));
      }
    });
  }
  if (sub === 'between') {
    if (positionals.length !== 2) throw new CliError('usage: gongkai workdays between FROM TO [--org ORGCODE]');
    const [from, to] = positionals as [string, string];
    return withDb(config, async (ctx) => {
      console.log(String((await cliCalendar(ctx, values.org)).between(from, to)));
    });
  }
  throw new CliError('usage: gongkai workdays add|between …');
}

async function importCommand(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { org: { type: 'string' }, category: { type: 'string' }, publish: { type: 'boolean' } },
  });
  if (!values.org || positionals.length === 0) throw new CliError('usage: gongkai import PATH… --org ORGCODE [--category CODE] [--publish]');
  const files = positionals.flatMap((p) => documentFiles(p));
  if (files.length === 0) throw new CliError('no .md or .jsonl files found');
  const documents: ImportedDocument[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.md')) {
      const result = parseMarkdownDocument(text, file);
      if (result.ok) documents.push(result.document);
      else problems.push(result.error);
    } else {
      const result = parseJsonLines(text, file);
      documents.push(...result.documents);
      problems.push(...result.errors.map((e) => `${file}:${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`));
    }
  }
  await withDb(config, async (ctx) => {
    const tty = process.stderr.isTTY;
    const started = Date.now();
    const outcome = await importDocuments({ ctx, principal: null, actor: cliActor() }, documents, {
      orgCode: values.org!,
      category: values.category ?? null,
      publish: Boolean(values.publish),
      onProgress: (done, total) => {
        if (tty) process.stderr.write(`\r${progressBar(done, total)} ${done}/${total}`);
      },
    });
    if (tty) process.stderr.write('\n');
    for (const p of [...problems, ...outcome.errors.map((e) => `${e.source}: ${e.message}`)].slice(0, 20)) console.error(`skipped ${p}`);
    const seconds = (Date.now() - started) / 1000;
    console.log(`imported ${outcome.imported}, skipped ${outcome.skipped + outcome.errors.length + problems.length}`);
    if (tty) console.error(`${(outcome.imported / Math.max(seconds, 0.001)).toFixed(0)} documents/s`);
  });
}

function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** The importable files under a path: Markdown and JSON Lines, in a stable order. */
function documentFiles(p: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new CliError(`cannot read ${p}`);
  }
  if (stat.isFile()) return [p];
  return fs
    .readdirSync(p, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|jsonl)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The calendar of --org (an agency or one of its units), or the national one. */
async function cliCalendar(ctx: AppContext, orgCode: string | undefined) {
  if (!orgCode) return loadCalendar(ctx.db.kysely, '');
  const org = await ctx.db.kysely.selectFrom('organisations').select(['agency_id']).where('code', '=', orgCode).executeTakeFirst();
  if (!org) throw new CliError(`unknown organisation ${orgCode}`);
  return loadCalendar(ctx.db.kysely, org.agency_id);
}

function readNoticeFile(file: string): HolidayNotice {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not valid JSON`);
  }
  return parseOrThrow(HolidayNoticeSchema, json);
}

/** One line on stderr: the message of an expected failure, or the first field error of bad input. */
export function describeFailure(err: unknown): string {
  if (err instanceof AppError) {
    const fields = err.fields ? Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : '';
    return fields ? `${err.message} (${fields})` : err.message;
  }
  if (err instanceof Error) return err.message.split('\n')[0]!;
  return String(err);
}

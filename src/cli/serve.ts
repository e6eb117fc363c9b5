import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { MODULES } from '../http/modules.js';
import { DEMO_PASSWORD, seedDemo, unchangedDemoAccounts } from '../modules/demo/index.js';
import { indexIsStale, reindexAll } from '../modules/search/index.js';
import { logUnhandledRejections, runInBackground } from '../shared/background.js';
import type { AppContext } from '../shared/context.js';
import { startJobs } from '../shared/jobs.js';
import { CliError, withDb, type CliCommand, type Config } from './command.js';

async function printDemoAccounts(ctx: AppContext, log: (line: string) => void): Promise<void> {
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
  // Every module's background work; failures go to the app's log (buildApp made it the background logger).
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

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: ['serve [--port N] [--seed-demo]   migrate, then serve portal, console and API'],
  run: async (config, args) => {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'seed-demo': { type: 'boolean' } } });
    const port = values.port !== undefined ? Number(values.port) : config.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`invalid port: ${values.port}`);
    return serve({ ...config, port }, Boolean(values['seed-demo']));
  },
};

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: ['migrate                          apply pending migrations'],
  run: async (config) => {
    const db = openDatabase(config.databaseUrl);
    try {
      const { applied } = await migrate(db);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
    } finally {
      await db.close();
    }
  },
};

export const seedCommand: CliCommand = {
  name: 'seed',
  usage: ['seed --demo                      load the demo agency (only into an empty database)'],
  run: async (config, args) => {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
    if (!values.demo) throw new CliError('seed needs --demo');
    return withDb(config, async (ctx) => {
      if (!(await seedDemo(ctx))) throw new CliError('the database is not empty: the demo is loaded only into an empty database');
      console.log('demo agency seeded');
      await printDemoAccounts(ctx, (l) => console.log(l));
    });
  },
};

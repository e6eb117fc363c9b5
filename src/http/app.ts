import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { listAgencies } from '../modules/organisations/index.js';
import { registerPortal } from '../portal/portal.routes.js';
import { setBackgroundLogger } from '../shared/background.js';
import { registerConsole } from './console.js';
import { createAppContext } from './context.js';
import type { AppContext } from '../shared/context.js';
import { frameworkErrorHandler, registerErrorHandling } from './error-handler.js';
import { MODULES } from './modules.js';
import { openApiOf } from './openapi.js';
import { closeCounter } from '../shared/abuse.js';
import { loggerOptions } from './logging.js';
import { registerRateLimits } from './rate-limit.js';
import { registerSecurity } from './security.js';
import { parseFormBody, registerTextInput } from './text-input.js';

export interface BuildOptions {
  db: Db;
  config: Config;
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Assembles the application: plugins, security, the API modules, the console and the portal. */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // A caller's request id is kept when it looks like one, so a trace crosses the proxy.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A path the router cannot decode (e.g. an encoded lone surrogate) is answered like every other error.
    frameworkErrors: frameworkErrorHandler(() => ctx),
    // A body that stops arriving (an upload without its closing boundary) is cut off with 408, not awaited
    // until the client gives up; Node checks the open requests every quarter of the bound.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: Math.min(60_000, config.requestTimeoutMs), connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.requestTimeoutMs / 4)) },
  });
  const ctx: AppContext = createAppContext({
    db: options.db,
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    onAuditError: (err, message) => app.log.error({ err }, message),
  });
  // The key is created here at the first start; the head is anchored outside the database from now on.
  ctx.auditSeal.start();
  app.addHook('onClose', () => ctx.auditSeal.close());
  if (config.redisUrl) {
    await ctx.events.connect(config.redisUrl);
    app.addHook('onClose', () => ctx.events.close());
  }

  app.addHook('onClose', () => closeCounter(ctx));
  setBackgroundLogger(app.log);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024, parser: parseFormBody });
  registerErrorHandling(app, ctx);
  registerTextInput(app);
  await registerRateLimits(app, ctx);
  registerSecurity(app, ctx);

  for (const m of MODULES) await m.routes?.(app, ctx);

  app.get('/api/openapi.json', async () => openApiOf(ctx).document());
  app.get('/healthz', async () => {
    await ctx.db.kysely.selectFrom('organisations').select('id').limit(1).execute();
    return { ok: true };
  });

  await registerConsole(app, ctx);
  await registerPortal(app, ctx, { sites: MODULES.flatMap((m) => (m.site ? [m.site] : [])), agencies: (c) => listAgencies(c.db.kysely) });
  return { app, ctx };
}

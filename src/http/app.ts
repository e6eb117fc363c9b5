import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { registerSessionRoutes } from '../modules/accounts/session.routes.js';
import { registerUserRoutes } from '../modules/accounts/users.routes.js';
import { registerAttachmentRoutes } from '../modules/attachments/attachments.routes.js';
import { registerAuditRoutes } from '../modules/audit/audit.routes.js';
import { registerCalendarRoutes } from '../modules/calendar/calendar.routes.js';
import { registerDeadlineRoutes } from '../modules/calendar/deadlines.routes.js';
import { registerCatalogRoutes } from '../modules/publishing/catalog.routes.js';
import { registerItemRoutes } from '../modules/publishing/items.routes.js';
import { registerWorkbenchRoutes } from '../modules/publishing/workbench.routes.js';
import { registerRiskRoutes } from '../modules/publishing/risk.routes.js';
import { registerSearchRoutes } from '../modules/search/search.routes.js';
import { registerInboxRoutes } from '../modules/messages/inbox.routes.js';
import { registerInteractionRoutes } from '../modules/messages/interaction.routes.js';
import { registerMessageRoutes } from '../modules/messages/messages.routes.js';
import { registerParticipationRoutes } from '../modules/participation/participation.routes.js';
import { registerOrgRoutes } from '../modules/organisations/orgs.routes.js';
import { registerPortal } from '../portal/portal.routes.js';
import { setBackgroundLogger } from '../shared/background.js';
import { EventBus } from '../shared/events.js';
import { registerConsole } from './console.js';
import type { AppContext } from './context.js';
import { frameworkErrorHandler, registerErrorHandling } from './error-handler.js';
import { OpenApiRegistry } from './openapi.js';
import { closeCounter } from './abuse.js';
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
  const ctx: AppContext = {
    db: options.db,
    config,
    clock: options.clock ?? (() => new Date()),
    openapi: new OpenApiRegistry(),
    events: new EventBus(),
  };
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

  registerSessionRoutes(app, ctx);
  registerOrgRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerDeadlineRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerItemRoutes(app, ctx);
  await registerAttachmentRoutes(app, ctx);
  registerWorkbenchRoutes(app, ctx);
  registerRiskRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerInboxRoutes(app, ctx);
  registerInteractionRoutes(app, ctx);
  registerParticipationRoutes(app, ctx);

  app.get('/api/openapi.json', async () => ctx.openapi.document());
  app.get('/healthz', async () => {
    await ctx.db.kysely.selectFrom('organisations').select('id').limit(1).execute();
    return { ok: true };
  });

  await registerConsole(app, ctx);
  await registerPortal(app, ctx);
  return { app, ctx };
}

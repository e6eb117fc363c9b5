import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { Resolution, Site } from './site.js';
import type { Agency, PageRequest } from './site-api.js';
import { portalState, type PortalState } from './state.js';

/** Scheme and host for absolute addresses: BASE_URL when set, else the request's (a malformed Host gives localhost). */
export function originOf(ctx: AppContext, req: FastifyRequest): string {
  if (ctx.config.baseUrl) return ctx.config.baseUrl.replace(/\/+$/, '');
  const host = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(req.host) ? req.host : 'localhost';
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/**
 * Without BASE_URL, pages with absolute addresses are cached per origin; a few origins only, so that requests with
 * made-up Host headers cannot crowd the cache (they are rendered afresh instead).
 */
const MAX_ORIGINS = 8;
const seenOrigins = new WeakMap<AppContext, Set<string>>();
export function originCacheable(ctx: AppContext, origin: string): boolean {
  if (ctx.config.baseUrl) return true;
  let seen = seenOrigins.get(ctx);
  if (!seen) seenOrigins.set(ctx, (seen = new Set()));
  if (seen.has(origin)) return true;
  if (seen.size >= MAX_ORIGINS) return false;
  seen.add(origin);
  return true;
}

export interface Resolved {
  site: Site | null;
  base: string;
  request: PageRequest;
  query: Record<string, unknown>;
}

export async function resolveRequest(ctx: AppContext, req: FastifyRequest, state: PortalState): Promise<Resolved & { kind: Resolution['kind'] }> {
  const params = { ...(req.params as Record<string, string | undefined>) };
  const code = params.site;
  delete params.site;
  const resolution = await state.sites.resolve({ host: req.headers.host, code, defaultSite: ctx.config.defaultSite });
  if (resolution.kind === 'none') throw notFound('站点不存在');
  const site = resolution.kind === 'site' ? resolution.site : null;
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const path = code !== undefined ? pathname.replace(/^\/sites\/[^/]+/, '') || '/' : pathname;
  return {
    kind: resolution.kind,
    site,
    base: site?.base ?? '',
    request: { params, path, origin: originOf(ctx, req) },
    query: (req.query ?? {}) as Record<string, unknown>,
  };
}

/** Not cached: robots.txt is cheap. `robotsTxt` builds the text from the origin, every agency and the site at "/" (if any). */
export async function serveRobots(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  robotsTxt: (origin: string, agencies: readonly Agency[], rootSite: Agency | null) => string,
) {
  const state = portalState(ctx)!;
  const resolution = await state.sites.resolve({ host: req.headers.host, code: undefined, defaultSite: ctx.config.defaultSite });
  const agencies = (await state.sites.agencies()).list;
  const body = robotsTxt(originOf(ctx, req), agencies, resolution.kind === 'site' ? resolution.site.agency : null);
  return reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(body);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageOutcome, SitePage } from '../../portal/site-api.js';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { isLang } from '../../portal/i18n.js';
import { portalState } from '../../portal/state.js';
import type { View } from '../../portal/view.js';
import type { OrgRow } from '../organisations/index.js';
import { publishedCatalog } from '../publishing/index.js';
import { isPublicItem, itemPath } from '../publishing/index.js';
import { CATALOG_TAG } from '../publishing/index.js';
import { searchStats } from './analytics.js';
import { advancedValues, renderAdvancedPage } from './pages/advanced.js';
import { asksSomething, parseSearchPage } from './pages/compose.js';
import { ADVANCED_PATH, GO_PATH, renderSearchPage, SEARCH_PATH } from './pages/results.js';
import { runSearch } from './search.run.js';

/**
 * The portal's search pages (docs/product.md M4), registered with the portal like the catalog's: 站内检索 at /search
 * (results, facets, search within results, pagination, did-you-mean) and 高级检索 at /search/advanced, both plain
 * GET forms that work without JavaScript; searches are scoped to the site's agency and never cached (they read
 * the query). Result links go through /search/go, which counts the click and sends the reader on to the item.
 */

async function categoryNames(ctx: AppContext, agency: OrgRow): Promise<Map<string, string>> {
  const catalog = await publishedCatalog(ctx.db.kysely, agency.id);
  return new Map((catalog?.categories ?? []).map((c) => [c.code, c.name]));
}

async function searchPage(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>): Promise<PageOutcome> {
  const parsed = parseSearchPage(query);
  if (parsed.kind === 'invalid') {
    return { content: renderSearchPage(view, agency, { kind: 'invalid', errors: parsed.errors, values: parsed.values }), status: 400 };
  }
  if (!asksSomething(parsed.state)) return { content: renderSearchPage(view, agency, { kind: 'empty' }) };
  const [result, categories] = await Promise.all([runSearch(ctx, parsed.query, null, agency.code), categoryNames(ctx, agency)]);
  return { content: renderSearchPage(view, agency, { kind: 'result', state: parsed.state, result, categories }) };
}

export const SEARCH_PAGES: SitePage[] = [
  { id: 'search', path: SEARCH_PATH, readsQuery: true, render: (ctx, view, agency, query) => searchPage(ctx, view, agency, query) },
  {
    id: 'search-advanced',
    path: ADVANCED_PATH,
    readsQuery: true,
    render: async (ctx, view, agency, query) => {
      const catalog = await publishedCatalog(ctx.db.kysely, agency.id);
      return { content: renderAdvancedPage(view, catalog?.categories ?? [], advancedValues(query)), tags: [CATALOG_TAG] };
    },
  },
];

const ITEM_ID = /^[0-9A-Za-z-]{1,64}$/;
const GoQuery = z.object({
  id: z.string().regex(ITEM_ID, '信息编号无效'),
  q: z.string().max(400).optional(),
  lang: z.unknown().optional(),
});

/**
 * GET /search/go?q=&id=: counts a click on a search result for the site's agency, then 303 to the item's page on
 * the same site. Only an item of that agency is a destination (the address is built here, never taken from the
 * request), so it is no open redirect; an unknown or unpublished item is a 404 page.
 */
async function go(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const state = portalState(ctx)!;
  const code = (req.params as { site?: string }).site;
  const resolution = await state.sites.resolve({ host: req.headers.host, code, defaultSite: ctx.config.defaultSite });
  if (resolution.kind !== 'site') throw notFound('站点不存在');
  const { agency, base } = resolution.site;
  const parsed = GoQuery.safeParse(req.query ?? {});
  if (!parsed.success) throw notFound('信息不存在或尚未公开');
  const { id, q, lang } = parsed.data;
  if (!(await isPublicItem(ctx.db.kysely, agency.id, id))) throw notFound('信息不存在或尚未公开');
  if (q && q.trim()) searchStats(ctx.db, ctx.clock).clicked(agency.id, q);
  const target = `${base}${itemPath(encodeURIComponent(id))}${isLang(lang) ? `?lang=${lang}` : ''}`;
  reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
  return reply.redirect(target, 303);
}

/** The click counter at /search/go and /sites/{code}/search/go (registered by the portal beside its pages). */
export function registerSearchGo(app: FastifyInstance, ctx: AppContext): void {
  const handler = (req: FastifyRequest, reply: FastifyReply) => go(ctx, req, reply);
  app.get(GO_PATH, handler);
  app.get(`/sites/:site${GO_PATH}`, handler);
}

import type { AppContext } from '../../shared/context.js';
import type { FastifyInstance } from 'fastify';
import { serveRobots } from '../../portal/resolve.js';
import type { PageOutcome, PageRequest, SiteCache, SiteFile, SitePage } from '../../portal/site-api.js';
import { notFound } from '../../shared/errors.js';
import type { View } from '../../portal/view.js';
import type { OrgRow } from '../organisations/index.js';
import { catalogVersions, publishedCatalog } from './catalog.repo.js';
import { renderCatalogPage } from './pages/catalog.js';
import { listPath, pageCount, parseListQuery, renderCategoryPage } from './pages/category.js';
import { categoryPath, CATALOG_PATH, GUIDE_PATH, itemPath } from './pages/common.js';
import { categoryTrail, codeAndAncestors, findNode } from './catalog.js';
import { publicCatalog } from './catalog.views.js';
import { FEED_SIZE, sitemapItems } from './items.queries.js';
import { publicItem, publicList } from './items.views.js';
import { ATOM_TYPE, renderAtom, renderRobots, renderRss, renderSitemap, RSS_TYPE, XML_TYPE, type FeedInput, type SitemapEntry } from './pages/feeds.js';
import { renderGuidePage } from './pages/guide.js';
import { renderItemPage, renderWithdrawnPage } from './pages/item.js';

/**
 * The public pages of the disclosure catalog and its items, registered with the portal (which resolves the site,
 * renders the layout and caches). Every cached page carries tags saying what it shows, so that an `item.changed` or
 * `catalog.changed` event drops exactly the pages it affects (`itemChangedTags`, `CATALOG_TAG`):
 *   - `items`: pages listing the agency's newest or all items (home, catalog counts, agency feeds, sitemap);
 *   - `cat:{code}`: a category page or feed (it lists the category and those below it);
 *   - `item:{id}`: a page showing that item (its own page, or its title as a link or list row);
 *   - `catalog`: pages showing the published catalog's categories.
 */

export const ITEMS_TAG = 'items';
export const CATALOG_TAG = 'catalog';
const itemTag = (id: string) => `item:${id}`;
const categoryTag = (code: string) => `cat:${code}`;

/** What an `item.changed` event drops: the item, its category and the categories above, and the agency-wide lists. */
export function itemChangedTags(itemId: string, categoryCode: string): string[] {
  return [ITEMS_TAG, itemTag(itemId), ...codeAndAncestors(categoryCode).map(categoryTag)];
}

const ITEM_ID = /^[0-9A-Za-z-]{1,64}$/;
const CATEGORY_CODE = /^\d{2}(\.\d{2}){0,9}$/;

async function catalogOrNull(ctx: AppContext, agency: OrgRow) {
  return publicCatalog(ctx.db.kysely, agency.id);
}

async function categoryPage(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>, req: PageRequest): Promise<PageOutcome> {
  const code = req.params.code ?? '';
  const catalog = CATEGORY_CODE.test(code) ? await catalogOrNull(ctx, agency) : null;
  const category = catalog?.categories.find((c) => c.code === code);
  const node = catalog && category ? findNode(catalog.tree, code) : undefined;
  if (!catalog || !category || !node) throw notFound('目录类别不存在');
  const list = parseListQuery(query);
  const result = await publicList(ctx.db.kysely, agency.id, code, list);
  if (list.page > pageCount(result.total)) throw notFound('该页不存在');
  return {
    content: renderCategoryPage(view, { agency, category, node, trail: categoryTrail(catalog.categories, code), query: list, ...result }),
    tags: [CATALOG_TAG, categoryTag(code), ...result.items.map((i) => itemTag(i.id))],
  };
}

async function itemPage(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>, req: PageRequest): Promise<PageOutcome> {
  const id = req.params.id ?? '';
  if (!ITEM_ID.test(id)) throw notFound('信息不存在或尚未公开');
  const categories = (await publishedCatalog(ctx.db.kysely, agency.id))?.categories ?? [];
  const item = await publicItem(ctx.db.kysely, agency.id, id, categories);
  if (item.kind === 'none') throw notFound('信息不存在或尚未公开');
  if (item.kind === 'withdrawn') {
    return { content: renderWithdrawnPage(view, agency, item), status: 410, tags: [CATALOG_TAG, itemTag(item.id)] };
  }
  const related = [...item.interpretations.map((i) => i.id), item.interprets?.id, item.replacedBy?.id].filter((x): x is string => Boolean(x));
  return {
    content: renderItemPage(view, { agency, item, trail: categoryTrail(categories, item.category), origin: req.origin, print: query.print === '1' }),
    tags: [CATALOG_TAG, itemTag(item.id), ...related.map(itemTag)],
  };
}

/** `?page=&sort=` as a cache variant: every valid combination is its own page, anything else the default. */
function listVariant(query: Record<string, unknown>): string {
  const q = parseListQuery(query);
  return `${q.sort}|${q.page}`;
}

export const PUBLISHING_PAGES: SitePage[] = [
  {
    id: 'catalog',
    path: CATALOG_PATH,
    render: async (ctx, view, agency) => ({
      content: renderCatalogPage(view, await catalogOrNull(ctx, agency), await catalogVersions(ctx.db.kysely, agency.id)),
      tags: [ITEMS_TAG, CATALOG_TAG],
    }),
  },
  { id: 'category', path: `${CATALOG_PATH}/:code`, variant: listVariant, render: categoryPage },
  { id: 'item', path: '/items/:id', usesOrigin: true, variant: (q) => (q.print === '1' ? 'print' : ''), render: itemPage },
  {
    id: 'guide',
    path: GUIDE_PATH,
    usesOrigin: true,
    render: async (ctx, view, agency, _q, req) => ({
      content: renderGuidePage(view, agency, await catalogOrNull(ctx, agency), `${req.origin}${view.base}/`),
      tags: [CATALOG_TAG],
    }),
  },
];

/** The site's absolute address without the trailing slash. */
const siteUrl = (req: PageRequest, base: string) => `${req.origin}${base}`;

async function feed(ctx: AppContext, agency: OrgRow, base: string, req: PageRequest, format: 'rss' | 'atom') {
  const code = req.params.code;
  let input: FeedInput;
  let tags: string[];
  const site = siteUrl(req, base);
  const self = `${site}${req.path}`;
  if (code === undefined) {
    const { items } = await publicList(ctx.db.kysely, agency.id, null, { page: 1, sort: 'published', pageSize: FEED_SIZE });
    input = { agency, siteUrl: site, selfUrl: self, pageUrl: `${site}/`, title: `${agency.name} - 政府信息公开`, description: `${agency.name}最新公开的政府信息`, items };
    tags = [ITEMS_TAG, CATALOG_TAG];
  } else {
    const catalog = CATEGORY_CODE.test(code) ? await catalogOrNull(ctx, agency) : null;
    const category = catalog?.categories.find((c) => c.code === code);
    if (!category) throw notFound('目录类别不存在');
    const { items } = await publicList(ctx.db.kysely, agency.id, code, { page: 1, sort: 'published', pageSize: FEED_SIZE });
    input = {
      agency,
      siteUrl: site,
      selfUrl: self,
      pageUrl: `${site}${categoryPath(code)}`,
      title: `${category.name} - ${agency.name}`,
      description: category.description ?? `${agency.name}信息公开目录“${category.name}”类别最新公开的信息`,
      items,
    };
    tags = [CATALOG_TAG, categoryTag(code), ...items.map((i) => itemTag(i.id))];
  }
  return format === 'rss' ? { body: renderRss(input), tags } : { body: renderAtom(input), tags };
}

/** The pages every site has, besides its categories and items (what the sitemap lists first). */
const SITE_PATHS = ['/', '/about', '/structure', CATALOG_PATH, GUIDE_PATH, '/calendar'];

export const PUBLISHING_FILES: SiteFile[] = [
  { id: 'feed-rss', path: '/feeds/items.rss', type: RSS_TYPE, render: (ctx, agency, base, req) => feed(ctx, agency, base, req, 'rss') },
  { id: 'feed-atom', path: '/feeds/items.atom', type: ATOM_TYPE, render: (ctx, agency, base, req) => feed(ctx, agency, base, req, 'atom') },
  {
    id: 'category-feed',
    path: '/feeds/catalog/:file',
    type: (req) => (req.params.file?.endsWith('.atom') ? ATOM_TYPE : RSS_TYPE),
    render: (ctx, agency, base, req) => {
      const m = /^(.+)\.(rss|atom)$/.exec(req.params.file ?? '');
      if (!m) throw notFound('信息源不存在');
      return feed(ctx, agency, base, { ...req, params: { code: m[1]! } }, m[2] as 'rss' | 'atom');
    },
  },
  {
    id: 'sitemap',
    path: '/sitemap.xml',
    type: XML_TYPE,
    render: async (ctx, agency, base, req) => {
      const site = siteUrl(req, base);
      const [catalog, items] = await Promise.all([catalogOrNull(ctx, agency), sitemapItems(ctx.db.kysely, agency.id)]);
      const entries: SitemapEntry[] = [
        ...SITE_PATHS.map((p) => ({ loc: p === '/' ? `${site}/` : `${site}${p}` })),
        ...(catalog?.categories ?? []).map((c) => ({ loc: `${site}${listPath(c.code, { page: 1, sort: 'published' })}` })),
        ...items.map((i) => ({ loc: `${site}${itemPath(i.id)}`, lastmod: i.lastmod })),
      ];
      return { body: renderSitemap(entries), tags: [ITEMS_TAG, CATALOG_TAG] };
    },
  },
];

/** robots.txt at the root: the sitemap of the site served there, or of every site when `/` is the directory. */
export function robotsTxt(origin: string, agencies: readonly OrgRow[], rootSite: OrgRow | null): string {
  const urls = rootSite ? [`${origin}/sitemap.xml`] : agencies.map((a) => `${origin}/sites/${encodeURIComponent(a.code)}/sitemap.xml`);
  return renderRobots(urls);
}

/** /robots.txt, beside the site pages. */
export function registerRobots(app: FastifyInstance, ctx: AppContext): void {
  app.get('/robots.txt', (req, reply) => serveRobots(ctx, req, reply, robotsTxt));
}

/**
 * A published, corrected or withdrawn item: its page, its category pages (and those above), the agency's lists,
 * feeds and sitemap, and the page of the item it interprets, if any. A catalog change:
 * the pages showing the catalog.
 */
export function publishingInvalidates(ctx: AppContext, cache: SiteCache): void {
  ctx.events.on('item.changed', ({ agencyId, itemId, categoryCode, previousCategoryCode, interpretedItemId }) => {
    cache.invalidateTags(agencyId, itemChangedTags(itemId, categoryCode));
    // An item moved to another category leaves the old category's pages too.
    if (previousCategoryCode) cache.invalidateTags(agencyId, itemChangedTags(itemId, previousCategoryCode));
    // The page of the item a 政策解读 interprets lists it.
    if (interpretedItemId) cache.invalidateTags(agencyId, [itemTag(interpretedItemId)]);
  });
  ctx.events.on('catalog.changed', ({ agencyId }) => cache.invalidateTags(agencyId, [CATALOG_TAG]));
}


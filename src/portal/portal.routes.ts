import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { cookieSecure } from '../modules/accounts/session.routes.js';
import { CALENDAR_PATH, loadCalendarPage, renderCalendarPage } from '../modules/calendar/calendar.pages.js';
import { buildUnitTree, renderAboutPage, renderStructurePage } from '../modules/organisations/orgs.pages.js';
import { listAgencyTree, type OrgRow } from '../modules/organisations/orgs.repo.js';
import { newestItems } from '../modules/publishing/pages/data.js';
import {
  CATALOG_TAG,
  itemChangedTags,
  ITEMS_TAG,
  PUBLISHING_FILES,
  PUBLISHING_PAGES,
  relatedItemTags,
  robotsTxt,
} from '../modules/publishing/publishing.pages.js';
import { registerSearchGo, SEARCH_PAGES } from '../modules/search/search.pages.js';
import { MESSAGE_FORMS, MESSAGE_PAGES } from '../modules/messages/messages.pages.js';
import { PARTICIPATION_FORMS, PARTICIPATION_PAGES } from '../modules/participation/participation.pages.js';
import { loadStylesheet, registerAssets } from './assets.js';
import { registerSiteForms } from './forms.js';
import { renderDirectoryPage } from './directory.page.js';
import { renderHomePage } from './home.page.js';
import { isLang } from './i18n.js';
import { renderPage, type PageContent } from './layout.js';
import { etagMatches, PageCache, pageFor, type CachedPage } from './page-cache.js';
import { ELDER_COOKIE, LANG_COOKIE, PREF_COOKIE_MAX_AGE, readPrefs, safeBack } from './prefs.js';
import { SiteDirectory, type Resolution, type Site } from './site.js';
import { portalState, setPortalState, type PortalState } from './state.js';
import { makeView, type View } from './view.js';

/** What a page may know about its request besides the query: route parameters, the site-relative path, the origin. */
export interface PageRequest {
  /** Route parameters (decoded), e.g. `{ id }` of `/items/:id`. */
  params: Record<string, string | undefined>;
  /** The path inside the site ('/items/…'), without the `/sites/{code}` prefix and without the query. */
  path: string;
  /** BASE_URL, else the request's scheme and host: for absolute addresses (feeds, Open Graph). */
  origin: string;
}

/** A rendered page with what the cache needs to know: its status (200 unless said) and what it shows (`tags`). */
export interface PageOutcome {
  content: PageContent;
  status?: number;
  /**
   * What the page shows besides the agency's profile, so that a module's change event drops exactly the pages it
   * affects (see PageCache.invalidateTags). Untagged pages change only with `org.changed` (and `calendar.changed`).
   */
  tags?: readonly string[];
}

/** A page of every agency site: its path inside the site (Fastify syntax, `:param` allowed) and how it gets its data. */
export interface SitePage {
  id: string;
  path: string;
  /**
   * The page reads its query string (besides `lang`), e.g. a form submitted with GET: such requests are
   * rendered afresh and never cached; only the plain address is.
   */
  readsQuery?: boolean;
  /**
   * The page reads its query string, and these readings are few and bounded (a page number, a sort order): each
   * variant is cached under the key returned; null renders afresh without caching.
   */
  variant?(query: Record<string, unknown>): string | null;
  /** The page contains absolute addresses (built from `origin`). */
  usesOrigin?: boolean;
  render(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>, req: PageRequest): Promise<PageContent | PageOutcome>;
}

/** A non-HTML resource of every agency site (feed, sitemap): cached and invalidated like pages, always with absolute addresses. */
export interface SiteFile {
  id: string;
  path: string;
  type: string | ((req: PageRequest) => string);
  render(ctx: AppContext, agency: OrgRow, base: string, req: PageRequest): Promise<{ body: string; status?: number; tags?: readonly string[] }>;
}

/** The query string of a request without `lang` (which the preferences set themselves). */
function keptQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const params = new URLSearchParams(url.slice(at + 1));
  params.delete('lang');
  return params.toString();
}

/** How many of the newest published items the home page lists. */
const HOME_ITEMS = 8;

async function units(ctx: AppContext, agency: OrgRow) {
  return buildUnitTree(await listAgencyTree(ctx.db.kysely, agency.id), agency.id);
}

const PAGES: SitePage[] = [
  {
    id: 'home',
    path: '/',
    render: async (ctx, view, agency) => ({
      content: renderHomePage(view, agency, await units(ctx, agency), await newestItems(ctx.db.kysely, agency.id, null, HOME_ITEMS)),
      tags: [ITEMS_TAG, CATALOG_TAG],
    }),
  },
  { id: 'about', path: '/about', render: async (ctx, view, agency) => renderAboutPage(view, agency, await units(ctx, agency)) },
  { id: 'structure', path: '/structure', render: async (ctx, view, agency) => renderStructurePage(view, agency, await units(ctx, agency)) },
  {
    id: 'calendar',
    path: CALENDAR_PATH,
    readsQuery: true,
    render: async (ctx, view, agency, query) => renderCalendarPage(view, await loadCalendarPage(ctx, agency, query)),
  },
  ...PUBLISHING_PAGES,
  ...SEARCH_PAGES,
  ...MESSAGE_PAGES,
  ...PARTICIPATION_PAGES,
];

/**
 * The public portal: one site per agency, at "/" (by host, default site or the only agency) and at
 * "/sites/{code}/". Pages are the same for every anonymous reader, so they are rendered once per
 * (agency, address, language, elder mode) and kept until what they show changes.
 */
export async function registerPortal(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const state: PortalState = { sites: new SiteDirectory(ctx.db.kysely), cache: new PageCache(), css: loadStylesheet() };
  setPortalState(ctx, state);
  ctx.events.on('org.changed', ({ agencyId }) => {
    state.sites.invalidate();
    state.cache.invalidateAgency(agencyId);
  });
  // Holidays and make-up days show on the calendar page (and the deadlines computed from them): an agency's
  // change drops that agency's pages, a deployment-wide notice ('*') every agency's.
  ctx.events.on('calendar.changed', ({ scope }) => {
    if (scope !== '*') {
      state.cache.invalidateAgency(scope);
      return;
    }
    // At once: no page being rendered now is stored (and the directory goes); then every agency's pages.
    state.cache.invalidateAgency('*');
    state.sites.agencies().then(
      (agencies) => {
        for (const agency of agencies.list) state.cache.invalidateAgency(agency.id);
      },
      () => undefined, // the TTL is the backstop when the agencies cannot be read
    );
  });

  // A published, corrected or withdrawn item: its page, its category pages (and those above), the agency's lists,
  // feeds and sitemap; then the page of the item it interprets, if any (looked up after the fact).
  ctx.events.on('item.changed', ({ agencyId, itemId, categoryCode, previousCategoryCode }) => {
    state.cache.invalidateTags(agencyId, itemChangedTags(itemId, categoryCode));
    // An item moved to another category leaves the old category's pages too.
    if (previousCategoryCode) state.cache.invalidateTags(agencyId, itemChangedTags(itemId, previousCategoryCode));
    relatedItemTags(ctx, itemId).then(
      (tags) => {
        if (tags.length) state.cache.invalidateTags(agencyId, tags);
      },
      () => undefined, // the TTL is the backstop
    );
  });
  ctx.events.on('catalog.changed', ({ agencyId }) => state.cache.invalidateTags(agencyId, [CATALOG_TAG]));

  registerAssets(app, state.css);
  for (const page of PAGES) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => servePage(ctx, req, reply, page);
    app.get(page.path, handler);
    app.get(page.path === '/' ? '/sites/:site' : `/sites/:site${page.path}`, handler);
  }
  for (const file of PUBLISHING_FILES) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => serveFile(ctx, req, reply, file);
    app.get(file.path, handler);
    app.get(`/sites/:site${file.path}`, handler);
  }
  registerSearchGo(app, ctx);
  await registerSiteForms(app, ctx, [...MESSAGE_FORMS, ...PARTICIPATION_FORMS]);
  app.get('/robots.txt', (req, reply) => serveRobots(ctx, req, reply));
  const prefs = (req: FastifyRequest, reply: FastifyReply) => setPrefs(ctx, req, reply);
  app.get('/prefs', prefs);
  app.get('/sites/:site/prefs', prefs);
}

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
function originCacheable(ctx: AppContext, origin: string): boolean {
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

/** The part of the cache key a page's query gives; null: not cached. */
function variantOf(page: SitePage, query: Record<string, unknown>): string | null {
  if (page.variant) return page.variant(query);
  if (page.readsQuery) return Object.keys(query).every((k) => k === 'lang') ? '' : null;
  return '';
}

async function servePage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, page: SitePage) {
  const state = portalState(ctx)!;
  // Taken before any data is read, so a page rendered across a change is not cached.
  const generation = state.cache.generation();
  const { kind, site, base, request, query } = await resolveRequest(ctx, req, state);
  if (kind === 'directory' && page.id !== 'home') throw notFound('您访问的页面不存在');
  const prefs = readPrefs(req);
  const variant = variantOf(page, query);
  const cacheable = variant !== null && (!page.usesOrigin || originCacheable(ctx, request.origin));
  const key = [
    site?.agency.id ?? '*',
    base,
    page.id,
    JSON.stringify(request.params),
    variant,
    page.usesOrigin ? request.origin : '',
    prefs.lang,
    prefs.elder ? 1 : 0,
    prefs.langFromQuery ? 1 : 0,
  ].join('|');
  let cached = cacheable ? state.cache.get(key) : undefined;
  if (!cached) {
    const kept = page.readsQuery ? keptQuery(req.url) : '';
    const view = makeView({ prefs, agency: site?.agency ?? null, base, path: site ? request.path : page.path, cssHref: state.css.href, query: kept });
    const rendered = site ? await page.render(ctx, view, site.agency, query, request) : renderDirectoryPage(view, (await state.sites.agencies()).list);
    const outcome: PageOutcome = 'content' in rendered ? rendered : { content: rendered };
    cached = pageFor(renderPage(view, outcome.content), prefs.lang, outcome.status ? { status: outcome.status } : {});
    if (cacheable) state.cache.set(key, site?.agency.id ?? null, cached, generation, outcome.tags);
  }
  return sendPage(req, reply, cached);
}

async function serveFile(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, file: SiteFile) {
  const state = portalState(ctx)!;
  const generation = state.cache.generation();
  const { site, base, request } = await resolveRequest(ctx, req, state);
  if (!site) throw notFound('您访问的页面不存在');
  const cacheable = originCacheable(ctx, request.origin);
  const key = [site.agency.id, base, file.id, JSON.stringify(request.params), request.origin].join('|');
  let cached = cacheable ? state.cache.get(key) : undefined;
  if (!cached) {
    const out = await file.render(ctx, site.agency, base, request);
    const type = typeof file.type === 'string' ? file.type : file.type(request);
    cached = pageFor(out.body, 'zh-CN', { type, ...(out.status ? { status: out.status } : {}) });
    if (cacheable) state.cache.set(key, site.agency.id, cached, generation, out.tags);
  }
  return sendPage(req, reply, cached);
}

/** /robots.txt: the sitemap of the site at "/", or of every site when "/" is the directory. Cheap: nothing cached. */
async function serveRobots(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const state = portalState(ctx)!;
  const resolution = await state.sites.resolve({ host: req.headers.host, code: undefined, defaultSite: ctx.config.defaultSite });
  const agencies = (await state.sites.agencies()).list;
  const body = robotsTxt(originOf(ctx, req), agencies, resolution.kind === 'site' ? resolution.site.agency : null);
  return reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(body);
}

function sendPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  reply
    .header('cache-control', 'no-cache')
    .header('etag', page.etag)
    .header('vary', 'Cookie')
    .header('content-language', page.lang);
  const status = page.status ?? 200;
  // 304 stands for a 200 only; other answers (410 withdrawn) are sent whole.
  if (status === 200 && etagMatches(req.headers['if-none-match'], page.etag)) return reply.code(304).send();
  return reply.code(status).type(page.type ?? 'text/html; charset=utf-8').send(page.body);
}

/** GET /prefs?lang=&elder=&back=: remembers the reader's choice in cookies, then goes back (same site only). */
async function setPrefs(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const q = req.query as Record<string, unknown>;
  const options = { path: '/', sameSite: 'lax' as const, httpOnly: true, secure: cookieSecure(ctx, req), maxAge: PREF_COOKIE_MAX_AGE };
  if (isLang(q.lang)) reply.setCookie(LANG_COOKIE, q.lang, options);
  if (q.elder === '1' || q.elder === '0') reply.setCookie(ELDER_COOKIE, q.elder, options);
  const code = (req.params as { site?: string }).site;
  const fallback = code ? `/sites/${encodeURIComponent(code)}/` : '/';
  reply.header('cache-control', 'no-store');
  return reply.redirect(safeBack(q.back, fallback), 303);
}

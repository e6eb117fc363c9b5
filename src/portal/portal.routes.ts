import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { cookieSecure } from '../modules/accounts/session.routes.js';
import { CALENDAR_PATH, loadCalendarPage, renderCalendarPage } from '../modules/calendar/calendar.pages.js';
import { buildUnitTree, renderAboutPage, renderStructurePage } from '../modules/organisations/orgs.pages.js';
import { listAgencyTree, type OrgRow } from '../modules/organisations/orgs.repo.js';
import { loadStylesheet, registerAssets } from './assets.js';
import { renderDirectoryPage } from './directory.page.js';
import { renderHomePage } from './home.page.js';
import { isLang } from './i18n.js';
import { renderPage, type PageContent } from './layout.js';
import { etagMatches, PageCache, pageFor, type CachedPage } from './page-cache.js';
import { ELDER_COOKIE, LANG_COOKIE, PREF_COOKIE_MAX_AGE, readPrefs, safeBack } from './prefs.js';
import { SiteDirectory } from './site.js';
import { portalState, setPortalState, type PortalState } from './state.js';
import { makeView, type View } from './view.js';

/** A page of every agency site: its path inside the site and how it gets its data. */
interface SitePage {
  id: string;
  path: string;
  /**
   * The page reads its query string (besides `lang`), e.g. a form submitted with GET: such requests are
   * rendered afresh and never cached; only the plain address is.
   */
  readsQuery?: boolean;
  render(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>): Promise<PageContent>;
}

async function units(ctx: AppContext, agency: OrgRow) {
  return buildUnitTree(await listAgencyTree(ctx.db.kysely, agency.id), agency.id);
}

const PAGES: SitePage[] = [
  { id: 'home', path: '/', render: async (ctx, view, agency) => renderHomePage(view, agency, await units(ctx, agency)) },
  { id: 'about', path: '/about', render: async (ctx, view, agency) => renderAboutPage(view, agency, await units(ctx, agency)) },
  { id: 'structure', path: '/structure', render: async (ctx, view, agency) => renderStructurePage(view, agency, await units(ctx, agency)) },
  {
    id: 'calendar',
    path: CALENDAR_PATH,
    readsQuery: true,
    render: async (ctx, view, agency, query) => renderCalendarPage(view, await loadCalendarPage(ctx, agency, query)),
  },
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

  registerAssets(app, state.css);
  for (const page of PAGES) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => servePage(ctx, req, reply, page);
    app.get(page.path, handler);
    app.get(page.path === '/' ? '/sites/:site' : `/sites/:site${page.path}`, handler);
  }
  const prefs = (req: FastifyRequest, reply: FastifyReply) => setPrefs(ctx, req, reply);
  app.get('/prefs', prefs);
  app.get('/sites/:site/prefs', prefs);
}

async function servePage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, page: SitePage) {
  const state = portalState(ctx)!;
  // Taken before any data is read, so a page rendered across a change is not cached.
  const generation = state.cache.generation();
  const code = (req.params as { site?: string }).site;
  const resolution = await state.sites.resolve({ host: req.headers.host, code, defaultSite: ctx.config.defaultSite });
  if (resolution.kind === 'none') throw notFound('站点不存在');
  if (resolution.kind === 'directory' && page.id !== 'home') throw notFound('您访问的页面不存在');
  const prefs = readPrefs(req);
  const site = resolution.kind === 'site' ? resolution.site : null;
  const base = site?.base ?? '';
  const query = (req.query ?? {}) as Record<string, unknown>;
  const cacheable = !page.readsQuery || Object.keys(query).every((k) => k === 'lang');
  const key = [site?.agency.id ?? '*', base, page.id, prefs.lang, prefs.elder ? 1 : 0, prefs.langFromQuery ? 1 : 0].join('|');
  let cached = cacheable ? state.cache.get(key) : undefined;
  if (!cached) {
    const view = makeView({ prefs, agency: site?.agency ?? null, base, path: page.path, cssHref: state.css.href });
    const content = site
      ? await page.render(ctx, view, site.agency, query)
      : renderDirectoryPage(view, (await state.sites.agencies()).list);
    cached = pageFor(renderPage(view, content), prefs.lang);
    if (cacheable) state.cache.set(key, site?.agency.id ?? null, cached, generation);
  }
  return sendPage(req, reply, cached);
}

function sendPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  reply
    .header('cache-control', 'no-cache')
    .header('etag', page.etag)
    .header('vary', 'Cookie')
    .header('content-language', page.lang);
  if (etagMatches(req.headers['if-none-match'], page.etag)) return reply.code(304).send();
  return reply.type('text/html; charset=utf-8').send(page.body);
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

import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../shared/context.js';
import { escapeHtml, html } from './html.js';
import { renderPage, type PageContent } from './layout.js';
import { readPrefs, type Prefs } from './prefs.js';
import { siteCodeOf, type Site } from './site.js';
import { portalState } from './state.js';
import { data, href, makeView, type View } from './view.js';

/** The body of an error page: what happened, in the reader's language, and the request id to quote. */
export function renderErrorContent(view: View, status: number, message: string, requestId: string): PageContent {
  const { t } = view;
  const title = status === 404 ? t.errorNotFound : status >= 500 ? t.errorServer : t.errorClient;
  return {
    title,
    main: html`<section class="error-page">
<h1>${title}</h1>
<p class="lead">${data(view, message)}</p>
<p>${t.errorHint}</p>
<p class="request-id"><span class="label">${t.requestId}${t.colon}</span><code>${requestId}</code></p>
<p><a class="button" href="${view.agency ? href(view, '/') : '/'}">${t.backHome}</a></p>
</section>`,
  };
}

/**
 * A readable page for any failure in the portal; the request id lets the office find the log line.
 * Inside the site's layout when the site resolves, otherwise in the plain layout; it never throws.
 */
export async function renderPortalError(
  ctx: AppContext,
  req: FastifyRequest,
  status: number,
  message: string,
  requestId: string,
): Promise<string> {
  const prefs = safePrefs(req);
  const state = portalState(ctx);
  const cssHref = state?.css.href ?? '/assets/portal.css';
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  let site: Site | null = null;
  try {
    const resolution = state
      ? await state.sites.resolve({ host: req.headers.host, code: siteCodeOf(pathname), defaultSite: ctx.config.defaultSite })
      : undefined;
    if (resolution?.kind === 'site') site = resolution.site;
  } catch {
    // The database may be what failed: render without the site.
  }
  for (const s of site ? [site, null] : [null]) {
    try {
      const base = s?.base ?? '';
      const path = pathname.startsWith(base) && base ? pathname.slice(base.length) || '/' : pathname;
      const view = makeView({ prefs, agency: s?.agency ?? null, base, path, cssHref });
      return renderPage(view, renderErrorContent(view, status, message, requestId));
    } catch {
      // try the next, plainer, way
    }
  }
  return bare(status, message, requestId);
}

function safePrefs(req: FastifyRequest): Prefs {
  try {
    return readPrefs(req);
  } catch {
    return { lang: 'zh-CN', elder: false, langFromQuery: false };
  }
}

function bare(status: number, message: string, requestId: string): string {
  const title = status === 404 ? '页面不存在' : status >= 500 ? '服务暂时不可用' : '请求有误';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/portal.css"></head><body><main id="main"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p>请求编号：${escapeHtml(requestId)}</p><p><a href="/">返回首页</a></p></main></body></html>`;
}

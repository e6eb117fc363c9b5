import type { Agency } from './site-api.js';
import { html, type SafeHtml } from './html.js';
import { messages, type Lang, type Messages } from './i18n.js';
import type { Prefs } from './prefs.js';

/** Everything a page needs to render, besides its own data. Pages are pure functions of (view, data). */
export interface View {
  lang: Lang;
  elder: boolean;
  t: Messages;
  /** The agency of this site; null on pages that belong to no site (directory, unresolved errors). */
  agency: Agency | null;
  /** '' or '/sites/{code}': every link inside the site starts with it. */
  base: string;
  /** This page's path inside the site ('/', '/about', …), without the base and without a query. */
  path: string;
  /** The URL of the stylesheet, with its content hash. */
  cssHref: string;
  /** Carry `?lang=` on links because the language came from the address, not a cookie. */
  langInLinks: boolean;
  /**
   * The query string of a page that reads it (a search), without `lang`: switching language or elder mode
   * comes back to the same results. Empty for cached pages, whose markup must not depend on it.
   */
  query: string;
}

export function makeView(input: {
  prefs: Prefs;
  agency: Agency | null;
  base: string;
  path: string;
  cssHref: string;
  query?: string;
}): View {
  return {
    lang: input.prefs.lang,
    elder: input.prefs.elder,
    t: messages(input.prefs.lang),
    agency: input.agency,
    base: input.base,
    path: input.path,
    cssHref: input.cssHref,
    langInLinks: input.prefs.langFromQuery,
    query: input.query ?? '',
  };
}

/** The one way to link to a page of this site: keeps the site prefix (and a language chosen in the address). */
export function href(view: View, path: string): string {
  const target = path === '/' ? `${view.base}/` : `${view.base}${path}`;
  return view.langInLinks ? `${target}${target.includes('?') ? '&' : '?'}lang=${view.lang}` : target;
}

/** The address of the current page, as /prefs should send the reader back to it. */
export function currentUrl(view: View): string {
  const page = view.path === '/' ? `${view.base}/` : `${view.base}${view.path}`;
  return view.query ? `${page}?${view.query}` : page;
}

/**
 * Text from the database (stored in Simplified Chinese): on English pages it is marked as Chinese so
 * screen readers pronounce it correctly. Always escaped.
 */
export function data(view: View, text: string | null | undefined): SafeHtml {
  if (text === null || text === undefined) return html``;
  return view.lang === 'en' ? html`<span lang="zh-CN">${text}</span>` : html`${text}`;
}

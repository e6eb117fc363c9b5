import { html, raw, type SafeHtml } from './html.js';
import { KEEP_CLOSE, KEEP_OPEN, toTraditional, type Lang } from './i18n.js';
import { PORTAL_NAV } from './nav.js';
import { currentUrl, data, href, type View } from './view.js';

export interface PageContent {
  /** The page's own name; the document title is "page - agency". */
  title: string;
  /** The id of the navigation item to mark as current (none on error pages). */
  current?: string;
  /** Breadcrumb trail below home, if the page is not the home page. */
  crumbs?: { label: string; path?: string }[];
  main: SafeHtml;
  /** Extra elements of the document head: feed links, Open Graph, JSON-LD. */
  head?: SafeHtml;
  /** A class on the body, e.g. `print-view` for a page laid out for printing. */
  bodyClass?: string;
}

const LANG_LINKS: { lang: Lang; label: string }[] = [
  { lang: 'zh-CN', label: '简体' },
  { lang: 'zh-TW', label: '繁體' },
  { lang: 'en', label: 'English' },
];

/** Where a preference link goes: /prefs on this site, then back to this page. */
export function prefsHref(view: View, param: string): string {
  return `${view.base}/prefs?${param}&back=${encodeURIComponent(currentUrl(view))}`;
}

/**
 * The whole page: skip link, header with the language and elder-mode switches, main navigation, content,
 * footer with the site's identification (主办单位, 网站标识码, ICP备案号) and contact data. No scripts.
 * zh-TW pages are the zh-CN page converted to Traditional characters.
 */
export function renderPage(view: View, content: PageContent): string {
  const { t, agency } = view;
  const siteName = agency ? agency.name : t.directoryTitle;
  const docTitle = content.title === siteName ? siteName : `${content.title} - ${siteName}`;
  const page = html`<!doctype html>
<html lang="${view.lang}"${view.elder ? html` class="elder"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${docTitle}</title>
${agency ? html`<meta name="SiteName" content="${agency.name}">` : ''}
${agency?.site_code ? html`<meta name="SiteIDCode" content="${agency.site_code}">` : ''}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${view.cssHref}">
${agency ? html`<link rel="alternate" type="application/rss+xml" title="${agency.name}" href="${view.base}/feeds/items.rss">
<link rel="alternate" type="application/atom+xml" title="${agency.name}" href="${view.base}/feeds/items.atom">` : ''}
${content.head ?? ''}
</head>
<body${content.bodyClass ? html` class="${content.bodyClass}"` : ''}>
<a class="skip-link" href="#main">${t.skipLink}</a>
<header class="site-header">
<div class="toolbar"><div class="wrap toolbar-inner">
<p class="toolbar-portal">${t.portalName}</p>
${switches(view)}
</div></div>
<div class="masthead"><div class="wrap">
<a class="brand" href="${agency ? href(view, '/') : '/'}"><span class="brand-name">${agency ? data(view, agency.name) : t.directoryTitle}</span>${
    agency ? html`<span class="brand-sub">${t.portalName}</span>` : ''
  }</a>
${agency ? siteSearchBox(view) : ''}
</div></div>
</header>
${agency ? mainNav(view, content.current) : ''}
<main id="main" tabindex="-1"><div class="wrap">
${content.crumbs ? breadcrumb(view, content.crumbs) : ''}
${content.main}
</div></main>
${footer(view)}
</body>
</html>
`;
  const text = view.lang === 'zh-TW' ? toTraditional(page.value) : page.value;
  return text.replaceAll(KEEP_OPEN, '').replaceAll(KEEP_CLOSE, '');
}

function switches(view: View): SafeHtml {
  const { t } = view;
  return html`<div class="switches">
<div class="switch-group" role="group" aria-label="${t.language}">${LANG_LINKS.map((l, i) =>
    html`${i > 0 ? html`<span class="sep" aria-hidden="true">|</span>` : ''}${
      l.lang === view.lang
        ? html`<span class="switch-current" lang="${l.lang}" aria-current="true">${keep(l.label)}</span>`
        : html`<a href="${prefsHref(view, `lang=${l.lang}`)}" lang="${l.lang}" hreflang="${l.lang}">${keep(l.label)}</a>`
    }`,
  )}</div>
<div class="switch-group"><a class="elder-toggle" href="${prefsHref(view, `elder=${view.elder ? '0' : '1'}${view.langInLinks ? `&lang=${view.lang}` : ''}`)}">${
    view.elder ? t.elderOff : t.elderOn
  }</a></div>
</div>`;
}

/** The site's search box: a GET form to its search page, so it works without JavaScript. */
function siteSearchBox(view: View): SafeHtml {
  const w = view.t;
  return html`<form class="site-search" role="search" aria-label="${w.siteSearch}" method="get" action="${view.base}/search">
${view.langInLinks ? html`<input type="hidden" name="lang" value="${view.lang}">` : ''}
<label class="visually-hidden" for="site-search-q">${w.siteSearchLabel}</label>
<input id="site-search-q" name="q" type="search" maxlength="200">
<button class="site-search-button" type="submit">${w.siteSearchButton}</button>
</form>`;
}

/** The language names are shown in their own script whatever the page's script. */
function keep(text: string): SafeHtml {
  return html`${raw(KEEP_OPEN)}${text}${raw(KEEP_CLOSE)}`;
}

function mainNav(view: View, current: string | undefined): SafeHtml {
  return html`<nav class="main-nav" aria-label="${view.t.mainNav}"><div class="wrap"><ul>${PORTAL_NAV.map(
    (item) =>
      html`<li><a href="${href(view, item.path)}"${item.id === current ? html` aria-current="page"` : ''}>${view.t[item.label]}</a></li>`,
  )}</ul></div></nav>`;
}

function breadcrumb(view: View, crumbs: { label: string; path?: string }[]): SafeHtml {
  return html`<nav class="breadcrumb" aria-label="${view.t.breadcrumb}"><ol><li><a href="${href(view, '/')}">${view.t.home}</a></li>${crumbs.map(
    (c) => (c.path ? html`<li><a href="${href(view, c.path)}">${c.label}</a></li>` : html`<li aria-current="page">${c.label}</li>`),
  )}</ol></nav>`;
}

function footer(view: View): SafeHtml {
  const { t, agency } = view;
  if (!agency) {
    return html`<footer class="site-footer"><div class="wrap"><p>${t.directoryTitle}</p></div></footer>`;
  }
  const ident: [string, SafeHtml | null][] = [
    [t.sponsor, data(view, agency.sponsor ?? agency.name)],
    [t.siteCode, agency.site_code ? html`${agency.site_code}` : null],
    [t.icp, agency.icp ? data(view, agency.icp) : null],
  ];
  const contact: [string, SafeHtml | null][] = [
    [t.address, agency.address ? data(view, agency.address) : null],
    [t.postcode, agency.postcode ? html`${agency.postcode}` : null],
    [t.phone, agency.phone ? html`${agency.phone}` : null],
    [t.email, agency.email ? html`<a href="mailto:${agency.email}">${agency.email}</a>` : null],
  ];
  return html`<footer class="site-footer"><div class="wrap">
<p class="footer-title">${data(view, agency.name)}</p>
<ul class="footer-meta">${ident
    .filter(([, v]) => v)
    .map(([label, v]) => html`<li><span class="label">${label}${t.colon}</span>${v}</li>`)}</ul>
<ul class="footer-meta">${contact
    .filter(([, v]) => v)
    .map(([label, v]) => html`<li><span class="label">${label}${t.colon}</span>${v}</li>`)}</ul>
</div></footer>`;
}

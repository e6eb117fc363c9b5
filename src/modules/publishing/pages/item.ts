import { html, raw, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import type { CatalogCategory } from '../catalog.js';
import { topicByCode } from '../reference/topics.js';
import { categoryPath, CATALOG_PATH, formatSize, itemPath, localDate, localDateTime } from './common.js';
import type { PublishedItemPage, WithdrawnItemPage } from '../items.present.js';
import { words } from './words.js';

export type PublishedItem = PublishedItemPage;
export type WithdrawnItem = WithdrawnItemPage;

export interface ItemPageData {
  agency: OrgRow;
  item: PublishedItem;
  /** The item's category and those above it, top first (empty if the catalog no longer has it). */
  trail: CatalogCategory[];
  /** Scheme and host for absolute addresses (Open Graph, JSON-LD): BASE_URL or the request's. */
  origin: string;
  /** The print layout (`?print=1`). */
  print: boolean;
}

/** 主题分类 as stored (a topic code such as `02.01`, or free text) shown as its path `综合政务/政务公开`. */
export function topicLabel(topic: string | null): string | null {
  if (!topic) return null;
  return topicByCode(topic)?.path ?? topic;
}

/** JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and line separators escaped so it cannot end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** schema.org metadata of an item: a government document published by the agency. */
export function itemJsonLd(d: ItemPageData, url: string): Record<string, unknown> {
  const { item, agency } = d;
  const issuer = item.issuingOrgan ?? agency.name;
  return {
    '@context': 'https://schema.org',
    '@type': 'DigitalDocument',
    '@id': url,
    url,
    name: item.title,
    headline: item.title,
    inLanguage: 'zh-CN',
    ...(item.indexNumber ? { identifier: item.indexNumber } : {}),
    ...(item.docNumber ? { alternateName: item.docNumber } : {}),
    ...(item.summary ? { description: item.summary } : {}),
    ...(item.writtenAt ? { dateCreated: item.writtenAt } : {}),
    datePublished: item.publishedAt,
    dateModified: item.updatedAt,
    ...(topicLabel(item.topic) ? { about: topicLabel(item.topic) } : {}),
    ...(item.genre ? { genre: item.genre } : {}),
    ...(item.keywords.length ? { keywords: item.keywords.join(',') } : {}),
    author: { '@type': 'GovernmentOrganization', name: issuer },
    publisher: { '@type': 'GovernmentOrganization', name: agency.name },
    isAccessibleForFree: true,
  };
}

function metaHead(d: ItemPageData, url: string): SafeHtml {
  const { item, agency } = d;
  return html`<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:title" content="${item.title}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${agency.name}">
<meta property="og:locale" content="zh_CN">
${item.summary ? html`<meta property="og:description" content="${item.summary}">
<meta name="description" content="${item.summary}">` : ''}
<meta property="article:published_time" content="${item.publishedAt}">
<meta property="article:modified_time" content="${item.updatedAt}">
<script type="application/ld+json">${raw(jsonForScript(itemJsonLd(d, url)))}</script>`;
}

/** The metadata table at the top of an item (as on the State Council portal): pairs of label and value, title across. */
function metadataTable(view: View, d: ItemPageData): SafeHtml {
  const w = words(view);
  const { item, agency } = d;
  const published = localDate(agency, item.publishedAt);
  const validityText = w.validityLabels[item.validity] ?? item.validity;
  const validity = html`${item.validityDate ? w.validitySince(validityText, item.validityDate) : validityText}${
    item.replacedBy ? html`<br><span class="label">${w.replacedBy}${view.t.colon}</span><a href="${href(view, itemPath(item.replacedBy.id))}">${data(view, item.replacedBy.title)}</a>` : ''
  }`;
  const cell = (label: string, value: SafeHtml | string | null, cls = '') =>
    html`<th scope="row">${label}</th><td${cls ? html` class="${cls}"` : ''}>${value ?? ''}</td>`;
  return html`<div class="table-wrap"><table class="meta-table"><caption class="visually-hidden">${w.metadata}</caption><tbody>
<tr>${cell(w.indexNumber, item.indexNumber ? html`<span class="mono">${item.indexNumber}</span>` : null)}${cell(w.topic, data(view, topicLabel(item.topic)))}</tr>
<tr>${cell(w.issuingOrgan, data(view, item.issuingOrgan ?? item.unitName))}${cell(w.writtenAt, item.writtenAt ? html`<time datetime="${item.writtenAt}">${item.writtenAt}</time>` : null)}</tr>
<tr><th scope="row">${w.title}</th><td colspan="3" class="meta-title">${data(view, item.title)}</td></tr>
<tr>${cell(w.docNumber, data(view, item.docNumber))}${cell(w.publishedAt, html`<time datetime="${published}">${published}</time>`)}</tr>
<tr>${cell(w.validity, validity)}${cell(w.disclosure, w.proactive)}</tr>
${item.extra.map((e) => html`<tr><th scope="row">${data(view, e.label)}</th><td colspan="3">${data(view, e.value)}</td></tr>`)}
</tbody></table></div>`;
}

/** Attachments download from `/attachments/{id}/{name}` on every site (the files are not per site). */
function attachmentsSection(view: View, d: ItemPageData): SafeHtml {
  const w = words(view);
  if (!d.item.attachments.length) return html``;
  return html`<section class="item-section" aria-labelledby="attachments"><h2 id="attachments">${w.attachments}</h2>
<ol class="attachment-list">${d.item.attachments.map(
    (a) => html`<li><a href="/attachments/${encodeURIComponent(a.id)}/${encodeURIComponent(a.name)}">${data(view, a.name)}</a> <span class="hint">（${formatSize(a.size)}）</span></li>`,
  )}</ol></section>`;
}

function relatedSection(view: View, d: ItemPageData): SafeHtml {
  const w = words(view);
  const { item } = d;
  if (!item.interpretations.length && !item.interprets) return html``;
  return html`<section class="item-section related" aria-labelledby="related"><h2 id="related">${item.interpretations.length ? w.interpretations : w.interprets}</h2>
${item.interprets ? html`<p><span class="label">${w.interprets}${view.t.colon}</span><a href="${href(view, itemPath(item.interprets.id))}">${data(view, item.interprets.title)}</a></p>` : ''}
${item.interpretations.length
  ? html`<ul class="link-list">${item.interpretations.map((i) => html`<li><a href="${href(view, itemPath(i.id))}">${data(view, i.title)}</a></li>`)}</ul>`
  : ''}
</section>`;
}

function historySection(view: View, d: ItemPageData): SafeHtml {
  const w = words(view);
  const revs = d.item.revisions;
  if (!revs.length) return html``;
  return html`<section class="item-section history" aria-labelledby="history"><h2 id="history">${w.history}</h2>
<div class="table-wrap"><table class="data-table"><caption>${w.historyCaption}</caption>
<thead><tr><th scope="col">${w.revisionCol}</th><th scope="col">${w.revisionDate}</th><th scope="col">${w.revisionNote}</th></tr></thead>
<tbody>${revs.map((r, i) => {
    const at = localDateTime(d.agency, r.publishedAt);
    return html`<tr><th scope="row">${w.revisionN(r.revision)}</th><td>${at ? html`<time datetime="${r.publishedAt ?? ''}">${at}</time>` : ''}</td><td>${
      i === 0 ? w.firstPublished : data(view, r.changeNote)
    }</td></tr>`;
  })}</tbody></table></div></section>`;
}

/** An item: the metadata table, title, body (sanitised HTML from the database), attachments, interpretations, history. */
export function renderItemPage(view: View, d: ItemPageData): PageContent {
  const w = words(view);
  const { item } = d;
  const url = `${d.origin}${view.base}${itemPath(item.id)}`;
  const self = itemPath(item.id);
  return {
    title: item.title,
    current: 'catalog',
    crumbs: [
      { label: w.catalog, path: CATALOG_PATH },
      ...d.trail.map((c) => ({ label: c.name, path: categoryPath(c.code) })),
      { label: w.body },
    ],
    head: metaHead(d, url),
    ...(d.print ? { bodyClass: 'print-view' } : {}),
    main: html`<article class="item" aria-labelledby="item-title">
${d.print
  ? html`<p class="print-hint">${w.printHint} <a href="${href(view, self)}">${w.backToItem}</a></p>`
  : ''}
<section class="item-meta" aria-label="${w.metadata}">${metadataTable(view, d)}</section>
<h1 id="item-title" class="item-title">${data(view, item.title)}</h1>
${item.docNumber ? html`<p class="item-docnumber">${data(view, item.docNumber)}</p>` : ''}
<div class="item-body"${view.lang === 'en' ? html` lang="zh-CN"` : ''}>${raw(item.body)}</div>
${attachmentsSection(view, d)}
${relatedSection(view, d)}
${historySection(view, d)}
${d.print
  ? ''
  : html`<p class="item-tools"><a class="button button-secondary" href="${href(view, `${self}?print=1`)}">${w.print}</a>
<a class="button button-secondary" href="${href(view, `/messages/new?type=correction&item=${encodeURIComponent(item.id)}`)}">${w.reportError}</a></p>`}
</article>`,
  };
}

/** The notice shown (with 410) in place of a withdrawn item: what it was, when and why it was withdrawn; never its text. */
export function renderWithdrawnPage(view: View, agency: OrgRow, item: WithdrawnItem): PageContent {
  const w = words(view);
  const date = localDate(agency, item.withdrawnAt);
  return {
    title: w.withdrawnTitle,
    current: 'catalog',
    crumbs: [{ label: w.catalog, path: CATALOG_PATH }, { label: w.withdrawnTitle }],
    head: html`<meta name="robots" content="noindex">`,
    main: html`<section class="withdrawn" aria-labelledby="withdrawn-title">
<h1 id="withdrawn-title">${w.withdrawnTitle}</h1>
<p class="lead">${w.withdrawnLead}</p>
<div class="notice notice-warning"><dl class="fields compact">
<div class="field"><dt>${w.title}</dt><dd>${data(view, item.title)}</dd></div>
${item.indexNumber ? html`<div class="field"><dt>${w.indexNumber}</dt><dd><span class="mono">${item.indexNumber}</span></dd></div>` : ''}
<div class="field"><dt>${w.withdrawnAt}</dt><dd><time datetime="${date}">${date}</time></dd></div>
<div class="field"><dt>${w.withdrawnReason}</dt><dd>${data(view, item.reason)}</dd></div>
</dl></div>
<p><a class="button" href="${href(view, CATALOG_PATH)}">${w.backToCatalog}</a></p>
</section>`,
  };
}

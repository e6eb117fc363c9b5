import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { CatalogNode } from '../catalog.js';
import { categoryPath, CATALOG_PATH } from './common.js';
import type { PublicCatalog } from '../catalog.views.js';
import { words } from './words.js';

/** One published version of the catalog, for the public change history. */
export interface CatalogVersionView {
  version: number;
  note: string;
  publishedAt: string;
  changes: { added: { code: string; name: string }[]; removed: { code: string; name: string }[]; changed: { code: string }[] };
}

/** 信息公开目录: the published catalog as a tree of links, each category with the number of its published items. */
export function renderCatalogPage(view: View, catalog: PublicCatalog | null, versions: readonly CatalogVersionView[] = []): PageContent {
  const w = words(view);
  const total = catalog?.tree.reduce((n, c) => n + c.itemCount, 0) ?? 0;
  return {
    title: w.catalog,
    current: 'catalog',
    crumbs: [{ label: w.catalog }],
    main: html`<h1>${w.catalog}</h1>
<p class="lead">${w.catalogLead}</p>
${catalog && catalog.tree.length
  ? html`<p class="catalog-total">${w.itemCountLabel(total)}</p>
<nav class="catalog-nav" aria-labelledby="catalog-tree-heading"><h2 id="catalog-tree-heading" class="visually-hidden">${w.catalog}</h2>${catalogList(view, catalog.tree, true)}</nav>
<p class="feed-links"><a class="feed-link" href="${view.base}/feeds/items.rss">RSS</a> <a class="feed-link" href="${view.base}/feeds/items.atom">Atom</a> <span class="hint">${w.subscribeAgency}</span></p>`
  : html`<p class="notice">${w.catalogEmpty}</p>`}
${versions.length ? catalogHistory(view, versions) : ''}`,
  };
}

/** The catalog's change history (docs/product.md M2): each published version with its note and what it changed. */
function catalogHistory(view: View, versions: readonly CatalogVersionView[]): SafeHtml {
  const w = words(view);
  return html`<section class="catalog-history" aria-labelledby="catalog-history-heading"><h2 id="catalog-history-heading">${w.catalogHistory}</h2>
<table class="data-table"><thead><tr><th scope="col">${w.catalogVersion}</th><th scope="col">${w.catalogPublishedOn}</th><th scope="col">${w.catalogNote}</th><th scope="col">${w.catalogChanges}</th></tr></thead>
<tbody>${versions.map(
    (v) => html`<tr><td>${v.version}</td><td>${v.publishedAt.slice(0, 10)}</td><td>${data(view, v.note)}</td><td>${w.catalogChangeSummary(v.changes.added.length, v.changes.removed.length, v.changes.changed.length)}</td></tr>`,
  )}</tbody></table></section>`;
}

/** The tree as nested lists; shared by the catalog page and the category page's sub-categories. */
export function catalogList(view: View, nodes: readonly CatalogNode[], top = false): SafeHtml {
  const w = words(view);
  return html`<ul class="${top ? 'catalog-tree' : 'catalog-tree nested'}">${nodes.map(
    (n) => html`<li><a href="${href(view, categoryPath(n.code))}"><span class="cat-code">${n.code}</span>${data(view, n.name)}</a> <span class="count">${w.itemCount(n.itemCount)}</span>${
      n.children.length ? catalogList(view, n.children) : ''
    }</li>`,
  )}</ul>`;
}

export { CATALOG_PATH };

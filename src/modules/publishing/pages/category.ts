import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import type { CatalogCategory, CatalogNode } from '../catalog.js';
import { catalogList } from './catalog.js';
import { categoryPath, CATALOG_PATH, itemPath, localDate } from './common.js';
import type { ItemSummary } from '../items.present.js';
import { MAX_PAGE, PAGE_SIZE, type SortKey } from '../items.queries.js';
import { intervalLabel, words } from './words.js';

export interface ListQuery {
  page: number;
  sort: SortKey;
}

/**
 * `?page=&sort=` of a category page: a page number from 1 to MAX_PAGE and `written` or the default order. Anything
 * else (repeated, overlong, not a number) is the first page in the default order, so a bad link still shows the list.
 */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const page = typeof query.page === 'string' && /^\d{1,4}$/.test(query.page) ? Number(query.page) : 1;
  const sort: SortKey = query.sort === 'written' ? 'written' : 'published';
  return { page: Math.min(Math.max(page, 1), MAX_PAGE), sort };
}

export function pageCount(total: number): number {
  return Math.min(Math.max(1, Math.ceil(total / PAGE_SIZE)), MAX_PAGE);
}

export interface CategoryPageData {
  agency: OrgRow;
  category: CatalogCategory;
  node: CatalogNode;
  /** From the top-level category down to this one. */
  trail: CatalogCategory[];
  query: ListQuery;
  total: number;
  items: ItemSummary[];
}

/** The address of a page of the list, with the sort order kept (defaults left out so each list has one address). */
export function listPath(code: string, query: ListQuery): string {
  const params: string[] = [];
  if (query.sort !== 'published') params.push(`sort=${query.sort}`);
  if (query.page !== 1) params.push(`page=${query.page}`);
  return `${categoryPath(code)}${params.length ? `?${params.join('&')}` : ''}`;
}

/** A category: its description and update interval, sub-categories, and its published items (with those below it), paginated and sortable. */
export function renderCategoryPage(view: View, d: CategoryPageData): PageContent {
  const w = words(view);
  const { category, node, query } = d;
  const pages = pageCount(d.total);
  const interval = intervalLabel(view, category.updateInterval);
  const feed = `${view.base}/feeds/catalog/${category.code}`;
  return {
    title: category.name,
    current: 'catalog',
    crumbs: [
      { label: w.catalog, path: CATALOG_PATH },
      ...d.trail.slice(0, -1).map((c) => ({ label: c.name, path: categoryPath(c.code) })),
      { label: category.name },
    ],
    head: html`<link rel="alternate" type="application/rss+xml" title="${category.name}" href="${feed}.rss">
<link rel="alternate" type="application/atom+xml" title="${category.name}" href="${feed}.atom">`,
    main: html`<h1>${data(view, category.name)}</h1>
${category.description || interval
  ? html`<dl class="fields compact category-meta">${category.description ? html`<div class="field"><dt>${w.description}</dt><dd>${data(view, category.description)}</dd></div>` : ''}${
      interval ? html`<div class="field"><dt>${w.updateInterval}</dt><dd>${interval}</dd></div>` : ''
    }</dl>`
  : ''}
${node.children.length
  ? html`<section class="panel" aria-labelledby="subcategories"><h2 id="subcategories">${w.subCategories}</h2>${catalogList(view, node.children)}</section>`
  : ''}
<section class="panel" aria-labelledby="item-list"><h2 id="item-list">${w.items}</h2>
<div class="list-tools"><p class="list-count">${w.itemCountLabel(d.total)}</p>${sortLinks(view, category.code, query)}</div>
${d.items.length ? itemTable(view, d) : html`<p>${w.noItems}</p>`}
${pages > 1 ? pagination(view, category.code, query, pages) : ''}
<p class="feed-links"><a class="feed-link" href="${feed}.rss">RSS</a> <a class="feed-link" href="${feed}.atom">Atom</a> <span class="hint">${w.subscribe}</span></p>
</section>`,
  };
}

function sortLinks(view: View, code: string, query: ListQuery): SafeHtml {
  const w = words(view);
  const options: [SortKey, string][] = [
    ['published', w.sortPublished],
    ['written', w.sortWritten],
  ];
  return html`<nav class="sort-links" aria-label="${w.sortBy}"><span class="label">${w.sortBy}${view.t.colon}</span><ul>${options.map(([key, label]) =>
    key === query.sort
      ? html`<li><span class="switch-current" aria-current="true">${label}</span></li>`
      : html`<li><a href="${href(view, listPath(code, { sort: key, page: 1 }))}">${label}</a></li>`,
  )}</ul></nav>`;
}

function itemTable(view: View, d: CategoryPageData): SafeHtml {
  const w = words(view);
  const written = d.query.sort === 'written';
  return html`<div class="table-wrap"><table class="data-table item-list"><caption class="visually-hidden">${w.listCaption(d.category.name, d.total)}</caption>
<thead><tr><th scope="col" class="col-title">${w.colTitle}</th><th scope="col" class="col-doc">${w.colDocNumber}</th>${
    written ? html`<th scope="col" class="col-date">${w.colWritten}</th>` : ''
  }<th scope="col" class="col-date">${w.colPublished}</th></tr></thead>
<tbody>${d.items.map((item) => {
    const published = localDate(d.agency, item.publishedAt);
    return html`<tr><td class="col-title"><a href="${href(view, itemPath(item.id))}">${data(view, item.title)}</a></td><td class="col-doc">${data(view, item.docNumber)}</td>${
      written ? html`<td class="col-date">${item.writtenAt ? html`<time datetime="${item.writtenAt}">${item.writtenAt}</time>` : ''}</td>` : ''
    }<td class="col-date"><time datetime="${published}">${published}</time></td></tr>`;
  })}</tbody></table></div>`;
}

function pagination(view: View, code: string, query: ListQuery, pages: number): SafeHtml {
  const w = words(view);
  const link = (page: number) => href(view, listPath(code, { ...query, page }));
  // First, last, and two either side of the current page.
  const shown = [...new Set([1, pages, ...[-2, -1, 0, 1, 2].map((k) => query.page + k)])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const parts: SafeHtml[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1]! > 1) parts.push(html`<li class="gap" aria-hidden="true">…</li>`);
    parts.push(
      p === query.page
        ? html`<li><span class="page-current" aria-current="page">${p}</span></li>`
        : html`<li><a href="${link(p)}" aria-label="${w.pageN(p)}">${p}</a></li>`,
    );
  });
  return html`<nav class="pagination" aria-label="${w.pagination}"><p class="hint">${w.pageOf(query.page, pages)}</p><ul>
${query.page > 1 ? html`<li><a href="${link(query.page - 1)}" rel="prev">${w.prev}</a></li>` : ''}
${parts}
${query.page < pages ? html`<li><a href="${link(query.page + 1)}" rel="next">${w.next}</a></li>` : ''}
</ul></nav>`;
}

import { html, raw, type SafeHtml } from '../../../portal/html.js';
import { KEEP_CLOSE, KEEP_OPEN } from '../../../portal/i18n.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import { localDate } from '../../publishing/index.js';
import { topicByCode } from '../../publishing/index.js';
import { FACETS, type Facet } from '../engine.js';
import type { RunResult } from '../search.run.js';
import { MAX_RESULT_PAGE, RESULTS_PER_PAGE, searchPath, type FilterKey, type SearchState } from './compose.js';
import { searchWords, type SearchWords } from './words.js';

export const SEARCH_PATH = '/search';
export const ADVANCED_PATH = '/search/advanced';
export const GO_PATH = '/search/go';

export type SearchPageData =
  | { kind: 'empty' }
  | { kind: 'invalid'; errors: Record<string, string>; values: { q: string; sort: string } }
  | { kind: 'result'; state: SearchState; result: RunResult; categories: ReadonlyMap<string, string> };

/**
 * What the reader typed goes back into form fields as it was: on zh-TW pages it is not converted to Traditional
 * characters (a filter such as the issuing organ must match exactly), so these elements are kept out of the conversion.
 */
export function keep(part: SafeHtml): SafeHtml {
  return html`${raw(KEEP_OPEN)}${part}${raw(KEEP_CLOSE)}`;
}

/** Text the search module already escaped and marked (<mark>): Chinese data, so marked as such on English pages. */
function marked(view: View, escaped: string): SafeHtml {
  return view.lang === 'en' ? html`<span lang="zh-CN">${raw(escaped)}</span>` : raw(escaped);
}

/** The address of a result as the page links it: through the click counter, which sends the reader on to the item. */
export function goPath(q: string, id: string): string {
  return `${GO_PATH}?${q ? `q=${encodeURIComponent(q)}&` : ''}id=${encodeURIComponent(id)}`;
}

/** The search box of the page: words and sort order; a new search starts without the filters of the last one. */
function searchForm(view: View, w: SearchWords, q: string, sort: string, invalidQ = false): SafeHtml {
  return html`<form class="search-form" role="search" aria-label="${w.formLabel}" method="get" action="${view.base}${SEARCH_PATH}">
${view.langInLinks ? html`<input type="hidden" name="lang" value="${view.lang}">` : ''}
<div class="search-row">
<div class="form-field search-q"><label for="search-q">${w.qLabel}</label>
<p class="hint" id="search-q-hint">${w.qHint}</p>
${keep(html`<input id="search-q" name="q" type="search" value="${q}" maxlength="200" aria-describedby="search-q-hint"${invalidQ ? html` aria-invalid="true"` : ''}>`)}</div>
<div class="form-field search-sort"><label for="search-sort">${w.sortLabel}</label>
<select id="search-sort" name="sort">
<option value="relevance"${sort !== 'date' ? html` selected` : ''}>${w.sortRelevance}</option>
<option value="date"${sort === 'date' ? html` selected` : ''}>${w.sortDate}</option>
</select></div>
<div class="search-submit"><button class="button" type="submit">${w.searchButton}</button></div>
</div>
<p class="search-advanced-link"><a href="${href(view, ADVANCED_PATH)}">${w.advanced}</a></p>
</form>`;
}

function tips(w: SearchWords): SafeHtml {
  return html`<section class="panel search-tips" aria-labelledby="search-tips"><h2 id="search-tips">${w.tipsHeading}</h2>
<dl class="tips-list">${w.tips.map(([example, text]) => html`<div class="tip"><dt>${keep(html`<code lang="zh-CN">${example}</code>`)}</dt><dd>${text}</dd></div>`)}</dl>
<p>${w.tipsTraditional}</p>
</section>`;
}

/** A facet value's words: catalog names, topic names and organs are data; years and validity are words of the page. */
function facetLabel(view: View, w: SearchWords, facet: Facet | FilterKey, value: string, fallback: string | undefined, categories: ReadonlyMap<string, string>): SafeHtml {
  if (facet === 'year') return html`${w.yearLabel(value)}`;
  if (facet === 'validity') return html`${w.validityLabels[value] ?? value}`;
  if (facet === 'category') return data(view, categories.get(value) ?? fallback ?? value);
  if (facet === 'topic') return data(view, topicByCode(value)?.name ?? fallback ?? value);
  return data(view, fallback ?? value);
}

function plainLabel(w: SearchWords, facet: FilterKey, value: string, categories: ReadonlyMap<string, string>): string {
  if (facet === 'year') return w.yearLabel(value);
  if (facet === 'validity') return w.validityLabels[value] ?? value;
  if (facet === 'category') return categories.get(value) ?? value;
  if (facet === 'topic') return topicByCode(value)?.name ?? value;
  return value;
}

function facetsBlock(view: View, w: SearchWords, state: SearchState, result: RunResult, categories: ReadonlyMap<string, string>): SafeHtml {
  const groups = FACETS.filter((f) => result.facets[f].length > 0);
  if (!groups.length) return html``;
  return html`<nav class="search-facets" aria-labelledby="facets-heading"><h2 id="facets-heading">${w.refine}</h2>
${groups.map((f) => {
    const current = state[f];
    return html`<section class="facet" aria-labelledby="facet-${f}"><h3 id="facet-${f}">${w.facetNames[f]}</h3><ul>${result.facets[f].map((c) => {
      const label = facetLabel(view, w, f, c.value, c.label, categories);
      const count = html`<span class="count">${w.facetCount(c.count)}</span>`;
      return c.value === current
        ? html`<li><span class="facet-current" aria-current="true">${label}<span class="visually-hidden">${w.selected}</span></span> ${count}</li>`
        : html`<li><a href="${href(view, searchPath({ ...state, [f]: c.value, page: 1 }))}">${label}</a> ${count}</li>`;
    })}</ul></section>`;
  })}
</nav>`;
}

function activeFilters(view: View, w: SearchWords, state: SearchState, categories: ReadonlyMap<string, string>): SafeHtml {
  const active: { name: string; label: SafeHtml; plain: string; without: SearchState }[] = [];
  for (const k of ['category', 'topic', 'organ', 'year', 'genre', 'validity'] as const) {
    const v = state[k];
    if (v === undefined) continue;
    active.push({ name: w.facetNames[k]!, label: facetLabel(view, w, k, v, undefined, categories), plain: plainLabel(w, k, v, categories), without: { ...state, [k]: undefined, page: 1 } });
  }
  if (state.from) active.push({ name: w.fromFilter, label: html`${state.from}`, plain: state.from, without: { ...state, from: undefined, page: 1 } });
  if (state.to) active.push({ name: w.toFilter, label: html`${state.to}`, plain: state.to, without: { ...state, to: undefined, page: 1 } });
  if (state.within) active.push({ name: w.withinFilter, label: keep(html`<span lang="zh-CN">${state.within}</span>`), plain: state.within, without: { ...state, within: undefined, page: 1 } });
  if (!active.length) return html``;
  const cleared: SearchState = { q: state.q, sort: state.sort, page: 1 };
  return html`<section class="active-filters" aria-labelledby="active-filters"><h2 id="active-filters" class="filters-heading">${w.activeFilters}</h2><ul>${active.map(
    (a) => html`<li><span class="filter-name">${a.name}${view.t.colon}</span>${a.label} <a class="filter-remove" href="${href(view, searchPath(a.without))}">${w.remove}<span class="visually-hidden">${w.removeFilter(`${a.name} ${a.plain}`)}</span></a></li>`,
  )}</ul>${active.length > 1 ? html`<p><a href="${href(view, searchPath(cleared))}">${w.clearFilters}</a></p>` : ''}</section>`;
}

/** A second box: words looked for among the results of this search; the words, filters and order are kept. */
function withinForm(view: View, w: SearchWords, state: SearchState): SafeHtml {
  const hidden = (name: string, value: string | undefined) => (value ? keep(html`<input type="hidden" name="${name}" value="${value}">`) : '');
  return html`<form class="search-within" method="get" action="${view.base}${SEARCH_PATH}">
${view.langInLinks ? html`<input type="hidden" name="lang" value="${view.lang}">` : ''}
${hidden('q', state.q)}
${(['category', 'topic', 'organ', 'genre', 'validity', 'year', 'from', 'to'] as const).map((k) => hidden(k, state[k]))}
${state.sort !== 'relevance' ? hidden('sort', state.sort) : ''}
<div class="form-field"><label for="search-within">${w.withinLabel}</label>
${keep(html`<input id="search-within" name="within" type="search" value="${state.within ?? ''}" maxlength="200">`)}
<button class="button button-secondary" type="submit">${w.withinButton}</button></div>
</form>`;
}

function sortLinks(view: View, w: SearchWords, state: SearchState): SafeHtml {
  const options: ['relevance' | 'date', string][] = [
    ['relevance', w.sortRelevance],
    ['date', w.sortDate],
  ];
  return html`<nav class="sort-links" aria-label="${w.sortLabel}"><span class="label">${w.sortLabel}${view.t.colon}</span><ul>${options.map(([key, label]) =>
    key === state.sort
      ? html`<li><span class="switch-current" aria-current="true">${label}</span></li>`
      : html`<li><a href="${href(view, searchPath({ ...state, sort: key, page: 1 }))}">${label}</a></li>`,
  )}</ul></nav>`;
}

function hitList(view: View, w: SearchWords, agency: OrgRow, state: SearchState, result: RunResult): SafeHtml {
  const counted = [state.q, state.within].filter(Boolean).join(' ');
  const start = (result.page - 1) * result.pageSize + 1;
  return html`<ol class="search-hits" start="${start}" aria-label="${w.resultsList(result.total)}">${result.hits.map((hit) => {
    const published = localDate(agency, hit.publishedAt);
    const meta: [string, SafeHtml][] = [];
    if (hit.docNumber) meta.push([w.docNumber, data(view, hit.docNumber)]);
    if (hit.indexNumber) meta.push([w.indexNumber, html`<span class="mono">${hit.indexNumber}</span>`]);
    if (published) meta.push([w.publishedAt, html`<time datetime="${published}">${published}</time>`]);
    return html`<li class="search-hit">
<h3 class="hit-title"><a href="${href(view, goPath(counted, hit.id))}">${marked(view, hit.titleHtml)}</a></h3>
${hit.snippet ? html`<p class="hit-snippet">${marked(view, hit.snippet)}</p>` : ''}
${meta.length ? html`<dl class="hit-meta">${meta.map(([k, v]) => html`<div><dt>${k}${view.t.colon}</dt><dd>${v}</dd></div>`)}</dl>` : ''}
</li>`;
  })}</ol>`;
}

function pagination(view: View, w: SearchWords, state: SearchState, pages: number): SafeHtml {
  const link = (page: number) => href(view, searchPath({ ...state, page }));
  const shown = [...new Set([1, pages, ...[-2, -1, 0, 1, 2].map((k) => state.page + k)])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const parts: SafeHtml[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1]! > 1) parts.push(html`<li class="gap" aria-hidden="true">…</li>`);
    parts.push(
      p === state.page
        ? html`<li><span class="page-current" aria-current="page">${p}</span></li>`
        : html`<li><a href="${link(p)}" aria-label="${w.pageN(p)}">${p}</a></li>`,
    );
  });
  return html`<nav class="pagination" aria-label="${w.pagination}"><p class="hint">${w.pageOf(Math.min(state.page, pages), pages)}</p><ul>
${state.page > 1 ? html`<li><a href="${link(Math.min(state.page - 1, pages))}" rel="prev">${w.prev}</a></li>` : ''}
${parts}
${state.page < pages ? html`<li><a href="${link(state.page + 1)}" rel="next">${w.next}</a></li>` : ''}
</ul></nav>`;
}

function noResults(view: View, w: SearchWords, state: SearchState, result: RunResult): SafeHtml {
  const dym = result.didYouMean;
  // A close title was found without the filters; a shorter query with them.
  const suggestion: SearchState | null = dym ? (dym.kind === 'title' ? { q: dym.text, sort: state.sort, page: 1 } : { ...state, q: dym.text, within: undefined, page: 1 }) : null;
  return html`<div class="search-empty">
${dym && suggestion
  ? html`<p class="did-you-mean">${w.didYouMean}<a href="${href(view, searchPath(suggestion))}">${data(view, dym.text)}</a>${w.didYouMeanCount(dym.total)}</p>`
  : ''}
<p class="notice">${w.noResults}</p>
<ul class="rules">${w.noResultsTips.map((tip) => html`<li>${tip}</li>`)}</ul>
${tips(w)}
</div>`;
}

function resultSection(view: View, w: SearchWords, agency: OrgRow, state: SearchState, result: RunResult, categories: ReadonlyMap<string, string>): SafeHtml {
  const pages = Math.min(Math.max(1, Math.ceil(result.total / RESULTS_PER_PAGE)), MAX_RESULT_PAGE);
  const facets = facetsBlock(view, w, state, result, categories);
  const converted = result.convertedQuery ? html`<p class="notice search-converted">${w.convertedBefore}${keep(html`<span lang="zh-CN">${result.convertedQuery}</span>`)}${w.convertedAfter}</p>` : '';
  const ignored = result.ignored.length ? html`<p class="notice search-ignored">${w.ignoredBefore}${data(view, result.ignored.join(' '))}${w.ignoredAfter}</p>` : '';
  return html`${converted}${ignored}
${activeFilters(view, w, state, categories)}
<div class="search-layout${facets.value ? '' : ' no-facets'}">
<section class="search-results" aria-labelledby="results-heading"><h2 id="results-heading">${w.results}</h2>
<div class="list-tools"><p class="list-count" role="status">${w.summary(result.total)}<span class="hint">${w.took(result.tookMs)}</span></p>${result.total > 1 ? sortLinks(view, w, state) : ''}</div>
${result.total === 0
  ? noResults(view, w, state, result)
  : result.hits.length === 0
    ? html`<p class="notice">${w.pageEmpty} <a href="${href(view, searchPath({ ...state, page: 1 }))}">${w.firstPage}</a></p>`
    : hitList(view, w, agency, state, result)}
${result.total > RESULTS_PER_PAGE ? pagination(view, w, state, pages) : ''}
${Math.ceil(result.total / RESULTS_PER_PAGE) > MAX_RESULT_PAGE && state.page === pages ? html`<p class="hint">${w.moreThanPages(MAX_RESULT_PAGE)}</p>` : ''}
${result.total > 0 ? withinForm(view, w, state) : ''}
</section>
${facets}
</div>`;
}

function problems(view: View, w: SearchWords, errors: Record<string, string>): SafeHtml {
  return html`<div class="error-summary" role="alert" aria-labelledby="search-problems"><h2 id="search-problems">${w.problemsHeading}</h2>
<p>${w.problemsLead}</p>
<ul>${Object.entries(errors).map(([field, message]) => {
    const label = w.fieldLabels[field];
    const text = html`${label ? html`${label}${view.t.colon}` : ''}${data(view, message)}`;
    return html`<li>${field === 'q' ? html`<a href="#search-q">${text}</a>` : text}</li>`;
  })}</ul></div>`;
}

/** 站内检索: the search box, then the results with facets, or how to search, or what was wrong with the request. */
export function renderSearchPage(view: View, agency: OrgRow, d: SearchPageData): PageContent {
  const w = searchWords(view);
  const q = d.kind === 'result' ? d.state.q : d.kind === 'invalid' ? d.values.q : '';
  const sort = d.kind === 'result' ? d.state.sort : d.kind === 'invalid' ? d.values.sort : 'relevance';
  const title = d.kind === 'result' && d.state.q ? `${d.state.q} - ${w.title}` : w.title;
  return {
    title,
    current: 'search',
    crumbs: [{ label: w.title }],
    head: html`<meta name="robots" content="noindex">`,
    main: html`<h1>${w.title}</h1>
${d.kind === 'invalid' ? problems(view, w, d.errors) : ''}
${searchForm(view, w, q, sort, d.kind === 'invalid' && 'q' in d.errors)}
${d.kind === 'result'
  ? resultSection(view, w, agency, d.state, d.result, d.categories)
  : html`${d.kind === 'empty' ? html`<p class="lead">${w.lead}</p>` : ''}${tips(w)}`}`,
  };
}

import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import { localDate } from '../../publishing/index.js';
import type { FaqList, PublicFaq } from '../faq.repo.js';
import { FAQ_PATH, keep, pagination, paragraphs, withQuery } from './common.js';
import { participationWords, type ParticipationWords } from './words.js';

export interface FaqPageData {
  agency: OrgRow;
  q: string;
  category: string;
  page: number;
  pageSize: number;
  list: FaqList;
}

/** Entries of one page grouped by category, in the order listed. */
function groups(entries: readonly PublicFaq[]): { category: string; entries: PublicFaq[] }[] {
  const out: { category: string; entries: PublicFaq[] }[] = [];
  for (const e of entries) {
    const last = out.at(-1);
    if (last?.category === e.category) last.entries.push(e);
    else out.push({ category: e.category, entries: [e] });
  }
  return out;
}

function searchForm(view: View, w: ParticipationWords, q: string): SafeHtml {
  return html`<form class="search-form" role="search" aria-label="${w.faqSearch}" method="get" action="${view.base}${FAQ_PATH}">
${view.langInLinks ? html`<input type="hidden" name="lang" value="${view.lang}">` : ''}
<div class="search-row">
<div class="form-field search-q"><label for="faq-q">${w.faqSearchLabel}</label>
<p class="hint" id="faq-q-hint">${w.faqSearchHint}</p>
${keep(html`<input id="faq-q" name="q" type="search" value="${q}" maxlength="200" aria-describedby="faq-q-hint">`)}</div>
<div class="search-submit"><button class="button" type="submit">${w.searchButton}</button></div>
</div>
</form>`;
}

function categoryNav(view: View, w: ParticipationWords, d: FaqPageData): SafeHtml {
  if (!d.list.categories.length) return html``;
  const all = d.list.categories.reduce((n, c) => n + c.count, 0);
  const link = (name: string, label: SafeHtml, count: number, category?: string) =>
    name === d.category
      ? html`<li><span class="facet-current" aria-current="page">${label}</span> <span class="count">${w.count(count)}</span></li>`
      : html`<li><a href="${href(view, withQuery(FAQ_PATH, { q: d.q, category }))}">${label}</a> <span class="count">${w.count(count)}</span></li>`;
  return html`<nav class="catalog-nav" aria-labelledby="faq-categories"><h2 id="faq-categories">${w.categories}</h2>
<ul class="link-list">
${link('', html`${w.allCategories}`, all)}
${d.list.categories.map((c) => link(c.name, data(view, c.name), c.count, c.name))}
</ul></nav>`;
}

function entry(view: View, w: ParticipationWords, agency: OrgRow, e: PublicFaq): SafeHtml {
  const date = localDate(agency, e.updatedAt);
  return html`<article class="faq-entry" aria-labelledby="faq-${e.id}">
<h3 id="faq-${e.id}"><span class="visually-hidden">${w.question}${view.t.colon}</span>${data(view, e.question)}</h3>
<div class="faq-answer"><p class="visually-hidden">${w.answer}${view.t.colon}</p>${paragraphs(view, e.answer)}</div>
<p class="hint">${w.updatedAt}${view.t.colon}<time datetime="${date}">${date}</time></p>
</article>`;
}

/** 在线问答: the agency's published questions and answers by category, with a search box (a GET form). */
export function renderFaqPage(view: View, d: FaqPageData): PageContent {
  const w = participationWords(view);
  const pages = Math.max(1, Math.ceil(d.list.total / d.pageSize));
  const searching = d.q !== '' || d.category !== '';
  const count = d.q ? w.faqSearched(d.q, d.list.total) : w.faqTotal(d.list.total);
  return {
    title: w.faqTitle,
    current: 'interaction',
    crumbs: [{ label: view.t.interaction, path: '/interaction' }, { label: w.faqTitle }],
    main: html`<h1>${w.faqTitle}</h1>
<p class="lead">${w.faqLead}</p>
${searchForm(view, w, d.q)}
${categoryNav(view, w, d)}
<p class="list-count" role="status">${count}</p>
${d.list.entries.length
  ? groups(d.list.entries).map(
      (g, i) => html`<section class="faq-category" aria-labelledby="faq-cat-${i}"><h2 id="faq-cat-${i}">${data(view, g.category)}</h2>
${g.entries.map((e) => entry(view, w, d.agency, e))}</section>`,
    )
  : html`<p class="notice">${searching ? w.faqNoMatch : w.faqEmpty}</p>`}
${searching && !d.list.entries.length ? html`<p><a href="${href(view, FAQ_PATH)}">${w.clearSearch}</a></p>` : ''}
${pagination(view, w, d.page, pages, (page) => withQuery(FAQ_PATH, { q: d.q, category: d.category, page }))}`,
  };
}

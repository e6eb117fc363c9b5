import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import { keep, pagination, paragraphs, withQuery } from '../../participation/index.js';
import type { QaEntry } from '../messages.schemas.js';
import type { MessageType } from '../types.js';
import { INTERACTION_PATH, QA_PATH, qaPath } from './paths.js';
import { messageWords, typeName, type MessageWords } from './words.js';

export const QA_PAGE_SIZE = 20;

function pageWords(w: MessageWords) {
  return { pagination: w.pagination, pageN: w.pageN, pageOf: w.pageOf, prev: w.prev, next: w.next_ };
}

function facts(view: View, e: QaEntry): SafeHtml {
  const w = messageWords(view);
  return html`<dl class="fields compact">
<div class="field"><dt>${w.typeLabel}</dt><dd>${typeName(view, e.type as MessageType)}</dd></div>
<div class="field"><dt>${w.receivedDate}</dt><dd><time datetime="${e.receivedDate}">${e.receivedDate}</time></dd></div>
<div class="field"><dt>${w.repliedDate}</dt><dd><time datetime="${e.repliedDate ?? ''}">${e.repliedDate ?? ''}</time></dd></div>
<div class="field"><dt>${w.replyUnit}</dt><dd>${data(view, e.replyUnit)}</dd></div>
</dl>`;
}

/** 公开答复: the published questions and answers, newest answer first, with a search box. */
export function renderQaListPage(view: View, d: { q: string; page: number; total: number; entries: QaEntry[] }): PageContent {
  const w = messageWords(view);
  const pages = Math.max(1, Math.ceil(d.total / QA_PAGE_SIZE));
  return {
    title: w.qaTitle,
    current: 'interaction',
    crumbs: [{ label: w.hubTitle, path: INTERACTION_PATH }, { label: w.qaTitle }],
    main: html`<article aria-labelledby="qa-title"><h1 id="qa-title">${w.qaTitle}</h1><p class="lead">${w.qaLead}</p>
<form method="get" action="${href(view, QA_PATH)}" role="search" class="inline-form"><label for="qa-q">${w.qaSearch}</label>
${keep(html`<input id="qa-q" name="q" type="search" maxlength="100" value="${d.q}">`)} <button class="button" type="submit">${w.qaSearchButton}</button></form>
<p class="hint">${w.total(d.total)}</p>
${d.entries.length
  ? html`<ul class="qa-list">${d.entries.map((e) => html`<li><h2><a href="${href(view, qaPath(e.id))}">${data(view, e.title)}</a></h2>${facts(view, e)}</li>`)}</ul>`
  : html`<p>${w.qaEmpty}</p>`}
${pagination(view, pageWords(w), d.page, pages, (page) => withQuery(QA_PATH, { q: d.q, page }))}
</article>`,
  };
}

export function renderQaPage(view: View, e: QaEntry): PageContent {
  const w = messageWords(view);
  return {
    title: e.title ?? w.qaTitle,
    current: 'interaction',
    crumbs: [{ label: w.hubTitle, path: INTERACTION_PATH }, { label: w.qaTitle, path: QA_PATH }, { label: e.title ?? '' }],
    main: html`<article aria-labelledby="qa-entry"><h1 id="qa-entry">${data(view, e.title)}</h1>
${facts(view, e)}
<section aria-labelledby="qa-question"><h2 id="qa-question">${w.question}</h2>${paragraphs(view, e.content)}</section>
<section class="panel" aria-labelledby="qa-reply"><h2 id="qa-reply">${w.replyHeading}</h2>${paragraphs(view, e.reply)}</section>
</article>`,
  };
}

/** 互动交流: where a citizen starts — leave a message, track one, read answers, the FAQ and open consultations. */
export function renderInteractionHub(view: View, d: { limits: Record<MessageType, number>; latest: QaEntry[] }): PageContent {
  const w = messageWords(view);
  const links: [string, string, string][] = [
    ['/messages/new', w.newTitle, w.newLead],
    ['/messages/track', w.trackTitle, w.trackLead],
    [QA_PATH, w.qaTitle, w.qaLead],
    ['/faq', w.faqLink, ''],
    ['/solicitations', w.solicitationsLink, ''],
  ];
  return {
    title: w.hubTitle,
    current: 'interaction',
    main: html`<article aria-labelledby="hub-title"><h1 id="hub-title">${w.hubTitle}</h1><p class="lead">${w.hubLead}</p>
<ul class="card-list">${links.map(([path, label, lead]) => html`<li class="card"><h2><a href="${href(view, path)}">${label}</a></h2>${lead ? html`<p>${lead}</p>` : ''}</li>`)}</ul>
<section aria-labelledby="hub-limits"><h2 id="hub-limits">${w.dueDate}</h2><ul>${(Object.keys(d.limits) as MessageType[]).map((t) => html`<li>${typeName(view, t)}：${w.limitOf(d.limits[t])}</li>`)}</ul><p class="hint">${w.dueNote}</p></section>
${d.latest.length ? html`<section aria-labelledby="hub-latest"><h2 id="hub-latest">${w.qaTitle}</h2><ul>${d.latest.map((e) => html`<li><a href="${href(view, qaPath(e.id))}">${data(view, e.title)}</a> <span class="hint">${e.repliedDate ?? ''}</span></li>`)}</ul></section>` : ''}
</article>`,
  };
}

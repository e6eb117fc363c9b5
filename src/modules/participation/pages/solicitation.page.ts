import type { Challenge } from '../../../shared/abuse.js';
import { challengeField, formField, problemSummary } from '../../../portal/form-fields.js';
import { html, raw, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import { itemPath, localDate, localDateTime } from '../../publishing/index.js';
import { COMMENT_LIMITS } from '../participation.schemas.js';
import type { PublicComment, SolicitationDetail } from '../solicitations.repo.js';
import { commentFormPath, pagination, paragraphs, solicitationPath, SOLICITATIONS_PATH } from './common.js';
import { periodText, statusTag } from './solicitations.page.js';
import { participationWords, type ParticipationWords } from './words.js';

/** The comment form as the citizen left it: what was typed, what was wrong, the challenge when one is asked. */
export interface CommentFormState {
  values: { name: string; contact: string; content: string };
  /** Field → message; `_` for what concerns the whole submission (closed meanwhile, too many). */
  errors: Record<string, string>;
  challenge: Challenge | null;
}

export interface SolicitationPageData {
  agency: OrgRow;
  detail: SolicitationDetail;
  relatedItem: { id: string; title: string } | null;
  page: number;
  submitted: boolean;
  form: CommentFormState;
}

export const EMPTY_FORM: CommentFormState = { values: { name: '', contact: '', content: '' }, errors: {}, challenge: null };

function feedbackSection(view: View, w: ParticipationWords, d: SolicitationPageData): SafeHtml {
  const s = d.detail;
  if (!s.feedbackPublishedAt) return html``;
  const date = localDate(d.agency, s.feedbackPublishedAt);
  const counts = [
    [w.commentCount, s.counts.shown],
    [w.adoption.adopted!, s.counts.adopted ?? 0],
    [w.adoption.partly!, s.counts.partly ?? 0],
    [w.adoption['not-adopted']!, s.counts.notAdopted ?? 0],
  ] as const;
  return html`<section class="panel" aria-labelledby="feedback"><h2 id="feedback">${w.feedbackHeading}</h2>
<p class="hint">${w.feedbackPublishedAt}${view.t.colon}<time datetime="${date}">${date}</time></p>
<div class="table-wrap"><table class="data-table"><caption>${w.adoptionCounts}</caption>
<thead><tr>${counts.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody><tr>${counts.map(([, n]) => html`<td>${w.count(n)}</td>`)}</tr></tbody></table></div>
${paragraphs(view, s.feedback)}
</section>`;
}

function comment(view: View, w: ParticipationWords, agency: OrgRow, c: PublicComment): SafeHtml {
  const at = localDateTime(agency, c.submittedAt);
  return html`<li class="comment" id="comment-${c.id}">
<p class="hint"><strong>${c.name ? data(view, c.name) : w.anonymous}</strong> · ${w.submittedAt}${view.t.colon}<time datetime="${c.submittedAt}">${at}</time></p>
${paragraphs(view, c.content)}
${c.adoption
  ? html`<p><span class="tag">${w.adoption[c.adoption]}</span>${c.adoptionReason ? html` ${w.adoptionReason}${view.t.colon}${data(view, c.adoptionReason)}` : ''}</p>`
  : ''}
</li>`;
}

function commentsSection(view: View, w: ParticipationWords, d: SolicitationPageData): SafeHtml {
  const s = d.detail;
  const pages = Math.max(1, Math.ceil(s.counts.shown / s.commentsPage.pageSize));
  return html`<section aria-labelledby="comments"><h2 id="comments">${w.commentsHeading}（${w.count(s.counts.shown)}）</h2>
<p class="hint">${w.commentsNote}</p>
${s.comments.length
  ? html`<ol class="comment-list" aria-label="${w.commentsList(s.counts.shown)}">${s.comments.map((c) => comment(view, w, d.agency, c))}</ol>`
  : html`<p>${w.commentsEmpty}</p>`}
${pagination(view, w, d.page, pages, (page) => `${solicitationPath(s.id)}${page > 1 ? `?page=${page}` : ''}`)}
</section>`;
}

function commentForm(view: View, w: ParticipationWords, d: SolicitationPageData): SafeHtml {
  const { values, errors, challenge } = d.form;
  return html`<section class="panel" aria-labelledby="comment-form"><h2 id="comment-form">${w.formHeading}</h2>
<p>${w.formIntro}</p>
${problemSummary('comment', w.problemsHeading, errors)}
<form method="post" action="${href(view, commentFormPath(d.detail.id))}">
${formField('comment', 'name', w.nameLabel, null, errors.name, (ids, bad) => html`<input id="comment-name" name="name" type="text" autocomplete="name" maxlength="${COMMENT_LIMITS.name}" value="${values.name}"${ids}${bad}>`)}
${formField('comment', 'contact', w.contactLabel, w.contactHint, errors.contact, (ids, bad) => html`<input id="comment-contact" name="contact" type="text" autocomplete="tel" maxlength="${COMMENT_LIMITS.contact}" value="${values.contact}"${ids}${bad}>`)}
${formField('comment', 'content', w.contentLabel, w.contentHint(COMMENT_LIMITS.content), errors.content, (ids, bad) => html`<textarea id="comment-content" name="content" rows="8" cols="60" required maxlength="${COMMENT_LIMITS.content}"${ids}${bad}>${values.content}</textarea>`)}
${challengeField(view, 'comment', w, challenge, errors.challengeAnswer)}
<p><button class="button" type="submit">${w.submit}</button></p>
</form></section>`;
}

/** A solicitation: status, period, the draft, the adoption feedback when published, shown comments, the form while open. */
export function renderSolicitationPage(view: View, d: SolicitationPageData): PageContent {
  const w = participationWords(view);
  const s = d.detail;
  const standalone = s.status !== 'open' ? d.form.errors._ : undefined;
  return {
    title: s.title,
    current: 'interaction',
    crumbs: [{ label: view.t.interaction, path: '/interaction' }, { label: w.solTitle, path: SOLICITATIONS_PATH }, { label: s.title }],
    main: html`<article class="solicitation-page" aria-labelledby="solicitation-title">
<h1 id="solicitation-title">${data(view, s.title)}</h1>
${d.submitted ? html`<p class="notice" role="status">${w.submitted}</p>` : ''}
${standalone ? html`<div class="error-summary" role="alert"><p>${standalone}</p></div>` : ''}
<dl class="fields">
<div class="field"><dt>${w.statusLabel}</dt><dd>${statusTag(w, s.status)}</dd></div>
<div class="field"><dt>${w.period}</dt><dd>${periodText(view, w, d.agency, s.opensAt, s.closesAt)}</dd></div>
<div class="field"><dt>${w.commentCount}</dt><dd>${w.count(s.counts.shown)}</dd></div>
${d.relatedItem ? html`<div class="field"><dt>${w.relatedItem}</dt><dd><a href="${href(view, itemPath(encodeURIComponent(d.relatedItem.id)))}">${data(view, d.relatedItem.title)}</a></dd></div>` : ''}
</dl>
<section aria-labelledby="summary"><h2 id="summary">${w.summaryHeading}</h2>${paragraphs(view, s.summary)}</section>
<section aria-labelledby="draft"><h2 id="draft">${w.draftHeading}</h2>
<div class="item-body"${view.lang === 'en' ? html` lang="zh-CN"` : ''}>${raw(s.body)}</div></section>
${feedbackSection(view, w, d)}
${commentsSection(view, w, d)}
${s.status === 'open'
  ? commentForm(view, w, d)
  : html`<p class="notice">${s.status === 'upcoming' ? w.notYetOpen(localDateTime(d.agency, s.opensAt)) : w.closedNote}</p>`}
</article>`,
  };
}

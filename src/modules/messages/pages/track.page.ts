import { formField, problemSummary } from '../../../portal/form-fields.js';
import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/index.js';
import { paragraphs } from '../../participation/index.js';
import { localDateTime } from '../../publishing/index.js';
import type { presentForCitizen } from '../messages.present.js';
import type { MessageType } from '../types.js';
import { INTERACTION_PATH, ratingPath, TRACK_PATH } from './paths.js';
import { messageWords, typeName } from './words.js';

export type CitizenView = ReturnType<typeof presentForCitizen>;

export interface TrackState {
  code: string;
  message: CitizenView | null;
  notFound: boolean;
  created: boolean;
  rated: boolean;
  ratingErrors: Record<string, string>;
}

function lookupForm(view: View, s: TrackState): SafeHtml {
  const w = messageWords(view);
  return html`<form method="get" action="${href(view, TRACK_PATH)}" class="inline-form">
${formField('track', 'code', w.codeLabel, w.codeHint, s.notFound ? w.notFound : undefined, (ids, bad) => html`<input id="track-code" name="code" type="text" autocomplete="off" spellcheck="false" maxlength="40" required value="${s.code}"${ids}${bad}>`)}
<p><button class="button" type="submit">${w.lookup}</button></p></form>`;
}

function ratingForm(view: View, agency: OrgRow, m: CitizenView, s: TrackState): SafeHtml {
  const w = messageWords(view);
  const e = s.ratingErrors;
  // A rating sent from a page opened earlier (rated meanwhile, in another tab) is refused: say why.
  if (m.rating) {
    return html`<section class="panel" aria-labelledby="rate"><h2 id="rate">${w.yourRating}</h2>
${problemSummary('rating', w.problemsHeading, e)}
<p><strong>${m.rating.rating} / 5</strong> ${w.ratingLabels[m.rating.rating]}</p>${m.rating.comment ? paragraphs(view, m.rating.comment) : ''}
${m.rating.ratedAt ? html`<p class="hint"><time datetime="${m.rating.ratedAt}">${localDateTime(agency, m.rating.ratedAt)}</time></p>` : ''}</section>`;
  }
  if (!m.canRate) return problemSummary('rating', w.problemsHeading, e);
  return html`<section class="panel" aria-labelledby="rate"><h2 id="rate">${w.rateHeading}</h2>
${problemSummary('rating', w.problemsHeading, e)}
<form method="post" action="${href(view, ratingPath(m.trackingCode))}">
<fieldset class="form-field${e.rating ? ' has-error' : ''}" id="rating-rating"><legend>${w.ratingLegend}</legend>
${e.rating ? html`<p class="field-error">${e.rating}</p>` : ''}
<ul class="choices">${[5, 4, 3, 2, 1].map((n) => html`<li><input type="radio" name="rating" id="rating-${n}" value="${n}"> <label for="rating-${n}">${n} — ${w.ratingLabels[n]}</label></li>`)}</ul>
</fieldset>
${formField('rating', 'comment', w.ratingComment, null, e.comment, (ids, bad) => html`<textarea id="rating-comment" name="comment" rows="3" cols="60" maxlength="500"${ids}${bad}></textarea>`)}
<p><button class="button" type="submit">${w.rate}</button></p></form></section>`;
}

function status(view: View, agency: OrgRow, m: CitizenView, s: TrackState): SafeHtml {
  const w = messageWords(view);
  return html`${s.created ? html`<div class="notice" role="status"><h2>${w.createdHeading}</h2><p>${w.createdLead}</p><p class="tracking-code">${w.codeLabel}：<strong>${m.trackingCode}</strong></p></div>` : ''}
${s.rated ? html`<p class="notice" role="status">${w.rated}</p>` : ''}
<section aria-labelledby="status"><h2 id="status">${data(view, m.title)}</h2>
<dl class="fields">
<div class="field"><dt>${w.codeLabel}</dt><dd><code>${m.trackingCode}</code></dd></div>
<div class="field"><dt>${w.statusLabel}</dt><dd><span class="tag">${m.statusLabel}</span></dd></div>
<div class="field"><dt>${w.typeLabel}</dt><dd>${typeName(view, m.type as MessageType)}</dd></div>
<div class="field"><dt>${w.submittedAt}</dt><dd><time datetime="${m.submittedAt}">${localDateTime(agency, m.submittedAt)}</time></dd></div>
<div class="field"><dt>${w.dueDate}</dt><dd><time datetime="${m.dueDate ?? ''}">${m.dueDate ?? ''}</time><p class="hint">${w.dueNote}</p></dd></div>
</dl>
<h3>${w.contentLabel}</h3>${paragraphs(view, m.content)}
<h3>${w.timeline}</h3>
<ol class="timeline">${m.timeline.map((e) => html`<li><time datetime="${e.at}">${localDateTime(agency, e.at)}</time> ${e.label}</li>`)}</ol>
</section>
${m.reply !== undefined
  ? html`<section class="panel" aria-labelledby="reply"><h2 id="reply">${w.replyHeading}</h2>
<p class="hint">${w.replyUnit}：${data(view, m.replyUnit ?? '')} · ${w.repliedAt}：${m.repliedAt ? html`<time datetime="${m.repliedAt}">${localDateTime(agency, m.repliedAt)}</time>` : ''}</p>
${paragraphs(view, m.reply ?? '')}
${m.accountability
  ? html`<h3>${w.accountability}</h3><dl class="fields">
<div class="field"><dt>${w.investigation}</dt><dd>${paragraphs(view, m.accountability.investigation)}</dd></div>
<div class="field"><dt>${w.responsibleUnit}</dt><dd>${data(view, m.accountability.responsibleUnit)}</dd></div>
<div class="field"><dt>${w.measures}</dt><dd>${paragraphs(view, m.accountability.measures)}</dd></div></dl>`
  : ''}
${m.published ? html`<p class="hint">${w.published}</p>` : ''}
</section>`
  : ''}
${m.dismissReason !== undefined ? html`<section class="panel"><h2>${w.dismissReason}</h2>${paragraphs(view, m.dismissReason ?? '')}</section>` : ''}
${ratingForm(view, agency, m, s)}`;
}

/** 留言查询: the lookup form, and the message's progress, answer and rating form once a code is given. */
export function renderTrackPage(view: View, agency: OrgRow, s: TrackState): PageContent {
  const w = messageWords(view);
  return {
    title: w.trackTitle,
    current: 'interaction',
    crumbs: [{ label: w.hubTitle, path: INTERACTION_PATH }, { label: w.trackTitle }],
    head: html`<meta name="robots" content="noindex">`,
    main: html`<article aria-labelledby="track-title"><h1 id="track-title">${w.trackTitle}</h1>
${s.message ? status(view, agency, s.message, s) : html`<p class="lead">${w.trackLead}</p>${lookupForm(view, s)}`}
</article>`,
  };
}

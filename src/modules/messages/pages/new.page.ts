import type { Challenge } from '../../../shared/abuse.js';
import { challengeField, formField, problemSummary } from '../../../portal/form-fields.js';
import { html, type SafeHtml } from '../../../portal/html.js';
import type { PageContent } from '../../../portal/layout.js';
import { data, href, type View } from '../../../portal/view.js';
import { paragraphs } from '../../participation/index.js';
import type { SimilarQuestions } from '../messages.schemas.js';
import { MESSAGE_TYPES, type MessageType } from '../types.js';
import { INTERACTION_PATH, NEW_MESSAGE_PATH, qaPath } from './paths.js';
import { messageWords, typeName } from './words.js';

export interface MessageDraft {
  type: string;
  title: string;
  content: string;
  name: string;
  contact: string;
  public: boolean;
  correctionItemId: string;
}

export const EMPTY_DRAFT: MessageDraft = { type: 'consultation', title: '', content: '', name: '', contact: '', public: false, correctionItemId: '' };

export interface NewMessageState {
  step: 1 | 2;
  draft: MessageDraft;
  errors: Record<string, string>;
  limits: Record<MessageType, number>;
  correctionItem: { id: string; title: string } | null;
  similar: SimilarQuestions | null;
  challenge: Challenge | null;
}

const P = 'msg';

function typeChoice(view: View, d: NewMessageState): SafeHtml {
  const w = messageWords(view);
  const error = d.errors.type;
  return html`<fieldset class="form-field${error ? ' has-error' : ''}" id="${P}-type"${error ? html` aria-describedby="${P}-type-error"` : ''}><legend>${w.typeLegend}</legend>
${error ? html`<p class="field-error" id="${P}-type-error">${error}</p>` : ''}
<ul class="choices">${MESSAGE_TYPES.filter((t) => t !== 'correction' || d.correctionItem).map(
    (t) => html`<li><input type="radio" name="type" id="${P}-type-${t}" value="${t}"${d.draft.type === t ? html` checked` : ''} aria-describedby="${P}-type-${t}-hint">
<label for="${P}-type-${t}">${typeName(view, t)}</label> <span class="hint" id="${P}-type-${t}-hint">${w.typeHints[t]}（${w.limitOf(d.limits[t])}）</span></li>`,
  )}</ul></fieldset>`;
}

function hiddenDraft(d: MessageDraft): SafeHtml {
  return html`${(['type', 'title', 'content', 'name', 'contact', 'correctionItemId'] as const).map((k) => html`<input type="hidden" name="${k}" value="${d[k]}">`)}
${d.public ? html`<input type="hidden" name="public" value="1">` : ''}`;
}

function stepOne(view: View, d: NewMessageState): SafeHtml {
  const w = messageWords(view);
  const e = d.errors;
  const v = d.draft;
  return html`<p class="hint">${w.step1}</p>
${problemSummary(P, w.problemsHeading, e)}
<form method="post" action="${href(view, NEW_MESSAGE_PATH)}" novalidate>
${d.correctionItem ? html`<input type="hidden" name="correctionItemId" value="${d.correctionItem.id}"><p><strong>${w.correctionOf}：</strong>${data(view, d.correctionItem.title)}</p>` : ''}
${typeChoice(view, d)}
${formField(P, 'title', w.titleLabel, w.titleHint, e.title, (ids, bad) => html`<input id="${P}-title" name="title" type="text" maxlength="100" required value="${v.title}"${ids}${bad}>`)}
${formField(P, 'content', w.contentLabel, w.contentHint, e.content, (ids, bad) => html`<textarea id="${P}-content" name="content" rows="10" cols="60" maxlength="5000" required${ids}${bad}>${v.content}</textarea>`)}
${formField(P, 'name', w.nameLabel, null, e.name, (ids, bad) => html`<input id="${P}-name" name="name" type="text" autocomplete="name" maxlength="30" required value="${v.name}"${ids}${bad}>`)}
${formField(P, 'contact', w.contactLabel, w.contactHint, e.contact, (ids, bad) => html`<input id="${P}-contact" name="contact" type="text" autocomplete="tel" maxlength="100" required value="${v.contact}"${ids}${bad}>`)}
<div class="form-field"><input type="checkbox" id="${P}-public" name="public" value="1"${v.public ? html` checked` : ''}> <label for="${P}-public">${w.publicLabel}</label></div>
<p><button class="button" type="submit">${w.next}</button></p>
</form>`;
}

function similarList(view: View, d: NewMessageState): SafeHtml {
  const w = messageWords(view);
  const s = d.similar;
  if (!s || (!s.faq.length && !s.answered.length)) return html`<p>${w.similarNone}</p>`;
  return html`${s.faq.length
    ? html`<h3>${w.similarFaq}</h3><ul class="similar">${s.faq.map((f) => html`<li><details><summary>${data(view, f.question)}</summary>${paragraphs(view, f.answer)}</details></li>`)}</ul>`
    : ''}
${s.answered.length
    ? html`<h3>${w.similarAnswered}</h3><ul class="similar">${s.answered.map((a) => html`<li><a href="${href(view, qaPath(a.id))}">${data(view, a.title)}</a></li>`)}</ul>`
    : ''}
<p class="hint">${w.similarNote}</p>`;
}

function stepTwo(view: View, d: NewMessageState): SafeHtml {
  const w = messageWords(view);
  const v = d.draft;
  const e = d.errors;
  return html`<p class="hint">${w.step2}</p>
${problemSummary(P, w.problemsHeading, e)}
<section class="panel" aria-labelledby="${P}-similar"><h2 id="${P}-similar">${w.similarHeading}</h2>${similarList(view, d)}</section>
<section aria-labelledby="${P}-review"><h2 id="${P}-review">${w.reviewHeading}</h2>
<dl class="fields">
<div class="field"><dt>${w.typeLabel}</dt><dd>${typeName(view, v.type as MessageType)}</dd></div>
<div class="field"><dt>${w.titleLabel}</dt><dd>${data(view, v.title)}</dd></div>
<div class="field"><dt>${w.contentLabel}</dt><dd>${paragraphs(view, v.content)}</dd></div>
<div class="field"><dt>${w.nameLabel}</dt><dd>${data(view, v.name)}</dd></div>
<div class="field"><dt>${w.contactLabel}</dt><dd>${data(view, v.contact)}</dd></div>
</dl>
<form method="post" action="${href(view, NEW_MESSAGE_PATH)}"><input type="hidden" name="step" value="edit">${hiddenDraft(v)}<p><button class="button secondary" type="submit">${w.edit}</button></p></form>
</section>
<form method="post" action="${href(view, NEW_MESSAGE_PATH)}" enctype="multipart/form-data">
<input type="hidden" name="step" value="confirm">${hiddenDraft(v)}
${formField(P, 'attachments', w.attachmentsLabel, w.attachmentsHint, e.attachments ?? Object.entries(e).find(([k]) => k.startsWith('attachments.'))?.[1], (ids, bad) => html`<input id="${P}-attachments" name="attachments" type="file" multiple accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"${ids}${bad}>`)}
${challengeField(view, P, w, d.challenge, e.challengeAnswer)}
<p><button class="button" type="submit">${w.submit}</button></p>
</form>`;
}

/** 我要留言: step 1 writes the message; step 2 shows similar answered questions, takes attachments and submits. */
export function renderNewMessagePage(view: View, d: NewMessageState): PageContent {
  const w = messageWords(view);
  return {
    title: w.newTitle,
    current: 'interaction',
    crumbs: [{ label: w.hubTitle, path: INTERACTION_PATH }, { label: w.newTitle }],
    main: html`<article class="message-form" aria-labelledby="message-new"><h1 id="message-new">${w.newTitle}</h1>
<p class="lead">${w.newLead}</p>
${d.step === 1 ? stepOne(view, d) : stepTwo(view, d)}
</article>`,
  };
}


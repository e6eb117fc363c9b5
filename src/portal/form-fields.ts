import type { Challenge } from '../shared/abuse.js';
import { html, raw, type SafeHtml } from './html.js';
import { KEEP_CLOSE, KEEP_OPEN } from './i18n.js';
import { data, type View } from './view.js';

/**
 * The parts of the portal's forms (GOV.UK-style): a labelled field with its hint and error tied to the control by
 * aria-describedby, the error summary at the top linking to each field, and the challenge question. Element ids
 * are `<prefix>-<name>`, so several forms can share a page.
 */

/** What a reader typed goes back into a form field as it was, not converted to Traditional characters. */
export function keepTyped(part: SafeHtml): SafeHtml {
  return html`${raw(KEEP_OPEN)}${part}${raw(KEEP_CLOSE)}`;
}

export function formField(
  prefix: string,
  name: string,
  label: string,
  hint: string | null,
  error: string | undefined,
  control: (describedBy: SafeHtml | '', invalid: SafeHtml | '') => SafeHtml,
  before: SafeHtml | '' = '',
): SafeHtml {
  const ids = [before ? `${prefix}-${name}-before` : '', hint ? `${prefix}-${name}-hint` : '', error ? `${prefix}-${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-field${error ? ' has-error' : ''}"><label for="${prefix}-${name}">${label}</label>
${hint ? html`<p class="hint" id="${prefix}-${name}-hint">${hint}</p>` : ''}
${error ? html`<p class="field-error" id="${prefix}-${name}-error">${error}</p>` : ''}
${before ? html`<div id="${prefix}-${name}-before">${before}</div>` : ''}
${keepTyped(control(ids ? html` aria-describedby="${ids}"` : '', error ? html` aria-invalid="true"` : ''))}</div>`;
}

/** The list of problems at the top of a form; `_` is a problem of the whole form. */
export function problemSummary(prefix: string, heading: string, errors: Record<string, string>): SafeHtml {
  const list = Object.entries(errors);
  if (!list.length) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="${prefix}-problems"><h2 id="${prefix}-problems">${heading}</h2><ul>${list.map(
    ([field, message]) => html`<li>${field === '_' ? message : html`<a href="#${prefix}-${field.split('.')[0]}">${message}</a>`}</li>`,
  )}</ul></div>`;
}

/** The challenge question with its answer field and the signed token, when the submission limits ask for it. */
export function challengeField(view: View, prefix: string, words: { challengeLabel: string; challengeHint: string }, challenge: Challenge | null, error: string | undefined): SafeHtml {
  if (!challenge) return html``;
  return html`<input type="hidden" name="challengeToken" value="${challenge.token}">
${formField(
  prefix,
  'challengeAnswer',
  words.challengeLabel,
  words.challengeHint,
  error,
  (ids, bad) => html`<input id="${prefix}-challengeAnswer" name="challengeAnswer" type="text" inputmode="numeric" autocomplete="off" required maxlength="20"${ids}${bad}>`,
  html`<p><strong>${data(view, challenge.question)}</strong></p>`,
)}`;
}

/** Problems of a failed submission keyed by the form's fields; anything else is a problem of the whole form. */
export function formErrors(fields: Record<string, string> | undefined, message: string, known: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields ?? {})) out[known.has(k.split('.')[0]!) ? k : '_'] ??= v;
  if (!Object.keys(out).length) out._ = message;
  return out;
}

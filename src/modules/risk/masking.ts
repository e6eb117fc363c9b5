/**
 * Masking of personal data (docs/product.md M9 "masking preview"; the issue's one-action masking of the body).
 *
 * maskValue(kind, value):
 *   id-card      first 6 + ******** + last 4 (18 digits); the 15-digit form keeps the same 6 + 4 and stars
 *                the 5 between, so the length never changes and the reader still sees which form it was
 *   mobile       138****1234; a +86 / 86- prefix is kept as written
 *   bank-card    first 4 + stars + last 4
 *   credit-code  first 6 + stars + last 4, like an ID (only when asked: organisations' codes are public)
 *   email        first character + ***@domain
 *   landline     area code + **** + last 2 (an extension is kept: it identifies a desk, not a person)
 * Separators inside a value (spaces and hyphens of a grouped number) stay where they were; full-width digits that
 * are kept stay full-width. Sensitive words and missing fields are never masked: they need an editor.
 */
import { DETECTORS, isPiiKind, type PiiKind, type RiskKind } from './detectors.js';
import { foldAddress, foldText } from './fold.js';
import { escapeHtmlText, htmlRangeToText, htmlToScanText } from './html.js';

/** The kinds the one-action masking applies to by default: personal data, not organisations' credit codes. */
export const DEFAULT_MASK_KINDS: readonly PiiKind[] = ['id-card', 'mobile', 'bank-card', 'email', 'landline'];

const isAlnum = (c: string): boolean => /[0-9A-Za-z]/.test(c);

/** Stars over the letters and digits of `value` except the first `keepFirst` and the last `keepLast`. */
function starMiddle(value: string, keepFirst: number, keepLast: number): string {
  const folded = foldText(value);
  let total = 0;
  for (const c of folded) if (isAlnum(c)) total++;
  let seen = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (!isAlnum(folded[i]!)) {
      out += value[i];
      continue;
    }
    out += seen < keepFirst || seen >= total - keepLast ? value[i] : '*';
    seen++;
  }
  return out;
}

function maskMobile(value: string): string {
  // The national number is the last 11 digits; anything before them (+86, 86-) is kept.
  const folded = foldText(value);
  const digitPositions: number[] = [];
  for (let i = 0; i < folded.length; i++) if (/\d/.test(folded[i]!)) digitPositions.push(i);
  if (digitPositions.length < 11) return starMiddle(value, 1, 1);
  const national = digitPositions.slice(-11);
  const hide = new Set(national.slice(3, 7));
  let out = '';
  for (let i = 0; i < value.length; i++) out += hide.has(i) ? '*' : value[i];
  return out;
}

function maskEmail(value: string): string {
  const at = foldAddress(value).lastIndexOf('@'); // ＠ and ﹫ fold to @ at the same offset
  if (at <= 0) return starMiddle(value, 1, 0);
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

function maskLandline(value: string): string {
  const m = /^(\(?0(?:10|2\d|[3-9]\d{2})\)?[- ]?)(\d{7,8})(.*)$/s.exec(foldText(value));
  if (!m) return starMiddle(value, 3, 2);
  const prefixEnd = m[1]!.length;
  const localEnd = prefixEnd + m[2]!.length;
  return `${value.slice(0, prefixEnd)}****${value.slice(localEnd - 2, localEnd)}${value.slice(localEnd)}`;
}

export function maskValue(kind: RiskKind, value: string): string {
  switch (kind) {
    case 'id-card':
      return starMiddle(value, 6, 4);
    case 'mobile':
      return maskMobile(value);
    case 'bank-card':
      return starMiddle(value, 4, 4);
    case 'credit-code':
      return starMiddle(value, 6, 4);
    case 'email':
      return maskEmail(value);
    case 'landline':
      return maskLandline(value);
    case 'sensitive-word':
    case 'missing-field':
      return value;
  }
}

/** True when `value` on its own is still exactly one finding of `kind`: offsets from an older scan are refused. */
export function stillMatches(kind: PiiKind, value: string): boolean {
  return DETECTORS[kind](value).some((f) => f.start === 0 && f.end === value.length);
}

export interface MaskTarget {
  kind: RiskKind;
  start: number;
  end: number;
}

export interface MaskOptions {
  /** Which kinds to mask (default DEFAULT_MASK_KINDS). */
  kinds?: readonly RiskKind[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits in one pass (offsets all refer to the original source, as if applied right to left); an edit
 * overlapping an earlier one is dropped.
 */
function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    pieces.push(source.slice(at, e.start), e.text);
    at = e.end;
  }
  pieces.push(source.slice(at));
  return pieces.join('');
}

function wanted(kind: RiskKind, options: MaskOptions | undefined): kind is PiiKind {
  return isPiiKind(kind) && (options?.kinds ?? DEFAULT_MASK_KINDS).includes(kind);
}

/**
 * Masks the findings in plain text (`start`/`end` are offsets into `text`). A finding whose text is no longer a
 * match of its kind (the text changed since the scan) is left alone; so is everything outside the findings.
 */
export function maskText(text: string, findings: readonly MaskTarget[], options?: MaskOptions): string {
  const edits: Edit[] = [];
  for (const f of findings) {
    if (!wanted(f.kind, options) || f.start < 0 || f.end > text.length || f.start >= f.end) continue;
    const value = text.slice(f.start, f.end);
    if (!stillMatches(f.kind, value)) continue;
    edits.push({ start: f.start, end: f.end, text: maskValue(f.kind, value) });
  }
  return applyEdits(text, edits);
}

/**
 * Masks the findings in an HTML body; `start`/`end` are offsets into `html` (as scanHtml reports them). Only text
 * is rewritten, never a tag or attribute, so well-formed HTML stays well-formed. A value split by inline tags
 * (`<b>1101</b>05…`) is rewritten run by run: when the mask has the value's length (IDs, phones, cards) each
 * run gets its own part of the mask; otherwise the first run gets the whole mask and the others are emptied.
 * Findings that no longer match (the body changed since the scan) are left alone.
 */
export function maskHtml(html: string, findings: readonly MaskTarget[], options?: MaskOptions): string {
  const st = htmlToScanText(html);
  const edits: Edit[] = [];
  for (const f of findings) {
    if (!wanted(f.kind, options)) continue;
    const range = htmlRangeToText(st, f.start, f.end);
    if (!range) continue;
    // Runs of text that are contiguous in the HTML (a tag or entity boundary between two characters ends a run
    // only when HTML lies between them).
    const runs: { ts: number; te: number }[] = [];
    let value = '';
    for (let i = range.start; i < range.end; i++) {
      if (st.virtual[i]) continue;
      const last = runs[runs.length - 1];
      if (last && last.te === i && st.ends[i - 1] === st.starts[i]) last.te = i + 1;
      else runs.push({ ts: i, te: i + 1 });
      value += st.text[i];
    }
    if (!stillMatches(f.kind, value)) continue;
    const masked = maskValue(f.kind, value);
    let used = 0;
    runs.forEach((run, n) => {
      const len = run.te - run.ts;
      let part: string;
      if (masked.length === value.length) part = masked.slice(used, used + len);
      else part = n === 0 ? masked : '';
      used += len;
      edits.push({ start: st.starts[run.ts]!, end: st.ends[run.te - 1]!, text: escapeHtmlText(part) });
    });
  }
  return applyEdits(html, edits);
}

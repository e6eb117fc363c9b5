/**
 * The pre-publication risk scan of one item revision (docs/product.md M9; docs/contract.md `GET /api/v1/items/{id}/risks`), run
 * on submit and on each approval. Pure and synchronous: the caller loads the revision and stores the findings.
 *
 * Offsets: for a plain-text field (title, summary, docNumber …) `start`/`end` are UTF-16 offsets into the field's
 * value; for an HTML field (body) they are offsets into the HTML string, so maskHtml can rewrite the body in place.
 * A missing-field finding has start = end = 0.
 *
 * Excerpts: about `context` (default 10) characters either side, "…" where cut, whitespace collapsed, and every
 * personal-data value inside it masked (the finding's own and any neighbour's) — an excerpt never carries a raw
 * value. Sensitive words are shown as written: they are what the reviewer must read.
 */
import {
  byPosition,
  detectPersonalData,
  isPiiKind,
  resolveLevels,
  type PiiKind,
  type RawFinding,
  type RiskKind,
} from './detectors.js';
import { htmlToScanText, textRangeToHtml } from './html.js';
import { isBlocking, type RiskLevel } from './levels.js';
import { DEFAULT_MASK_KINDS, maskHtml, maskText, maskValue, type MaskOptions } from './masking.js';
import { DEFAULT_SENSITIVE_WORDS, findSensitiveWords, type SensitiveWord } from './sensitive-words.js';

export interface Finding {
  kind: RiskKind;
  level: RiskLevel;
  /** The item field it was found in (for missing-field: the field that is missing). */
  field: string;
  /** Masked context, e.g. `…身份证号110105********1234，电话…`. */
  excerpt: string;
  start: number;
  end: number;
  /** The sensitive-word list's note, or the missing field's label. */
  note?: string;
}

/** A finding of scanText / scanHtml: the same without the field. */
export type FieldFinding = Omit<Finding, 'field'>;

/** What the scan reads: the revision's fields by their API names (camelCase). Every string field is scanned. */
export interface ScanInput {
  title?: string | null;
  /** Sanitised HTML. */
  body?: string | null;
  summary?: string | null;
  docNumber?: string | null;
  readonly [field: string]: unknown;
}

export interface RequiredField {
  field: string;
  /** Chinese label for the excerpt (default FIELD_LABELS[field] or the field name). */
  label?: string;
  /** Default: 较大 for title and body (nothing to publish without them), 一般 for the rest. */
  level?: RiskLevel;
}

export interface ScanOptions {
  /** The sensitive-word list (default DEFAULT_SENSITIVE_WORDS; [] for none). Cached by identity: reuse the array. */
  sensitiveWords?: readonly SensitiveWord[];
  /** Fields that must be present (default DEFAULT_REQUIRED). */
  required?: readonly (string | RequiredField)[];
  /** Level per personal-data kind over DEFAULT_LEVELS; ID and bank card never go below 较大. */
  levels?: Partial<Record<PiiKind, RiskLevel>>;
  /** Fields holding HTML (default ['body']). */
  htmlFields?: readonly string[];
  /** Fields to scan, in this order (default: title, docNumber, summary, body, then every other string field). */
  fields?: readonly string[];
  /** Characters of context either side in excerpts (default 10). */
  context?: number;
}

export const FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  title: '标题',
  body: '正文',
  summary: '内容摘要',
  docNumber: '发文字号',
  issuingOrgan: '发文机关',
  writtenAt: '成文日期',
  formedAt: '生成日期',
  indexNumber: '索引号',
  categoryCode: '目录分类',
  topic: '主题分类',
  genre: '体裁',
  keywords: '关键词',
  validity: '有效性',
  disclosure: '公开方式',
});

export const DEFAULT_REQUIRED: readonly RequiredField[] = Object.freeze([{ field: 'title' }, { field: 'body' }]);

const FIRST_FIELDS = ['title', 'docNumber', 'summary', 'body'];
const ESSENTIAL = new Set(['title', 'body']);

// ---------------------------------------------------------------------------------------------------------------

function isSurrogateLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Index of the first finding in `sorted` (non-overlapping, by position) that ends after `offset`. */
function firstEndingAfter(sorted: readonly RawFinding[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The excerpt for text[start, end), masking every personal-data finding (`pii`: sorted, non-overlapping) that it
 * touches. `visible` is where the text's first and last non-blank characters are, for the "…" marks.
 */
function excerptOf(
  text: string,
  start: number,
  end: number,
  pii: readonly RawFinding[],
  context: number,
  visible: { first: number; last: number },
): string {
  let ws = Math.max(0, start - context);
  let we = Math.min(text.length, end + context);
  // Do not cut a personal-data value in half (half of it unmasked would be a leak), nor a surrogate pair.
  const atStart = pii[firstEndingAfter(pii, ws)];
  if (atStart && atStart.start < ws) ws = atStart.start;
  const atEnd = pii[firstEndingAfter(pii, we)];
  if (atEnd && atEnd.start < we) we = atEnd.end;
  if (ws > 0 && isSurrogateLow(text.charCodeAt(ws))) ws--;
  if (we < text.length && isSurrogateLow(text.charCodeAt(we))) we++;
  let out = '';
  let at = ws;
  for (let i = firstEndingAfter(pii, ws); i < pii.length && pii[i]!.start < we; i++) {
    const p = pii[i]!;
    out += text.slice(at, p.start) + maskValue(p.kind, p.value);
    at = p.end;
  }
  out += text.slice(at, we);
  out = out.replace(/\s+/g, ' ').trim();
  // "…" only where something visible was cut (an HTML body's text ends with a block separator).
  return `${ws > visible.first ? '…' : ''}${out}${we <= visible.last ? '…' : ''}`;
}

function scanPlain(text: string, options: ScanOptions | undefined): { finding: RawFinding; excerpt: string }[] {
  const levels = resolveLevels(options?.levels);
  const pii = detectPersonalData(text, levels);
  const words = findSensitiveWords(text, options?.sensitiveWords ?? DEFAULT_SENSITIVE_WORDS);
  const context = options?.context ?? 10;
  const first = text.search(/\S/);
  let last = text.length - 1;
  while (last >= 0 && /\s/.test(text[last]!)) last--;
  const visible = { first: first < 0 ? text.length : first, last };
  return [...pii, ...words]
    .sort(byPosition)
    .map((finding) => ({ finding, excerpt: excerptOf(text, finding.start, finding.end, pii, context, visible) }));
}

function toFieldFinding(f: RawFinding, excerpt: string, start: number, end: number): FieldFinding {
  const out: FieldFinding = { kind: f.kind, level: f.level, excerpt, start, end };
  if (f.note !== undefined) out.note = f.note;
  return out;
}

/** Findings in plain text; offsets into `text`. */
export function scanText(text: string, options?: ScanOptions): FieldFinding[] {
  return scanPlain(text, options).map(({ finding: f, excerpt }) => toFieldFinding(f, excerpt, f.start, f.end));
}

/** Findings in the visible text of an HTML fragment; offsets into `html` (see html.ts for what counts as text). */
export function scanHtml(html: string, options?: ScanOptions): FieldFinding[] {
  const st = htmlToScanText(html);
  return scanPlain(st.text, options).map(({ finding: f, excerpt }) => {
    const r = textRangeToHtml(st, f.start, f.end);
    return toFieldFinding(f, excerpt, r.start, r.end);
  });
}

function isPresent(value: unknown, html: boolean): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return (html ? htmlToScanText(value).text : value).trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function fieldsToScan(input: ScanInput, options: ScanOptions | undefined): string[] {
  if (options?.fields) return [...options.fields];
  const rest = Object.keys(input).filter((k) => !FIRST_FIELDS.includes(k));
  return [...FIRST_FIELDS, ...rest].filter((k) => typeof input[k] === 'string');
}

/**
 * Every finding for an item revision: missing required fields first, then each scanned field in order, by
 * position within the field.
 */
export function scanItem(input: ScanInput, options?: ScanOptions): Finding[] {
  const htmlFields = options?.htmlFields ?? ['body'];
  const findings: Finding[] = [];
  for (const entry of options?.required ?? DEFAULT_REQUIRED) {
    const req = typeof entry === 'string' ? { field: entry } : entry;
    if (isPresent(input[req.field], htmlFields.includes(req.field))) continue;
    const label = req.label ?? FIELD_LABELS[req.field] ?? req.field;
    const level = req.level ?? (ESSENTIAL.has(req.field) ? '较大' : '一般');
    findings.push({ kind: 'missing-field', level, field: req.field, excerpt: `缺少${label}`, start: 0, end: 0, note: label });
  }
  for (const field of fieldsToScan(input, options)) {
    const value = input[field];
    if (typeof value !== 'string' || value === '') continue;
    const found = htmlFields.includes(field) ? scanHtml(value, options) : scanText(value, options);
    for (const f of found) findings.push({ ...f, field });
  }
  return findings;
}

/** The findings that block approval at either review stage: 较大 and 重大. */
export function blocking<F extends { level: RiskLevel }>(findings: readonly F[]): F[] {
  return findings.filter((f) => isBlocking(f.level));
}

export interface ApprovalCheck<F> {
  /** True when nothing blocks, or the reviewer gave an override reason. */
  allowed: boolean;
  blocking: F[];
  /** True when approval goes ahead only because of the override reason (record it with the review). */
  overridden: boolean;
}

/**
 * The approval rule of the issue: refused while a 较大 or 重大 finding is open, unless this reviewer records an
 * override reason (any non-blank text; the reviewer's own words are what the audit needs).
 */
export function checkApproval<F extends { level: RiskLevel }>(findings: readonly F[], overrideReason?: string | null): ApprovalCheck<F> {
  const open = blocking(findings);
  const hasReason = (overrideReason ?? '').trim().length > 0;
  return { allowed: open.length === 0 || hasReason, blocking: open, overridden: open.length > 0 && hasReason };
}

/**
 * The reviewer's one-action masking: rescans the item (so offsets are current) and masks every personal-data
 * finding of the chosen kinds (default DEFAULT_MASK_KINDS: not credit codes, which are public) in every scanned
 * field. Returns only the fields that changed, with their new values, and how many values were masked.
 */
export function maskItem(input: ScanInput, options?: ScanOptions & MaskOptions): { fields: Record<string, string>; masked: number } {
  const kinds = options?.kinds ?? DEFAULT_MASK_KINDS;
  const htmlFields = options?.htmlFields ?? ['body'];
  const fields: Record<string, string> = {};
  let masked = 0;
  for (const field of fieldsToScan(input, options)) {
    const value = input[field];
    if (typeof value !== 'string' || value === '') continue;
    const html = htmlFields.includes(field);
    const found = (html ? scanHtml(value, options) : scanText(value, options)).filter((f) => isPiiKind(f.kind) && kinds.includes(f.kind));
    if (found.length === 0) continue;
    const next = html ? maskHtml(value, found, { kinds }) : maskText(value, found, { kinds });
    if (next !== value) {
      fields[field] = next;
      masked += found.length;
    }
  }
  return { fields, masked };
}

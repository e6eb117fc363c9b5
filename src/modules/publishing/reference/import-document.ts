import { createHash } from 'node:crypto';
import { foldWidth, parseDocNumber } from './doc-number.js';

/** What both import formats yield (import-format.ts describes the formats), and the helpers they share. */

export type EventKind = 'adopted' | 'approved' | 'promulgated' | 'amended' | 'effective';

export interface DocumentEvent {
  /** YYYY-MM-DD */
  date: string;
  /** The event's text without the date: `中华人民共和国国务院令第711号修订`. */
  text: string;
  kinds: EventKind[];
}

export interface ImportedDocument {
  title: string;
  /** Safe HTML: only <h2>, <h3>, <p> with escaped text. */
  body: string;
  /** The body as it was in the source (Markdown / plain text). */
  bodyText: string;
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  issuingOrgan: string | null;
  docNumber: string | null;
  /** JSON Lines only. */
  category: string | null;
  /** JSON Lines only: a 主题分类 code. */
  topic: string | null;
  /** Markdown only: the event lines, in order. */
  events: DocumentEvent[];
  sourcePath: string;
  /** 1-based line of a JSON Lines record; null for Markdown. */
  line: number | null;
  sourceKey: string;
}

export type MarkdownResult = { ok: true; document: ImportedDocument; warnings: string[] } | { ok: false; error: string };

export interface LineProblem {
  line: number;
  /** The field at fault; null for the line as a whole (bad JSON, not an object). */
  field: string | null;
  message: string;
}

export interface JsonLinesResult {
  documents: ImportedDocument[];
  errors: LineProblem[];
  warnings: LineProblem[];
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

/** BOM dropped, CRLF and CR → LF. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Markdown / plain text → HTML of <h2>, <h3> and <p> only, every character of content escaped. */
export function textToSafeHtml(text: string): string {
  const out: string[] = [];
  for (const raw of normaliseNewlines(text).split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^<!--.*-->$/u.test(line)) continue;
    if (/^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/u.test(line)) continue; // table rule
    const heading = /^(#{1,6})(?:\s+(.*))?$/u.exec(line);
    if (heading) {
      const content = (heading[2] ?? '').replace(/(?:^|\s+)#+$/u, '').trim();
      if (content === '') continue;
      const tag = heading[1]!.length <= 2 ? 'h2' : 'h3';
      out.push(`<${tag}>${escapeHtml(content)}</${tag}>`);
      continue;
    }
    if (line.startsWith('|') && line.endsWith('|') && line.length > 1) {
      const cells = line.slice(1, -1).split('|').map((c) => c.trim()).filter((c) => c !== '');
      if (cells.length > 0) out.push(`<p>${escapeHtml(cells.join('　'))}</p>`);
      continue;
    }
    out.push(`<p>${escapeHtml(line)}</p>`);
  }
  return out.join('\n');
}

export function normaliseTitle(title: string): string {
  return foldWidth(title);
}

export function sourceKey(title: string, docNumber: string | null, writtenAt: string | null): string {
  const parsed = docNumber ? parseDocNumber(docNumber) : null;
  const doc = parsed === null ? '' : parsed.ok ? parsed.canonical : foldWidth(docNumber ?? '');
  return createHash('sha256').update(`${normaliseTitle(title)}\u0000${doc}\u0000${writtenAt ?? ''}`, 'utf8').digest('hex');
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}


/**
 * Highlighted, escaped snippets (pure). Terms are normalised (segment.ts); the text is shown as written, so
 * every character is normalised on its own and mapped back: a Traditional or full-width query highlights the
 * Simplified text it matched, and the original characters are what the reader sees.
 */
import { escapeHtml } from '../../portal/html.js';
import { normalise } from './segment.js';

const charCache = new Map<string, string>();
function normChar(ch: string): string {
  let n = charCache.get(ch);
  if (n === undefined) {
    n = normalise(ch);
    if (charCache.size < 50_000) charCache.set(ch, n);
  }
  return n;
}

interface Mapped {
  norm: string;
  /** For each UTF-16 index of `norm`, the index in the original text of the character it came from. */
  origin: number[];
  chars: string[];
}

function mapText(text: string): Mapped {
  const chars = Array.from(text);
  let norm = '';
  const origin: number[] = [];
  chars.forEach((ch, i) => {
    const n = normChar(ch);
    norm += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
  });
  return { norm, origin, chars };
}

/** Character ranges [start, end) of the text where any term occurs (longest term first, no overlaps). */
function matchRanges(m: Mapped, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  const taken = new Uint8Array(m.chars.length);
  for (const term of [...terms].filter(Boolean).sort((a, b) => b.length - a.length)) {
    let from = 0;
    for (;;) {
      const at = m.norm.indexOf(term, from);
      if (at < 0) break;
      const start = m.origin[at]!;
      const end = m.origin[at + term.length - 1]! + 1;
      from = at + term.length;
      let free = true;
      for (let i = start; i < end; i++) if (taken[i]) free = false;
      if (!free) continue;
      for (let i = start; i < end; i++) taken[i] = 1;
      ranges.push([start, end]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function render(chars: readonly string[], from: number, to: number, ranges: readonly [number, number][]): string {
  let out = '';
  let pos = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(chars.slice(pos, a).join('')) + '<mark>' + escapeHtml(chars.slice(a, b).join('')) + '</mark>';
    pos = b;
  }
  return out + escapeHtml(chars.slice(pos, to).join(''));
}

/** The whole text (a title) with every occurrence of the terms marked. */
export function highlight(text: string, terms: readonly string[]): string {
  const m = mapText(text);
  return render(m.chars, 0, m.chars.length, matchRanges(m, terms));
}

/**
 * How many characters of a text a snippet maps (docs/adr/0013, "Cost"). Mapping normalises every character on
 * its own — the price of highlighting a Traditional or full-width text as written — which over a page of 50
 * whole laws of up to 100,000 characters held the event loop for about a second.
 */
export const SNIPPET_SCAN = 2000;

const isLowSurrogate = (text: string, i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;

/**
 * The UTF-16 range [from, to) of the text a snippet looks at: SNIPPET_SCAN characters from a little before the
 * first place a term occurs as written (found by the engine's own string search, nothing mapped), or the opening
 * when none does (a text whose match only normalisation reveals, or a hit by title or document number).
 */
export function snippetWindow(text: string, terms: readonly string[]): [number, number] {
  if (text.length <= SNIPPET_SCAN) return [0, text.length];
  const lower = text.toLowerCase();
  let first = -1;
  for (const t of terms) {
    const at = t ? lower.indexOf(t) : -1;
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  let from = first < 0 ? 0 : Math.max(0, Math.min(first - SNIPPET_SCAN / 8, text.length - SNIPPET_SCAN));
  let to = Math.min(text.length, from + SNIPPET_SCAN);
  if (isLowSurrogate(text, from)) from--;
  if (isLowSurrogate(text, to)) to--;
  return [from, to];
}

/**
 * About `length` characters around the densest cluster of matches (within the snippetWindow), with an ellipsis
 * where text was cut; the opening of the text when nothing matched (a hit by title or document number).
 */
export function snippet(text: string, terms: readonly string[], length = 120): string {
  const whole = text.replace(/\s+/gu, ' ').trim();
  const [from, to] = snippetWindow(whole, terms);
  const m = mapText(whole.slice(from, to));
  const ranges = matchRanges(m, terms);
  let start = 0;
  if (ranges.length) {
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < ranges.length; i++) {
      let count = 0;
      for (let j = i; j < ranges.length && ranges[j]![0] < ranges[i]![0] + length; j++) count++;
      if (count > bestCount) {
        best = i;
        bestCount = count;
      }
    }
    // A little context before the first match.
    start = Math.max(0, ranges[best]![0] - Math.floor(length / 5));
  }
  const end = Math.min(m.chars.length, start + length);
  return (start > 0 || from > 0 ? '…' : '') + render(m.chars, start, end, ranges) + (end < m.chars.length || to < whole.length ? '…' : '');
}

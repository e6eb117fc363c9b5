/**
 * The index's token stream (ADR 0013): Chinese text as overlapping character bigrams, every other word whole.
 *
 * A run of Han characters `c1 c2 … cn` becomes `c1c2 c2c3 … c(n-1)cn cn` — each bigram at its own position and
 * the run's last character alone at the end. That one stream gives exact substring semantics for any length of
 * query on both engines, without depending on where a segmenter happened to split the document:
 *  - one character `x`: the prefix `x*` (every occurrence of `x` starts a bigram or ends a run);
 *  - two characters `xy`: the token `xy`;
 *  - three or more `xyz…`: the phrase `xy yz …` (adjacent positions).
 * Letters and digits outside Han form words of their own (`2017`, `covid19`), matched whole (letters also by
 * prefix, so `transport` finds `transportation`). Text is normalised first (segment.ts `normalise`).
 */
import { normalise } from './segment.js';

const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

interface Run {
  text: string;
  han: boolean;
}

function runs(normalised: string): Run[] {
  const out: Run[] = [];
  for (const m of normalised.matchAll(RUN)) out.push({ text: m[0], han: m[1] !== undefined });
  return out;
}

function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN_CHAR = /\p{Script=Han}/u;
type Kind = 0 | 1 | 2; // break, Han, other letter or digit
const kindCache = new Map<number, Kind>();

function kindOf(code: number, ch: string): Kind {
  // The common cases without a regular expression: ASCII, and the CJK Unified Ideographs block.
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? 2 : 0;
  if (code >= 0x4e00 && code <= 0x9fff) return 1;
  let k = kindCache.get(code);
  if (k === undefined) {
    k = HAN_CHAR.test(ch) ? 1 : WORD_CHAR.test(ch) ? 2 : 0;
    kindCache.set(code, k);
  }
  return k;
}

/** Tokens of already normalised text, in document order (one pass; the same as splitting into runs). */
export function gramTokens(normalised: string): string[] {
  const out: string[] = [];
  let prev = '';
  let prevKind: Kind = 0;
  let word = '';
  for (const ch of normalised) {
    const kind = kindOf(ch.codePointAt(0)!, ch);
    if (prevKind === 1 && kind !== 1) out.push(prev); // a Han run ends with its last character alone
    if (prevKind === 2 && kind !== 2) out.push(word);
    if (kind === 1) {
      if (prevKind === 1) out.push(prev + ch);
    } else if (kind === 2) {
      word = prevKind === 2 ? word + ch : ch;
    }
    prev = ch;
    prevKind = kind;
  }
  if (prevKind === 1) out.push(prev);
  if (prevKind === 2) out.push(word);
  return out;
}

/** The indexed form of a field: normalised, then space-joined tokens. */
export function gramText(text: string | null | undefined): string {
  return text ? gramTokens(normalise(text)).join(' ') : '';
}

/**
 * What one query term must match: a phrase of tokens at adjacent positions, the last one possibly a prefix.
 * Empty when the term has no letters or digits at all (punctuation only).
 */
export interface TermPattern {
  tokens: string[];
  prefixLast: boolean;
}

export function termPattern(term: string): TermPattern {
  const rs = runs(normalise(term));
  const tokens: string[] = [];
  let prefixLast = false;
  rs.forEach((run, i) => {
    const last = i === rs.length - 1;
    if (!run.han) {
      tokens.push(run.text);
      // A Latin word may continue in the document (transport → transportation); numbers match whole.
      prefixLast = last && /\p{L}/u.test(run.text);
      return;
    }
    const chars = Array.from(run.text);
    if (chars.length === 1) {
      tokens.push(chars[0]!);
      // Alone at the end, one character is the start of a bigram or the end of a run: a prefix.
      prefixLast = last;
      return;
    }
    tokens.push(...bigrams(chars));
    // Followed by another word in the query, the run ends here in the document too: its last character stands alone.
    if (!last) tokens.push(chars[chars.length - 1]!);
    prefixLast = false;
  });
  return { tokens, prefixLast };
}

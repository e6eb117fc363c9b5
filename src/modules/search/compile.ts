/**
 * A parsed query (query.ts) turned into what both engines run: an AND of groups, each group an OR of
 * conjunctions of token patterns (grams.ts), minus the excluded ones. Rendered as an FTS5 MATCH expression for
 * SQLite and as a tsquery literal for PostgreSQL — the same tokens, the same fields, the same logic.
 */
import { termPattern, type TermPattern } from './grams.js';
import type { Clause, Field, ParsedQuery } from './query.js';
import { normalise, queryTokens } from './segment.js';

export interface Pattern extends TermPattern {
  field: Field;
}

/** Every pattern must match. */
export type Conjunction = Pattern[];

export interface CompiledQuery {
  /** Every group must match; a group matches when any of its conjunctions does. */
  groups: Conjunction[][];
  /** No conjunction here may match. */
  not: Conjunction[];
  /** Each positive clause as typed (normalised, spaces between Han characters removed): ranks titles holding it. */
  phrases: string[];
  /** Each positive clause's words as they must match: ranks titles holding them all. */
  words: string[];
  /** What to highlight: the phrases and their words (the longest match wins). */
  terms: string[];
  /** Words (and quoted phrases) beyond the query's budget, in the order typed: not searched (QUERY_BUDGET). */
  ignored?: string[];
}

/**
 * What one search may ask of the engine (docs/adr/0013, "Cost"). The engine's work grows with every pattern in
 * the expression it evaluates and scores — a one-character pattern is a prefix (`的*`) that merges the postings of
 * every bigram starting with that character, the costliest shape — so a query is deduplicated first (the same
 * word, phrase, alternative or group twice asks nothing more: 200 × 的 is one pattern) and then searched by its
 * first `patterns` patterns, at most `prefixes` of them one-character prefixes, counted where they occur (a word
 * repeated in several OR groups is evaluated in each). The words after that are ignored and reported, as web
 * search engines do with over-long queries. Tokens per pattern need no budget of their own: they never exceed
 * the characters typed, which the request schema caps at 200 for `q` and for `within`.
 */
export const QUERY_BUDGET = { patterns: 20, prefixes: 4 } as const;

const HAN_SPACE = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const SINGLE_HAN = /^\p{Script=Han}$/u;

const patternKey = (p: Pattern) => `${p.field}|${p.prefixLast ? '*' : ''}|${p.tokens.join(' ')}`;
const conjKey = (c: Conjunction) => c.map(patternKey).sort().join('&');
const isShortPrefix = (p: Pattern) => p.prefixLast && [...p.tokens[p.tokens.length - 1]!].length === 1;

/** One clause compiled: its patterns, each with its word as it must match and as typed (to report it ignored). */
interface Built {
  conj: Conjunction;
  terms: string[];
  typed: string[];
  /** The clause as typed, normalised: ranks titles holding it. */
  phrase: string;
}

/** What the query has spent; once a pattern does not fit, it and everything after it are ignored. */
class Budget {
  private patterns = 0;
  private prefixes = 0;
  private exhausted = false;
  readonly ignored: string[] = [];

  private fits(conj: Conjunction): boolean {
    const prefixes = conj.filter(isShortPrefix).length;
    return !this.exhausted && this.patterns + conj.length <= QUERY_BUDGET.patterns && this.prefixes + prefixes <= QUERY_BUDGET.prefixes;
  }

  private spend(conj: Conjunction): void {
    this.patterns += conj.length;
    this.prefixes += conj.filter(isShortPrefix).length;
  }

  private ignore(words: readonly string[]): void {
    this.exhausted = true;
    for (const w of words) if (!this.ignored.includes(w)) this.ignored.push(w);
  }

  /**
   * The leading words of one clause that fit (`营商环境 … 第二十个词 …` is searched by its first words); of an OR
   * group, the leading alternatives.
   */
  takeWords(b: Built): Built | null {
    let n = 0;
    while (n < b.conj.length && this.fits(b.conj.slice(0, n + 1))) n++;
    if (n < b.conj.length) this.ignore(b.typed.slice(n));
    if (n === 0) return null;
    this.spend(b.conj.slice(0, n));
    return { ...b, conj: b.conj.slice(0, n), terms: b.terms.slice(0, n), typed: b.typed.slice(0, n) };
  }

  /** An exclusion whole or not at all: part of one would exclude more than was asked. */
  takeWhole(b: Built): boolean {
    if (this.fits(b.conj)) {
      this.spend(b.conj);
      return true;
    }
    this.ignore(b.typed);
    return false;
  }
}

/**
 * A quoted phrase is one pattern. Unquoted text is segmented into words that must all occur: `营商环境条例`
 * finds 营商环境优化条例 too. One-character words are dropped when longer words carry the meaning (的, 和, 关于的 …):
 * they would match nearly everything and only slow the query down. A word twice is asked once.
 */
function build(clause: Clause): Built | null {
  const phrase = normalise(clause.text).replace(HAN_SPACE, '$1');
  const candidates = clause.phrase ? [phrase] : queryTokens(clause.text);
  const words = candidates.some((w) => !SINGLE_HAN.test(w)) ? candidates.filter((w) => !SINGLE_HAN.test(w)) : candidates;
  const out: Built = { conj: [], terms: [], typed: [], phrase };
  const seen = new Set<string>();
  for (const w of words) {
    const p: Pattern = { ...termPattern(w), field: clause.field };
    if (!p.tokens.length || seen.has(patternKey(p))) continue;
    seen.add(patternKey(p));
    out.conj.push(p);
    out.terms.push(w);
    out.typed.push(clause.phrase ? clause.text : w);
  }
  return out.conj.length ? out : null;
}

/** The clauses of a group that ask something, each distinct one once (条例 OR 条例 is 条例). */
function alternativesOf(group: readonly Clause[]): Built[] {
  const seen = new Set<string>();
  return group.flatMap((c) => {
    const b = build(c);
    if (!b || seen.has(conjKey(b.conj))) return [];
    seen.add(conjKey(b.conj));
    return [b];
  });
}

export function compileQuery(parsed: ParsedQuery): CompiledQuery {
  const budget = new Budget();
  const groups: Conjunction[][] = [];
  const groupKeys = new Set<string>();
  const phrases: string[] = [];
  const words: string[] = [];
  const asked = (b: Built) => {
    phrases.push(b.phrase);
    words.push(...b.terms);
  };
  for (const group of parsed.all) {
    const alternatives = alternativesOf(group);
    // The same requirement twice (条例 条例, or 条例 OR 办法 twice) is asked once.
    const key = alternatives.map((b) => conjKey(b.conj)).sort().join('|');
    if (!alternatives.length || groupKeys.has(key)) continue;
    groupKeys.add(key);
    const kept = alternatives.flatMap((alt) => budget.takeWords(alt) ?? []);
    if (kept.length) groups.push(kept.map((b) => b.conj));
    kept.forEach(asked);
  }
  const notKeys = new Set<string>();
  const not: Conjunction[] = [];
  for (const clause of parsed.not) {
    const b = build(clause);
    if (!b || notKeys.has(conjKey(b.conj))) continue;
    notKeys.add(conjKey(b.conj));
    if (budget.takeWhole(b)) not.push(b.conj);
  }
  const unique = (list: string[]) => [...new Set(list)];
  return { groups, not, phrases: unique(phrases), words: unique(words), terms: unique([...phrases, ...words]), ignored: budget.ignored };
}

/** Every pattern the engine evaluates for the query (what QUERY_BUDGET bounds). */
export const patternsOf = (q: CompiledQuery): Pattern[] => [...q.groups.flat(2), ...q.not.flat()];

export function isEmptyCompiled(q: CompiledQuery): boolean {
  return q.groups.length === 0;
}

// --- SQLite FTS5 -----------------------------------------------------------------------------------------

/** FTS5 columns, in table order; their bm25 weights rank title and document number first. */
export const FTS_COLUMNS = ['title', 'number', 'organ', 'body'] as const;
export const FTS_WEIGHTS = [10, 4, 2, 1] as const;

const FTS_FIELD: Record<Field, string | null> = { any: null, title: 'title', docNumber: 'number', organ: 'organ' };

function ftsPattern(p: Pattern): string {
  // Tokens are letters and digits only (grams.ts), so quoting needs no escaping.
  const phrase = `"${p.tokens.join(' ')}"${p.prefixLast ? '*' : ''}`;
  const column = FTS_FIELD[p.field];
  return column ? `${column} : ${phrase}` : phrase;
}

const ftsConj = (c: Conjunction) => (c.length === 1 ? ftsPattern(c[0]!) : `(${c.map(ftsPattern).join(' AND ')})`);
const ftsAny = (cs: Conjunction[]) => (cs.length === 1 ? ftsConj(cs[0]!) : `(${cs.map(ftsConj).join(' OR ')})`);

export function toFtsMatch(q: CompiledQuery): string {
  const positive = q.groups.map(ftsAny).join(' AND ');
  return q.not.length ? `(${positive}) NOT ${ftsAny(q.not)}` : positive;
}

// --- PostgreSQL tsquery ----------------------------------------------------------------------------------

/** tsvector weights of the same four fields: ts_rank's default weights (1, 0.4, 0.2, 0.1) rank them like bm25's. */
export const TS_WEIGHT: Record<(typeof FTS_COLUMNS)[number], 'A' | 'B' | 'C' | 'D'> = { title: 'A', number: 'B', organ: 'C', body: 'D' };
const TS_FIELD: Record<Field, string> = { any: '', title: 'A', docNumber: 'B', organ: 'C' };

/**
 * A pattern as tsquery: its tokens at adjacent positions (`<->`), or — `anywhere` — anywhere in the document
 * (`&`), for documents whose positions PostgreSQL could not keep (document.ts, engine.ts).
 */
export function tsPattern(p: Pattern, anywhere = false): string {
  const label = TS_FIELD[p.field];
  const lexemes = p.tokens.map((t, i) => {
    const prefix = p.prefixLast && i === p.tokens.length - 1 ? '*' : '';
    return `'${t}'${prefix || label ? `:${prefix}${label}` : ''}`;
  });
  return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(anywhere ? ' & ' : ' <-> ')})`;
}

export function toTsQuery(q: CompiledQuery, anywhere = false): string {
  const pattern = (p: Pattern) => tsPattern(p, anywhere && p.field === 'any');
  const conj = (c: Conjunction) => (c.length === 1 ? pattern(c[0]!) : `(${c.map(pattern).join(' & ')})`);
  const any = (cs: Conjunction[]) => (cs.length === 1 ? conj(cs[0]!) : `(${cs.map(conj).join(' | ')})`);
  const positive = q.groups.map(any).join(' & ');
  // Anywhere-matching only finds candidates: exclusions are decided by the caller's exact check.
  return q.not.length && !anywhere ? `(${positive}) & !${any(q.not)}` : positive;
}

/** A pattern whose tokens must be adjacent anywhere in the document: what PostgreSQL's position limits can break. */
export const needsPositions = (p: Pattern): boolean => p.field === 'any' && p.tokens.length > 1;

/** The text `d.norm` must contain for a pattern's tokens to be adjacent (document.ts `tokenStream`). */
export const streamNeedle = (p: Pattern): string => ` ${p.tokens.join(' ')}${p.prefixLast ? '' : ' '}`;

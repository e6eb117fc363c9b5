/**
 * Suggestions (issue 5): autocomplete from titles and popular queries, and a "did you mean" for a query that
 * found nothing — a close title, or a shorter query that finds something. The Traditional-to-Simplified case
 * needs no second search (queries are converted before they run); the result only says it was converted.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { compileQuery, type CompiledQuery } from './compile.js';
import { topMatches } from './engine.js';
import { gramTokens } from './grams.js';
import { popularQueries } from './analytics.js';
import { parseQuery } from './query.js';
import { search, type SearchRequest } from './search.service.js';
import { normalise, queryTokens } from './segment.js';

export interface Suggestion {
  text: string;
  kind: 'title' | 'query';
  /** The item, for a title suggestion. */
  id?: string;
}

/** Suggestions come from what the public sees. */
const visibleFilter = () => sql`d.kind = 'live'`;
const agencyFilter = (agencyId: string) => sql`d.agency_id = ${agencyId}`;

function titleQuery(text: string): CompiledQuery | null {
  const cleaned = text.replace(/["“”「」]/gu, ' ').trim();
  if (!cleaned) return null;
  const compiled = compileQuery(parseQuery(`标题:"${cleaned}"`));
  return compiled.groups.length ? compiled : null;
}

/** Titles containing what was typed, then popular queries starting with it. */
export async function autocomplete(db: Db, text: string, agencyId: string | null, since: string, limit = 8): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  const compiled = titleQuery(text);
  if (compiled) {
    const where = [visibleFilter(), ...(agencyId ? [agencyFilter(agencyId)] : [])];
    const rows = await topMatches(db.kysely, db.dialect, compiled, where, limit);
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.title)) continue;
      seen.add(r.title);
      out.push({ text: r.title, kind: 'title', id: r.item_id });
    }
  }
  for (const q of await popularQueries(db, agencyId ?? '*', text, since, limit)) {
    if (out.length >= limit + 4) break;
    if (!out.some((s) => normalise(s.text) === q)) out.push({ text: q, kind: 'query' });
  }
  return out.slice(0, limit);
}


const bigramSet = (t: string) => new Set(gramTokens(normalise(t)).filter((g) => [...g].length === 2));

/**
 * How close a title is to a query: the share of the query's character bigrams found in the title (titles are
 * longer than what people type), and Sørensen–Dice of the two bigram sets to prefer the shorter of two titles.
 */
export function titleCloseness(query: string, title: string): { coverage: number; dice: number } {
  const x = bigramSet(query);
  const y = bigramSet(title);
  if (x.size === 0 || y.size === 0) return { coverage: 0, dice: 0 };
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return { coverage: common / x.size, dice: (2 * common) / (x.size + y.size) };
}

export interface DidYouMean {
  text: string;
  kind: 'title' | 'shorter';
  total: number;
}

/**
 * For a search that found nothing: the title closest to the query (at least 60% of the query's bigrams, among
 * titles that share any bigram with it), else the query without the word whose removal finds the most.
 */
export async function didYouMean(db: Db, req: SearchRequest): Promise<DidYouMean | null> {
  const text = req.q.trim();
  const tokens = [...bigramSet(text)].slice(0, DID_YOU_MEAN_BIGRAMS);
  if (tokens.length) {
    const anyTitle: CompiledQuery = { groups: [tokens.map((t) => [{ tokens: [t], prefixLast: false, field: 'title' as const }])], not: [], phrases: [], words: [], terms: [] };
    const where = [visibleFilter(), ...(req.filters.agencyId ? [agencyFilter(req.filters.agencyId)] : [])];
    const rows = await topMatches(db.kysely, db.dialect, anyTitle, where, 30);
    let best: { title: string; coverage: number; dice: number } | null = null;
    for (const r of rows) {
      const c = titleCloseness(text, r.title);
      if (!best || c.coverage > best.coverage || (c.coverage === best.coverage && c.dice > best.dice)) best = { title: r.title, ...c };
    }
    if (best && best.coverage >= 0.6) return { text: best.title, kind: 'title', total: 1 };
  }
  const words = [...new Set(queryTokens(text).filter((w) => [...w].length > 1))];
  if (words.length < 2) return null;
  // Fewer and fewer words: the largest subsets first, the one that finds most among those of one size.
  let tries = 0;
  for (let size = words.length - 1; size >= 1; size--) {
    let best: DidYouMean | null = null;
    for (const subset of combinations(words, size)) {
      if (tries++ >= MAX_SHORTER_TRIES) return best;
      const shorter = subset.join(' ');
      const r = await search(db, { ...req, q: shorter, within: undefined, page: 1, pageSize: 1 });
      if (r.total > 0 && (!best || r.total > best.total)) best = { text: shorter, kind: 'shorter', total: r.total };
    }
    if (best) return best;
  }
  return null;
}

/** Each shorter query is a search of its own: bounded. */
const MAX_SHORTER_TRIES = 12;
/**
 * The close-title search ORs the query's bigrams: the first 24 distinct ones (a long title typed nearly right),
 * not the 199 of a 200-character query — each is a pattern the engine evaluates and scores (compile.ts QUERY_BUDGET).
 */
export const DID_YOU_MEAN_BIGRAMS = 24;

function* combinations<T>(list: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= list.length - size; i++) {
    for (const rest of combinations(list, size - 1, i + 1)) yield [list[i]!, ...rest];
  }
}

/** The query as it was searched when it had Traditional characters (or full-width forms): shown to the reader. */
export function convertedQuery(q: string): string | null {
  const plain = q.normalize('NFKC').toLowerCase().trim();
  const converted = normalise(q).trim();
  return converted !== plain ? converted : null;
}

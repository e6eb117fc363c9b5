/**
 * The SQL under search, one function per question, each with its SQLite (FTS5) and PostgreSQL (tsvector)
 * form. `match` is the compiled query (compile.ts), rendered here for the engine, or null to browse without words.
 * `where` is the filter over the alias `d` (search_documents): visibility, agency, facets, dates.
 */
import { sql, type RawBuilder } from 'kysely';
import { withoutLikeWildcards, type Dialect, type Queryable } from '../../db/database.js';
import { FTS_WEIGHTS, needsPositions, streamNeedle, toFtsMatch, toTsQuery, tsPattern, type CompiledQuery, type Conjunction, type Pattern } from './compile.js';

export type Condition = RawBuilder<unknown>;

export const FACETS = ['category', 'topic', 'organ', 'year', 'genre', 'validity'] as const;
export type Facet = (typeof FACETS)[number];
/** The search_documents column behind each facet. */
export const FACET_COLUMN = {
  category: 'category_code',
  topic: 'topic',
  organ: 'organ',
  year: 'year',
  genre: 'genre',
  validity: 'validity',
} as const satisfies Record<Facet, string>;

export interface FacetCount {
  value: string;
  count: number;
}

export interface Stats {
  total: number;
  facets: Record<Facet, FacetCount[]>;
}

/** The columns a hit needs before its snippet; the text is fetched for the shown page only. */
export interface HitRow {
  doc_id: number;
  item_id: string;
  kind: 'live' | 'draft';
  state: string;
  agency_id: string;
  category_code: string;
  topic: string | null;
  organ: string | null;
  genre: string | null;
  validity: string;
  year: number | null;
  title: string;
  doc_number: string | null;
  doc_number_key: string | null;
  index_number: string | null;
  published_at: string | null;
  sort_at: string;
  summary: string | null;
}

const HIT_COLUMNS = sql.raw(
  ['doc_id', 'item_id', 'kind', 'state', 'agency_id', 'category_code', 'topic', 'organ', 'genre', 'validity', 'year', 'title', 'doc_number', 'doc_number_key', 'index_number', 'published_at', 'sort_at', 'summary']
    .map((c) => `d.${c}`)
    .join(', '),
);

const and = (conds: readonly Condition[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`1 = 1`);

/**
 * The PostgreSQL match. A phrase in a document whose positions PostgreSQL had to drop (more than 16,383 tokens,
 * or a bigram more than 256 times) is checked against the document's token stream instead: such documents
 * are few, and a partial GIN index finds them (docs/adr/0013).
 */
function pgMatch(q: CompiledQuery): RawBuilder<unknown> {
  const exact = sql`d.tsv @@ ${toTsQuery(q)}::tsquery`;
  const all = [...q.groups.flat(2), ...q.not.flat()];
  if (!all.some(needsPositions)) return exact;
  const leaf = (p: Pattern) =>
    needsPositions(p) ? sql`(d.tsv @@ ${tsPattern(p, true)}::tsquery AND strpos(d.norm, ${streamNeedle(p)}) > 0)` : sql`d.tsv @@ ${tsPattern(p)}::tsquery`;
  const conj = (c: Conjunction) => sql`(${sql.join(c.map(leaf), sql` AND `)})`;
  const any = (cs: Conjunction[]) => sql`(${sql.join(cs.map(conj), sql` OR `)})`;
  const tree = sql.join([...q.groups.map(any), ...(q.not.length ? [sql`NOT ${any(q.not)}`] : [])], sql` AND `);
  return sql`(${exact} OR (d.norm IS NOT NULL AND d.tsv @@ ${toTsQuery(q, true)}::tsquery AND ${tree}))`;
}

/** FROM … WHERE … selecting the matching documents, driven by the full-text index when there are words. */
function matching(dialect: Dialect, match: CompiledQuery | null, where: readonly Condition[]): RawBuilder<unknown> {
  if (match === null) return sql`FROM search_documents d WHERE ${and(where)}`;
  if (dialect === 'postgres') return sql`FROM search_documents d WHERE ${pgMatch(match)} AND ${and(where)}`;
  return sql`FROM search_fts f JOIN search_documents d ON d.doc_id = f.rowid WHERE search_fts MATCH ${toFtsMatch(match)} AND ${and(where)}`;
}

/** Years newest first; other facets by count, then by value. */
export function sortFacets(facets: Record<Facet, FacetCount[]>): void {
  for (const f of FACETS) {
    facets[f].sort((a, b) => (f === 'year' ? Number(b.value) - Number(a.value) : b.count - a.count || a.value.localeCompare(b.value)));
  }
}

export interface Evaluation extends Stats {
  /** Ids of the requested slice of the matches, in the engine's order. */
  ids: number[];
}

function scoreOf(dialect: Dialect, match: CompiledQuery | null, sort: 'relevance' | 'date'): RawBuilder<unknown> {
  if (sort === 'date' || match === null) return sql`0`;
  if (dialect === 'postgres') return sql`ts_rank(d.tsv, ${toTsQuery(match)}::tsquery)`;
  // bm25 is smaller for better matches; negated so that both engines sort by score descending.
  return sql`-bm25(search_fts, ${sql.join(FTS_WEIGHTS.map((w) => sql.lit(w)))})`;
}

/**
 * One statement answers a search: the matches are evaluated (and scored) once into `m`, then the requested
 * slice in rank order, the total and every facet's counts are read from it.
 */
export async function evaluate(
  q: Queryable,
  dialect: Dialect,
  match: CompiledQuery | null,
  where: readonly Condition[],
  sort: 'relevance' | 'date',
  limit: number,
  offset: number,
): Promise<Evaluation> {
  const parts = FACETS.map((f) => {
    const col = sql.raw(FACET_COLUMN[f]);
    return sql`SELECT ${f} AS facet, CAST(${col} AS TEXT) AS value, count(*) AS n FROM m WHERE ${col} IS NOT NULL GROUP BY ${col}`;
  });
  const columns = sql.raw(['doc_id', 'sort_at', ...Object.values(FACET_COLUMN)].map((c) => `d.${c}`).join(', '));
  const result = await sql<{ facet: Facet | 'total' | 'hit'; value: string | null; n: number | string }>`
    WITH m AS MATERIALIZED (SELECT ${columns}, ${scoreOf(dialect, match, sort)} AS score ${matching(dialect, match, where)})
    SELECT 'hit' AS facet, CAST(doc_id AS TEXT) AS value, 0 AS n FROM (SELECT doc_id FROM m ORDER BY score DESC, sort_at DESC, doc_id DESC LIMIT ${limit} OFFSET ${offset}) hits
    UNION ALL ${sql.join(parts, sql` UNION ALL `)}
    UNION ALL SELECT 'total' AS facet, NULL AS value, count(*) AS n FROM m`.execute(q);
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as Record<Facet, FacetCount[]>;
  const ids: number[] = [];
  let total = 0;
  for (const r of result.rows) {
    if (r.facet === 'hit') ids.push(Number(r.value));
    else if (r.facet === 'total') total = Number(r.n);
    else facets[r.facet].push({ value: String(r.value), count: Number(r.n) });
  }
  sortFacets(facets);
  return { total, facets, ids };
}

/** The columns of hits by id, in the order of the ids. */
export async function hitsByIds(q: Queryable, ids: readonly number[]): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM search_documents d WHERE d.doc_id IN (${sql.join(ids)})`.execute(q);
  const byId = new Map(result.rows.map((r) => [Number(r.doc_id), { ...r, doc_id: Number(r.doc_id) }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The best matches without facets: by relevance (suggestions), or shortest title first (title candidates: of
 * the titles holding the words, the shortest is most nearly the title asked for).
 */
export async function topMatches(q: Queryable, dialect: Dialect, match: CompiledQuery, where: readonly Condition[], limit: number, by: 'score' | 'shortTitle' = 'score'): Promise<HitRow[]> {
  const first = by === 'score' ? sql`${scoreOf(dialect, match, 'relevance')} DESC` : sql`length(d.title)`;
  const result = await sql<HitRow>`SELECT ${HIT_COLUMNS} ${matching(dialect, match, where)} ORDER BY ${first}, d.sort_at DESC, d.doc_id DESC LIMIT ${limit}`.execute(q);
  return result.rows.map((r) => ({ ...r, doc_id: Number(r.doc_id) }));
}

/** Documents whose 发文字号 folds to the key (or, for an organ-and-year key `国办发|2017|`, starts with it). */
export async function byDocNumber(q: Queryable, key: string, where: readonly Condition[], limit: number): Promise<HitRow[]> {
  const test = key.endsWith('|') ? sql`d.doc_number_key LIKE ${`${withoutLikeWildcards(key)}%`}` : sql`d.doc_number_key = ${key}`;
  const result = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM search_documents d WHERE ${test} AND ${and(where)} ORDER BY d.sort_at DESC LIMIT ${limit}`.execute(q);
  return result.rows.map((r) => ({ ...r, doc_id: Number(r.doc_id) }));
}

/** Whether these documents are among the full-text matches (to merge document-number hits without counting twice). */
export async function matchedAmong(q: Queryable, dialect: Dialect, match: CompiledQuery, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ doc_id: number }>`SELECT d.doc_id ${matching(dialect, match, [sql`d.doc_id IN (${sql.join(ids)})`])}`.execute(q);
  return new Set(result.rows.map((r) => Number(r.doc_id)));
}

/** The plain text of the shown hits, for their snippets. */
export async function textsOf(q: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('search_documents').select(['doc_id', 'text']).where('doc_id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.doc_id), r.text]));
}

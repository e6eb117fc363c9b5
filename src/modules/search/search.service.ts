/**
 * One search for the portal, the API and the console (issue 5). The query is parsed and compiled once and run
 * on whichever engine the deployment uses; what the asker may see is part of the WHERE clause, never a filter
 * applied afterwards. The engine ranks; the first window is then re-ordered by signals both engines compute
 * alike — the 发文字号 typed, the title as typed, every word in the title — so SQLite and PostgreSQL agree
 * where it matters most.
 */
import { sql } from 'kysely';
import { withoutLikeWildcards, type Db } from '../../db/database.js';
import type { Scope } from '../accounts/index.js';
import { docNumberSearchKey } from '../publishing/index.js';
import { compileQuery, isEmptyCompiled, type CompiledQuery, type Conjunction } from './compile.js';
import { byDocNumber, evaluate, FACET_COLUMN, FACETS, sortFacets, hitsByIds, matchedAmong, textsOf, topMatches, type Condition, type Facet, type FacetCount, type HitRow } from './engine.js';
import { parseQuery } from './query.js';
import { normalise } from './segment.js';
import { highlight, snippet } from './snippet.js';

/** Who is searching: the public sees published items; staff also drafts in the units their policy covers. */
export type Viewer = { kind: 'public' } | { kind: 'staff'; drafts: Scope };

export interface SearchFilters {
  /** One agency, or every agency of the deployment when absent. */
  agencyId?: string | undefined;
  /** A category and everything filed below it (codes are `01`, `01.02` …). */
  category?: string | undefined;
  topic?: string | undefined;
  organ?: string | undefined;
  genre?: string | undefined;
  validity?: string | undefined;
  year?: number | undefined;
  /** Published (or, for drafts, last changed) on or after / before these dates, YYYY-MM-DD inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface SearchRequest {
  q: string;
  /** Words to search within the results of `q` (搜索结果中查找). */
  within?: string | undefined;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
  viewer: Viewer;
}

export interface SearchHit {
  id: string;
  title: string;
  /** The title with the matched words in <mark>, escaped. */
  titleHtml: string;
  docNumber: string | null;
  indexNumber: string | null;
  publishedAt: string | null;
  /** Escaped text around the matches, matched words in <mark>. */
  snippet: string;
  kind: 'live' | 'draft';
  state: string;
  agencyId: string;
  category: string;
  organ: string | null;
  /** Found by its 发文字号. */
  numberMatch: boolean;
}

export interface SearchResult {
  total: number;
  tookMs: number;
  hits: SearchHit[];
  facets: Record<Facet, FacetCount[]>;
  /** The query as understood: the words highlighted. */
  terms: string[];
  /** Words beyond what one search may ask (compile.ts QUERY_BUDGET), in the order typed: not searched. */
  ignored: string[];
  page: number;
  pageSize: number;
}

/** Results are re-ordered within this first window; deeper pages follow the engine's order. */
export const RERANK_WINDOW = 100;
/** Deep paging costs more than anyone reads: 50 pages of 20 at most. */
export const MAX_RESULT_OFFSET = 1000;

function visibility(viewer: Viewer): Condition[] {
  if (viewer.kind === 'public') return [sql`d.kind = 'live'`];
  const s = viewer.drafts;
  if (s.all) return [];
  if (s.paths.length === 0) return [sql`d.kind = 'live'`];
  const units = sql.join(s.paths.map((p) => sql`d.unit_path LIKE ${`${withoutLikeWildcards(p)}%`}`), sql` OR `);
  return [sql`(d.kind = 'live' OR (${units}))`];
}

function filterConditions(f: SearchFilters): Condition[] {
  const out: Condition[] = [];
  if (f.agencyId) out.push(sql`d.agency_id = ${f.agencyId}`);
  if (f.category) out.push(sql`(d.category_code = ${f.category} OR d.category_code LIKE ${`${withoutLikeWildcards(f.category)}.%`})`);
  if (f.topic) out.push(sql`d.topic = ${f.topic}`);
  if (f.organ) out.push(sql`d.organ = ${f.organ}`);
  if (f.genre) out.push(sql`d.genre = ${f.genre}`);
  if (f.validity) out.push(sql`d.validity = ${f.validity}`);
  if (f.year) out.push(sql`d.year = ${f.year}`);
  // sort_at is an ISO instant; a date range compares its date part (UTC, like the index's year facet).
  if (f.from) out.push(sql`d.sort_at >= ${f.from}`);
  if (f.to) out.push(sql`d.sort_at < ${`${f.to}T24`}`);
  return out;
}

const STRIP = /[\s\p{P}\p{S}]/gu;
const bare = (text: string) => normalise(text).replace(STRIP, '');

/** How many titles holding the words join the window as candidates, shortest first. */
export const TITLE_CANDIDATES = 20;
/** Titles of national laws carry the country's name; a reader asking for 刑法 means 中华人民共和国刑法. */
const NATIONAL_PREFIX = /^中华人民共和国/u;

/**
 * Re-orders the window by what a reader means by a title search: the 发文字号 typed, then the title typed (with or
 * without 中华人民共和国), then titles holding every clause as typed, then titles holding every word — shorter
 * titles first within these, the engine's order otherwise.
 */
function rerank(rows: HitRow[], query: string, compiled: CompiledQuery, numberHits: ReadonlySet<number>): HitRow[] {
  const wanted = bare(query).replace(NATIONAL_PREFIX, '');
  const holdsAll = (title: string, list: readonly string[]) => list.length > 0 && list.every((t) => title.includes(t.replace(STRIP, '')));
  const tier = (r: HitRow) => {
    if (numberHits.has(r.doc_id)) return 0;
    const title = bare(r.title);
    if (wanted && title.replace(NATIONAL_PREFIX, '') === wanted) return 1;
    if (holdsAll(title, compiled.phrases)) return 2;
    if (holdsAll(title, compiled.words)) return 3;
    return 4;
  };
  const byTitleLength = (t: number) => t >= 1 && t <= 3;
  return rows
    .map((r, i) => ({ r, i, t: tier(r) }))
    .sort((a, b) => a.t - b.t || (byTitleLength(a.t) ? [...a.r.title].length - [...b.r.title].length : 0) || a.i - b.i)
    .map((x) => x.r);
}

/** The same query with its unrestricted words required in the title: candidates the engine may rank low. */
function inTitles(q: CompiledQuery): CompiledQuery {
  const toTitle = (c: Conjunction) => c.map((p) => (p.field === 'any' ? { ...p, field: 'title' as const } : p));
  return { ...q, groups: q.groups.map((g) => g.map(toTitle)) };
}


/** The document-number key of the query when it reads as one (`国办发〔2017〕47号`, `国令第711号`, `国办发2017`). */
function numberKeyOf(query: string): string | null {
  const key = docNumberSearchKey(query.trim());
  return key.includes('|') ? key : null;
}

export async function search(db: Db, req: SearchRequest): Promise<SearchResult> {
  const started = performance.now();
  const text = [req.q, req.within].filter((t) => t && t.trim()).join(' ');
  const compiled = compileQuery(parseQuery(text));
  const where = [...visibility(req.viewer), ...filterConditions(req.filters)];
  const match = isEmptyCompiled(compiled) ? null : compiled;
  const numberKey = req.within ? null : numberKeyOf(req.q);
  // Words that compile to nothing (only punctuation, only exclusions) find nothing rather than everything.
  if (match === null && text.trim() && !numberKey) return empty(req, started, compiled);

  const q = db.kysely;
  const numberRows = numberKey ? await byDocNumber(q, numberKey, where, 20) : [];
  const numberIds = new Set(numberRows.map((r) => r.doc_id));
  const offset = Math.min((req.page - 1) * req.pageSize, MAX_RESULT_OFFSET);
  // The first pages by relevance come from a window that is re-ordered; deeper pages and date order do not.
  const useWindow = req.sort === 'relevance' && offset < RERANK_WINDOW;
  const numberOnly = match === null && numberKey !== null;
  const base = numberOnly
    ? { total: 0, facets: emptyFacets(), ids: [] as number[] }
    : await evaluate(q, db.dialect, match, where, req.sort, useWindow ? RERANK_WINDOW : req.pageSize, useWindow ? 0 : offset);

  // Document-number hits that the words did not find are added to the total and facets.
  const alsoMatched = match !== null ? await matchedAmong(q, db.dialect, match, [...numberIds]) : new Set<number>();
  const extra = numberRows.filter((r) => !alsoMatched.has(r.doc_id));
  const total = base.total + extra.length;
  addToFacets(base.facets, extra);

  let pageRows: HitRow[];
  if (numberOnly) {
    pageRows = numberRows.slice(offset, offset + req.pageSize);
  } else if (useWindow) {
    // bm25 and ts_rank weigh a long body against a short title: the law asked for by its title can rank far
    // below the interpretations quoting it. The shortest titles holding the words join the window.
    const titled = match !== null ? await topMatches(q, db.dialect, inTitles(compiled), where, TITLE_CANDIDATES, 'shortTitle') : [];
    const window = await hitsByIds(q, base.ids);
    const seen = new Set<number>();
    const merged = [...numberRows, ...window, ...titled].filter((r) => !seen.has(r.doc_id) && Boolean(seen.add(r.doc_id)));
    pageRows = rerank(merged, req.q, compiled, numberIds).slice(offset, offset + req.pageSize);
  } else {
    pageRows = await hitsByIds(q, base.ids);
  }

  const texts = await textsOf(q, pageRows.map((r) => r.doc_id));
  const hits = pageRows.map((r) => toHit(r, texts.get(r.doc_id) ?? '', compiled.terms, numberIds.has(r.doc_id)));
  return { total, tookMs: Math.round((performance.now() - started) * 10) / 10, hits, facets: base.facets, terms: compiled.terms, ignored: compiled.ignored ?? [], page: req.page, pageSize: req.pageSize };
}

function toHit(r: HitRow, text: string, terms: readonly string[], numberMatch: boolean): SearchHit {
  return {
    id: r.item_id,
    title: r.title,
    titleHtml: highlight(r.title, terms),
    docNumber: r.doc_number,
    indexNumber: r.index_number,
    publishedAt: r.published_at,
    snippet: snippet(text || r.summary || '', terms),
    kind: r.kind,
    state: r.state,
    agencyId: r.agency_id,
    category: r.category_code,
    organ: r.organ,
    numberMatch,
  };
}

function emptyFacets(): Record<Facet, FacetCount[]> {
  return { category: [], topic: [], organ: [], year: [], genre: [], validity: [] };
}

function addToFacets(facets: Record<Facet, FacetCount[]>, rows: readonly HitRow[]): void {
  if (rows.length === 0) return;
  for (const r of rows) {
    for (const f of FACETS) {
      const value = r[FACET_COLUMN[f]];
      if (value === null) continue;
      const hit = facets[f].find((c) => c.value === String(value));
      if (hit) hit.count++;
      else facets[f].push({ value: String(value), count: 1 });
    }
  }
  sortFacets(facets);
}

function empty(req: SearchRequest, started: number, compiled: CompiledQuery): SearchResult {
  return { total: 0, tookMs: Math.round((performance.now() - started) * 10) / 10, hits: [], facets: emptyFacets(), terms: compiled.terms, ignored: compiled.ignored ?? [], page: req.page, pageSize: req.pageSize };
}

/**
 * Search analytics (docs/product.md M4): how often each query was asked, how often it found nothing (content gaps), and
 * how often a result was opened — per agency and day, with nothing about who asked. A query that contains
 * personal data (an ID number, a phone number …) is kept with those characters masked.
 *
 * Counting happens in memory and is written every few seconds (and when the server stops), so a search never
 * waits for a write; several instances each add their own counts to the same rows.
 */
import { sql } from 'kysely';
import { withoutLikeWildcards, type Db } from '../../db/database.js';
import { withoutInvalidText } from '../../shared/text.js';
import { laterInBackground } from '../../shared/background.js';
import { todayIn } from '../calendar/index.js';
import { detectPersonalData } from '../risk/index.js';
import { normalise } from './segment.js';

/** Searches across every agency of a deployment are counted under this agency id. */
export const ALL_AGENCIES = '*';
const MAX_QUERY_LENGTH = 100;
const FLUSH_MS = 5_000;
const TIME_ZONE = 'Asia/Shanghai';

interface Counts {
  searches: number;
  zero: number;
  clicks: number;
}

/** The form a query is counted under: normalised, single-spaced, personal data masked, never a NUL or lone surrogate. */
export function analyticsQuery(q: string): string {
  // After the cut, which may halve a surrogate pair.
  let text = withoutInvalidText(normalise(q).replace(/\s+/gu, ' ').trim().slice(0, MAX_QUERY_LENGTH));
  for (const f of detectPersonalData(text).sort((a, b) => b.start - a.start)) {
    text = text.slice(0, f.start) + '*'.repeat(f.end - f.start) + text.slice(f.end);
  }
  return text;
}

export class SearchStats {
  private pending = new Map<string, Counts>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  private bump(agencyId: string, q: string, add: Partial<Counts>): void {
    const query = analyticsQuery(q);
    if (!query) return;
    const key = JSON.stringify([agencyId, todayIn(TIME_ZONE, this.clock()), query]);
    const c = this.pending.get(key) ?? { searches: 0, zero: 0, clicks: 0 };
    c.searches += add.searches ?? 0;
    c.zero += add.zero ?? 0;
    c.clicks += add.clicks ?? 0;
    this.pending.set(key, c);
    // A failed write (the database away) loses these counts and is logged; it never ends the process.
    this.timer ??= laterInBackground('search analytics flush', FLUSH_MS, () => this.flush());
  }

  searched(agencyId: string | null, q: string, total: number): void {
    this.bump(agencyId ?? ALL_AGENCIES, q, { searches: 1, zero: total === 0 ? 1 : 0 });
  }

  clicked(agencyId: string | null, q: string): void {
    this.bump(agencyId ?? ALL_AGENCIES, q, { clicks: 1 });
  }

  /** Writes the counts gathered so far (also called before reading them, and at shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const rows = [...this.pending].map(([key, c]) => {
      const [agency_id, day, query] = JSON.parse(key) as [string, string, string];
      return { agency_id, day, query, searches: c.searches, zero_results: c.zero, clicks: c.clicks };
    });
    this.pending = new Map();
    await this.db.kysely
      .insertInto('search_query_stats')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['agency_id', 'day', 'query']).doUpdateSet({
          searches: sql`search_query_stats.searches + excluded.searches`,
          zero_results: sql`search_query_stats.zero_results + excluded.zero_results`,
          clicks: sql`search_query_stats.clicks + excluded.clicks`,
        }),
      )
      .execute();
  }
}

const registry = new WeakMap<Db, SearchStats>();

/** The counter of this application instance. */
export function searchStats(db: Db, clock: () => Date): SearchStats {
  let s = registry.get(db);
  if (!s) {
    s = new SearchStats(db, clock);
    registry.set(db, s);
  }
  return s;
}

export interface QueryStat {
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
  /** Clicks per search, 0–1 (a search can lead to several clicks; capped at 1). */
  clickThrough: number;
}

export interface SearchAnalytics {
  from: string;
  to: string;
  totals: { searches: number; zeroResults: number; clicks: number; queries: number };
  top: QueryStat[];
  zeroResults: QueryStat[];
}

/** Top queries, queries that found nothing, and click-through, for an agency (or every agency) and a date range. */
export async function readAnalytics(db: Db, agencyId: string, from: string, to: string, limit = 50): Promise<SearchAnalytics> {
  const base = db.kysely
    .selectFrom('search_query_stats')
    .where('agency_id', '=', agencyId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('query')
    .select((eb) => [
      'query',
      eb.fn.sum<number>('searches').as('searches'),
      eb.fn.sum<number>('zero_results').as('zero_results'),
      eb.fn.sum<number>('clicks').as('clicks'),
    ]);
  const toStat = (r: { query: string; searches: number | string; zero_results: number | string; clicks: number | string }): QueryStat => {
    const searches = Number(r.searches);
    const clicks = Number(r.clicks);
    return { query: r.query, searches, zeroResults: Number(r.zero_results), clicks, clickThrough: searches ? Math.min(1, Math.round((clicks / searches) * 1000) / 1000) : 0 };
  };
  const top = (await base.orderBy('searches', 'desc').orderBy('query').limit(limit).execute()).map(toStat);
  const zero = (await base.having((eb) => eb.fn.sum('zero_results'), '>', 0).orderBy('zero_results', 'desc').orderBy('query').limit(limit).execute()).map(toStat);
  const totals = await db.kysely
    .selectFrom('search_query_stats')
    .where('agency_id', '=', agencyId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select((eb) => [
      eb.fn.sum<number>('searches').as('searches'),
      eb.fn.sum<number>('zero_results').as('zero_results'),
      eb.fn.sum<number>('clicks').as('clicks'),
      eb.fn.count<number>('query').distinct().as('queries'),
    ])
    .executeTakeFirstOrThrow();
  return {
    from,
    to,
    totals: { searches: Number(totals.searches ?? 0), zeroResults: Number(totals.zero_results ?? 0), clicks: Number(totals.clicks ?? 0), queries: Number(totals.queries ?? 0) },
    top,
    zeroResults: zero,
  };
}

/** Popular earlier queries that start with the text and found something: for autocomplete. */
export async function popularQueries(db: Db, agencyId: string, prefix: string, since: string, limit: number): Promise<string[]> {
  const p = analyticsQuery(prefix);
  if (!p) return [];
  const rows = await db.kysely
    .selectFrom('search_query_stats')
    .where('agency_id', '=', agencyId)
    .where('day', '>=', since)
    .where('query', 'like', `${withoutLikeWildcards(p)}%`)
    .groupBy('query')
    .having(sql<boolean>`sum(zero_results) < sum(searches)`)
    .select((eb) => ['query', eb.fn.sum<number>('searches').as('n')])
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.query);
}

/**
 * The search as the API and the portal run it: the agency resolved from its code, the asker's view, the
 * search itself, a "did you mean" when nothing was found, labels for the facets, and the query counted for the
 * analytics (public searches only, first pages only — paging is not asking again).
 */
import type { AppContext } from '../../shared/context.js';
import { authorize, type Caller, type StaffPrincipal } from '../accounts/index.js';
import { todayIn } from '../calendar/index.js';
import { publishedCatalog } from '../publishing/index.js';
import { handlingScope } from '../publishing/index.js';
import { flattenTemplate, SEED_TEMPLATE } from '../publishing/index.js';
import { VALIDITIES } from '../publishing/index.js';
import { topicByCode } from '../publishing/index.js';
import { agencyOf, listAgencies } from '../organisations/index.js';
import { ALL_AGENCIES, readAnalytics, searchStats, type SearchAnalytics } from './analytics.js';
import type { Facet, FacetCount } from './engine.js';
import type { SearchQuery, SearchView } from './search.schemas.js';
import { search, type SearchResult, type Viewer } from './search.service.js';
import { autocomplete, convertedQuery, didYouMean, type Suggestion } from './suggest.js';

/** What a search answers (the API's schema, the portal's results page). */
export type RunResult = SearchView;

export interface LabelledFacet extends FacetCount {
  label: string;
}

const VALIDITY_LABEL = new Map<string, string>(VALIDITIES.map((v) => [v.code, v.name]));
const TEMPLATE_NAMES = flattenTemplate(SEED_TEMPLATE).map((c): [string, string] => [c.code, c.name]);

async function labelFacets(ctx: AppContext, agencyId: string | undefined, facets: SearchResult['facets']): Promise<Record<Facet, LabelledFacet[]>> {
  // One agency: its own catalog's names. Across agencies codes may be named differently: the national template's.
  const catalog = agencyId ? await publishedCatalog(ctx.db.kysely, agencyId) : null;
  const categories = new Map(catalog ? catalog.categories.map((c) => [c.code, c.name]) : TEMPLATE_NAMES);
  const label: Record<Facet, (v: string) => string> = {
    category: (v) => categories.get(v) ?? v,
    topic: (v) => topicByCode(v)?.name ?? v,
    organ: (v) => v,
    year: (v) => `${v}年`,
    genre: (v) => v,
    validity: (v) => VALIDITY_LABEL.get(v) ?? v,
  };
  return Object.fromEntries(Object.entries(facets).map(([f, list]) => [f, list.map((c) => ({ ...c, label: label[f as Facet](c.value) }))])) as Record<Facet, LabelledFacet[]>;
}

/** The codes of the agencies of these hits (the one agency's when the search was of one). */
async function agencyCodes(ctx: AppContext, agency: { id: string; code: string } | null, ids: readonly string[]): Promise<Map<string, string>> {
  if (agency) return new Map([[agency.id, agency.code]]);
  if (ids.length === 0) return new Map();
  return new Map((await listAgencies(ctx.db.kysely)).map((a) => [a.id, a.code]));
}

/** Runs a search for the API or the portal. `agencyCode` fixes the agency (a portal site); else `query.org`. */
export async function runSearch(ctx: AppContext, query: SearchQuery, principal: StaffPrincipal | null, agencyCode?: string): Promise<SearchView> {
  const code = agencyCode ?? query.org;
  const agency = code ? await agencyOf(ctx.db.kysely, code) : null;
  const agencyId = agency?.id;
  const drafts = query.drafts === '1' && principal !== null;
  const viewer: Viewer = drafts ? { kind: 'staff', drafts: handlingScope(principal) } : { kind: 'public' };
  const req = {
    q: query.q,
    within: query.within,
    filters: { agencyId, category: query.category, topic: query.topic, organ: query.organ, genre: query.genre, validity: query.validity, year: query.year, from: query.from, to: query.to },
    sort: query.sort,
    page: query.page,
    pageSize: query.pageSize,
    viewer,
  };
  const result = await search(ctx.db, req);
  const suggestion = result.total === 0 && query.q.trim() ? await didYouMean(ctx.db, req) : null;
  // Citizens' questions only: staff searching in the console would drown the content gaps they look for.
  if (principal === null && query.page === 1 && query.q.trim()) {
    searchStats(ctx.db, ctx.clock).searched(agencyId ?? null, [query.q, query.within].filter(Boolean).join(' '), result.total);
  }
  const codes = await agencyCodes(ctx, agency, result.hits.map((h) => h.agencyId));
  return {
    ...result,
    hits: result.hits.map(({ agencyId, ...h }) => ({ ...h, agency: codes.get(agencyId) ?? '' })),
    facets: await labelFacets(ctx, agencyId, result.facets),
    didYouMean: suggestion,
    convertedQuery: convertedQuery(query.q),
  };
}

const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;

function daysAgo(ctx: Pick<AppContext, 'clock'>, days: number): string {
  return todayIn(TIME_ZONE, new Date(ctx.clock().getTime() - days * DAY_MS));
}

/** The agency a code names (a unit's code names its agency), or null for every agency. */
async function agencyIdOf(ctx: AppContext, code: string | undefined): Promise<string | null> {
  return code ? (await agencyOf(ctx.db.kysely, code)).id : null;
}

/** Autocomplete: matching titles and the popular queries of the last 90 days. */
export async function suggestions(ctx: AppContext, text: string, org: string | undefined): Promise<{ suggestions: Suggestion[] }> {
  return { suggestions: await autocomplete(ctx.db, text, await agencyIdOf(ctx, org), daysAgo(ctx, 90)) };
}

/** Counts a click on a result (for the click-through rate; nothing about the person). */
export async function countClick(ctx: AppContext, q: string, org: string | undefined): Promise<void> {
  searchStats(ctx.db, ctx.clock).clicked(await agencyIdOf(ctx, org), q);
}

/** Top queries, queries that found nothing and click-through, of an agency (or all) over a date range (default 30 days). */
export async function searchAnalytics({ ctx, principal, actor }: Caller, query: { org?: string; from?: string; to?: string }): Promise<SearchAnalytics> {
  const agency = query.org ? await agencyOf(ctx.db.kysely, query.org) : null;
  await authorize(ctx, principal, actor, 'stats.read', agency?.path, { type: 'search-analytics' });
  await searchStats(ctx.db, ctx.clock).flush();
  return readAnalytics(ctx.db, agency?.id ?? ALL_AGENCIES, query.from ?? daysAgo(ctx, 30), query.to ?? daysAgo(ctx, 0));
}

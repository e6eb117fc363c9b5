/**
 * The search as the API and the portal run it: the agency resolved from its code, the asker's view, the
 * search itself, a "did you mean" when nothing was found, labels for the facets, and the query counted for the
 * analytics (public searches only, first pages only — paging is not asking again).
 */
import type { AppContext } from '../../shared/context.js';
import type { StaffPrincipal } from '../accounts/index.js';
import { notFound } from '../../shared/errors.js';
import { publishedCatalog } from '../publishing/index.js';
import { handlingScope } from '../publishing/index.js';
import { flattenTemplate, SEED_TEMPLATE } from '../publishing/index.js';
import { VALIDITIES } from '../publishing/index.js';
import { topicByCode } from '../publishing/index.js';
import { findOrgByCode } from '../organisations/index.js';
import { searchStats } from './analytics.js';
import type { Facet, FacetCount } from './engine.js';
import type { SearchQuery } from './search.schemas.js';
import { search, type SearchHit, type SearchResult, type Viewer } from './search.service.js';
import { convertedQuery, didYouMean, type DidYouMean } from './suggest.js';

export interface LabelledFacet extends FacetCount {
  label: string;
}

export interface RunResult extends Omit<SearchResult, 'facets' | 'hits'> {
  hits: (Omit<SearchHit, 'agencyId'> & { agency: string })[];
  facets: Record<Facet, LabelledFacet[]>;
  /** For a search that found nothing. */
  didYouMean: DidYouMean | null;
  /** The Simplified form the query was searched as, when it was written otherwise. */
  convertedQuery: string | null;
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

async function agencyCodes(ctx: AppContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.kysely.selectFrom('organisations').select(['id', 'code']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Runs a search for the API or the portal. `agencyCode` fixes the agency (a portal site); else `query.org`. */
export async function runSearch(ctx: AppContext, query: SearchQuery, principal: StaffPrincipal | null, agencyCode?: string): Promise<RunResult> {
  const code = agencyCode ?? query.org;
  let agencyId: string | undefined;
  if (code) {
    const org = await findOrgByCode(ctx.db.kysely, code);
    if (!org) throw notFound('机构不存在');
    agencyId = org.agency_id;
  }
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
  const codes = await agencyCodes(ctx, result.hits.map((h) => h.agencyId));
  return {
    ...result,
    hits: result.hits.map(({ agencyId, ...h }) => ({ ...h, agency: codes.get(agencyId) ?? '' })),
    facets: await labelFacets(ctx, agencyId, result.facets),
    didYouMean: suggestion,
    convertedQuery: convertedQuery(query.q),
  };
}

// Shapes of the search API's answers (src/modules/search/search.routes.ts, search.run.ts, analytics.ts on the server).

export type Facet = 'category' | 'topic' | 'organ' | 'year' | 'genre' | 'validity';

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface SearchHit {
  id: string;
  title: string;
  /** The title escaped, the matched words in <mark>: no other tag. */
  titleHtml: string;
  docNumber: string | null;
  indexNumber: string | null;
  publishedAt: string | null;
  /** Escaped text around the matches, the matched words in <mark>. */
  snippet: string;
  /** The agency (site) code. */
  agency: string;
  category: string;
  organ: string | null;
  /** 'draft': an unpublished version (staff with drafts=1); its `state` is the revision's. */
  kind: 'live' | 'draft';
  state: string;
  /** Found by its 发文字号. */
  numberMatch: boolean;
}

export interface DidYouMean {
  text: string;
  kind: 'title' | 'shorter';
  total: number;
}

export interface SearchResponse {
  total: number;
  tookMs: number;
  hits: SearchHit[];
  facets: Record<Facet, FacetCount[]>;
  didYouMean: DidYouMean | null;
  /** The Simplified form the query was searched as, when it was written otherwise. */
  convertedQuery: string | null;
  terms: string[];
  /** Words beyond what one search may ask, in the order typed: not searched. */
  ignored: string[];
  page: number;
  pageSize: number;
}

export interface Suggestion {
  text: string;
  kind: 'title' | 'query';
  id?: string;
}

export interface QueryStat {
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
  /** Clicks per search, 0–1. */
  clickThrough: number;
}

export interface SearchAnalytics {
  from: string;
  to: string;
  totals: { searches: number; zeroResults: number; clicks: number; queries: number };
  top: QueryStat[];
  zeroResults: QueryStat[];
}

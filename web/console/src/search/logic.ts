// Pure logic of the search screens: the search state in the address, the API's parameters, highlighted text,
// labels. No DOM, no server.
import { STATE_COLORS, STATE_LABELS, TAG_COLORS } from '../publishing/logic.js';
import type { ItemState } from '../publishing/types.js';
import type { Facet, SearchHit, Suggestion } from './types.js';

/** The API answers at most 50 pages (GET /api/v1/search: page ≤ 50). */
export const MAX_PAGE = 50;
export const PAGE_SIZE = 20;

export const FACETS: readonly Facet[] = ['category', 'topic', 'organ', 'year', 'genre', 'validity'];

export const FACET_LABELS: Record<Facet, string> = {
  category: '目录类别',
  topic: '主题分类',
  organ: '发文机关',
  year: '年份',
  genre: '体裁',
  validity: '有效性',
};

export type Sort = 'relevance' | 'date';
export const SORT_LABELS: Record<Sort, string> = { relevance: '按相关度', date: '按发布日期' };

/** What the staff search shows, as kept in the address (?q=…&category=…&page=2). */
export interface SearchState {
  q: string;
  /** The agency (site) code; absent: the screen's default agency. */
  agency?: string;
  filters: Partial<Record<Facet, string>>;
  /** YYYY-MM-DD, publication dates. */
  from?: string;
  to?: string;
  sort: Sort;
  page: number;
  /** Include the unpublished versions of items in the units one handles (on unless the address says drafts=0). */
  drafts: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CATEGORY = /^\d{2}(\.\d{2}){0,9}$/;
const YEAR = /^\d{4}$/;

function text(params: URLSearchParams, key: string, max: number): string | undefined {
  const v = params.get(key)?.trim();
  return v ? v.slice(0, max) : undefined;
}

function day(params: URLSearchParams, key: string): string | undefined {
  const v = params.get(key)?.trim();
  if (!v || !DAY.test(v)) return undefined;
  // A real calendar day: Date.parse rolls 2026-02-30 over into March instead of refusing it.
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v ? v : undefined;
}

/** The address → the state. Values the API would refuse (a bad date, page 51, an unknown sort) are dropped. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: Partial<Record<Facet, string>> = {};
  for (const f of FACETS) {
    const v = text(params, f, f === 'organ' ? 100 : 64);
    if (!v) continue;
    if (f === 'category' && !CATEGORY.test(v)) continue;
    if (f === 'year' && !YEAR.test(v)) continue;
    filters[f] = v;
  }
  const page = Math.trunc(Number(params.get('page') ?? '1'));
  let from = day(params, 'from');
  let to = day(params, 'to');
  if (from && to && from > to) [from, to] = [to, from];
  const state: SearchState = {
    q: (params.get('q') ?? '').slice(0, 200),
    filters,
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    page: Number.isFinite(page) ? Math.min(MAX_PAGE, Math.max(1, page)) : 1,
    drafts: params.get('drafts') !== '0',
  };
  const agency = text(params, 'agency', 64);
  if (agency) state.agency = agency;
  if (from) state.from = from;
  if (to) state.to = to;
  return state;
}

/** The state → the address: defaults left out, so that a plain search reads ?q=… only. */
export function writeSearchState(state: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.agency) p.set('agency', state.agency);
  for (const f of FACETS) if (state.filters[f]) p.set(f, state.filters[f]);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (!state.drafts) p.set('drafts', '0');
  if (state.page > 1) p.set('page', String(Math.min(MAX_PAGE, state.page)));
  return p;
}

/** The query string of GET /api/v1/search for the state (with the leading '?'). */
export function searchApiQuery(state: SearchState, agency: string | undefined, pageSize = PAGE_SIZE): string {
  const p = new URLSearchParams();
  p.set('q', state.q.trim());
  if (agency) p.set('org', agency);
  for (const f of FACETS) if (state.filters[f]) p.set(f, state.filters[f]);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  p.set('sort', state.sort);
  p.set('page', String(Math.min(MAX_PAGE, state.page)));
  p.set('pageSize', String(pageSize));
  if (state.drafts) p.set('drafts', '1');
  return '?' + p.toString();
}

/** Any change of what is searched starts again on page 1. */
export function changeSearch(state: SearchState, change: Partial<Omit<SearchState, 'page'>>): SearchState {
  return { ...state, ...change, page: 1 };
}

/** Choosing a facet value filters by it; choosing the value already chosen removes the filter. */
export function toggleFilter(state: SearchState, facet: Facet, value: string): SearchState {
  const filters = { ...state.filters };
  if (filters[facet] === value) delete filters[facet];
  else filters[facet] = value;
  return changeSearch(state, { filters });
}

/** The highest page the pagination offers: the API stops at page 50. */
export function reachableTotal(total: number, pageSize = PAGE_SIZE): number {
  return Math.min(total, MAX_PAGE * pageSize);
}

export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references the server's escaping produces (&amp; &lt; &#39; &#x2F; …). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * The server's highlighted text (escaped, matched words in <mark>…</mark>) as plain-text segments, to be shown
 * as React text nodes: nothing in it is ever parsed as HTML. Any other tag would stay visible as text.
 */
export function splitHighlight(html: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  const push = (raw: string) => {
    if (!raw) return;
    const t = decodeEntities(raw);
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += t;
    else out.push({ text: t, mark });
  };
  for (const part of html.split(/(<\/?mark>)/iu)) {
    const tag = part.toLowerCase();
    if (tag === '<mark>') mark = true;
    else if (tag === '</mark>') mark = false;
    else push(part);
  }
  return out;
}

/** The tag of a hit: the state label of the publishing workbench; an unpublished version says so. */
export function hitTag(hit: Pick<SearchHit, 'kind' | 'state'>): { label: string; color: string } {
  const state = hit.state as ItemState;
  const label = STATE_LABELS[state] ?? hit.state;
  const color = STATE_COLORS[state] ?? TAG_COLORS.grey;
  return hit.kind === 'draft' ? { label: `未发布稿件 · ${label}`, color } : { label, color };
}

/** Autocomplete options: each text once (a title may also be a popular query), titles first as the API gives them. */
export function suggestionOptions(suggestions: readonly Suggestion[]): { value: string; kind: Suggestion['kind'] }[] {
  const seen = new Set<string>();
  const out: { value: string; kind: Suggestion['kind'] }[] = [];
  for (const s of suggestions) {
    const t = s.text.trim();
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out.push({ value: t, kind: s.kind });
  }
  return out;
}

/** What the suggest endpoint is asked for the typed text: nothing for blank text, at most 50 characters. */
export function suggestQuery(typed: string): string | null {
  const t = typed.trim();
  return t ? t.slice(0, 50) : null;
}

/** A click-through rate (0–1) as a percent: 0.125 → '12.5%'. */
export function percent(rate: number): string {
  if (!Number.isFinite(rate)) return '0%';
  return `${Math.round(rate * 1000) / 10}%`;
}

const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in China Standard Time, YYYY-MM-DD. */
export function dayInChina(instant: Date): string {
  return chinaDay.format(instant);
}

/**
 * The analytics period chosen in the address: both dates valid and in order. Without one the server's default
 * applies (the last 30 days by the server's clock), and the screen shows the period the answer names.
 */
export function readPeriod(params: URLSearchParams): { from: string; to: string } | null {
  const from = day(params, 'from');
  const to = day(params, 'to');
  return from && to && from <= to ? { from, to } : null;
}

/** The staff search for a query (the console's own path, under its /console basename). */
export function searchPath(q: string, agency?: string): string {
  const p = new URLSearchParams({ q });
  if (agency) p.set('agency', agency);
  return '/search?' + p.toString();
}

import { z } from 'zod';
import { fieldErrors } from '../../../shared/validation.js';
import { SearchQuery } from '../search.schemas.js';

/**
 * The search page's address: what it reads (a query in the query language, filters, sort, page) and the fields of
 * the advanced form, which the page composes into one query (`composeQuery`) so that the search box shows it and
 * every link of the result page carries it. Pure: no database.
 */

export type AdvancedField = 'any' | 'title' | 'number' | 'organ';

export interface AdvancedInput {
  /** Words that must all occur. */
  all?: string | undefined;
  /** Words that must occur together, as written. */
  phrase?: string | undefined;
  /** Words of which one must occur. */
  any?: string | undefined;
  /** Words that must not occur. */
  none?: string | undefined;
  /** Where the words are looked for. */
  field?: AdvancedField | undefined;
}

const FIELD_PREFIX: Record<AdvancedField, string> = { any: '', title: '标题:', number: '文号:', organ: '机关:' };

/** Full-width forms folded (the query language does the same) and quotation marks removed: they cannot be escaped. */
function clean(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/["“”「」『』]/gu, ' ').trim();
}

/** Words separated by spaces, commas, 、 or semicolons. */
function wordsOf(text: string | undefined): string[] {
  return clean(text)
    .split(/[\s,;、]+/u)
    .filter((w) => w !== '');
}

/**
 * A word written so that the query language reads it as that word: quoted when it would otherwise be read as an
 * operator (`OR`, a leading `-`) or a field (`标题:…`); quoting a single word changes nothing else.
 */
function term(word: string, prefix: string): string {
  const special = word === 'OR' || word.startsWith('-') || word.includes(':');
  return `${prefix}${special ? `"${word}"` : word}`;
}

/**
 * The advanced form's fields as one query in the query language (query.ts): the words to include, the phrase in
 * quotes, the alternatives joined by OR (an OR chain binds to the term before it, so it comes last among the
 * terms that must match), the excluded words with `-`; each with the field prefix when the search is restricted
 * to the title, the 发文字号 or the issuing organ. Empty fields give ''.
 */
export function composeQuery(input: AdvancedInput): string {
  const prefix = FIELD_PREFIX[input.field ?? 'any'];
  const parts: string[] = [];
  for (const w of wordsOf(input.all)) parts.push(term(w, prefix));
  const phrase = clean(input.phrase).replace(/\s+/gu, ' ');
  if (phrase) parts.push(`${prefix}"${phrase}"`);
  const any = wordsOf(input.any);
  if (any.length) parts.push(any.map((w) => term(w, prefix)).join(' OR '));
  for (const w of wordsOf(input.none)) {
    // `-` then the field then the word: `-标题:草案`, `-"OR"`.
    parts.push(`-${term(w.replace(/^-+/u, ''), prefix)}`);
  }
  return parts.filter((p) => p !== '-' && p !== `-${prefix}`).join(' ');
}

const advancedText = (label: string) => z.string().max(100, `${label}最多 100 字`).optional();

/** The advanced form's fields as the search page receives them. */
export const AdvancedQuery = z.object({
  all: advancedText('包含全部词语'),
  phrase: advancedText('完整词组'),
  any: advancedText('任意词语'),
  none: advancedText('排除词语'),
  field: z.enum(['any', 'title', 'number', 'organ'], { error: '关键词位置应为全文、标题、发文字号或发文机关' }).optional(),
});

/** The filters a result page can carry (besides the words and the sort order). */
export const FILTER_KEYS = ['category', 'topic', 'organ', 'genre', 'validity', 'year', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
const SEARCH_KEYS = ['q', 'within', ...FILTER_KEYS, 'sort', 'page'] as const;
const ADVANCED_KEYS = ['all', 'phrase', 'any', 'none', 'field'] as const;

/** What a result page shows and links with: strings as in the address; defaults (relevance, page 1) included. */
export interface SearchState {
  q: string;
  within?: string | undefined;
  category?: string | undefined;
  topic?: string | undefined;
  organ?: string | undefined;
  genre?: string | undefined;
  validity?: string | undefined;
  year?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort: 'relevance' | 'date';
  page: number;
}

export type ParsedSearchPage =
  | { kind: 'ok'; query: SearchQuery; state: SearchState }
  /** `values`: what was asked, as text, to show again in the form. */
  | { kind: 'invalid'; errors: Record<string, string>; values: { q: string; sort: string } };

/** Empty fields of a submitted form (`?category=&year=`) are absent, not invalid. */
function present(query: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = query[k];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    out[k] = v;
  }
  return out;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(' ') : '');

/**
 * Reads the search page's query string: the advanced form's fields composed into `q` (after any `q` given), then
 * the whole checked by the API's schema. Problems come back per field, in Chinese, for a 400 page.
 */
export function parseSearchPage(query: Record<string, unknown>): ParsedSearchPage {
  const errors: Record<string, string> = {};
  const advanced = AdvancedQuery.safeParse(present(query, ADVANCED_KEYS));
  if (!advanced.success) Object.assign(errors, fieldErrors(advanced.error));
  const input = present(query, SEARCH_KEYS);
  if (advanced.success) {
    const composed = composeQuery(advanced.data);
    if (composed) input.q = typeof input.q === 'string' ? `${input.q.trim()} ${composed}` : composed;
  }
  const parsed = SearchQuery.safeParse(input);
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  if (!parsed.success || Object.keys(errors).length) {
    return { kind: 'invalid', errors, values: { q: asText(input.q), sort: asText(input.sort) } };
  }
  const d = parsed.data;
  const state: SearchState = {
    q: d.q.trim(),
    within: d.within?.trim() || undefined,
    category: d.category,
    topic: d.topic,
    organ: d.organ,
    genre: d.genre,
    validity: d.validity,
    year: d.year !== undefined ? String(d.year) : undefined,
    from: d.from,
    to: d.to,
    sort: d.sort,
    page: d.page,
  };
  return { kind: 'ok', query: { ...d, q: state.q, within: state.within, pageSize: RESULTS_PER_PAGE, org: undefined, drafts: undefined }, state };
}

export const RESULTS_PER_PAGE = 20;
/** The schema's limit: deeper pages are not offered. */
export const MAX_RESULT_PAGE = 50;

/** Something was asked: words or a filter. Without either the page shows how to search instead of everything. */
export function asksSomething(state: SearchState): boolean {
  return Boolean(state.q || state.within || FILTER_KEYS.some((k) => state[k] !== undefined));
}

/** The address of a result page: only what is set, defaults left out, so each search has one address. */
export function searchPath(state: SearchState, path = '/search'): string {
  const params: string[] = [];
  const add = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== '') params.push(`${k}=${encodeURIComponent(v)}`);
  };
  add('q', state.q);
  add('within', state.within);
  for (const k of FILTER_KEYS) add(k, state[k]);
  if (state.sort !== 'relevance') add('sort', state.sort);
  if (state.page !== 1) add('page', String(state.page));
  return params.length ? `${path}?${params.join('&')}` : path;
}

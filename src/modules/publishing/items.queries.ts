import { sql } from 'kysely';
import type { Scope } from '../accounts/index.js';
import { withoutLikeWildcards, type Queryable } from '../../db/database.js';
import type { RevisionRow } from './items.repo.js';
import type { ItemState } from './workflow.js';

/**
 * The lists of items the API and the jobs read (read models): every one bounded, filtered in SQL (a policy scope
 * becomes a `WHERE path LIKE …`, never a filter afterwards).
 */

/** Items whose scheduled publication is due, oldest schedule first. */
export async function dueScheduledItems(q: Queryable, now: string, limit: number): Promise<string[]> {
  const rows = await q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.working_revision_id')
    .select('i.id')
    .where('r.state', '=', 'scheduled')
    .where('i.scheduled_at', '<=', now)
    .orderBy('i.scheduled_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Published items, newest first, of an agency and a category with those below it: one page, with their live revisions. */
export async function publishedItems(q: Queryable, filter: { agencyId?: string; category?: string; page: number; pageSize: number }) {
  let base = q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
    .innerJoin('organisations as a', 'a.id', 'i.agency_id')
    .where('i.state', '=', 'published');
  if (filter.agencyId) base = base.where('i.agency_id', '=', filter.agencyId);
  if (filter.category) {
    const prefix = filter.category.replace(/[%_]/g, '');
    base = base.where((eb) => eb.or([eb('i.category_code', '=', prefix), eb('i.category_code', 'like', `${prefix}.%`)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('i')
    .select(['a.code as agency_code', 'r.id as rev_id'])
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const revisions = rows.length ? await q.selectFrom('item_revisions').selectAll().where('id', 'in', rows.map((r) => r.rev_id)).execute() : [];
  const byId = new Map<string, RevisionRow>(revisions.map((r) => [r.id, r]));
  return { total: Number(total.n), rows: rows.map((item) => ({ item, rev: byId.get(item.rev_id)! })) };
}

export interface WorkbenchFilter {
  state?: ItemState;
  /** The materialised path of an organisation whose items only are listed. */
  orgPath?: string;
  q?: string;
  /** Only the revisions this user wrote. */
  authorId?: string;
  page: number;
  pageSize: number;
}

/** The workbench: items of the units in `scope` at their current revision, newest change first. */
export async function workbenchItems(q: Queryable, scope: Scope, filter: WorkbenchFilter) {
  if (!scope.all && scope.paths.length === 0) return { total: 0, rows: [] };
  let base = q
    .selectFrom('items as i')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .innerJoin('item_revisions as r', (j) => j.on((eb) => eb('r.id', '=', eb.fn.coalesce('i.working_revision_id', 'i.live_revision_id'))));
  if (!scope.all) base = base.where((eb) => eb.or(scope.paths.map((p) => eb('u.path', 'like', `${p}%`))));
  if (filter.orgPath) base = base.where('u.path', 'like', `${filter.orgPath}%`);
  if (filter.state === 'withdrawn') base = base.where('i.state', '=', 'withdrawn');
  else if (filter.state) base = base.where('i.state', '!=', 'withdrawn').where('r.state', '=', filter.state);
  if (filter.authorId) base = base.where('r.author_id', '=', filter.authorId);
  if (filter.q) base = base.where('r.title', 'like', `%${withoutLikeWildcards(filter.q)}%`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'i.id',
      'i.category_code',
      'i.index_number',
      'i.state as item_state',
      'i.version',
      'i.published_at',
      'i.scheduled_at',
      'i.updated_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'r.title',
      'r.doc_number',
      'r.state as revision_state',
      'r.id as revision_id',
      'r.revision_no',
      'r.author_id',
      'r.unit_reviewed_by',
      'r.reject_comment',
    ])
    .orderBy('i.updated_at', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}
export type WorkbenchItemRow = Awaited<ReturnType<typeof workbenchItems>>['rows'][number];

/** Every revision of an item, first first. */
export function itemRevisions(q: Queryable, itemId: string): Promise<RevisionRow[]> {
  return q.selectFrom('item_revisions').selectAll().where('item_id', '=', itemId).orderBy('revision_no').execute();
}

/** Every review decision on an item, in order, with the reviewer's current display name. */
export function itemReviews(q: Queryable, itemId: string) {
  return q
    .selectFrom('item_reviews as v')
    .leftJoin('users as u', 'u.id', 'v.reviewer_id')
    .selectAll('v')
    .select('u.display_name')
    .where('v.item_id', '=', itemId)
    .orderBy('v.at')
    .execute();
}

// ── The public portal's lists (published items only, through their live revision) ───────────────────────────────

export const PAGE_SIZE = 20;
/** Pages past this are not offered: deep offsets cost the database and nobody reads page 500 of a list. */
export const MAX_PAGE = 500;
export const FEED_SIZE = 50;
/** A sitemap file holds at most 50,000 addresses (sitemaps.org). */
export const SITEMAP_MAX_ITEMS = 49_000;

export type SortKey = 'published' | 'written';

function publishedOf(q: Queryable, agencyId: string) {
  return q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
    .where('i.agency_id', '=', agencyId)
    .where('i.state', '=', 'published');
}

const SUMMARY_COLUMNS = [
  'i.id as id',
  'r.title as title',
  'r.summary as summary',
  'r.doc_number as doc_number',
  'i.index_number as index_number',
  'i.category_code as category_code',
  'r.written_at as written_at',
  'i.published_at as published_at',
  'r.published_at as rev_published_at',
  'r.issuing_organ as issuing_organ',
] as const;

export interface SummaryRow {
  id: string;
  title: string;
  summary: string | null;
  doc_number: string | null;
  index_number: string | null;
  category_code: string;
  written_at: string | null;
  published_at: string | null;
  rev_published_at: string | null;
  issuing_organ: string | null;
}

/**
 * The published items of a category and the categories below it (all of the agency's for null), one page, newest
 * first by 发布日期 or by 成文日期 (items without 成文日期 last on both engines), ties broken by id so pages never overlap.
 */
export async function publishedSummaries(
  q: Queryable,
  agencyId: string,
  code: string | null,
  options: { page: number; sort: SortKey; pageSize: number },
): Promise<{ total: number; rows: SummaryRow[] }> {
  let base = publishedOf(q, agencyId);
  if (code !== null) {
    // Category codes are digits and dots (checked against the catalog before this is called): no LIKE escapes needed.
    base = base.where((eb) => eb.or([eb('i.category_code', '=', code), eb('i.category_code', 'like', `${code}.%`)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let list = base.select(SUMMARY_COLUMNS);
  if (options.sort === 'written') {
    list = list.orderBy(sql`case when r.written_at is null then 1 else 0 end`).orderBy('r.written_at', 'desc');
  }
  const rows = await list
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** Every published item of an agency with its last change, for the sitemap (bounded). */
export async function sitemapItems(q: Queryable, agencyId: string): Promise<{ id: string; lastmod: string }[]> {
  const rows = await publishedOf(q, agencyId)
    .select(['i.id as id', 'i.published_at as published_at', 'r.published_at as rev_published_at'])
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id')
    .limit(SITEMAP_MAX_ITEMS)
    .execute();
  return rows.map((r) => ({ id: r.id, lastmod: r.rev_published_at ?? r.published_at ?? '' }));
}

/** The titles of those of `ids` that are published items of the agency. */
export async function publishedTitles(q: Queryable, agencyId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await publishedOf(q, agencyId).select(['i.id as id', 'r.title as title']).where('i.id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The published 政策解读 of an item, oldest first (bounded). */
export function publishedInterpretations(q: Queryable, agencyId: string, itemId: string): Promise<{ id: string; title: string }[]> {
  return publishedOf(q, agencyId).select(['i.id as id', 'r.title as title']).where('i.interprets_item_id', '=', itemId).orderBy('i.published_at').orderBy('i.id').limit(50).execute();
}

/** The published versions of an item (material changes, 首次发布 first). */
export function publishedRevisions(q: Queryable, itemId: string) {
  return q
    .selectFrom('item_revisions')
    .select(['revision_no', 'published_at', 'change_note'])
    .where('item_id', '=', itemId)
    .where('state', 'in', ['published', 'superseded'])
    .orderBy('revision_no')
    .execute();
}

// ── What search indexes (src/modules/search reads items only through these) ───────────────────────────────────

/** A searchable version of an item: its live revision while published, and its working revision (staff search). */
export interface SearchableVersion {
  itemId: string;
  kind: 'live' | 'draft';
  revisionId: string;
  /** `published` for the live version, else the working revision's state. */
  state: string;
  agencyId: string;
  unitPath: string;
  categoryCode: string;
  indexNumber: string | null;
  /** The item's publication time (live), else null. */
  publishedAt: string | null;
  updatedAt: string;
  title: string;
  summary: string | null;
  keywords: string[];
  /** The stored (sanitised) HTML of the body. */
  body: string;
  docNumber: string | null;
  docNumberKey: string | null;
  organ: string | null;
  topic: string | null;
  genre: string | null;
  validity: string;
  writtenAt: string | null;
  /** The text extracted from its files, in their order. */
  attachmentTexts: string[];
}

/** The searchable versions of these items as `q` sees them now (a withdrawn item has none). */
export async function searchableVersions(q: Queryable, itemIds: readonly string[]): Promise<SearchableVersion[]> {
  if (itemIds.length === 0) return [];
  const items = await q
    .selectFrom('items as i')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.agency_id', 'i.category_code', 'i.index_number', 'i.state', 'i.live_revision_id', 'i.working_revision_id', 'i.published_at', 'u.path as unit_path'])
    .where('i.id', 'in', [...itemIds])
    .execute();
  const wanted: { item: (typeof items)[number]; kind: 'live' | 'draft'; revisionId: string }[] = [];
  for (const item of items) {
    if (item.state === 'withdrawn') continue;
    if (item.live_revision_id && item.state === 'published') wanted.push({ item, kind: 'live', revisionId: item.live_revision_id });
    if (item.working_revision_id) wanted.push({ item, kind: 'draft', revisionId: item.working_revision_id });
  }
  if (wanted.length === 0) return [];
  const revisionIds = wanted.map((w) => w.revisionId);
  const revisions = new Map((await q.selectFrom('item_revisions').selectAll().where('id', 'in', revisionIds).execute()).map((r) => [r.id, r]));
  const texts = new Map<string, string[]>();
  for (const a of await q.selectFrom('item_attachments').select(['revision_id', 'text']).where('revision_id', 'in', revisionIds).where('text', '!=', '').orderBy('sort_order').execute()) {
    texts.set(a.revision_id, [...(texts.get(a.revision_id) ?? []), a.text]);
  }
  return wanted.flatMap(({ item, kind, revisionId }) => {
    const rev = revisions.get(revisionId);
    if (!rev) return [];
    return [
      {
        itemId: item.id,
        kind,
        revisionId,
        state: kind === 'live' ? 'published' : rev.state,
        agencyId: item.agency_id,
        unitPath: item.unit_path,
        categoryCode: item.category_code,
        indexNumber: item.index_number,
        publishedAt: kind === 'live' ? item.published_at : null,
        updatedAt: rev.updated_at,
        title: rev.title,
        summary: rev.summary,
        keywords: JSON.parse(rev.keywords || '[]') as string[],
        body: rev.body,
        docNumber: rev.doc_number,
        docNumberKey: rev.doc_number_key,
        organ: rev.issuing_organ,
        topic: rev.topic,
        genre: rev.genre,
        validity: rev.validity,
        writtenAt: rev.written_at,
        attachmentTexts: texts.get(revisionId) ?? [],
      },
    ];
  });
}

/** How many items there are (any state). */
export async function countItems(q: Queryable): Promise<number> {
  return Number((await q.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/** Item ids in order after `after`, `limit` of them: to walk every item in batches. */
export async function itemIdsAfter(q: Queryable, after: string, limit: number): Promise<string[]> {
  return (await q.selectFrom('items').select('id').where('id', '>', after).orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/** Which of these ids are items. */
export async function existingItemIds(q: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await q.selectFrom('items').select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id));
}

/** Is `id` an item of the agency the public has seen (published, or withdrawn with its notice)? */
export async function isPublicItem(q: Queryable, agencyId: string, id: string): Promise<boolean> {
  const row = await q.selectFrom('items').select('id').where('id', '=', id).where('agency_id', '=', agencyId).where('state', 'in', ['published', 'withdrawn']).executeTakeFirst();
  return row !== undefined;
}

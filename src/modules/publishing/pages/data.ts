import { sql } from 'kysely';
import type { Queryable } from '../../../db/database.js';
import { listAttachments } from '../attachments.repo.js';
import { catalogTree, type CatalogCategory, type CatalogNode } from '../catalog.js';
import { publishedCatalog } from '../catalog.repo.js';

/**
 * Read-only queries of the public portal's catalog and item pages. Only published items are ever read, through
 * their live revision; every query is bounded (a page of a list, the newest N for feeds).
 */

/** One row of a public list: what a category page, the home page and the feeds show. */
export interface ItemSummary {
  id: string;
  title: string;
  summary: string | null;
  docNumber: string | null;
  indexNumber: string | null;
  categoryCode: string;
  writtenAt: string | null;
  publishedAt: string;
  /** When the live revision was published (a correction moves it); equals publishedAt for a first version. */
  updatedAt: string;
  issuingOrgan: string | null;
}

export interface PublicCatalog {
  version: number;
  categories: CatalogCategory[];
  tree: CatalogNode[];
}

export const PAGE_SIZE = 20;
/** Pages past this are not offered: deep offsets cost the database and nobody reads page 500 of a list. */
export const MAX_PAGE = 500;
export const FEED_SIZE = 50;
/** A sitemap file holds at most 50,000 addresses (sitemaps.org). */
export const SITEMAP_MAX_ITEMS = 49_000;

export type SortKey = 'published' | 'written';

/** The agency's published catalog with the number of published items under each category; null before the first publication. */
export async function loadPublicCatalog(q: Queryable, agencyId: string): Promise<PublicCatalog | null> {
  const catalog = await publishedCatalog(q, agencyId);
  if (!catalog) return null;
  const counts = await q
    .selectFrom('items')
    .select(['category_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .groupBy('category_code')
    .execute();
  const tree = catalogTree(catalog.categories, new Map(counts.map((c) => [c.category_code, Number(c.n)])));
  return { version: catalog.version, categories: catalog.categories, tree };
}

/** A category's node in the tree (with its count and children), or undefined. */
export function findNode(tree: readonly CatalogNode[], code: string): CatalogNode | undefined {
  for (const node of tree) {
    if (node.code === code) return node;
    const below = findNode(node.children, code);
    if (below) return below;
  }
  return undefined;
}

/** The chain of categories from the top level down to `code` (empty if unknown). */
export function categoryTrail(categories: readonly CatalogCategory[], code: string): CatalogCategory[] {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const trail: CatalogCategory[] = [];
  let current = byCode.get(code);
  while (current && trail.length < 20) {
    trail.unshift(current);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return trail;
}

/** `01.02.03` → ['01', '01.02', '01.02.03']: a category and the categories above it. */
export function codeAndAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

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

interface SummaryRow {
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

function toSummary(r: SummaryRow): ItemSummary {
  const publishedAt = r.published_at ?? r.rev_published_at ?? '';
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    docNumber: r.doc_number,
    indexNumber: r.index_number,
    categoryCode: r.category_code,
    writtenAt: r.written_at,
    publishedAt,
    updatedAt: r.rev_published_at ?? publishedAt,
    issuingOrgan: r.issuing_organ,
  };
}

/**
 * The published items of a category and the categories below it, one page, newest first by 发布日期 or by 成文日期
 * (items without 成文日期 last on both engines), ties broken by id so pages never overlap.
 */
export async function categoryItems(
  q: Queryable,
  agencyId: string,
  code: string | null,
  options: { page: number; sort: SortKey; pageSize?: number },
): Promise<{ total: number; items: ItemSummary[] }> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
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
    .limit(pageSize)
    .offset((options.page - 1) * pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map(toSummary) };
}

/** The newest published items of an agency (or of a category and below): home page and feeds. */
export async function newestItems(q: Queryable, agencyId: string, code: string | null, limit: number): Promise<ItemSummary[]> {
  return (await categoryItems(q, agencyId, code, { page: 1, sort: 'published', pageSize: limit })).items;
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

/** A published revision in the item's history (material changes, 首次发布 first). */
export interface RevisionEntry {
  revision: number;
  publishedAt: string | null;
  changeNote: string | null;
}

/** An item as the public sees it: published (with its live revision), withdrawn (with the reason), or not at all. */
export type PublicItem =
  | {
      kind: 'published';
      id: string;
      agencyId: string;
      unitName: string;
      categoryCode: string;
      indexNumber: string | null;
      publishedAt: string;
      updatedAt: string;
      title: string;
      summary: string | null;
      body: string;
      docNumber: string | null;
      issuingOrgan: string | null;
      writtenAt: string | null;
      topic: string | null;
      genre: string | null;
      validity: string;
      validityDate: string | null;
      keywords: string[];
      /** The category's extra metadata fields with this item's values, in the category's order. */
      extra: { label: string; value: string }[];
      attachments: { id: string; name: string; size: number; type: string }[];
      revisions: RevisionEntry[];
      /** Published 政策解读 of this item. */
      interpretations: { id: string; title: string }[];
      /** The item this one interprets, when it is published. */
      interprets: { id: string; title: string } | null;
      /** The item that replaces this one (有效性), when it is published. */
      replacedBy: { id: string; title: string } | null;
    }
  | { kind: 'withdrawn'; id: string; title: string; indexNumber: string | null; withdrawnAt: string; reason: string; categoryCode: string }
  | { kind: 'none' };

async function publishedTitles(q: Queryable, agencyId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await publishedOf(q, agencyId).select(['i.id as id', 'r.title as title']).where('i.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The public view of one item of this agency's site; an item of another agency is 'none' here. */
export async function loadPublicItem(q: Queryable, agencyId: string, id: string): Promise<PublicItem> {
  const item = await q
    .selectFrom('items as i')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .selectAll('i')
    .select('u.name as unit_name')
    .where('i.id', '=', id)
    .where('i.agency_id', '=', agencyId)
    .executeTakeFirst();
  if (!item || !item.live_revision_id) return { kind: 'none' };
  const rev = await q.selectFrom('item_revisions').selectAll().where('id', '=', item.live_revision_id).executeTakeFirst();
  if (!rev) return { kind: 'none' };
  if (item.state === 'withdrawn') {
    return {
      kind: 'withdrawn',
      id: item.id,
      title: rev.title,
      indexNumber: item.index_number,
      withdrawnAt: item.withdrawn_at ?? '',
      reason: item.withdrawn_reason ?? '',
      categoryCode: item.category_code,
    };
  }
  if (item.state !== 'published') return { kind: 'none' };
  const [revisions, interpretationRows, attachments] = await Promise.all([
    q
      .selectFrom('item_revisions')
      .select(['revision_no', 'published_at', 'change_note'])
      .where('item_id', '=', item.id)
      .where('state', 'in', ['published', 'superseded'])
      .orderBy('revision_no')
      .execute(),
    publishedOf(q, agencyId).select(['i.id as id', 'r.title as title']).where('i.interprets_item_id', '=', item.id).orderBy('i.published_at').orderBy('i.id').limit(50).execute(),
    listAttachments(q, rev.id),
  ]);
  const related = [item.interprets_item_id, rev.replaced_by_item_id].filter((x): x is string => Boolean(x));
  const titles = await publishedTitles(q, agencyId, related);
  const link = (relatedId: string | null) => (relatedId && titles.has(relatedId) ? { id: relatedId, title: titles.get(relatedId)! } : null);
  const publishedAt = item.published_at ?? rev.published_at ?? '';
  return {
    kind: 'published',
    id: item.id,
    agencyId: item.agency_id,
    unitName: item.unit_name,
    categoryCode: item.category_code,
    indexNumber: item.index_number,
    publishedAt,
    updatedAt: rev.published_at ?? publishedAt,
    title: rev.title,
    summary: rev.summary,
    body: rev.body,
    docNumber: rev.doc_number,
    issuingOrgan: rev.issuing_organ,
    writtenAt: rev.written_at,
    topic: rev.topic,
    genre: rev.genre,
    validity: rev.validity,
    validityDate: rev.validity_date,
    keywords: parseKeywords(rev.keywords),
    extra: await extraRows(q, agencyId, item.category_code, rev.extra),
    attachments,
    revisions: revisions.map((r) => ({ revision: r.revision_no, publishedAt: r.published_at, changeNote: r.change_note })),
    interpretations: interpretationRows.map((r) => ({ id: r.id, title: r.title })),
    interprets: link(item.interprets_item_id),
    replacedBy: link(rev.replaced_by_item_id),
  };
}

/** The published catalog says which extra fields the category has and their labels; values come from the revision. */
async function extraRows(q: Queryable, agencyId: string, category: string, extra: string): Promise<{ label: string; value: string }[]> {
  const catalog = await loadPublicCatalog(q, agencyId);
  const fields = catalog?.categories.find((c) => c.code === category)?.extraFields ?? [];
  const values = JSON.parse(extra) as Record<string, string | number | null>;
  return fields.flatMap((f) => {
    const v = values[f.key];
    return v === undefined || v === null || v === '' ? [] : [{ label: f.label, value: String(v) }];
  });
}

function parseKeywords(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

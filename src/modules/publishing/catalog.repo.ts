import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { diffCatalogs, type CatalogCategory, type CatalogDiff, type ExtraField } from './catalog.js';

/** The latest published catalog of an agency, or null before its first publication. */
export async function publishedCatalog(q: Queryable, agencyId: string): Promise<{ version: number; categories: CatalogCategory[] } | null> {
  const row = await q
    .selectFrom('catalog_versions')
    .select(['version', 'snapshot'])
    .where('agency_id', '=', agencyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: row.version, categories: JSON.parse(row.snapshot) as CatalogCategory[] } : null;
}

/** The agency's working catalog (what the office edits before publishing it). */
export async function workingCatalog(q: Queryable, agencyId: string): Promise<CatalogCategory[]> {
  const rows = await q.selectFrom('catalog_categories').selectAll().where('agency_id', '=', agencyId).orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    description: r.description,
    updateInterval: r.update_interval,
    disclosureMode: r.disclosure_mode,
    responsibleUnitId: r.responsible_unit_id,
    sortOrder: r.sort_order,
    extraFields: JSON.parse(r.extra_fields) as ExtraField[],
  }));
}

export interface CatalogVersionEntry {
  version: number;
  note: string;
  publishedAt: string;
  publishedBy: string | null;
  categories: number;
  changes: CatalogDiff;
}

/** Every published version of the catalog, newest first, with what each changed. */
export async function catalogVersions(q: Queryable, agencyId: string): Promise<CatalogVersionEntry[]> {
  const rows = await q.selectFrom('catalog_versions').selectAll().where('agency_id', '=', agencyId).orderBy('version').execute();
  let previous: CatalogCategory[] = [];
  return rows
    .map((r) => {
      const categories = JSON.parse(r.snapshot) as CatalogCategory[];
      const entry = { version: r.version, note: r.note, publishedAt: r.published_at, publishedBy: r.published_by, categories: categories.length, changes: diffCatalogs(previous, categories) };
      previous = categories;
      return entry;
    })
    .reverse();
}

/** Per category of an agency: its published items, and when the newest was published. */
export async function publishedByCategory(q: Queryable, agencyId: string): Promise<Map<string, { count: number; newest: string }>> {
  const rows = await q
    .selectFrom('items')
    .select(['category_code', (eb) => eb.fn.max('published_at').as('at'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .groupBy('category_code')
    .execute();
  return new Map(rows.map((r) => [r.category_code, { count: Number(r.n), newest: String(r.at) }]));
}

/** The categories the agency's items use (any state). */
export async function usedCategories(q: Queryable, agencyId: string): Promise<string[]> {
  return (await q.selectFrom('items').select('category_code').distinct().where('agency_id', '=', agencyId).execute()).map((r) => r.category_code);
}

/** Does any item of the agency use the category? */
export async function categoryInUse(q: Queryable, agencyId: string, code: string): Promise<boolean> {
  return (await q.selectFrom('items').select('id').where('agency_id', '=', agencyId).where('category_code', '=', code).limit(1).executeTakeFirst()) !== undefined;
}

function categoryColumns(c: CatalogCategory, now: string) {
  return {
    parent_code: c.parentCode,
    name: c.name,
    description: c.description,
    responsible_unit_id: c.responsibleUnitId,
    disclosure_mode: c.disclosureMode,
    update_interval: c.updateInterval,
    extra_fields: JSON.stringify(c.extraFields ?? []),
    sort_order: c.sortOrder,
    updated_at: now,
  };
}

/** Replaces the agency's working catalog with `categories`. */
export async function replaceWorkingCatalog(q: Queryable, agencyId: string, categories: readonly CatalogCategory[], now: string): Promise<void> {
  await q.deleteFrom('catalog_categories').where('agency_id', '=', agencyId).execute();
  for (const c of categories) {
    await q.insertInto('catalog_categories').values({ id: crypto.randomUUID(), agency_id: agencyId, code: c.code, ...categoryColumns(c, now) }).execute();
  }
}

/** Adds a category to the working catalog, or changes the one with its code. */
export async function saveWorkingCategory(q: Queryable, agencyId: string, c: CatalogCategory, exists: boolean, now: string): Promise<void> {
  if (exists) await q.updateTable('catalog_categories').set(categoryColumns(c, now)).where('agency_id', '=', agencyId).where('code', '=', c.code).execute();
  else await q.insertInto('catalog_categories').values({ id: crypto.randomUUID(), agency_id: agencyId, code: c.code, ...categoryColumns(c, now) }).execute();
}

export async function deleteWorkingCategory(q: Queryable, agencyId: string, code: string): Promise<void> {
  await q.deleteFrom('catalog_categories').where('agency_id', '=', agencyId).where('code', '=', code).execute();
}

/** Records a published version of the catalog. */
export async function insertCatalogVersion(
  q: Queryable,
  row: { agencyId: string; version: number; categories: readonly CatalogCategory[]; note: string; publishedBy: string; at: string },
): Promise<void> {
  await q
    .insertInto('catalog_versions')
    .values({ id: crypto.randomUUID(), agency_id: row.agencyId, version: row.version, snapshot: JSON.stringify(row.categories), note: row.note, published_by: row.publishedBy, published_at: row.at })
    .execute();
}

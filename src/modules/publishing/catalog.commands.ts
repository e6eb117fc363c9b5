import crypto from 'node:crypto';
import type { StaffPrincipal } from '../accounts/index.js';
import type { Queryable, Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { authorize } from '../accounts/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { findOrgByCode, type OrgRow } from '../organisations/index.js';
import { catalogProblems, diffCatalogs, type CatalogCategory, type ExtraField } from './catalog.js';
import { CATALOG_TEMPLATES, flattenTemplate, type CatalogTemplateName } from './reference/catalog-templates.js';

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

/**
 * Replaces an agency's working catalog with `categories` and publishes it as a new version with a note.
 * Used to start an agency from a template; editing single categories comes with the catalog manager.
 */
export async function replaceAndPublishCatalog(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  agencyCode: string,
  categories: CatalogCategory[],
  note: string,
): Promise<number> {
  const agency = await findOrgByCode(ctx.db.kysely, agencyCode);
  if (!agency || agency.kind !== 'agency') throw validationFailed({ org: '机关不存在' });
  await authorize(ctx, principal, actor, 'catalog.edit', agency.path, { type: 'catalog' });
  const problems = catalogProblems(categories);
  if (problems.length) throw validationFailed({ categories: problems.join('；') }, problems[0]);
  const published = await ctx.db.kysely.transaction().execute((trx) => writeAndPublish(trx, ctx, actor, agency, categories, note));
  ctx.events.emit('catalog.changed', { agencyId: agency.id });
  return published;
}

/** Replaces the working catalog and publishes it as the next version, inside the caller's transaction. */
export async function writeAndPublish(
  trx: Tx,
  ctx: AppContext,
  actor: Actor,
  agency: Pick<OrgRow, 'id' | 'path'>,
  categories: CatalogCategory[],
  note: string,
): Promise<number> {
  const now = ctx.clock().toISOString();
  await trx.deleteFrom('catalog_categories').where('agency_id', '=', agency.id).execute();
  for (const c of categories) {
    await trx
      .insertInto('catalog_categories')
      .values({
        id: crypto.randomUUID(),
        agency_id: agency.id,
        code: c.code,
        parent_code: c.parentCode,
        name: c.name,
        description: c.description,
        responsible_unit_id: c.responsibleUnitId,
        disclosure_mode: c.disclosureMode,
        update_interval: c.updateInterval,
        extra_fields: JSON.stringify(c.extraFields ?? []),
        sort_order: c.sortOrder,
        updated_at: now,
      })
      .execute();
  }
  const last = await publishedCatalog(trx, agency.id);
  const version = (last?.version ?? 0) + 1;
  await trx
    .insertInto('catalog_versions')
    .values({ id: crypto.randomUUID(), agency_id: agency.id, version, snapshot: JSON.stringify(categories), note, published_by: actor.name, published_at: now })
    .execute();
  await appendAudit(trx, ctx, actor, {
    action: 'catalog.publish',
    objectType: 'catalog',
    objectId: agency.id,
    orgPath: agency.path,
    summary: { version, categories: categories.length, note },
  });
  return version;
}

/** A template's categories in the catalog's shape (codes, parents, intervals kept). */
export function templateCategories(name: CatalogTemplateName): CatalogCategory[] {
  return flattenTemplate(CATALOG_TEMPLATES[name]).map((f) => ({
    code: f.code,
    name: f.name,
    parentCode: f.parentCode,
    description: f.description,
    updateInterval: f.updateInterval,
    disclosureMode: 'proactive',
    responsibleUnitId: null,
    sortOrder: f.position,
    extraFields: [],
  }));
}

async function catalogAgency(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, agencyCode: string) {
  const agency = await findOrgByCode(ctx.db.kysely, agencyCode);
  if (!agency || agency.kind !== 'agency') throw validationFailed({ org: '机关不存在' });
  await authorize(ctx, principal, actor, 'catalog.edit', agency.path, { type: 'catalog' });
  return agency;
}

/** Adds or changes one category of the working catalog; the public sees it only after publication. */
export async function saveCategory(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, agencyCode: string, c: CatalogCategory): Promise<void> {
  const agency = await catalogAgency(ctx, principal, actor, agencyCode);
  const working = await workingCatalog(ctx.db.kysely, agency.id);
  const next = [...working.filter((w) => w.code !== c.code), c];
  const problems = catalogProblems(next);
  if (problems.length) throw validationFailed({ code: problems.join('；') }, problems[0]);
  const existing = working.find((w) => w.code === c.code);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const values = {
      parent_code: c.parentCode,
      name: c.name,
      description: c.description,
      responsible_unit_id: c.responsibleUnitId,
      disclosure_mode: c.disclosureMode,
      update_interval: c.updateInterval,
      extra_fields: JSON.stringify(c.extraFields ?? []),
      sort_order: c.sortOrder,
      updated_at: ctx.clock().toISOString(),
    };
    if (existing) await trx.updateTable('catalog_categories').set(values).where('agency_id', '=', agency.id).where('code', '=', c.code).execute();
    else await trx.insertInto('catalog_categories').values({ id: crypto.randomUUID(), agency_id: agency.id, code: c.code, ...values }).execute();
    await appendAudit(trx, ctx, actor, {
      action: existing ? 'catalog.category.update' : 'catalog.category.add',
      objectType: 'catalog',
      objectId: `${agency.code}/${c.code}`,
      orgPath: agency.path,
      summary: existing ? { before: existing, after: c } : { after: c },
    });
  });
}

/** Removes a category from the working catalog: only when no item and no sub-category uses it. */
export async function removeCategory(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, agencyCode: string, code: string): Promise<void> {
  const agency = await catalogAgency(ctx, principal, actor, agencyCode);
  const working = await workingCatalog(ctx.db.kysely, agency.id);
  const category = working.find((w) => w.code === code);
  if (!category) throw notFound('类别不存在');
  if (working.some((w) => w.parentCode === code)) throw conflict('该类别下还有子类别，不能删除', 'not_empty');
  const used = await ctx.db.kysely.selectFrom('items').select('id').where('agency_id', '=', agency.id).where('category_code', '=', code).limit(1).executeTakeFirst();
  if (used) throw conflict('该类别下还有信息，不能删除；请先把信息移到其他类别', 'not_empty');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('catalog_categories').where('agency_id', '=', agency.id).where('code', '=', code).execute();
    await appendAudit(trx, ctx, actor, { action: 'catalog.category.remove', objectType: 'catalog', objectId: `${agency.code}/${code}`, orgPath: agency.path, summary: { before: category } });
  });
}

/** Publishes the working catalog as the next version, with a note for the public change history. */
export async function publishWorkingCatalog(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, agencyCode: string, note: string): Promise<number> {
  const agency = await catalogAgency(ctx, principal, actor, agencyCode);
  const working = await workingCatalog(ctx.db.kysely, agency.id);
  const published = await publishedCatalog(ctx.db.kysely, agency.id);
  const diff = diffCatalogs(published?.categories ?? [], working);
  if (published && !diff.added.length && !diff.removed.length && !diff.changed.length) throw conflict('目录没有改动，无需发布', 'unchanged');
  return replaceAndPublishCatalog(ctx, principal, actor, agencyCode, working, note);
}

export async function catalogVersions(q: Queryable, agencyId: string) {
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

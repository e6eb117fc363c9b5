import type { PublicCaller } from '../accounts/index.js';
import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { authorize } from '../accounts/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { agencyOf, findOrgByCode, type OrgRow } from '../organisations/index.js';
import { catalogProblems, diffCatalogs, type CatalogCategory } from './catalog.js';
import {
  categoryInUse,
  deleteWorkingCategory,
  insertCatalogVersion,
  publishedCatalog,
  replaceWorkingCatalog,
  saveWorkingCategory,
  usedCategories,
  workingCatalog,
} from './catalog.repo.js';
import type { CategoryInput } from './catalog.schemas.js';
import { CATALOG_TEMPLATES, flattenTemplate, type CatalogTemplateName } from './reference/catalog-templates.js';

/** The agency whose catalog the office edits (a unit's code is refused: the catalog is the agency's). */
async function catalogAgency({ ctx, principal, actor }: PublicCaller, agencyCode: string): Promise<OrgRow> {
  const agency = await findOrgByCode(ctx.db.kysely, agencyCode);
  if (!agency || agency.kind !== 'agency') throw validationFailed({ org: '机关不存在' });
  await authorize(ctx, principal, actor, 'catalog.edit', agency.path, { type: 'catalog' });
  return agency;
}

/**
 * Replaces an agency's working catalog with `categories` and publishes it as a new version with a note: how an
 * agency starts from a template, and how the working copy is published. Answers the version.
 */
export async function replaceAndPublishCatalog(caller: PublicCaller, agencyCode: string, categories: CatalogCategory[], note: string): Promise<{ version: number }> {
  const { ctx, actor } = caller;
  const agency = await catalogAgency(caller, agencyCode);
  const problems = catalogProblems(categories);
  if (problems.length) throw validationFailed({ categories: problems.join('；') }, problems[0]);
  const version = await ctx.db.kysely.transaction().execute((trx) => writeCatalogVersion(trx, ctx, actor, agency, categories, note));
  ctx.events.emit('catalog.changed', { agencyId: agency.id });
  return { version };
}

/**
 * Inside the caller's transaction (not a command): replaces the working catalog and publishes it as the next
 * version with its audit record — a new agency's first catalog is written this way in the agency's creation.
 */
export async function writeCatalogVersion(
  trx: Tx,
  ctx: Pick<AppContext, 'db' | 'clock' | 'auditSeal'>,
  actor: Actor,
  agency: Pick<OrgRow, 'id' | 'path'>,
  categories: CatalogCategory[],
  note: string,
): Promise<number> {
  const now = ctx.clock().toISOString();
  await replaceWorkingCatalog(trx, agency.id, categories, now);
  const version = ((await publishedCatalog(trx, agency.id))?.version ?? 0) + 1;
  await insertCatalogVersion(trx, { agencyId: agency.id, version, categories, note, publishedBy: actor.name, at: now });
  await appendAudit(trx, ctx, actor, {
    action: 'catalog.publish',
    objectType: 'catalog',
    objectId: agency.id,
    orgPath: agency.path,
    summary: { version, categories: categories.length, note },
  });
  return version;
}

/** A new agency's first catalog: the plan's template, published at once; the office adapts it in the catalog manager. */
export async function seedCatalog(trx: Tx, ctx: Pick<AppContext, 'db' | 'clock' | 'auditSeal'>, actor: Actor, agency: Pick<OrgRow, 'id' | 'path'>): Promise<void> {
  await writeCatalogVersion(trx, ctx, actor, agency, templateCategories('seed'), '按《实施方案》目录模板建立');
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

/** Replaces the catalog with a template, when every category the agency's items use is in it. */
export async function applyTemplate(caller: PublicCaller, agencyCode: string, template: CatalogTemplateName, note: string): Promise<{ version: number }> {
  const agency = await agencyOf(caller.ctx.db.kysely, agencyCode);
  const categories = templateCategories(template);
  const codes = new Set(categories.map((c) => c.code));
  const orphaned = (await usedCategories(caller.ctx.db.kysely, agency.id)).filter((c) => !codes.has(c));
  if (orphaned.length) throw conflict(`现有信息使用的类别 ${orphaned.join('、')} 不在模板中，请先调整这些信息的类别`, 'in_use');
  return replaceAndPublishCatalog(caller, agencyCode, categories, note);
}

/** Adds or changes one category of the working catalog; the public sees it only after publication. */
export async function saveCategory(caller: PublicCaller, agencyCode: string, code: string, input: CategoryInput): Promise<void> {
  const { ctx, actor } = caller;
  const unit = input.responsibleUnit ? await findOrgByCode(ctx.db.kysely, input.responsibleUnit) : null;
  const c: CatalogCategory = {
    code,
    name: input.name,
    parentCode: input.parentCode,
    description: input.description,
    updateInterval: input.updateInterval,
    disclosureMode: input.disclosureMode,
    responsibleUnitId: unit?.id ?? null,
    sortOrder: input.sortOrder,
    extraFields: input.extraFields,
  };
  const agency = await catalogAgency(caller, agencyCode);
  const working = await workingCatalog(ctx.db.kysely, agency.id);
  const problems = catalogProblems([...working.filter((w) => w.code !== c.code), c]);
  if (problems.length) throw validationFailed({ code: problems.join('；') }, problems[0]);
  const existing = working.find((w) => w.code === c.code);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await saveWorkingCategory(trx, agency.id, c, existing !== undefined, ctx.clock().toISOString());
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
export async function removeCategory(caller: PublicCaller, agencyCode: string, code: string): Promise<void> {
  const { ctx, actor } = caller;
  const agency = await catalogAgency(caller, agencyCode);
  const working = await workingCatalog(ctx.db.kysely, agency.id);
  const category = working.find((w) => w.code === code);
  if (!category) throw notFound('类别不存在');
  if (working.some((w) => w.parentCode === code)) throw conflict('该类别下还有子类别，不能删除', 'not_empty');
  if (await categoryInUse(ctx.db.kysely, agency.id, code)) throw conflict('该类别下还有信息，不能删除；请先把信息移到其他类别', 'not_empty');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deleteWorkingCategory(trx, agency.id, code);
    await appendAudit(trx, ctx, actor, { action: 'catalog.category.remove', objectType: 'catalog', objectId: `${agency.code}/${code}`, orgPath: agency.path, summary: { before: category } });
  });
}

/** Publishes the working catalog as the next version, with a note for the public change history. */
export async function publishWorkingCatalog(caller: PublicCaller, agencyCode: string, note: string): Promise<{ version: number }> {
  const q = caller.ctx.db.kysely;
  const agency = await catalogAgency(caller, agencyCode);
  const working = await workingCatalog(q, agency.id);
  const published = await publishedCatalog(q, agency.id);
  const diff = diffCatalogs(published?.categories ?? [], working);
  if (published && !diff.added.length && !diff.removed.length && !diff.changed.length) throw conflict('目录没有改动，无需发布', 'unchanged');
  return replaceAndPublishCatalog(caller, agencyCode, working, note);
}

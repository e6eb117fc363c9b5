import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import type { AppContext, StaffPrincipal } from '../../http/context.js';
import { validationFailed } from '../../http/errors.js';
import { authorize } from '../accounts/authorize.js';
import { appendAudit, type Actor } from '../audit/audit.js';
import { findOrgByCode } from '../organisations/orgs.repo.js';
import { catalogProblems, type CatalogCategory } from './catalog.js';

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
  const now = ctx.clock().toISOString();
  const published = await ctx.db.kysely.transaction().execute(async (trx) => {
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
          extra_fields: '[]',
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
  });
  ctx.events.emit('catalog.changed', { agencyId: agency.id });
  return published;
}

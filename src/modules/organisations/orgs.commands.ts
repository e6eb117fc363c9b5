import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { accountsHeldBy, requirePermission, type Caller, type PublicCaller } from '../accounts/index.js';
import { appendAudit, diff } from '../audit/index.js';
import { presentOrg, profileColumns } from './orgs.present.js';
import { findOrgByCode, hasSubOrganisations, newOrgRow, type OrgRow } from './orgs.repo.js';
import type { CreateOrgInput, OrgOut, UpdateOrgInput } from './orgs.schemas.js';

async function loadOrg(q: Queryable, code: string): Promise<OrgRow> {
  const org = await findOrgByCode(q, code);
  if (!org) throw notFound('机构不存在');
  return org;
}

/** Refuses a host another site already answers to. */
async function checkHostFree(q: Queryable, host: string | null | undefined, ownId?: string): Promise<void> {
  if (!host) return;
  let query = q.selectFrom('organisations').select('id').where('host', '=', host);
  if (ownId) query = query.where('id', '!=', ownId);
  if (await query.executeTakeFirst()) throw conflict('该域名已被其他站点使用', 'duplicate', { host: '该域名已被其他站点使用' });
}

/**
 * Creates an agency (no parent) or a unit under `parentCode`. A new agency starts from the plan's catalog
 * (docs/product.md M2), published in the same transaction; the office adapts it in the catalog manager.
 */
export async function createOrg(caller: PublicCaller, input: CreateOrgInput): Promise<OrgOut> {
  const { ctx, actor } = caller;
  const parent = input.parentCode ? await findOrgByCode(ctx.db.kysely, input.parentCode) : undefined;
  if (input.parentCode && !parent) throw validationFailed({ parentCode: '上级机构不存在' });
  if (parent) await requirePermission(caller, 'unit.create', parent.path, { type: 'organisation', id: parent.id });
  else await requirePermission(caller, 'org.create-agency', undefined, { type: 'organisation' });

  const id = crypto.randomUUID();
  const row = newOrgRow({
    id,
    code: input.code,
    name: input.name,
    kind: parent ? 'unit' : 'agency',
    parent_id: parent?.id ?? null,
    agency_id: parent?.agency_id ?? id,
    path: `${parent?.path ?? '/'}${id}/`,
    timezone: parent?.timezone ?? 'Asia/Shanghai',
    created_at: ctx.clock().toISOString(),
    ...profileColumns(input),
  });
  const created = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await findOrgByCode(trx, input.code)) throw conflict('机构编码已存在', 'duplicate', { code: '机构编码已存在' });
    await checkHostFree(trx, row.host);
    await trx.insertInto('organisations').values(row).execute();
    await appendAudit(trx, ctx, actor, {
      action: parent ? 'unit.create' : 'org.create-agency',
      objectType: 'organisation',
      objectId: id,
      orgPath: row.path,
      summary: { after: presentOrg(row) },
    });
    // What every agency starts with (its catalog: docs/product.md M2) comes from the modules that own it.
    if (!parent) await ctx.hooks.run('agencyCreated', trx, ctx, actor, row);
    return presentOrg(row);
  });
  ctx.events.emit('org.changed', { agencyId: created.agencyId, orgId: created.id });
  return created;
}

/** Edits an organisation's profile with optimistic locking: a stale version answers 409. */
export async function updateOrg(caller: Caller, code: string, input: UpdateOrgInput): Promise<OrgOut> {
  const { ctx, actor } = caller;
  const org = await loadOrg(ctx.db.kysely, code);
  const action = org.kind === 'agency' ? 'profile.update' : 'unit.update';
  await requirePermission(caller, action, org.path, { type: 'organisation', id: org.id });
  const { version, ...fields } = input;
  const changes = profileColumns(fields);
  const updated = await ctx.db.kysely.transaction().execute(async (trx) => {
    await checkHostFree(trx, changes.host, org.id);
    const result = await trx
      .updateTable('organisations')
      .set({ ...changes, updated_at: ctx.clock().toISOString(), version: version + 1 })
      .where('id', '=', org.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该机构信息已被他人修改，请刷新后重试', 'stale_version');
    const after = presentOrg(await loadOrg(trx, code));
    await appendAudit(trx, ctx, actor, {
      action,
      objectType: 'organisation',
      objectId: org.id,
      orgPath: org.path,
      summary: diff(presentOrg(org), after),
    });
    return after;
  });
  ctx.events.emit('org.changed', { agencyId: updated.agencyId, orgId: updated.id });
  return updated;
}

/** Removes a unit that holds nothing: no sub-units, no users, no role assignments. Agencies are never deleted. */
export async function deleteUnit(caller: Caller, code: string): Promise<void> {
  const { ctx, actor } = caller;
  const org = await loadOrg(ctx.db.kysely, code);
  if (org.kind === 'agency') throw conflict('不能删除机关（站点）', 'not_allowed');
  await requirePermission(caller, 'unit.update', org.path, { type: 'organisation', id: org.id });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const blocker = (await hasSubOrganisations(trx, org.id)) ? '该机构下还有下级机构' : await accountsHeldBy(trx, org.id);
    if (blocker) throw conflict(`${blocker}，不能删除`, 'not_empty');
    await trx.deleteFrom('organisations').where('id', '=', org.id).execute();
    await appendAudit(trx, ctx, actor, {
      action: 'unit.delete',
      objectType: 'organisation',
      objectId: org.id,
      orgPath: org.path,
      summary: { before: presentOrg(org) },
    });
  });
  ctx.events.emit('org.changed', { agencyId: org.agency_id, orgId: org.id });
}

import crypto from 'node:crypto';
import type { StaffPrincipal } from '../accounts/index.js';
import type { AppContext } from '../../shared/context.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { authorize } from '../accounts/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { diff } from '../audit/index.js';
import { findOrgByCode, hasDependants, newOrgRow, type OrgRow } from './orgs.repo.js';
import { presentOrg, profileColumns } from './orgs.present.js';
import type { CreateOrgInput, UpdateOrgInput } from './orgs.schemas.js';

/** Creates an agency (no parent) or a unit under `parentCode`. */
export async function createOrg(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  input: CreateOrgInput,
): Promise<OrgRow> {
  const { db } = ctx;
  const parent = input.parentCode ? await findOrgByCode(db.kysely, input.parentCode) : undefined;
  if (input.parentCode && !parent) throw validationFailed({ parentCode: '上级机构不存在' });
  if (parent) await authorize(ctx, principal, actor, 'unit.create', parent.path, { type: 'organisation', id: parent.id });
  else await authorize(ctx, principal, actor, 'org.create-agency', undefined, { type: 'organisation' });

  const id = crypto.randomUUID();
  const now = ctx.clock().toISOString();
  const row = newOrgRow({
    id,
    code: input.code,
    name: input.name,
    kind: parent ? 'unit' : 'agency',
    parent_id: parent?.id ?? null,
    agency_id: parent?.agency_id ?? id,
    path: `${parent?.path ?? '/'}${id}/`,
    timezone: parent?.timezone ?? 'Asia/Shanghai',
    created_at: now,
    ...profileColumns(input),
  });
  const created = await db.kysely.transaction().execute(async (trx) => {
    if (await findOrgByCode(trx, input.code)) throw conflict('机构编码已存在', 'duplicate', { code: '机构编码已存在' });
    if (row.host) {
      const taken = await trx.selectFrom('organisations').select('id').where('host', '=', row.host).executeTakeFirst();
      if (taken) throw conflict('该域名已被其他站点使用', 'duplicate', { host: '该域名已被其他站点使用' });
    }
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
    return row;
  });
  ctx.events.emit('org.changed', { agencyId: created.agency_id, orgId: created.id });
  return created;
}

/** Edits an organisation's profile with optimistic locking: a stale version answers 409. */
export async function updateOrg(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  code: string,
  input: UpdateOrgInput,
): Promise<OrgRow> {
  const { db } = ctx;
  const org = await findOrgByCode(db.kysely, code);
  if (!org) throw notFound('机构不存在');
  await authorize(ctx, principal, actor, org.kind === 'agency' ? 'profile.update' : 'unit.update', org.path, {
    type: 'organisation',
    id: org.id,
  });
  const { version, ...fields } = input;
  const changes = profileColumns(fields);
  const updated = await db.kysely.transaction().execute(async (trx) => {
    if (changes.host) {
      const taken = await trx
        .selectFrom('organisations')
        .select('id')
        .where('host', '=', changes.host)
        .where('id', '!=', org.id)
        .executeTakeFirst();
      if (taken) throw conflict('该域名已被其他站点使用', 'duplicate', { host: '该域名已被其他站点使用' });
    }
    const result = await trx
      .updateTable('organisations')
      .set({ ...changes, updated_at: ctx.clock().toISOString(), version: version + 1 })
      .where('id', '=', org.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该机构信息已被他人修改，请刷新后重试', 'stale_version');
    const after = (await trx.selectFrom('organisations').selectAll().where('id', '=', org.id).executeTakeFirstOrThrow());
    await appendAudit(trx, ctx, actor, {
      action: org.kind === 'agency' ? 'profile.update' : 'unit.update',
      objectType: 'organisation',
      objectId: org.id,
      orgPath: org.path,
      summary: diff(presentOrg(org), presentOrg(after)),
    });
    return after;
  });
  ctx.events.emit('org.changed', { agencyId: updated.agency_id, orgId: updated.id });
  return updated;
}

/** Removes a unit that holds nothing: no sub-units, no users, no role assignments. Agencies are never deleted. */
export async function deleteUnit(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, code: string): Promise<void> {
  const { db } = ctx;
  const org = await findOrgByCode(db.kysely, code);
  if (!org) throw notFound('机构不存在');
  if (org.kind === 'agency') throw conflict('不能删除机关（站点）', 'not_allowed');
  await authorize(ctx, principal, actor, 'unit.update', org.path, { type: 'organisation', id: org.id });
  await db.kysely.transaction().execute(async (trx) => {
    const blocker = await hasDependants(trx, org.id);
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

import crypto from 'node:crypto';
import { AppError, conflict, notFound, validationFailed } from '../../shared/errors.js';
import { appendAudit } from '../audit/index.js';
import { findOrgRef, findUserById, loadAssignments } from './accounts.repo.js';
import { requirePermission } from './authorize.js';
import type { Caller, PublicCaller } from './caller.js';
import { ALL_ORGS, checkGrant, GRANT_REFUSAL_MESSAGES, isRole, type Role } from './roles.js';
import { presentUser } from './users.present.js';
import type { UserOut } from './users.schemas.js';

/** The operator at the command line grants as a platform-wide security administrator would. */
const OPERATOR_GRANTER = { userId: '', username: 'cli', assignments: [{ role: 'secadmin' as const, scopeOrgId: ALL_ORGS, scopePath: '' }] };

/**
 * Grants `role` over `orgCode`'s subtree ('*' = the whole deployment); answers the user with their roles.
 * Beyond the permission, the separation-of-duties rules apply (roles.ts checkGrant). The command line (no
 * principal) bootstraps an installation and is bound by the same separation rules.
 */
export async function grantRole(caller: PublicCaller, userId: string, role: Role, orgCode: string): Promise<UserOut> {
  const { ctx, principal, actor } = caller;
  const q = ctx.db.kysely;
  const user = await findUserById(q, userId);
  if (!user) throw notFound('用户不存在');
  const scopeOrg = orgCode === ALL_ORGS ? null : await findOrgRef(q, orgCode);
  if (orgCode !== ALL_ORGS && !scopeOrg) throw validationFailed({ org: '授权范围机构不存在' });
  const current = (await loadAssignments(q, userId)).map((a) => a.role);
  const refusal = checkGrant(principal ?? OPERATOR_GRANTER, userId, current, role, scopeOrg?.path);
  if (refusal === 'not-permitted') {
    await requirePermission(caller, 'role.grant', scopeOrg?.path, { type: 'user', id: userId });
  } else if (refusal) {
    throw new AppError(409, refusal, GRANT_REFUSAL_MESSAGES[refusal], { role: GRANT_REFUSAL_MESSAGES[refusal] });
  }
  const scopeOrgId = scopeOrg?.id ?? ALL_ORGS;
  return q.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .where('scope_org_id', '=', scopeOrgId)
      .executeTakeFirst();
    if (exists) throw conflict('该用户在此范围已有该角色', 'duplicate', { role: '该用户在此范围已有该角色' });
    await trx
      .insertInto('role_assignments')
      .values({
        id: crypto.randomUUID(),
        user_id: userId,
        role,
        scope_org_id: scopeOrgId,
        granted_by: principal?.userId ?? null,
        granted_at: ctx.clock().toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx, actor, {
      action: 'role.grant',
      objectType: 'user',
      objectId: userId,
      orgPath: scopeOrg?.path ?? null,
      summary: { username: user.username, role, org: orgCode },
    });
    return presentUser(trx, userId);
  });
}

/** Revokes one role assignment of a user (never one's own). */
export async function revokeRole(caller: Caller, userId: string, assignmentId: string): Promise<void> {
  const { ctx, principal, actor } = caller;
  const a = await ctx.db.kysely
    .selectFrom('role_assignments as ra')
    .leftJoin('organisations as o', 'o.id', 'ra.scope_org_id')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select(['ra.id', 'ra.role', 'ra.scope_org_id', 'o.path', 'o.code', 'u.username'])
    .where('ra.id', '=', assignmentId)
    .where('ra.user_id', '=', userId)
    .executeTakeFirst();
  if (!a) throw notFound('授权不存在');
  await requirePermission(caller, 'role.grant', a.scope_org_id === ALL_ORGS ? undefined : a.path!, { type: 'user', id: userId });
  if (principal.userId === userId) throw new AppError(409, 'self-grant', '不能修改自己的角色');
  if (!isRole(a.role)) throw notFound('授权不存在');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('role_assignments').where('id', '=', assignmentId).execute();
    await appendAudit(trx, ctx, actor, {
      action: 'role.revoke',
      objectType: 'user',
      objectId: userId,
      orgPath: a.path ?? null,
      summary: { username: a.username, role: a.role, org: a.scope_org_id === ALL_ORGS ? ALL_ORGS : a.code },
    });
  });
}

import crypto from 'node:crypto';
import type { StaffPrincipal } from './roles.js';
import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, conflict, notFound, validationFailed } from '../../shared/errors.js';
import { appendAudit, recordAudit, type Actor } from '../audit/index.js';
import { diff } from '../audit/index.js';
import { findOrgByCode } from '../organisations/index.js';
import { findUserById, listAssignmentsDetailed, loadAssignments } from './accounts.repo.js';
import { authorize } from './authorize.js';
import { applyReset, CREDENTIAL_LABELS, needsTwoPeople, prepareReset, type CredentialKind } from './credentials.js';
import { hashPassword, passwordProblem, replacementProblem, verifyPassword } from './password.js';
import { ALL_ORGS, checkGrant, GRANT_REFUSAL_MESSAGES, isRole, type Role } from './roles.js';
import { destroyUserSessions } from './sessions.js';
import type { CreateUserInput, UpdateUserInput, UserOut } from './users.schemas.js';
import { findUserWithOrg } from './users.repo.js';

type UserWithOrg = NonNullable<Awaited<ReturnType<typeof findUserWithOrg>>>;

export async function presentUser(ctx: AppContext, u: UserWithOrg): Promise<UserOut> {
  const roles = await listAssignmentsDetailed(ctx.db.kysely, [u.id]);
  return presentUserWith(u, roles);
}

export function presentUserWith(u: UserWithOrg, roles: Awaited<ReturnType<typeof listAssignmentsDetailed>>): UserOut {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    org: u.org_code,
    orgName: u.org_name,
    email: u.email,
    phone: u.phone,
    status: u.status,
    totpEnrolled: Boolean(u.totp_secret),
    mustChangePassword: Boolean(u.must_change_password),
    lastLoginAt: u.last_login_at,
    roles: roles
      .filter((r) => r.user_id === u.id)
      .map((r) => ({
        id: r.id,
        role: r.role,
        org: r.scope_org_id === ALL_ORGS ? ALL_ORGS : (r.scope_code ?? ''),
        orgName: r.scope_org_id === ALL_ORGS ? '全平台' : r.scope_name,
        grantedAt: r.granted_at,
      })),
    version: u.version,
    createdAt: u.created_at,
  };
}

async function loadTarget(ctx: AppContext, id: string): Promise<UserWithOrg> {
  const u = await findUserWithOrg(ctx.db.kysely, id);
  if (!u) throw notFound('用户不存在');
  return u;
}

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw validationFailed({ password: problem });
}

/**
 * Creates a staff account in an organisation. Roles are granted separately (by the security administrator).
 * The password an administrator gives through the API is a one-time password: the owner replaces it at the first
 * sign-in, so nobody but the owner knows the password the account goes on with. The command line (no principal:
 * the operator setting up the first administrators, or the demo) gives the final password.
 */
export async function createUser(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  input: CreateUserInput,
): Promise<UserWithOrg> {
  const { db } = ctx;
  const org = await findOrgByCode(db.kysely, input.org);
  if (!org) throw validationFailed({ org: '所属机构不存在' });
  await authorize(ctx, principal, actor, 'user.create', org.path, { type: 'user' });
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = crypto.randomUUID();
  const now = ctx.clock().toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw conflict('用户名已存在', 'duplicate', { username: '用户名已存在' });
    await trx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        org_id: org.id,
        email: input.email,
        phone: input.phone,
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: principal ? 1 : 0,
        status: 'active',
        totp_secret: null,
        totp_pending_secret: null,
        totp_last_step: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx, actor, {
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      orgPath: org.path,
      summary: { after: { username: input.username, displayName: input.displayName, org: org.code } },
    });
  });
  return loadTarget(ctx, id);
}

export async function updateUser(
  ctx: AppContext,
  principal: StaffPrincipal,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<UserWithOrg> {
  const { db } = ctx;
  const user = await loadTarget(ctx, id);
  await authorize(ctx, principal, actor, 'user.update', user.org_path, { type: 'user', id });
  let orgId = user.org_id;
  if (input.org && input.org !== user.org_code) {
    const org = await findOrgByCode(db.kysely, input.org);
    if (!org) throw validationFailed({ org: '所属机构不存在' });
    await authorize(ctx, principal, actor, 'user.update', org.path, { type: 'user', id });
    orgId = org.id;
  }
  await db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        org_id: orgId,
        updated_at: ctx.clock().toISOString(),
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该用户信息已被他人修改，请刷新后重试', 'stale_version');
    const after = await findUserWithOrg(trx, id);
    const pick = (u: UserWithOrg) => ({ displayName: u.display_name, email: u.email, phone: u.phone, org: u.org_code });
    await appendAudit(trx, ctx, actor, {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      orgPath: user.org_path,
      summary: diff(pick(user), pick(after!)),
    });
  });
  return loadTarget(ctx, id);
}

/** Disables (ending every session at once) or re-enables an account. */
export async function setUserStatus(
  ctx: AppContext,
  principal: StaffPrincipal,
  actor: Actor,
  id: string,
  status: 'active' | 'disabled',
): Promise<UserWithOrg> {
  const { db } = ctx;
  const user = await loadTarget(ctx, id);
  await authorize(ctx, principal, actor, 'user.disable', user.org_path, { type: 'user', id });
  if (principal.userId === id) throw conflict('不能停用或启用自己的账号', 'not_allowed');
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ status, updated_at: ctx.clock().toISOString() }).where('id', '=', id).execute();
    if (status === 'disabled') await destroyUserSessions(trx, id);
    await appendAudit(trx, ctx, actor, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: id,
      orgPath: user.org_path,
      summary: { before: { status: user.status }, after: { status } },
    });
  });
  return loadTarget(ctx, id);
}

/**
 * One-person reset of an ordinary account's password or second factor by the security administrator: the
 * password becomes a random one-time password (returned once, to hand to the owner) that the owner replaces at
 * the next sign-in; the account's sessions end. An administrator's credentials need two people (resets.commands.ts).
 */
export async function resetCredential(
  ctx: AppContext,
  principal: StaffPrincipal,
  actor: Actor,
  id: string,
  kind: CredentialKind,
): Promise<{ oneTimePassword: string | null }> {
  const user = await loadTarget(ctx, id);
  await authorize(ctx, principal, actor, 'user.reset-password', user.org_path, { type: 'user', id });
  if (principal.userId === id) {
    throw conflict(kind === 'password' ? '请在“我的账号”中修改自己的密码' : '不能重置自己的动态验证码', 'not_allowed');
  }
  if (needsTwoPeople((await loadAssignments(ctx.db.kysely, id)).map((a) => a.role))) {
    await recordAudit(ctx, actor, {
      action: kind === 'password' ? 'user.reset-password' : 'user.reset-totp',
      outcome: 'denied',
      objectType: 'user',
      objectId: id,
      orgPath: user.org_path,
      summary: { reason: 'two-person-required' },
    });
    throw new AppError(409, 'two_person_required', `管理员账号的${CREDENTIAL_LABELS[kind]}须由一人申请、另一名管理员批准后才能重置`);
  }
  const reset = await prepareReset(kind, user.username);
  await ctx.db.kysely.transaction().execute((trx) => applyReset(trx, ctx, actor, user, reset));
  return { oneTimePassword: reset.oneTimePassword };
}

export async function changeOwnPassword(
  ctx: AppContext,
  principal: StaffPrincipal,
  actor: Actor,
  current: string,
  next: string,
): Promise<void> {
  const user = await loadTarget(ctx, principal.userId);
  if (!(await verifyPassword(user.password_hash, current))) throw validationFailed({ currentPassword: '当前密码不正确' });
  const problem = replacementProblem(next, current, user.username, '当前密码');
  if (problem) throw validationFailed({ newPassword: problem });
  const hashed = await hashPassword(next);
  const now = ctx.clock().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hashed, password_changed_at: now, must_change_password: 0, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', principal.sessionId).execute();
    await appendAudit(trx, ctx, actor, { action: 'user.change-password', objectType: 'user', objectId: user.id, orgPath: user.org_path });
  });
}

/**
 * Grants `role` over `orgCode`'s subtree ('*' = the whole deployment). Beyond the permission,
 * the separation-of-duties rules apply (roles.ts checkGrant). The CLI (null principal) bootstraps
 * an installation and is bound by the same separation rules.
 */
export async function grantRole(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  userId: string,
  role: Role,
  orgCode: string,
  trx?: Tx,
): Promise<void> {
  const { db } = ctx;
  const q = trx ?? db.kysely;
  const user = await findUserById(q, userId);
  if (!user) throw notFound('用户不存在');
  const scopeOrg = orgCode === ALL_ORGS ? null : await findOrgByCode(q, orgCode);
  if (orgCode !== ALL_ORGS && !scopeOrg) throw validationFailed({ org: '授权范围机构不存在' });
  const current = (await loadAssignments(q, userId)).map((a) => a.role);
  const granter = principal ?? { userId: '', username: 'cli', assignments: [{ role: 'secadmin' as const, scopeOrgId: ALL_ORGS, scopePath: '' }] };
  const refusal = checkGrant(granter, userId, current, role, scopeOrg?.path);
  if (refusal === 'not-permitted') {
    await authorize(ctx, principal, actor, 'role.grant', scopeOrg?.path, { type: 'user', id: userId });
  } else if (refusal) {
    throw new AppError(409, refusal, GRANT_REFUSAL_MESSAGES[refusal], { role: GRANT_REFUSAL_MESSAGES[refusal] });
  }
  const scopeOrgId = scopeOrg?.id ?? ALL_ORGS;
  const write = async (t: Tx) => {
    const exists = await t
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .where('scope_org_id', '=', scopeOrgId)
      .executeTakeFirst();
    if (exists) throw conflict('该用户在此范围已有该角色', 'duplicate', { role: '该用户在此范围已有该角色' });
    await t
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
    await appendAudit(t, ctx, actor, {
      action: 'role.grant',
      objectType: 'user',
      objectId: userId,
      orgPath: scopeOrg?.path ?? null,
      summary: { username: user.username, role, org: orgCode },
    });
  };
  if (trx) await write(trx);
  else await db.kysely.transaction().execute(write);
}

export async function revokeRole(ctx: AppContext, principal: StaffPrincipal, actor: Actor, userId: string, assignmentId: string) {
  const { db } = ctx;
  const a = await db.kysely
    .selectFrom('role_assignments as ra')
    .leftJoin('organisations as o', 'o.id', 'ra.scope_org_id')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select(['ra.id', 'ra.role', 'ra.scope_org_id', 'o.path', 'o.code', 'u.username'])
    .where('ra.id', '=', assignmentId)
    .where('ra.user_id', '=', userId)
    .executeTakeFirst();
  if (!a) throw notFound('授权不存在');
  await authorize(ctx, principal, actor, 'role.grant', a.scope_org_id === ALL_ORGS ? undefined : a.path!, { type: 'user', id: userId });
  if (principal.userId === userId) throw new AppError(409, 'self-grant', '不能修改自己的角色');
  if (!isRole(a.role)) throw notFound('授权不存在');
  await db.kysely.transaction().execute(async (trx) => {
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

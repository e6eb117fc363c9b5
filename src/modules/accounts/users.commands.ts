import crypto from 'node:crypto';
import { AppError, conflict, notFound, validationFailed } from '../../shared/errors.js';
import { appendAudit, diff, recordAudit } from '../audit/index.js';
import { findOrgRef, loadAssignments } from './accounts.repo.js';
import { requirePermission } from './authorize.js';
import type { Caller, PublicCaller } from './caller.js';
import { applyReset, CREDENTIAL_LABELS, needsTwoPeople, prepareReset, type CredentialKind } from './credentials.js';
import { hashPassword, passwordProblem, replacementProblem, verifyPassword } from './password.js';
import { destroyUserSessions } from './sessions.js';
import { presentUser, type UserWithOrg } from './users.present.js';
import { findUserWithOrg } from './users.repo.js';
import type { CreateUserInput, OneTimePasswordOut, UpdateUserInput, UserOut } from './users.schemas.js';

export async function loadUser(caller: PublicCaller, id: string): Promise<UserWithOrg> {
  const u = await findUserWithOrg(caller.ctx.db.kysely, id);
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
export async function createUser(caller: PublicCaller, input: CreateUserInput): Promise<UserOut> {
  const { ctx, principal, actor } = caller;
  const org = await findOrgRef(ctx.db.kysely, input.org);
  if (!org) throw validationFailed({ org: '所属机构不存在' });
  await requirePermission(caller, 'user.create', org.path, { type: 'user' });
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = crypto.randomUUID();
  const now = ctx.clock().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
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
    return presentUser(trx, id);
  });
}

/** Edits an account's name, contact and home organisation, with optimistic locking: a stale version answers 409. */
export async function updateUser(caller: Caller, id: string, input: UpdateUserInput): Promise<UserOut> {
  const { ctx, actor } = caller;
  const user = await loadUser(caller, id);
  await requirePermission(caller, 'user.update', user.org_path, { type: 'user', id });
  let orgId = user.org_id;
  if (input.org && input.org !== user.org_code) {
    const org = await findOrgRef(ctx.db.kysely, input.org);
    if (!org) throw validationFailed({ org: '所属机构不存在' });
    await requirePermission(caller, 'user.update', org.path, { type: 'user', id });
    orgId = org.id;
  }
  return ctx.db.kysely.transaction().execute(async (trx) => {
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
    const after = await presentUser(trx, id);
    const pick = (u: { displayName: string; email: string | null; phone: string | null; org: string }) => ({
      displayName: u.displayName,
      email: u.email,
      phone: u.phone,
      org: u.org,
    });
    await appendAudit(trx, ctx, actor, {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      orgPath: user.org_path,
      summary: diff(pick({ displayName: user.display_name, email: user.email, phone: user.phone, org: user.org_code }), pick(after)),
    });
    return after;
  });
}

/** Disables (ending every session at once) or re-enables an account. */
export async function setUserStatus(caller: Caller, id: string, status: 'active' | 'disabled'): Promise<UserOut> {
  const { ctx, principal, actor } = caller;
  const user = await loadUser(caller, id);
  await requirePermission(caller, 'user.disable', user.org_path, { type: 'user', id });
  if (principal.userId === id) throw conflict('不能停用或启用自己的账号', 'not_allowed');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ status, updated_at: ctx.clock().toISOString() }).where('id', '=', id).execute();
    if (status === 'disabled') await destroyUserSessions(trx, id);
    await appendAudit(trx, ctx, actor, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: id,
      orgPath: user.org_path,
      summary: { before: { status: user.status }, after: { status } },
    });
    return presentUser(trx, id);
  });
}

/**
 * One-person reset of an ordinary account's password or second factor by the security administrator: the
 * password becomes a random one-time password (returned once, to hand to the owner) that the owner replaces at
 * the next sign-in; the account's sessions end. An administrator's credentials need two people (resets.commands.ts).
 */
async function resetCredential(caller: Caller, id: string, kind: CredentialKind): Promise<string | null> {
  const { ctx, principal, actor } = caller;
  const user = await loadUser(caller, id);
  await requirePermission(caller, 'user.reset-password', user.org_path, { type: 'user', id });
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
  return reset.oneTimePassword;
}

/** Resets an ordinary account's password to a one-time password, shown once to the one who reset it. */
export async function resetPassword(caller: Caller, id: string): Promise<OneTimePasswordOut> {
  return { oneTimePassword: (await resetCredential(caller, id, 'password'))!, mustChangePassword: true };
}

/** Clears an ordinary account's second factor: its owner enrols again at the next sign-in. */
export async function resetSecondFactor(caller: Caller, id: string): Promise<void> {
  await resetCredential(caller, id, 'totp');
}

/** The signed-in person replaces their own password, with the current one; their other sessions end. */
export async function changeOwnPassword(caller: Caller, current: string, next: string): Promise<void> {
  const { ctx, principal, actor } = caller;
  const user = await loadUser(caller, principal.userId);
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

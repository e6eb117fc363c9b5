import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { generateOneTimePassword, hashPassword } from './password.js';
import { ADMIN_ROLES, type Role } from './roles.js';
import { destroyUserSessions } from './sessions.js';

export type CredentialKind = 'password' | 'totp';

export const CREDENTIAL_LABELS: Record<CredentialKind, string> = { password: '密码', totp: '动态验证码' };

/**
 * Credentials of the three administrators are reset by two people (one requests, another approves): otherwise
 * one administrator could take over another's account and pass the separation of duties (三员分立).
 */
export function needsTwoPeople(targetRoles: readonly Role[]): boolean {
  return targetRoles.some((r) => ADMIN_ROLES.includes(r));
}

/** A reset made ready outside any transaction (hashing is slow): the one-time password and its hash. */
export interface PreparedReset {
  kind: CredentialKind;
  oneTimePassword: string | null;
  hash: string | null;
}

export async function prepareReset(kind: CredentialKind, username: string): Promise<PreparedReset> {
  if (kind === 'totp') return { kind, oneTimePassword: null, hash: null };
  const oneTimePassword = generateOneTimePassword(username);
  return { kind, oneTimePassword, hash: await hashPassword(oneTimePassword) };
}

/**
 * Applies a reset inside the caller's transaction: a one-time password the owner must replace at the next
 * sign-in (so the administrator who handed it out never knows the final one), or a cleared second factor to
 * enrol again. Either way the account's sessions end. Audited as user.reset-password / user.reset-totp.
 */
export async function applyReset(
  trx: Tx,
  ctx: AppContext,
  actor: Actor,
  user: { id: string; username: string; org_path: string },
  reset: PreparedReset,
  summary: Record<string, unknown> = {},
): Promise<void> {
  const now = ctx.clock().toISOString();
  await trx
    .updateTable('users')
    .set(
      reset.kind === 'password'
        ? { password_hash: reset.hash!, password_changed_at: now, must_change_password: 1, updated_at: now }
        : { totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: now },
    )
    .where('id', '=', user.id)
    .execute();
  await destroyUserSessions(trx, user.id);
  await appendAudit(trx, ctx, actor, {
    action: reset.kind === 'password' ? 'user.reset-password' : 'user.reset-totp',
    objectType: 'user',
    objectId: user.id,
    orgPath: user.org_path,
    summary: { username: user.username, ...summary },
  });
}

/** How long a two-person reset request waits for its second person before it expires. */
export const RESET_REQUEST_HOURS = 24;

export type DecisionRefusal = 'requester_approval' | 'self_approval';

export const DECISION_REFUSAL_MESSAGES: Record<DecisionRefusal, string> = {
  requester_approval: '申请人不能批准自己提出的重置申请，须由另一名管理员批准',
  self_approval: '不能批准重置自己账号的申请',
};

/**
 * The second person must really be a second person: neither the one who asked for the reset nor the owner of
 * the account being reset. (Refusing is open to the requester: withdrawing one's own request is harmless.)
 */
export function decisionRefusal(
  deciderId: string,
  request: { requested_by: string; user_id: string },
  decision: 'approve' | 'refuse',
): DecisionRefusal | null {
  if (deciderId === request.user_id) return 'self_approval';
  if (decision === 'approve' && deciderId === request.requested_by) return 'requester_approval';
  return null;
}

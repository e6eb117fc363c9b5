import crypto from 'node:crypto';
import type { StaffPrincipal } from './roles.js';
import type { Queryable } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { findUserById, loadAssignments } from './accounts.repo.js';
import { effectiveAssignments } from './roles.js';

export const SESSION_COOKIE = 'gk_session';
/** Sessions are touched at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  q: Queryable,
  ctx: AppContext,
  userId: string,
  meta: { ip: string; userAgent: string | null; totpVerified: boolean },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionMaxHours * 3600_000).toISOString();
  await q
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      totp_verified_at: meta.totpVerified ? now.toISOString() : null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * The principal behind a session token, or null when it is unknown, idle too long, expired, disabled or
 * waiting for its one-time password to be replaced. Roles are read afresh on every request, so a revoked role
 * or a disabled account takes effect at once, and roles that need the second factor are only effective on a
 * session whose sign-in verified one (roles.ts effectiveAssignments).
 */
export async function resolveSession(ctx: AppContext, token: string): Promise<StaffPrincipal | null> {
  const q = ctx.db.kysely;
  const id = sessionIdOf(token);
  const session = await q.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const now = ctx.clock();
  const idleLimit = new Date(session.last_seen_at).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (now.getTime() > idleLimit || now.toISOString() > session.expires_at) {
    await q.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const user = await findUserById(q, session.user_id);
  if (!user || user.status !== 'active' || user.must_change_password) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await q.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  const { effective, withheld } = effectiveAssignments(await loadAssignments(q, user.id), session.totp_verified_at !== null);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgId: user.org_id,
    assignments: effective,
    sessionId: id,
    csrfToken: session.csrf_token,
    withheld: withheld.length
      ? { roles: withheld, code: user.totp_secret ? 'totp_required' : 'totp_enrollment_required' }
      : null,
  };
}

export async function destroySession(q: Queryable, sessionId: string): Promise<void> {
  await q.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function destroyUserSessions(q: Queryable, userId: string): Promise<void> {
  await q.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

import type { AppContext } from '../../shared/context.js';

/** How long sign-in attempts are kept: far beyond the lockout window; the audit log keeps the history. */
const LOGIN_ATTEMPT_RETENTION_MS = 24 * 3600_000;

/**
 * Removes sessions that can no longer be used and old sign-in attempts. Idempotent, so every instance may run it
 * (the accounts module's housekeeping job, with the expiry of unanswered credential resets).
 */
export async function forgetExpiredSessions(ctx: AppContext): Promise<{ sessions: number; attempts: number }> {
  const now = ctx.clock();
  const idleCutoff = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
  const sessions = await ctx.db.kysely
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now.toISOString()), eb('last_seen_at', '<', idleCutoff)]))
    .executeTakeFirst();
  const attempts = await ctx.db.kysely
    .deleteFrom('login_attempts')
    .where('at', '<', new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS).toISOString())
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}

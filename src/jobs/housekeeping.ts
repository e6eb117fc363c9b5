import type { AppContext } from '../http/context.js';
import { sweepAttachmentFiles } from '../modules/attachments/attachments.commands.js';
import { eraseExpiredPersonalData } from '../modules/messages/retention.js';
import { repeatInBackground, type FailureLog } from '../shared/background.js';

/** How long sign-in attempts are kept: far beyond the lockout window; the audit log keeps the history. */
const LOGIN_ATTEMPT_RETENTION_MS = 24 * 3600_000;

/**
 * Removes sessions that can no longer be used, old sign-in attempts, expired challenge answers, citizens' personal
 * data past its retention period and orphaned attachment files. Idempotent, so it is
 * safe for every instance to run it.
 */
export async function housekeep(ctx: AppContext): Promise<{ sessions: number; attempts: number; files: number; erased: number; challenges: number }> {
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
  // Citizens' personal data past the agency's retention period, before the sweep so their files go with it.
  const erased = await eraseExpiredPersonalData(ctx);
  // Used challenge answers only need keeping while the challenge itself is valid.
  const challenges = await ctx.db.kysely.deleteFrom('challenge_uses').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  // Stored files that no attachment row references (a crash between writing a file and committing its row).
  const files = await sweepAttachmentFiles(ctx);
  return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows), files, erased, challenges: Number(challenges.numDeletedRows) };
}

/** Runs the housekeeping every `everyMs` on this instance until the returned stop; failures are logged. */
export function startHousekeeping(ctx: AppContext, everyMs = 10 * 60_000, log?: FailureLog): () => void {
  return repeatInBackground('housekeeping', everyMs, () => housekeep(ctx), { log });
}

import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { countRecentFailures, lastSuccessAt } from './accounts.repo.js';
import { LOCKOUT_POLICY, lockSecondsRemaining, windowStart } from './lockout.js';

// Namespaces of the sign-in advisory locks among the deployment's (the second key is a hash of the value).
const ADDRESS_LOCK = 7_263_101;
const ACCOUNT_LOCK = 7_263_102;

export type AttemptClaim =
  | { locked: false; attemptId: number }
  | { locked: 'address' | 'account'; seconds: number };

/**
 * Counts the recent failures of an address and of an account and, unless either is locked, records this
 * attempt as a failure before its password is checked. Counting and recording happen under a lock per address
 * and per account (PostgreSQL advisory locks; SQLite's write transaction is serial anyway), so attempts in flight
 * count against the threshold: parallel requests cannot all pass the count before any of them is recorded, and
 * at most the threshold number of password checks runs per window. The caller then resolves the attempt.
 */
export async function claimLoginAttempt(db: Db, username: string, ip: string, now: Date): Promise<AttemptClaim> {
  return db.kysely.transaction().execute(async (trx) => {
    if (db.dialect === 'postgres') {
      // Always the address first, then the account: one order for every sign-in, so no two wait on each other.
      await advisoryLock(trx, ADDRESS_LOCK, ip);
      await advisoryLock(trx, ACCOUNT_LOCK, username);
    }
    const byAddress = await countRecentFailures(trx, 'ip', ip, windowStart(now, null));
    const addressLock = lockSecondsRemaining(byAddress, LOCKOUT_POLICY.perAddress, now);
    if (addressLock > 0) return { locked: 'address', seconds: addressLock };
    const since = windowStart(now, await lastSuccessAt(trx, username));
    const byAccount = await countRecentFailures(trx, 'username', username, since);
    const accountLock = lockSecondsRemaining(byAccount, LOCKOUT_POLICY.perAccount, now);
    if (accountLock > 0) return { locked: 'account', seconds: accountLock };
    const row = await trx
      .insertInto('login_attempts')
      .values({ username, ip, at: now.toISOString(), success: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { locked: false, attemptId: Number(row.id) };
  });
}

async function advisoryLock(trx: Tx, namespace: number, value: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${namespace}::int, hashtext(${value}))`.execute(trx);
}

/**
 * A claimed attempt that turned out well: 'success' opens a new window for the account; 'neutral' (the password
 * was right but a second factor or a new password is still to come) removes it, so asking for the next step
 * neither counts as a failure nor resets the count of failed codes.
 */
export async function resolveLoginAttempt(q: Db['kysely'] | Tx, attemptId: number, outcome: 'success' | 'neutral'): Promise<void> {
  if (outcome === 'success') await q.updateTable('login_attempts').set({ success: 1 }).where('id', '=', attemptId).execute();
  else await q.deleteFrom('login_attempts').where('id', '=', attemptId).execute();
}

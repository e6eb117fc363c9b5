import crypto from 'node:crypto';
import type { Queryable, Tx } from '../../db/database.js';

export interface OutgoingMail {
  /** Unique per notification: a second insert with the same key is ignored, so a mail is queued once. */
  dedupeKey: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Queues a mail in the caller's transaction: it is sent only if the change that caused it commits, and it is
 * never lost once that change is committed (the delivery worker retries). Returns false when a mail with the
 * same key was queued before.
 */
export async function enqueueMail(trx: Tx, mail: OutgoingMail, now: string): Promise<boolean> {
  const res = await trx
    .insertInto('mail_outbox')
    .values({
      id: crypto.randomUUID(),
      dedupe_key: mail.dedupeKey,
      kind: mail.kind,
      recipient: mail.recipient,
      subject: mail.subject,
      body: mail.body,
      state: 'pending',
      attempts: 0,
      claimed_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Which of these keys have a mail queued already (a reminder sent before is not queued again). */
export async function alreadyQueued(q: Queryable, dedupeKeys: readonly string[]): Promise<Set<string>> {
  if (dedupeKeys.length === 0) return new Set();
  const rows = await q.selectFrom('mail_outbox').select('dedupe_key').where('dedupe_key', 'in', dedupeKeys).execute();
  return new Set(rows.map((r) => r.dedupe_key));
}

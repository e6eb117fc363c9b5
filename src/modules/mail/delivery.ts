import type { AppContext } from '../../shared/context.js';
import type { Job } from '../../shared/jobs.js';
import { createMailTransport, type MailTransport } from './transport.js';

/**
 * How long a claimed mail is left to the instance that claimed it. Far longer than a send can take (the SMTP
 * transport gives up after at most a few minutes), so no other instance sends it meanwhile; if the instance
 * dies, another one takes the mail over when the lease ends.
 */
export const CLAIM_LEASE_MS = 15 * 60_000;

/** Attempts before a mail is given up as 'failed' (it stays in the outbox with its last error). */
export const MAX_ATTEMPTS = 8;

/** Wait before attempt n+1 after n failures: 1, 4, 16, 64 minutes, then 4 hours — about 17 hours in all. */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, failures - 1), 4 * 3600_000);
}

export interface DeliveryResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

export interface DeliveryOptions {
  batch?: number;
  /** The transport to use; one for this run is made from the configuration otherwise. */
  transport?: MailTransport;
  /** Told of each failed send (the error is also kept on the outbox row). */
  onError?: (err: unknown, mailId: string) => void;
}

/**
 * Sends the mails waiting in the outbox. Safe to run on every instance at once: a mail is sent by the instance
 * whose claim took it (one conditional UPDATE decides), and a failed send is retried later with a back-off.
 * `claimed_until` serves as both the claim lease and the time of the next attempt.
 */
export async function deliverPendingMail(ctx: AppContext, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  const now = ctx.clock().toISOString();
  const due = await ctx.db.kysely
    .selectFrom('mail_outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(options.batch ?? 50)
    .execute();
  if (due.length === 0) return result;
  const transport = options.transport ?? createMailTransport(ctx.config);
  try {
    for (const { id } of due) {
      const outcome = await deliverOne(ctx, transport, id, options.onError);
      if (outcome) result[outcome]++;
    }
  } finally {
    if (!options.transport) transport.close();
  }
  return result;
}

async function deliverOne(
  ctx: AppContext,
  transport: MailTransport,
  id: string,
  onError: DeliveryOptions['onError'],
): Promise<keyof DeliveryResult | null> {
  const claimedAt = ctx.clock();
  const now = claimedAt.toISOString();
  const mail = await ctx.db.kysely
    .updateTable('mail_outbox')
    .set({ claimed_until: new Date(claimedAt.getTime() + CLAIM_LEASE_MS).toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .returning(['recipient', 'subject', 'body', 'attempts', 'created_at'])
    .executeTakeFirst();
  // Another instance claimed it first (or sent it since we looked).
  if (!mail) return null;
  try {
    await transport.send({ id, to: mail.recipient, subject: mail.subject, text: mail.body, date: new Date(mail.created_at) });
  } catch (err) {
    onError?.(err, id);
    const attempts = mail.attempts + 1;
    const last = attempts >= MAX_ATTEMPTS;
    await ctx.db.kysely
      .updateTable('mail_outbox')
      .set({
        attempts,
        state: last ? 'failed' : 'pending',
        claimed_until: last ? null : new Date(ctx.clock().getTime() + retryDelayMs(attempts)).toISOString(),
        last_error: describe(err),
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
    return last ? 'failed' : 'retrying';
  }
  await ctx.db.kysely
    .updateTable('mail_outbox')
    .set({ state: 'sent', sent_at: ctx.clock().toISOString(), attempts: mail.attempts + 1, claimed_until: null, last_error: null })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
  return 'sent';
}

/** The error as kept on the row: the message and the SMTP response, never a stack (it may name local paths). */
function describe(err: unknown): string {
  const e = err as { message?: unknown; response?: unknown; code?: unknown };
  const parts = [typeof e?.code === 'string' ? e.code : null, typeof e?.message === 'string' ? e.message : String(err)];
  if (typeof e?.response === 'string' && !parts[1]?.includes(e.response)) parts.push(e.response);
  return parts.filter(Boolean).join(': ').slice(0, 1000);
}

/** The transport of each application instance, made at the first run and closed when the jobs stop. */
const transports = new WeakMap<AppContext, MailTransport>();

/** Sends the queued mail every 5 seconds on every instance (claims keep two instances off the same mail). */
export const mailDeliveryJob: Job = {
  name: 'mail delivery',
  everyMs: 5_000,
  run: (ctx, log) => {
    let transport = transports.get(ctx);
    if (!transport) transports.set(ctx, (transport = createMailTransport(ctx.config)));
    return deliverPendingMail(ctx, { transport, onError: log });
  },
  stop: (ctx) => {
    transports.get(ctx)?.close();
    transports.delete(ctx);
  },
};

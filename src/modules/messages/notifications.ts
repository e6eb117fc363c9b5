import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { isEmail } from '../../shared/contact.js';
import { enqueueMail, staffAllowed } from '../mail/index.js';
import { findOrgById } from '../organisations/index.js';
import { assignedMail, citizenAnsweredMail } from './notification-texts.js';

/**
 * Tells the handlers of a unit that a message was assigned (or transferred) to it: every active staff member
 * with an e-mail address who may reply on that unit. Called inside the assignment's transaction, so the mails
 * exist exactly when the assignment does. Returns the number of mails queued.
 */
export async function notifyUnitAssigned(
  trx: Tx,
  ctx: AppContext,
  m: { id: string; trackingCode: string; title: string; type: string; dueDate: string | null; unitId: string; agencyId: string },
): Promise<number> {
  // The unit's own people; the office, which routes (and can reply anywhere), sees the message in its inbox and
  // is written to only when the unit has nobody with an e-mail address.
  const all = await staffAllowed(trx, m.unitId, 'message.reply');
  const routers = new Set((await staffAllowed(trx, m.unitId, 'message.route')).map((r) => r.userId));
  const unitPeople = all.filter((r) => !routers.has(r.userId));
  const recipients = unitPeople.length ? unitPeople : all;
  if (recipients.length === 0) return 0;
  const unit = await findOrgById(trx, m.unitId);
  const earlier = await trx
    .selectFrom('message_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('message_id', '=', m.id)
    .executeTakeFirst();
  // The number of events so far tells this assignment from earlier ones to the same unit (sent back, transferred
  // away and back): each is announced once, and a repeated call within one assignment queues nothing new.
  const n = Number(earlier?.n ?? 0);
  const now = ctx.clock().toISOString();
  let queued = 0;
  for (const r of recipients) {
    const mail = assignedMail(ctx.config.baseUrl, { ...m, unitName: unit?.name ?? '' }, r.displayName);
    const added = await enqueueMail(trx, { dedupeKey: `assigned:${m.id}:${m.unitId}:${r.userId}:${n}`, kind: 'message.assigned', recipient: r.email, ...mail }, now);
    if (added) queued++;
  }
  return queued;
}

/**
 * Tells a citizen who left an e-mail address that their message has been answered. The mail carries the title
 * and the tracking code only: the answer itself is read on the portal, so no reply text or personal data
 * travels by mail. Returns whether a mail was queued.
 */
export async function notifyCitizenAnswered(
  trx: Tx,
  ctx: AppContext,
  m: { id: string; trackingCode: string; title: string; contact: string | null; agencyId: string },
): Promise<boolean> {
  const to = m.contact?.normalize('NFKC').trim() ?? '';
  if (!isEmail(to)) return false;
  const agency = await findOrgById(trx, m.agencyId);
  const mail = citizenAnsweredMail(ctx.config.baseUrl, { ...m, agencyName: agency?.name ?? '' });
  return enqueueMail(trx, { dedupeKey: `answered:${m.id}`, kind: 'message.answered', recipient: to, ...mail }, ctx.clock().toISOString());
}

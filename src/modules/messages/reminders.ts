import { withTransaction } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import type { Job } from '../../shared/jobs.js';
import type { Action } from '../accounts/index.js';
import { calendarFor } from '../calendar/index.js';
import { NoCalendarError } from '../calendar/index.js';
import { standingOf } from '../calendar/index.js';
import { todayIn } from '../calendar/index.js';
import { alreadyQueued, enqueueMail, staffAllowed, type StaffRecipient } from '../mail/index.js';
import { findOrgById } from '../organisations/index.js';
import { dueSoonMail, overdueMail, type ReminderFacts } from './notification-texts.js';
import { DEFAULT_DUE_SOON_DAYS } from './types.js';

/** States in which a message waits for staff: the office routes `received`, the unit answers the others. */
const WAITING = ['received', 'assigned', 'reviewing'] as const;

export interface ReminderResult {
  dueSoon: number;
  overdue: number;
}

/**
 * Queues a reminder to the handlers of every waiting message that is due soon or overdue. Each reminder has a
 * key (kind, message, due date, recipient), and the outbox keeps one mail per key, so whichever instance runs
 * first sends it and every later run, on any instance, queues nothing. A new due date (an extension, a
 * calendar change) is a new reminder. Returns the numbers of mails this run queued.
 */
export async function queueDeadlineReminders(ctx: AppContext, options: { onError?: (err: unknown) => void } = {}): Promise<ReminderResult> {
  const result: ReminderResult = { dueSoon: 0, overdue: 0 };
  const agencies = await ctx.db.kysely
    .selectFrom('messages as m')
    .innerJoin('organisations as a', 'a.id', 'm.agency_id')
    .leftJoin('interaction_settings as s', 's.agency_id', 'm.agency_id')
    .select(['m.agency_id', 'a.timezone', 's.due_soon_days'])
    .distinct()
    .where('m.state', 'in', WAITING)
    .where('m.due_date', 'is not', null)
    .orderBy('m.agency_id')
    .execute();
  for (const agency of agencies) {
    try {
      const r = await remindAgency(ctx, agency.agency_id, agency.timezone, agency.due_soon_days ?? DEFAULT_DUE_SOON_DAYS);
      result.dueSoon += r.dueSoon;
      result.overdue += r.overdue;
    } catch (err) {
      // One agency's trouble (a year its calendar does not cover) must not hold up the others' reminders.
      if (!options.onError) throw err;
      options.onError(err);
    }
  }
  return result;
}

async function remindAgency(ctx: AppContext, agencyId: string, timezone: string, dueSoonDays: number): Promise<ReminderResult> {
  const result: ReminderResult = { dueSoon: 0, overdue: 0 };
  const today = todayIn(timezone, ctx.clock());
  const calendar = await calendarFor(ctx, agencyId);
  // Due within `dueSoonDays` working days means due before the (dueSoonDays + 1)-th working day from today.
  // Without next year's calendar yet (late December), every waiting message is looked at instead.
  const horizon = orNullWithoutCalendar(() => calendar.add(today, dueSoonDays + 1));
  const rows = await ctx.db.kysely
    .selectFrom('messages')
    .select(['id', 'unit_id', 'state', 'title', 'type', 'due_date'])
    .where('agency_id', '=', agencyId)
    .where('state', 'in', WAITING)
    .where('due_date', 'is not', null)
    .$if(horizon !== null, (qb) => qb.where('due_date', '<', horizon!))
    .orderBy('id')
    .$narrowType<{ due_date: string }>()
    .execute();
  const staff = new Map<string, Promise<StaffRecipient[]>>();
  const handlersOf = (orgId: string, action: Action) => {
    const key = `${orgId}:${action}`;
    if (!staff.has(key)) staff.set(key, staffAllowed(ctx.db.kysely, orgId, action));
    return staff.get(key)!;
  };
  const unitNames = new Map<string, string>();
  for (const m of rows) {
    const office = m.state === 'received';
    if (!office && !m.unit_id) continue;
    const kind = today > m.due_date ? 'overdue' : 'due-soon';
    const remaining = kind === 'due-soon' ? standingOf(calendar, today, m.due_date).remainingWorkingDays : null;
    if (kind === 'due-soon' && (remaining === null || remaining > dueSoonDays)) continue;
    const keyOf = (userId: string) => `${kind}:${m.id}:${m.due_date}:${userId}`;
    const handlers = await handlersOf(office ? agencyId : m.unit_id!, office ? 'message.route' : 'message.reply');
    // Reminders already queued are skipped without a write transaction (the unique key still decides races).
    const recipients = await notYetReminded(ctx, handlers, keyOf);
    if (recipients.length === 0) continue;
    const facts: ReminderFacts = {
      id: m.id,
      title: m.title,
      type: m.type,
      dueDate: m.due_date,
      unitName: office ? null : await unitName(ctx, unitNames, m.unit_id!),
      ...(remaining !== null ? { remaining } : {}),
    };
    const now = ctx.clock().toISOString();
    const queued = await withTransaction(ctx.db, async (trx) => {
      let n = 0;
      for (const r of recipients) {
        const text = kind === 'overdue' ? overdueMail(ctx.config.baseUrl, facts, r.displayName) : dueSoonMail(ctx.config.baseUrl, facts, r.displayName);
        if (await enqueueMail(trx, { dedupeKey: keyOf(r.userId), kind: `message.${kind}`, recipient: r.email, ...text }, now)) n++;
      }
      return n;
    });
    if (kind === 'overdue') result.overdue += queued;
    else result.dueSoon += queued;
  }
  return result;
}

async function notYetReminded(ctx: AppContext, handlers: StaffRecipient[], keyOf: (userId: string) => string): Promise<StaffRecipient[]> {
  if (handlers.length === 0) return handlers;
  const done = await alreadyQueued(ctx.db.kysely, handlers.map((h) => keyOf(h.userId)));
  return handlers.filter((h) => !done.has(keyOf(h.userId)));
}

function orNullWithoutCalendar<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof NoCalendarError) return null;
    throw err;
  }
}

async function unitName(ctx: AppContext, cache: Map<string, string>, unitId: string): Promise<string> {
  let name = cache.get(unitId);
  if (name === undefined) {
    name = (await findOrgById(ctx.db.kysely, unitId))?.name ?? '';
    cache.set(unitId, name);
  }
  return name;
}

/** Queues due-soon and overdue reminders every 10 minutes, the first soon after start (exactly once across instances). */
export const remindersJob: Job = {
  name: 'deadline reminders',
  everyMs: 10 * 60_000,
  firstAfterMs: 30_000,
  run: (ctx, log) => queueDeadlineReminders(ctx, { onError: log }),
};

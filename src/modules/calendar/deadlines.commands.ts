import crypto from 'node:crypto';
import type { Queryable, Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { requirePermission, type Caller } from '../accounts/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { agencyOf } from '../organisations/index.js';
import type { WorkCalendar } from './calendar.js';
import { findDeadlinePath, openDeadlineIds } from './calendar.repo.js';
import type { DeadlineCreatedOut, OpenDeadlineInput as OpenDeadlineBody } from './calendar.schemas.js';
import { loadCalendar } from './calendar.service.js';
import { computeDeadline, type DeadlineEvent, type DeadlineResult } from './deadline.js';
import { toDay } from './days.js';

/**
 * Deadlines kept for other modules (messages, applications, supervision tasks): stored as their events,
 * recomputed from them whenever an event is added or the calendar changes. The stored result is a cache of
 * the computation, never the source of truth.
 */
export type StoredEvent =
  | { type: 'start'; date: string; workingDays: number }
  | { type: 'pause'; date: string; reason: string }
  | { type: 'resume'; date: string }
  | { type: 'extend'; date: string; days: number; reason: string; approver: string }
  | { type: 'restart'; date: string; reason: string };

/** Stored events → the computation's events: a pause lasts from its date through the resume date. */
export function toComputation(stored: readonly StoredEvent[]): DeadlineEvent[] {
  const out: DeadlineEvent[] = [];
  let open: Extract<DeadlineEvent, { type: 'pause' }> | undefined;
  for (const e of stored) {
    switch (e.type) {
      case 'start':
        out.push({ type: 'start', date: e.date, workingDays: e.workingDays });
        break;
      case 'pause':
        open = { type: 'pause', from: e.date, to: null, reason: e.reason };
        out.push(open);
        break;
      case 'resume':
        if (open) open.to = e.date;
        open = undefined;
        break;
      case 'extend':
        out.push({ type: 'extend', date: e.date, days: e.days, reason: e.reason, approver: e.approver });
        break;
      case 'restart':
        out.push({ type: 'restart', date: e.date, reason: e.reason });
        break;
    }
  }
  return out;
}

export async function storedEvents(q: Queryable, deadlineId: string): Promise<StoredEvent[]> {
  const rows = await q.selectFrom('deadline_events').select(['type', 'payload']).where('deadline_id', '=', deadlineId).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, ...(JSON.parse(r.payload) as object) }) as StoredEvent);
}

export interface OpenDeadlineInput {
  agencyId: string;
  subjectType: string;
  subjectId?: string | null;
  label: string;
  start: string;
  workingDays: number;
  /** The agency's calendar when the caller has it already (e.g. from the instance's cache). */
  calendar?: WorkCalendar;
  /** The id to give the deadline, when the caller's own row must name it before the deadline is written. */
  id?: string;
}

/**
 * Opens a deadline inside another command's transaction (a message's, an application's): not a command itself,
 * the calling command owns the transaction and the audit of its own change.
 */
export async function openDeadlineInTransaction(trx: Tx, ctx: AppContext, actor: Actor, input: OpenDeadlineInput): Promise<string> {
  const start: StoredEvent = { type: 'start', date: input.start, workingDays: input.workingDays };
  const result = computeDeadline(input.calendar ?? (await loadCalendar(trx, input.agencyId)), toComputation([start]));
  const id = input.id ?? crypto.randomUUID();
  const now = ctx.clock().toISOString();
  await trx
    .insertInto('deadlines')
    .values({
      id,
      agency_id: input.agencyId,
      subject_type: input.subjectType,
      subject_id: input.subjectId ?? null,
      label: input.label,
      state: 'open',
      status: result.status,
      due_date: result.dueDate,
      result: JSON.stringify(result),
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      closed_at: null,
      version: 1,
    })
    .execute();
  await insertEvent(trx, id, 1, start, actor, now);
  await appendAudit(trx, ctx, actor, {
    action: 'deadline.open',
    objectType: 'deadline',
    objectId: id,
    summary: { label: input.label, start: input.start, workingDays: input.workingDays, dueDate: result.dueDate },
  });
  return id;
}

async function insertEvent(trx: Tx, deadlineId: string, seq: number, e: StoredEvent, actor: Actor, at: string) {
  const { type, ...payload } = e;
  await trx
    .insertInto('deadline_events')
    .values({ id: crypto.randomUUID(), deadline_id: deadlineId, seq, type, payload: JSON.stringify(payload), recorded_by: actor.name, recorded_at: at })
    .execute();
}

/** Checks that an event fits the history so far; returns a per-field message otherwise. */
export function eventProblem(history: readonly StoredEvent[], e: StoredEvent): string | null {
  const last = history.at(-1);
  const paused = history.reduce((p, x) => (x.type === 'pause' ? true : x.type === 'resume' ? false : p), false);
  if (last && toDay(e.date) < toDay(last.date)) return `日期不能早于上一事件（${last.date}）`;
  switch (e.type) {
    case 'start':
      return '时限已经起算';
    case 'pause':
      return paused ? '时限已处于暂停状态' : null;
    case 'resume':
      return paused ? null : '时限未暂停，无需恢复';
    case 'extend':
    case 'restart':
      return paused ? '请先恢复计算' : null;
  }
}

/** Adds an event to an open deadline and recomputes it, inside a command's transaction. */
async function recordDeadlineEventInTransaction(trx: Tx, ctx: AppContext, actor: Actor, deadlineId: string, e: StoredEvent): Promise<DeadlineResult> {
  const row = await trx.selectFrom('deadlines').selectAll().where('id', '=', deadlineId).executeTakeFirst();
  if (!row) throw notFound('时限不存在');
  if (row.state !== 'open') throw conflict('时限已结束，不能再记录事件', 'closed');
  const history = await storedEvents(trx, deadlineId);
  const problem = eventProblem(history, e);
  if (problem) throw validationFailed({ date: problem }, problem);
  const events = [...history, e];
  const result = computeDeadline(await loadCalendar(trx, row.agency_id), toComputation(events));
  const now = ctx.clock().toISOString();
  await insertEvent(trx, deadlineId, history.length + 1, e, actor, now);
  await trx
    .updateTable('deadlines')
    .set({ status: result.status, due_date: result.dueDate, result: JSON.stringify(result), updated_at: now, version: row.version + 1 })
    .where('id', '=', deadlineId)
    .execute();
  await appendAudit(trx, ctx, actor, {
    action: `deadline.${e.type}`,
    objectType: 'deadline',
    objectId: deadlineId,
    summary: { event: e, before: { dueDate: row.due_date, status: row.status }, after: { dueDate: result.dueDate, status: result.status } },
  });
  return result;
}

/** Ends an open deadline inside another command's transaction (a message answered, an application decided). */
export async function closeDeadlineInTransaction(trx: Tx, ctx: AppContext, actor: Actor, deadlineId: string): Promise<void> {
  const now = ctx.clock().toISOString();
  const done = await trx
    .updateTable('deadlines')
    .set({ state: 'closed', closed_at: now, updated_at: now })
    .where('id', '=', deadlineId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict('时限不存在或已结束', 'closed');
  await appendAudit(trx, ctx, actor, { action: 'deadline.close', objectType: 'deadline', objectId: deadlineId });
}

/**
 * Subjects that keep a copy of their deadline's due date in their own row, for lists sorted and filtered by it
 * (the office's inbox): the table and the column naming the deadline. A recomputation updates the copy with it.
 */
const DUE_DATE_COPIES: Record<string, { table: 'messages'; deadlineColumn: 'deadline_id' }> = {
  message: { table: 'messages', deadlineColumn: 'deadline_id' },
};

/**
 * After a calendar change, recomputes every open deadline it affects and records each due date that moved.
 * Runs in the transaction of the calendar change, so the two are one fact.
 */
export async function recomputeOpenDeadlinesInTransaction(trx: Tx, ctx: AppContext, agencyIds: string[] | '*', cause: string): Promise<number> {
  const open = await openDeadlineIds(trx, agencyIds);
  const calendars = new Map<string, WorkCalendar>();
  const now = ctx.clock().toISOString();
  let moved = 0;
  for (const d of open) {
    let calendar = calendars.get(d.agency_id);
    if (!calendar) {
      calendar = await loadCalendar(trx, d.agency_id);
      calendars.set(d.agency_id, calendar);
    }
    const row = await trx.selectFrom('deadlines').select(['due_date', 'status', 'version']).where('id', '=', d.id).executeTakeFirstOrThrow();
    const result = computeDeadline(calendar, toComputation(await storedEvents(trx, d.id)));
    if (result.dueDate === row.due_date && result.status === row.status) continue;
    moved++;
    await trx
      .updateTable('deadlines')
      .set({ status: result.status, due_date: result.dueDate, result: JSON.stringify(result), updated_at: now, version: row.version + 1 })
      .where('id', '=', d.id)
      .execute();
    await trx
      .insertInto('deadline_changes')
      .values({ id: crypto.randomUUID(), deadline_id: d.id, at: now, cause, before_due: row.due_date, after_due: result.dueDate })
      .execute();
    const copy = DUE_DATE_COPIES[d.subject_type];
    if (copy) await trx.updateTable(copy.table).set({ due_date: result.dueDate }).where(copy.deadlineColumn, '=', d.id).execute();
  }
  return moved;
}

// ——— Commands of the deadlines API (supervision tasks and other deadlines kept by hand) ———

/** Opens a deadline of the agency `input.org` names (a unit's code names its agency). */
export async function createDeadline(caller: Caller, input: OpenDeadlineBody): Promise<DeadlineCreatedOut> {
  const { ctx, actor } = caller;
  const agency = await agencyOf(ctx.db.kysely, input.org);
  await requirePermission(caller, 'deadline.manage', agency.path, { type: 'deadline' });
  const id = await ctx.db.kysely.transaction().execute((trx) =>
    openDeadlineInTransaction(trx, ctx, actor, {
      agencyId: agency.id,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      label: input.label,
      start: input.start,
      workingDays: input.workingDays,
    }),
  );
  return { id };
}

async function requireManage(caller: Caller, id: string): Promise<void> {
  const path = await findDeadlinePath(caller.ctx.db.kysely, id);
  if (path === undefined) throw notFound('时限不存在');
  await requirePermission(caller, 'deadline.manage', path, { type: 'deadline', id });
}

/** Records a pause, resumption, extension or restart; answers the recomputed deadline. */
export async function recordDeadlineEvent(caller: Caller, id: string, e: StoredEvent): Promise<DeadlineResult> {
  await requireManage(caller, id);
  return caller.ctx.db.kysely.transaction().execute((trx) => recordDeadlineEventInTransaction(trx, caller.ctx, caller.actor, id, e));
}

/** Ends a deadline kept by hand. */
export async function endDeadline(caller: Caller, id: string): Promise<void> {
  await requireManage(caller, id);
  await caller.ctx.db.kysely.transaction().execute((trx) => closeDeadlineInTransaction(trx, caller.ctx, caller.actor, id));
}

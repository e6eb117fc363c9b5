import type { AppContext } from '../../shared/context.js';
import { notFound, validationFailed } from '../../shared/errors.js';
import { ANYWHERE, requirePermission, scopeFor, type Caller } from '../accounts/index.js';
import { agencyOf } from '../organisations/index.js';
import { findDeadline, listDeadlineRows } from './calendar.repo.js';
import type { DeadlineListOut, DeadlineListQuery, DeadlineOut } from './calendar.schemas.js';
import { calendarFor } from './calendar.service.js';
import { computeDeadline, standingOf, type DeadlineResult, type Standing } from './deadline.js';
import { eventProblem, toComputation, type StoredEvent } from './deadlines.commands.js';
import { todayIn } from './days.js';

export interface PreviewInput {
  org?: string | undefined;
  start: string;
  workingDays: number;
  events: Exclude<StoredEvent, { type: 'start' }>[];
}

/** 办理时限计算器: the deadline these events give in the agency's calendar (the national one without `org`). */
export async function previewDeadline(ctx: AppContext, input: PreviewInput): Promise<DeadlineResult> {
  const agency = input.org ? await agencyOf(ctx.db.kysely, input.org) : null;
  const history: StoredEvent[] = [{ type: 'start', date: input.start, workingDays: input.workingDays }];
  input.events.forEach((e, i) => {
    const problem = eventProblem(history, e);
    if (problem) throw validationFailed({ [`events.${i}.date`]: problem }, problem);
    history.push(e);
  });
  return computeDeadline(await calendarFor(ctx, agency?.id ?? ''), toComputation(history));
}

/** Working days left (negative when overdue), in the agency's own calendar and time zone. */
async function standing(ctx: AppContext, agencyId: string, due: string | null, timezone: string): Promise<Standing> {
  if (!due) return { remainingWorkingDays: null, overdue: false };
  return standingOf(await calendarFor(ctx, agencyId), todayIn(timezone, ctx.clock()), due);
}

/** The deadlines of the agencies the reader may see, soonest due first. */
export async function listDeadlines(caller: Caller, query: DeadlineListQuery): Promise<DeadlineListOut> {
  const { ctx, principal } = caller;
  await requirePermission(caller, 'org.read', ANYWHERE, { type: 'deadline' });
  const agency = query.org ? await agencyOf(ctx.db.kysely, query.org) : undefined;
  const { total, rows } = await listDeadlineRows(ctx.db.kysely, {
    scope: scopeFor(principal, 'org.read'),
    state: query.state,
    ...(agency ? { agencyId: agency.id } : {}),
    page: query.page,
    pageSize: query.pageSize,
  });
  const deadlines = await Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      org: r.org,
      label: r.label,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      status: r.status,
      dueDate: r.due_date,
      ...(await standing(ctx, r.agency_id, r.due_date, r.timezone)),
      createdAt: r.created_at,
      closedAt: r.closed_at,
    })),
  );
  return { total, deadlines };
}

/** One deadline: events, due date, explanation and the changes calendars made to it. */
export async function readDeadline(caller: Caller, id: string): Promise<DeadlineOut> {
  const { ctx } = caller;
  const found = await findDeadline(ctx.db.kysely, id);
  if (!found) throw notFound('时限不存在');
  const { row, events, changes } = found;
  await requirePermission(caller, 'org.read', row.path, { type: 'deadline', id: row.id });
  return {
    id: row.id,
    org: row.org,
    label: row.label,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    state: row.state,
    status: row.status,
    dueDate: row.due_date,
    ...(await standing(ctx, row.agency_id, row.due_date, row.timezone)),
    result: JSON.parse(row.result) as DeadlineResult,
    events: events.map((e) => ({ seq: e.seq, type: e.type, ...(JSON.parse(e.payload) as object), recordedBy: e.recorded_by, recordedAt: e.recorded_at })),
    changes: changes.map((c) => ({ at: c.at, cause: c.cause, beforeDue: c.before_due, afterDue: c.after_due })),
    version: row.version,
  };
}

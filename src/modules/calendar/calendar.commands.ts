import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { requirePermission, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { agencyOf, type OrgRow } from '../organisations/index.js';
import { DEPLOYMENT_SCOPE, findOverride } from './calendar.repo.js';
import type { NoticeImportedOut, OverrideAddedOut, OverrideRemovedOut } from './calendar.schemas.js';
import { loadCalendar } from './calendar.service.js';
import { recomputeOpenDeadlinesInTransaction } from './deadlines.commands.js';
import { noticeProblems, type HolidayNotice } from './notice.js';

/** The agency whose calendar a body's `org` names: a calendar belongs to an agency, never to a unit. */
function calendarAgency(q: Queryable, code: string): Promise<OrgRow> {
  return agencyOf(q, code, { field: 'org', refuseUnits: '日历属于机关（站点），请选择机关而不是科室' });
}

/**
 * Imports a State Council notice (holiday-cn format) for the whole deployment (org '*') or for one agency.
 * It replaces that year's days for its scope; open deadlines are recomputed in the same transaction.
 */
export async function importNotice(caller: PublicCaller, orgCode: string, notice: HolidayNotice): Promise<NoticeImportedOut> {
  const { ctx, actor } = caller;
  const agency = orgCode === DEPLOYMENT_SCOPE ? null : await calendarAgency(ctx.db.kysely, orgCode);
  await requirePermission(caller, 'calendar.edit', agency?.path, { type: 'calendar' });
  const problems = noticeProblems(notice);
  if (Object.keys(problems).length) throw validationFailed(problems, '节假日通知内容有误');
  const scope = agency?.id ?? DEPLOYMENT_SCOPE;
  const now = ctx.clock().toISOString();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('calendar_notices').select(['id', 'days']).where('scope', '=', scope).where('year', '=', notice.year).executeTakeFirst();
    const values = { papers: JSON.stringify(notice.papers), days: JSON.stringify(notice.days), imported_by: actor.name, imported_at: now };
    if (existing) await trx.updateTable('calendar_notices').set(values).where('id', '=', existing.id).execute();
    else await trx.insertInto('calendar_notices').values({ id: crypto.randomUUID(), scope, year: notice.year, ...values }).execute();
    const recomputed = await recomputeOpenDeadlinesInTransaction(trx, ctx, agency ? [agency.id] : '*', `导入 ${notice.year} 年节假日安排`);
    await appendAudit(trx, ctx, actor, {
      action: 'calendar.import',
      objectType: 'calendar',
      objectId: `${orgCode}/${notice.year}`,
      orgPath: agency?.path ?? null,
      summary: {
        year: notice.year,
        scope: orgCode,
        days: notice.days.length,
        replaced: Boolean(existing),
        ...(existing ? { before: { days: (JSON.parse(existing.days) as unknown[]).length } } : {}),
        recomputedDeadlines: recomputed,
      },
    });
    return { replaced: Boolean(existing), recomputed };
  });
  ctx.events.emit('calendar.changed', { scope });
  return result;
}

export interface OverrideInput {
  date: string;
  isOffDay: boolean;
  name: string;
  reason: string | null;
}

/** An agency's own holiday or make-up working day (e.g. a 民族自治地方's festival). */
export async function addOverride(caller: PublicCaller, orgCode: string, input: OverrideInput): Promise<OverrideAddedOut> {
  const { ctx, actor } = caller;
  const agency = await calendarAgency(ctx.db.kysely, orgCode);
  await requirePermission(caller, 'calendar.edit', agency.path, { type: 'calendar' });
  const year = Number(input.date.slice(0, 4));
  if (!(await loadCalendar(ctx.db.kysely, agency.id)).covers(year)) {
    throw validationFailed({ date: `缺少 ${year} 年的节假日安排，请先导入该年的国务院通知` });
  }
  const id = crypto.randomUUID();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('calendar_overrides').select('id').where('agency_id', '=', agency.id).where('date', '=', input.date).executeTakeFirst();
    if (taken) throw conflict('该日期已有本机关的调整，请先删除', 'duplicate', { date: '该日期已有本机关的调整' });
    await trx
      .insertInto('calendar_overrides')
      .values({
        id,
        agency_id: agency.id,
        date: input.date,
        is_off_day: input.isOffDay ? 1 : 0,
        name: input.name,
        reason: input.reason,
        created_by: actor.name,
        created_at: ctx.clock().toISOString(),
      })
      .execute();
    const recomputed = await recomputeOpenDeadlinesInTransaction(trx, ctx, [agency.id], `${input.date} 调整为${input.isOffDay ? '放假' : '上班'}（${input.name}）`);
    await appendAudit(trx, ctx, actor, {
      action: 'calendar.override.add',
      objectType: 'calendar',
      objectId: id,
      orgPath: agency.path,
      summary: { after: input, recomputedDeadlines: recomputed },
    });
    return { id, recomputed };
  });
  ctx.events.emit('calendar.changed', { scope: agency.id });
  return result;
}

/** Withdraws an agency's own holiday or make-up day; open deadlines are recomputed with it. */
export async function removeOverride(caller: PublicCaller, id: string): Promise<OverrideRemovedOut> {
  const { ctx, actor } = caller;
  const row = await findOverride(ctx.db.kysely, id);
  if (!row) throw notFound('日历调整不存在');
  await requirePermission(caller, 'calendar.edit', row.path, { type: 'calendar', id });
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_overrides').where('id', '=', id).execute();
    const recomputed = await recomputeOpenDeadlinesInTransaction(trx, ctx, [row.agency_id], `撤销 ${row.date} 的调整（${row.name}）`);
    await appendAudit(trx, ctx, actor, {
      action: 'calendar.override.remove',
      objectType: 'calendar',
      objectId: id,
      orgPath: row.path,
      summary: { before: { date: row.date, isOffDay: row.is_off_day === 1, name: row.name, reason: row.reason }, recomputedDeadlines: recomputed },
    });
    return { recomputed };
  });
  ctx.events.emit('calendar.changed', { scope: row.agency_id });
  return result;
}

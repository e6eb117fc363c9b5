import type { AppContext } from '../../shared/context.js';
import { agencyOf, type OrgRow } from '../organisations/index.js';
import { DEPLOYMENT_SCOPE, listNoticeRows, listOverrides } from './calendar.repo.js';
import type { CalendarYearOut, NoticeListOut, WorkdaysAddOut, WorkdaysBetweenOut } from './calendar.schemas.js';
import { calendarFor } from './calendar.service.js';
import { computeDeadline } from './deadline.js';
import { todayIn } from './days.js';

/** The agency a calendar question is about (a unit's code names its agency); none given means the national calendar. */
function agencyOrNational(ctx: AppContext, code: string | undefined): Promise<OrgRow | null> {
  return code ? agencyOf(ctx.db.kysely, code) : Promise.resolve(null);
}

/** The date `n` working days after `date` (that day not counted), with how it was counted. */
export async function workdaysAdd(ctx: AppContext, query: { date: string; n: number; org?: string | undefined }): Promise<WorkdaysAddOut> {
  const agency = await agencyOrNational(ctx, query.org);
  const calendar = await calendarFor(ctx, agency?.id ?? '');
  const date = calendar.add(query.date, query.n);
  const explanation = query.n > 0 ? computeDeadline(calendar, [{ type: 'start', date: query.date, workingDays: query.n }]) : null;
  return { from: query.date, n: query.n, date, org: agency?.code ?? null, explanation };
}

/** The working days after `from` up to and including `to`. */
export async function workdaysBetween(ctx: AppContext, query: { from: string; to: string; org?: string | undefined }): Promise<WorkdaysBetweenOut> {
  const agency = await agencyOrNational(ctx, query.org);
  const calendar = await calendarFor(ctx, agency?.id ?? '');
  return { from: query.from, to: query.to, workingDays: calendar.between(query.from, query.to) };
}

/** A year's holidays and make-up working days (this year in the agency's zone by default), with the agency's own. */
export async function calendarYear(ctx: AppContext, query: { org?: string | undefined; year?: number | undefined }): Promise<CalendarYearOut> {
  const agency = await agencyOrNational(ctx, query.org);
  const calendar = await calendarFor(ctx, agency?.id ?? '');
  const year = query.year ?? Number(todayIn(agency?.timezone ?? 'Asia/Shanghai', ctx.clock()).slice(0, 4));
  const overrides = agency ? await listOverrides(ctx.db.kysely, agency.id) : [];
  return {
    org: agency?.code ?? null,
    year,
    coveredYears: calendar.coveredYears(),
    days: calendar.specialDaysOf(year),
    overrides: overrides.map((o) => ({ id: o.id, date: o.date, isOffDay: o.is_off_day === 1, name: o.name, reason: o.reason, createdBy: o.created_by, createdAt: o.created_at })),
  };
}

/** The notices imported for the whole deployment and, with `org`, for that agency. */
export async function listNotices(ctx: AppContext, org: string | undefined): Promise<NoticeListOut> {
  const agency = await agencyOrNational(ctx, org);
  const rows = await listNoticeRows(ctx.db.kysely, agency ? [DEPLOYMENT_SCOPE, agency.id] : [DEPLOYMENT_SCOPE]);
  return {
    notices: rows.map((r) => ({
      id: r.id,
      scope: r.scope === DEPLOYMENT_SCOPE ? DEPLOYMENT_SCOPE : (agency?.code ?? r.scope),
      year: r.year,
      papers: JSON.parse(r.papers) as string[],
      days: (JSON.parse(r.days) as unknown[]).length,
      importedAt: r.imported_at,
      importedBy: r.imported_by,
    })),
  };
}

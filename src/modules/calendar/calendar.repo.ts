import type { Queryable } from '../../db/database.js';
import type { HolidayNotice, SpecialDay } from './notice.js';

export const DEPLOYMENT_SCOPE = '*';

export async function importedNotices(q: Queryable, scopes: string[]): Promise<(HolidayNotice & { scope: string })[]> {
  const rows = await q.selectFrom('calendar_notices').selectAll().where('scope', 'in', scopes).orderBy('year').execute();
  return rows.map((r) => ({
    scope: r.scope,
    year: r.year,
    papers: JSON.parse(r.papers) as string[],
    days: JSON.parse(r.days) as SpecialDay[],
  }));
}

export function listOverrides(q: Queryable, agencyId: string) {
  return q.selectFrom('calendar_overrides').selectAll().where('agency_id', '=', agencyId).orderBy('date').execute();
}

/** One of an agency's own calendar days, with the agency's path (whoever changes it must hold calendar.edit there). */
export function findOverride(q: Queryable, id: string) {
  return q
    .selectFrom('calendar_overrides as c')
    .innerJoin('organisations as o', 'o.id', 'c.agency_id')
    .select(['c.id', 'c.agency_id', 'c.date', 'c.is_off_day', 'c.name', 'c.reason', 'o.path'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function listNoticeRows(q: Queryable, scopes: string[]) {
  return q
    .selectFrom('calendar_notices')
    .select(['id', 'scope', 'year', 'papers', 'days', 'imported_at', 'imported_by'])
    .where('scope', 'in', scopes)
    .orderBy('year')
    .execute();
}

export function openDeadlineIds(q: Queryable, agencyIds: string[] | '*') {
  let query = q.selectFrom('deadlines').select(['id', 'agency_id', 'subject_type']).where('state', '=', 'open');
  if (agencyIds !== '*') {
    if (agencyIds.length === 0) return Promise.resolve([]);
    query = query.where('agency_id', 'in', agencyIds);
  }
  return query.execute();
}

/** The path of the agency a deadline belongs to (undefined: no such deadline). */
export async function findDeadlinePath(q: Queryable, id: string): Promise<string | undefined> {
  const row = await q
    .selectFrom('deadlines as d')
    .innerJoin('organisations as o', 'o.id', 'd.agency_id')
    .select('o.path')
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row?.path;
}

export interface DeadlineFilter {
  /** The reader's scope: everything, or the agencies under these paths. */
  scope: { all: true } | { all: false; paths: string[] };
  state: 'open' | 'closed';
  agencyId?: string;
  page: number;
  pageSize: number;
}

/** Deadlines of the agencies in the reader's scope, soonest due first. */
export async function listDeadlineRows(q: Queryable, f: DeadlineFilter) {
  let query = q.selectFrom('deadlines as d').innerJoin('organisations as o', 'o.id', 'd.agency_id').where('d.state', '=', f.state);
  const scope = f.scope;
  if (!scope.all) query = query.where((eb) => eb.or(scope.paths.map((p) => eb('o.path', 'like', `${p}%`))));
  if (f.agencyId) query = query.where('d.agency_id', '=', f.agencyId);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['d.id', 'd.agency_id', 'd.label', 'd.subject_type', 'd.subject_id', 'd.status', 'd.due_date', 'd.created_at', 'd.closed_at', 'o.code as org', 'o.timezone'])
    .orderBy('d.due_date')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** One deadline with its agency's code, path and time zone, its events and the due-date changes calendars made. */
export async function findDeadline(q: Queryable, id: string) {
  const row = await q
    .selectFrom('deadlines as d')
    .innerJoin('organisations as o', 'o.id', 'd.agency_id')
    .selectAll('d')
    .select(['o.code as org', 'o.path', 'o.timezone'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const events = await q.selectFrom('deadline_events').selectAll().where('deadline_id', '=', id).orderBy('seq').execute();
  const changes = await q.selectFrom('deadline_changes').selectAll().where('deadline_id', '=', id).orderBy('at').execute();
  return { row, events, changes };
}

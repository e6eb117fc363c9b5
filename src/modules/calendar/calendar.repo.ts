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

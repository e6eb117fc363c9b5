import type { Scope } from '../accounts/index.js';
import { withoutLikeWildcards, type Queryable } from '../../db/database.js';
import type { RevisionRow } from './items.repo.js';
import type { ItemState } from './workflow.js';

/**
 * The lists of items the API and the jobs read (read models): every one bounded, filtered in SQL (a policy scope
 * becomes a `WHERE path LIKE …`, never a filter afterwards).
 */

/** Items whose scheduled publication is due, oldest schedule first. */
export async function dueScheduledItems(q: Queryable, now: string, limit: number): Promise<string[]> {
  const rows = await q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.working_revision_id')
    .select('i.id')
    .where('r.state', '=', 'scheduled')
    .where('i.scheduled_at', '<=', now)
    .orderBy('i.scheduled_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Published items, newest first, of an agency and a category with those below it: one page, with their live revisions. */
export async function publishedItems(q: Queryable, filter: { agencyId?: string; category?: string; page: number; pageSize: number }) {
  let base = q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
    .innerJoin('organisations as a', 'a.id', 'i.agency_id')
    .where('i.state', '=', 'published');
  if (filter.agencyId) base = base.where('i.agency_id', '=', filter.agencyId);
  if (filter.category) {
    const prefix = filter.category.replace(/[%_]/g, '');
    base = base.where((eb) => eb.or([eb('i.category_code', '=', prefix), eb('i.category_code', 'like', `${prefix}.%`)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('i')
    .select(['a.code as agency_code', 'r.id as rev_id'])
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const revisions = rows.length ? await q.selectFrom('item_revisions').selectAll().where('id', 'in', rows.map((r) => r.rev_id)).execute() : [];
  const byId = new Map<string, RevisionRow>(revisions.map((r) => [r.id, r]));
  return { total: Number(total.n), rows: rows.map((item) => ({ item, rev: byId.get(item.rev_id)! })) };
}

export interface WorkbenchFilter {
  state?: ItemState;
  /** The materialised path of an organisation whose items only are listed. */
  orgPath?: string;
  q?: string;
  /** Only the revisions this user wrote. */
  authorId?: string;
  page: number;
  pageSize: number;
}

/** The workbench: items of the units in `scope` at their current revision, newest change first. */
export async function workbenchItems(q: Queryable, scope: Scope, filter: WorkbenchFilter) {
  if (!scope.all && scope.paths.length === 0) return { total: 0, rows: [] };
  let base = q
    .selectFrom('items as i')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .innerJoin('item_revisions as r', (j) => j.on((eb) => eb('r.id', '=', eb.fn.coalesce('i.working_revision_id', 'i.live_revision_id'))));
  if (!scope.all) base = base.where((eb) => eb.or(scope.paths.map((p) => eb('u.path', 'like', `${p}%`))));
  if (filter.orgPath) base = base.where('u.path', 'like', `${filter.orgPath}%`);
  if (filter.state === 'withdrawn') base = base.where('i.state', '=', 'withdrawn');
  else if (filter.state) base = base.where('i.state', '!=', 'withdrawn').where('r.state', '=', filter.state);
  if (filter.authorId) base = base.where('r.author_id', '=', filter.authorId);
  if (filter.q) base = base.where('r.title', 'like', `%${withoutLikeWildcards(filter.q)}%`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'i.id',
      'i.category_code',
      'i.index_number',
      'i.state as item_state',
      'i.version',
      'i.published_at',
      'i.scheduled_at',
      'i.updated_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'r.title',
      'r.doc_number',
      'r.state as revision_state',
      'r.id as revision_id',
      'r.revision_no',
      'r.author_id',
      'r.unit_reviewed_by',
      'r.reject_comment',
    ])
    .orderBy('i.updated_at', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}
export type WorkbenchItemRow = Awaited<ReturnType<typeof workbenchItems>>['rows'][number];

/** Every revision of an item, first first. */
export function itemRevisions(q: Queryable, itemId: string): Promise<RevisionRow[]> {
  return q.selectFrom('item_revisions').selectAll().where('item_id', '=', itemId).orderBy('revision_no').execute();
}

/** Every review decision on an item, in order, with the reviewer's current display name. */
export function itemReviews(q: Queryable, itemId: string) {
  return q
    .selectFrom('item_reviews as v')
    .leftJoin('users as u', 'u.id', 'v.reviewer_id')
    .selectAll('v')
    .select('u.display_name')
    .where('v.item_id', '=', itemId)
    .orderBy('v.at')
    .execute();
}

import type { Queryable } from '../../db/database.js';
import type { Scope } from './roles.js';

/** Reset requests with the names of the people involved and the subject's organisation path. */
function resetsQuery(q: Queryable) {
  return q
    .selectFrom('credential_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .innerJoin('users as rq', 'rq.id', 'r.requested_by')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .selectAll('r')
    .select([
      'u.username as user_username',
      'u.display_name as user_display_name',
      'o.path as org_path',
      'rq.username as requester_username',
      'rq.display_name as requester_display_name',
      'd.username as decider_username',
      'd.display_name as decider_display_name',
    ]);
}

export type ResetRow = NonNullable<Awaited<ReturnType<typeof findReset>>>;

export function findReset(q: Queryable, id: string) {
  return resetsQuery(q).where('r.id', '=', id).executeTakeFirst();
}

/** Requests about accounts whose organisation lies in the reader's scope, newest first. */
export async function listResets(q: Queryable, scope: Scope, state: ResetRow['state'] | undefined): Promise<ResetRow[]> {
  let query = resetsQuery(q);
  if (!scope.all) {
    if (scope.paths.length === 0) return [];
    query = query.where((eb) => eb.or(scope.paths.map((p) => eb('o.path', 'like', `${p}%`))));
  }
  if (state) query = query.where('r.state', '=', state);
  return query.orderBy('r.requested_at', 'desc').limit(200).execute();
}

export function findPendingReset(q: Queryable, userId: string, kind: ResetRow['kind']) {
  return q
    .selectFrom('credential_resets')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}

export function overdueResets(q: Queryable, now: string) {
  return resetsQuery(q).where('r.state', '=', 'pending').where('r.expires_at', '<=', now).execute();
}

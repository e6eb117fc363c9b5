import { withoutLikeWildcards, type Queryable } from '../../db/database.js';
import type { Scope } from './roles.js';

export interface UserListFilter {
  scope: Scope;
  orgPath?: string;
  search?: string;
  status?: 'active' | 'disabled';
  page: number;
  pageSize: number;
}

/** Users whose home organisation lies in the reader's scope: the policy filter is in the query. */
export async function listUsers(q: Queryable, f: UserListFilter) {
  let query = q.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.org_id');
  if (!f.scope.all) {
    const paths = f.scope.paths;
    if (paths.length === 0) return { total: 0, rows: [] };
    query = query.where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))));
  }
  if (f.orgPath) query = query.where('o.path', 'like', `${f.orgPath}%`);
  if (f.status) query = query.where('u.status', '=', f.status);
  if (f.search) {
    const like = `%${withoutLikeWildcards(f.search)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('u')
    .select(['o.code as org_code', 'o.name as org_name', 'o.path as org_path'])
    .orderBy('u.username')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

export function findUserWithOrg(q: Queryable, id: string) {
  return q
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select(['o.code as org_code', 'o.name as org_name', 'o.path as org_path'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

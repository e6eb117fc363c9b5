import type { Queryable } from '../../db/database.js';
import { ALL_ORGS, isRole, type Assignment } from './roles.js';

export function findUserByUsername(q: Queryable, username: string) {
  return q.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(q: Queryable, id: string) {
  return q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadAssignments(q: Queryable, userId: string): Promise<Assignment[]> {
  const rows = await q
    .selectFrom('role_assignments as ra')
    .leftJoin('organisations as o', 'o.id', 'ra.scope_org_id')
    .select(['ra.role', 'ra.scope_org_id', 'o.path'])
    .where('ra.user_id', '=', userId)
    .execute();
  return rows
    .filter((r) => isRole(r.role) && (r.scope_org_id === ALL_ORGS || r.path))
    .map((r) => ({
      role: r.role as Assignment['role'],
      scopeOrgId: r.scope_org_id,
      scopePath: r.scope_org_id === ALL_ORGS ? '' : r.path!,
    }));
}

export function listAssignmentsDetailed(q: Queryable, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('role_assignments as ra')
    .leftJoin('organisations as o', 'o.id', 'ra.scope_org_id')
    .select(['ra.id', 'ra.user_id', 'ra.role', 'ra.scope_org_id', 'o.code as scope_code', 'o.name as scope_name', 'ra.granted_at'])
    .where('ra.user_id', 'in', userIds)
    .orderBy('ra.granted_at')
    .execute();
}

export function countRecentFailures(q: Queryable, by: 'username' | 'ip', value: string, since: string) {
  return q
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where(by, '=', value)
    .where('success', '=', 0)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
}

export function lastSuccessAt(q: Queryable, username: string) {
  return q
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('success', '=', 1)
    .executeTakeFirst()
    .then((r) => r?.at ?? null);
}

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

/**
 * An organisation's identity and place in the tree, by its code: what users belong to and roles are scoped by.
 * Accounts read the tree's codes and paths (as every scope filter does) but never change it.
 */
export function findOrgRef(q: Queryable, code: string) {
  return q.selectFrom('organisations').select(['id', 'code', 'name', 'path']).where('code', '=', code).executeTakeFirst();
}

export type OrgRef = NonNullable<Awaited<ReturnType<typeof findOrgRef>>>;

/** The codes and names of the organisations with these ids. */
export async function orgRefsById(q: Queryable, ids: readonly string[]): Promise<Map<string, OrgRef>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('organisations').select(['id', 'code', 'name', 'path']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The agency created first: the home organisation of the platform-wide administrators set up at the command line. */
export async function firstAgencyCode(q: Queryable): Promise<string | undefined> {
  const row = await q.selectFrom('organisations').select('code').where('kind', '=', 'agency').orderBy('created_at').executeTakeFirst();
  return row?.code;
}

/** What an organisation still holds of the accounts module: users at home there, or roles scoped by it. */
export async function accountsHeldBy(q: Queryable, orgId: string): Promise<string | null> {
  const user = await q.selectFrom('users').select('id').where('org_id', '=', orgId).limit(1).executeTakeFirst();
  if (user) return '该机构下还有用户';
  const role = await q.selectFrom('role_assignments').select('id').where('scope_org_id', '=', orgId).limit(1).executeTakeFirst();
  if (role) return '还有以该机构为范围的角色授权';
  return null;
}

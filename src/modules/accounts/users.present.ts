import type { Queryable } from '../../db/database.js';
import { listAssignmentsDetailed } from './accounts.repo.js';
import { ALL_ORGS } from './roles.js';
import type { UserOut } from './users.schemas.js';
import { findUserWithOrg } from './users.repo.js';

export type UserWithOrg = NonNullable<Awaited<ReturnType<typeof findUserWithOrg>>>;
type AssignmentRows = Awaited<ReturnType<typeof listAssignmentsDetailed>>;

/** Users as the API shows them, with their role assignments (one query for all of them). */
export async function presentUsers(q: Queryable, users: readonly UserWithOrg[]): Promise<UserOut[]> {
  const roles = await listAssignmentsDetailed(q, users.map((u) => u.id));
  return users.map((u) => presentUserWith(u, roles));
}

/** One user as the API shows it, read afresh (in the caller's transaction when given one). */
export async function presentUser(q: Queryable, id: string): Promise<UserOut> {
  const user = await findUserWithOrg(q, id);
  if (!user) throw new Error(`user ${id} vanished`);
  return (await presentUsers(q, [user]))[0]!;
}

function presentUserWith(u: UserWithOrg, roles: AssignmentRows): UserOut {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    org: u.org_code,
    orgName: u.org_name,
    email: u.email,
    phone: u.phone,
    status: u.status,
    totpEnrolled: Boolean(u.totp_secret),
    mustChangePassword: Boolean(u.must_change_password),
    lastLoginAt: u.last_login_at,
    roles: roles
      .filter((r) => r.user_id === u.id)
      .map((r) => ({
        id: r.id,
        role: r.role,
        org: r.scope_org_id === ALL_ORGS ? ALL_ORGS : (r.scope_code ?? ''),
        orgName: r.scope_org_id === ALL_ORGS ? '全平台' : r.scope_name,
        grantedAt: r.granted_at,
      })),
    version: u.version,
    createdAt: u.created_at,
  };
}

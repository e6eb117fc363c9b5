import { orgRefsById } from './accounts.repo.js';
import type { Caller } from './caller.js';
import { needsTwoPeople } from './credentials.js';
import { ACTIONS, ALL_ORGS, canAny, PLATFORM_ACTIONS, POLICY, ROLE_LABELS, ROLES, TOTP_ROLES } from './roles.js';
import type { RolesOut, SessionOut } from './session.schemas.js';

/** The signed-in person, where their roles apply, what they may do somewhere, and the session's CSRF token. */
export async function sessionView(caller: Caller): Promise<SessionOut> {
  const { principal } = caller;
  const orgs = await orgRefsById(
    caller.ctx.db.kysely,
    principal.assignments.map((a) => a.scopeOrgId).filter((id) => id !== ALL_ORGS),
  );
  return {
    user: {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      roles: [...new Set(principal.assignments.map((a) => a.role))],
      assignments: principal.assignments.map((a) => ({
        role: a.role,
        scopeOrgId: a.scopeOrgId,
        orgCode: a.scopeOrgId === ALL_ORGS ? ALL_ORGS : (orgs.get(a.scopeOrgId)?.code ?? ''),
        orgName: a.scopeOrgId === ALL_ORGS ? '全平台' : (orgs.get(a.scopeOrgId)?.name ?? ''),
      })),
      permissions: ACTIONS.filter((a) => canAny(principal, a)),
      withheld: principal.withheld,
    },
    csrfToken: principal.csrfToken,
  };
}

/** The policy as data: every role, its label, the actions it allows and how its holders' credentials are kept. */
export function rolesView(): RolesOut {
  return {
    roles: ROLES.map((r) => ({
      role: r,
      label: ROLE_LABELS[r],
      actions: [...POLICY[r]],
      secondFactor: TOTP_ROLES.includes(r),
      twoPersonReset: needsTwoPeople([r]),
    })),
    platformActions: [...PLATFORM_ACTIONS],
  };
}

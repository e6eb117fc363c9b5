// Every permission flag of the console, derived from the policy the server sends (GET /api/v1/roles) and the
// session's role assignments (GET /api/v1/session) — the same rules as the server's roles.ts. The console only
// shows and hides with them; the server decides every request again.
import type { Policy, RoleInfo } from './types.js';

/** Where a role applies: '*' for the whole platform, otherwise an organisation (and its subtree). */
export interface ScopedRole {
  role: string;
  scopeOrgId: string;
}

export interface Permissions {
  /** Every action the user may take somewhere (menus, queues). */
  actions: readonly string[];
  /** May the user take `action` somewhere (in some organisation they hold a role for)? */
  can: (action: string) => boolean;
  /** May the user take `action` for the whole platform (a platform-wide role allows it)? */
  canEverywhere: (action: string) => boolean;
  /** Are the credentials of someone holding these roles reset by two people (an administrator's)? */
  needsTwoPeople: (roles: readonly string[]) => boolean;
  roleLabel: (role: string) => string;
}

export const ALL_ORGS = '*';

export function permissionsOf(policy: Policy, assignments: readonly ScopedRole[]): Permissions {
  const byRole = new Map<string, RoleInfo>(policy.roles.map((r) => [r.role, r]));
  const allows = (role: string, action: string) => byRole.get(role)?.actions.includes(action) ?? false;
  const platformOnly = new Set(policy.platformActions);
  // As the server's scopeFor: a platform-wide assignment allows everywhere; a platform action needs one.
  const canEverywhere = (action: string) => assignments.some((a) => a.scopeOrgId === ALL_ORGS && allows(a.role, action));
  const can = (action: string) =>
    canEverywhere(action) || (!platformOnly.has(action) && assignments.some((a) => a.scopeOrgId !== ALL_ORGS && allows(a.role, action)));
  const everyAction = [...new Set(policy.roles.flatMap((r) => r.actions))];
  return {
    actions: everyAction.filter(can),
    can,
    canEverywhere,
    needsTwoPeople: (roles) => roles.some((r) => byRole.get(r)?.twoPersonReset ?? false),
    roleLabel: (role) => byRole.get(role)?.label ?? role,
  };
}

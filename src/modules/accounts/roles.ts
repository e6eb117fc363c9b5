/**
 * Roles and what each may do, as data (docs/contract.md "Command line", the roles of `gongkai user add`; docs/product.md §1).
 *
 * A role is granted on an organisation and covers that organisation's subtree, or on '*'
 * (the whole deployment, e.g. a provincial platform's administrators). Anything not listed
 * here is denied. The three administrator roles are kept apart (三员分立, 等保 2.0):
 * the system administrator runs the system but cannot grant roles, the security administrator
 * grants roles and handles accounts' security but cannot touch content, and the auditor only
 * reads the audit log.
 */
export const ROLES = ['editor', 'unit-reviewer', 'office', 'leader', 'expert', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  editor: '信息员',
  'unit-reviewer': '科室审核人',
  office: '公开办',
  leader: '领导',
  expert: '专家',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/** Roles whose holders must use a second factor (TOTP) to sign in. */
export const TOTP_ROLES: readonly Role[] = ADMIN_ROLES;

export const ACTIONS = [
  // organisations and the agency profile
  'org.read',
  'org.create-agency',
  'unit.create',
  'unit.update',
  'profile.update',
  // people and permissions
  'user.read',
  'user.create',
  'user.update',
  'user.disable',
  'user.reset-password',
  /** Request or approve a two-person reset of an administrator's password or second factor. */
  'user.reset-admin',
  'role.grant',
  // audit log
  'audit.read',
  // system settings
  'settings.update',
  // working-day calendar and deadlines
  'calendar.edit',
  'deadline.manage',
  // content (used by the catalog and publishing modules)
  'item.create',
  'item.edit',
  'item.submit',
  'item.review-unit',
  'item.approve',
  'item.publish',
  'item.withdraw',
  'catalog.edit',
  // citizen interaction (messages, FAQ, solicitations)
  'message.read',
  'message.reply',
  'message.route',
  'interaction.manage',
  // statistics and assessment
  'stats.read',
  'assessment.score',
] as const;
export type Action = (typeof ACTIONS)[number];

export const POLICY: Record<Role, readonly Action[]> = {
  editor: ['org.read', 'item.create', 'item.edit', 'item.submit', 'message.read', 'message.reply'],
  'unit-reviewer': ['org.read', 'item.edit', 'item.review-unit', 'message.read', 'message.reply'],
  office: [
    'org.read',
    'unit.create',
    'unit.update',
    'profile.update',
    'user.read',
    'item.create',
    'item.edit',
    'item.submit',
    'item.approve',
    'item.publish',
    'item.withdraw',
    'catalog.edit',
    'stats.read',
    'calendar.edit',
    'deadline.manage',
    'message.read',
    'message.reply',
    'message.route',
    'interaction.manage',
  ],
  leader: ['org.read', 'item.approve', 'stats.read', 'message.read'],
  expert: ['assessment.score'],
  sysadmin: [
    'org.read',
    'org.create-agency',
    'unit.create',
    'unit.update',
    'profile.update',
    'user.read',
    'user.create',
    'user.update',
    'user.disable',
    'user.reset-admin',
    'settings.update',
    'calendar.edit',
  ],
  secadmin: ['org.read', 'user.read', 'user.disable', 'user.reset-password', 'user.reset-admin', 'role.grant'],
  auditor: ['audit.read'],
};

/**
 * The assignments a session carries. Roles that need the second factor count only on a session whose sign-in
 * verified a TOTP code: a role granted to someone already signed in with a password alone stays withheld until
 * they sign in again with the code (enrolling first if they have none). Their other roles keep working.
 */
export function effectiveAssignments(
  assignments: readonly Assignment[],
  totpVerified: boolean,
): { effective: Assignment[]; withheld: Role[] } {
  if (totpVerified) return { effective: [...assignments], withheld: [] };
  const effective = assignments.filter((a) => !TOTP_ROLES.includes(a.role));
  const withheld = [...new Set(assignments.filter((a) => TOTP_ROLES.includes(a.role)).map((a) => a.role))];
  return { effective, withheld };
}

/** Actions that only make sense deployment-wide: granted through a '*' assignment only. */
export const PLATFORM_ACTIONS: readonly Action[] = ['org.create-agency'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, action: Action): boolean {
  return POLICY[role].includes(action);
}

export interface Assignment {
  role: Role;
  /** '*' for the whole deployment, otherwise the organisation id. */
  scopeOrgId: string;
  /** Materialised path of the scope organisation ('' for '*'). */
  scopePath: string;
}

export interface Principal {
  userId: string;
  username: string;
  assignments: readonly Assignment[];
}

export const ALL_ORGS = '*';

/** The organisations `principal` may perform `action` on: everything, or the subtrees under these paths. */
export type Scope = { all: true } | { all: false; paths: string[] };

export function scopeFor(principal: Principal, action: Action): Scope {
  const paths: string[] = [];
  for (const a of principal.assignments) {
    if (!roleAllows(a.role, action)) continue;
    if (a.scopeOrgId === ALL_ORGS) return { all: true };
    if (PLATFORM_ACTIONS.includes(action)) continue;
    // A malformed assignment without a path must not become "everything": deny by default.
    if (!a.scopePath.startsWith('/')) continue;
    paths.push(a.scopePath);
  }
  return { all: false, paths: minimalPrefixes(paths) };
}

/** May `principal` perform `action` on the organisation at `orgPath` (or deployment-wide when undefined)? */
export function can(principal: Principal, action: Action, orgPath?: string): boolean {
  const scope = scopeFor(principal, action);
  if (scope.all) return true;
  if (orgPath === undefined) return false;
  return scope.paths.some((p) => orgPath.startsWith(p));
}

/** Does `principal` hold `action` anywhere at all (for lists that the scope filter then narrows)? */
export function canAny(principal: Principal, action: Action): boolean {
  const scope = scopeFor(principal, action);
  return scope.all || scope.paths.length > 0;
}

function minimalPrefixes(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

export type GrantRefusal =
  | 'self-grant'
  | 'admin-role-conflict'
  | 'not-permitted';

/**
 * The separation-of-duties rules for granting a role, beyond the plain permission check:
 * nobody grants a role to themselves, and one person holds at most one administrator role.
 */
export function checkGrant(
  granter: Principal,
  targetUserId: string,
  targetRoles: readonly Role[],
  role: Role,
  scopePath: string | undefined,
): GrantRefusal | null {
  if (!can(granter, 'role.grant', scopePath)) return 'not-permitted';
  if (granter.userId === targetUserId) return 'self-grant';
  if (ADMIN_ROLES.includes(role)) {
    if (targetRoles.some((r) => ADMIN_ROLES.includes(r) && r !== role)) return 'admin-role-conflict';
    if (targetRoles.some((r) => !ADMIN_ROLES.includes(r))) return 'admin-role-conflict';
  } else if (targetRoles.some((r) => ADMIN_ROLES.includes(r))) {
    return 'admin-role-conflict';
  }
  return null;
}

export const GRANT_REFUSAL_MESSAGES: Record<GrantRefusal, string> = {
  'self-grant': '不能为自己授予角色',
  'admin-role-conflict': '三员分立：系统管理员、安全管理员、审计管理员不能兼任，也不能兼任业务角色',
  'not-permitted': '无权在该机构授予角色',
};

/** The signed-in staff member of a request. */
export interface StaffPrincipal extends Principal {
  displayName: string;
  orgId: string;
  sessionId: string;
  csrfToken: string;
  /**
   * Roles the user holds that this session does not carry: administrator roles on a session signed in
   * without the second factor (docs/adr/0005). `code` says what the user must do: sign in with a code, or enrol.
   */
  withheld: { roles: Role[]; code: 'totp_required' | 'totp_enrollment_required' } | null;
}

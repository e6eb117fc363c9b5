// Shapes of the /api/v1 answers the console uses (see src/modules/*/…schemas.ts on the server).

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  assignments?: { role: string; scopeOrgId: string; orgCode?: string; orgName?: string }[];
  /** The server's own list of the actions held somewhere; the console derives its flags from the policy (permissions.ts). */
  permissions?: string[];
  /** Administrator roles held but not effective on this session (signed in without the second factor). */
  withheld?: { roles: string[]; code: 'totp_required' | 'totp_enrollment_required' } | null;
}

export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface RoleInfo {
  role: string;
  label: string;
  actions: string[];
  /** Holders sign in with a second factor. */
  secondFactor: boolean;
  /** A holder's password or second factor is reset by two people. */
  twoPersonReset: boolean;
}

/** The policy as data (GET /api/v1/roles). */
export interface Policy {
  roles: RoleInfo[];
  /** Actions only a platform-wide ('*') assignment grants. */
  platformActions: string[];
}

export interface Org {
  id: string;
  code: string;
  name: string;
  kind: 'agency' | 'unit';
  parentId: string | null;
  agencyId: string;
  description: string | null;
  orgCode: string | null;
  creditCode: string | null;
  siteCode: string | null;
  sponsor: string | null;
  address: string | null;
  postcode: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  icp: string | null;
  disclosureOfficer: string | null;
  indexTemplate?: string | null;
  host: string | null;
  sortOrder: number;
  timezone: string;
  version: number;
  updatedAt: string;
}

export interface RoleAssignment {
  id: string;
  role: string;
  /** Organisation code, or '*' for the whole platform. */
  org: string;
  orgName: string | null;
  grantedAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  org: string;
  orgName: string;
  email: string | null;
  phone: string | null;
  status: 'active' | 'disabled';
  totpEnrolled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: RoleAssignment[];
  version: number;
  createdAt: string;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  summary: unknown;
  ip: string | null;
  requestId: string | null;
  outcome: string;
  hash: string;
}

export interface TotpEnrollment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export interface PersonRef {
  id: string;
  username: string;
  displayName: string;
}

/** A two-person reset of an administrator's password or second factor (/api/v1/reset-requests). */
export interface ResetRequest {
  id: string;
  kind: 'password' | 'totp';
  reason: string;
  state: 'pending' | 'approved' | 'refused' | 'expired';
  user: PersonRef;
  requestedBy: PersonRef;
  requestedAt: string;
  expiresAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  comment: string | null;
  canDecide: boolean;
}

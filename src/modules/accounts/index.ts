/** Staff accounts, roles as data, sign-in with a second factor, sessions, two-person resets (docs/adr/0004, 0005). */
export { ANYWHERE, authorize, requirePermission } from './authorize.js';
export { operatorCaller, systemCaller, type Caller, type PublicCaller } from './caller.js';
export { grantRole } from './grants.commands.js';
export { ALL_ORGS, can, isRole, roleAllows, ROLES, scopeFor, type Action, type Principal, type Role, type Scope, type StaffPrincipal } from './roles.js';
export { resolveSession, SESSION_COOKIE } from './sessions.js';
export { createUser } from './users.commands.js';
export { accountsHeldBy, firstAgencyCode } from './accounts.repo.js';

import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Principal, Role } from '../modules/accounts/roles.js';
import type { AuditSeal } from '../modules/audit/seal.js';
import type { EventBus } from '../shared/events.js';
import type { OpenApiRegistry } from './openapi.js';

/** What every module's routes and commands are given: no global singletons. */
export interface AppContext {
  db: Db;
  config: Config;
  /** The current time; tests replace it to move through idle timeouts and lockouts. */
  clock: () => Date;
  openapi: OpenApiRegistry;
  /** Domain events, relayed across instances through Redis when configured. */
  events: EventBus;
  /** The audit chain's key and checkpoints, kept outside the database. */
  auditSeal: AuditSeal;
}

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

declare module 'fastify' {
  interface FastifyRequest {
    principal: StaffPrincipal | null;
  }
}

import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { AuditSeal } from '../modules/audit/index.js';
import type { EventBus } from './events.js';
import type { Hooks } from './hooks.js';

/** What every module's routes and commands are given: no global singletons. */
export interface AppContext {
  db: Db;
  config: Config;
  /** The current time; tests replace it to move through idle timeouts and lockouts. */
  clock: () => Date;
  /** Side effects other modules attach to a change, run in the changing transaction (shared/hooks.ts). */
  hooks: Hooks;
  /** Domain events, relayed across instances through Redis when configured. */
  events: EventBus;
  /** The audit chain's key and checkpoints, kept outside the database. */
  auditSeal: AuditSeal;
}


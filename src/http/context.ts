import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AuditSeal } from '../modules/audit/index.js';
import type { AppContext } from '../shared/context.js';
import { EventBus } from '../shared/events.js';
import { moduleHooks } from './modules.js';

export interface ContextOptions {
  db: Db;
  config: Config;
  /** The current time (tests move it by hand); the wall clock by default. */
  clock?: () => Date;
  /** Where the audit seal reports a checkpoint it could not write: the app's log, or a warning on the command line. */
  onAuditError: (err: unknown, message: string) => void;
}

/**
 * The one way an application context is made, for the server (http/app.ts) and every command of the command line:
 * the database, settings and clock given, the modules' hooks, an event bus (connected to Redis by the caller when
 * configured) and the audit seal (its key and checkpoints outside the database).
 */
export function createAppContext(options: ContextOptions): AppContext {
  const { db, config } = options;
  const clock = options.clock ?? (() => new Date());
  const auditSeal = new AuditSeal({ settings: config.audit, db, clock, redisUrl: config.redisUrl, onError: options.onAuditError });
  return { db, config, clock, hooks: moduleHooks(), events: new EventBus(), auditSeal };
}

import type { AppContext } from '../../shared/context.js';
import { SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import type { StaffPrincipal } from './roles.js';

/**
 * Who asks for a command: the one caller argument of every command (docs/adr/0016). The command authorises the
 * principal against what it loads, owns its transaction, writes the audit record as `actor` inside it, and returns
 * the changed view, so that a route never reloads what it changed.
 */
export interface Caller<P extends StaffPrincipal | null = StaffPrincipal> {
  ctx: AppContext;
  /** The signed-in staff member; null for a citizen's request or the system's own work. */
  principal: P;
  actor: Actor;
}

/** A caller that may be anonymous (a citizen's submission, a public page's form). */
export type PublicCaller = Caller<StaffPrincipal | null>;

/** The system acting on its own (scheduled publication, reminders, housekeeping). */
export function systemCaller(ctx: AppContext): PublicCaller {
  return { ctx, principal: null, actor: SYSTEM_ACTOR };
}

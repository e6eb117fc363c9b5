import type { AppContext } from '../../shared/context.js';
import { cliActor, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
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

/**
 * The operator at the command line, or the demo seed acting as one: no principal, so the command acts with the
 * installation's authority (authorize lets it pass), recorded under `actor` (`cli:<os user>` by default).
 */
export function operatorCaller(ctx: AppContext, actor: Actor = cliActor()): PublicCaller {
  return { ctx, principal: null, actor };
}

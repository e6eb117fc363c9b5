import { authorize, can, scopeFor, type Action, type Caller, type StaffPrincipal } from '../accounts/index.js';
import type { MessageWithContext } from './messages.repo.js';

type Paths = Pick<MessageWithContext, 'agency_path' | 'unit_path'>;

/** The office of the message's agency: it routes, reviews, dismisses and publishes. Null is the system. */
export function isOffice(principal: StaffPrincipal | null, m: Paths): boolean {
  return !principal || can(principal, 'message.route', m.agency_path);
}

/** The unit the message is assigned to: it replies, transfers or returns it. */
export function isUnitHandler(principal: StaffPrincipal | null, m: Paths): boolean {
  return !principal || (!!m.unit_path && can(principal, 'message.reply', m.unit_path));
}

/** The office of the message's agency, or the unit it is assigned to: who handles it, and so sees its contact. */
export function handles(principal: StaffPrincipal | null, m: Paths): boolean {
  return isOffice(principal, m) || isUnitHandler(principal, m);
}

/** Who may read the message at all: `message.read` on its agency (the office, leaders) or on its unit. */
export function mayRead(principal: StaffPrincipal | null, m: Paths): boolean {
  return !principal || can(principal, 'message.read', m.agency_path) || (!!m.unit_path && can(principal, 'message.read', m.unit_path));
}

/**
 * Reading the agency's settings and reply templates is part of handling its messages, whether the handler's role
 * covers the whole agency (the office) or one unit of it (a unit's editor): allowed when an assignment allowing
 * one of `actions` lies on the agency's path, above it or below it. Refusals are audited like any other.
 */
export async function authorizeWithin(caller: Caller, actions: readonly Action[], agencyPath: string): Promise<void> {
  const within = actions.some((a) => {
    const scope = scopeFor(caller.principal, a);
    return scope.all || scope.paths.some((p) => p.startsWith(agencyPath) || agencyPath.startsWith(p));
  });
  if (!within) await authorize(caller.ctx, caller.principal, caller.actor, actions, agencyPath);
}

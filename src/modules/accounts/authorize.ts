import type { AppContext, StaffPrincipal } from '../../http/context.js';
import { forbidden } from '../../http/errors.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { can, canAny, type Action } from './roles.js';

/** Pass as orgPath when the action is allowed if held anywhere (a list that the scope filter narrows). */
export const ANYWHERE = Symbol('anywhere');

/**
 * Throws 403 unless the policy lets `principal` do `action` on the organisation at `orgPath`.
 * A null principal is the command line, which acts with the operator's authority over the installation.
 * Refusals are audited too: repeated denied attempts are what an auditor looks for.
 */
export async function authorize(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  action: Action,
  orgPath: string | undefined | typeof ANYWHERE,
  object?: { type: string; id?: string },
): Promise<void> {
  if (principal === null) return;
  if (orgPath === ANYWHERE ? canAny(principal, action) : can(principal, action, orgPath)) return;
  await recordAudit(ctx, actor, {
    action,
    outcome: 'denied',
    orgPath: orgPath === ANYWHERE ? null : (orgPath ?? null),
    ...(object ? { objectType: object.type, ...(object.id ? { objectId: object.id } : {}) } : {}),
  });
  throw forbidden();
}

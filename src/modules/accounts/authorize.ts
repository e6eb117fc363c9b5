import type { AppContext } from '../../shared/context.js';
import type { PublicCaller } from './caller.js';
import type { StaffPrincipal } from './roles.js';
import { AppError, forbidden } from '../../shared/errors.js';
import { recordAudit, type Actor } from '../audit/index.js';
import { can, canAny, roleAllows, type Action } from './roles.js';

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
  action: Action | readonly Action[],
  orgPath: string | undefined | typeof ANYWHERE,
  object?: { type: string; id?: string },
): Promise<void> {
  if (principal === null) return;
  // A list of actions: any one of them suffices (e.g. reading an item's history as its editor or its approver).
  const actions: readonly Action[] = typeof action === 'string' ? [action] : action;
  const allowed = (a: Action) => (orgPath === ANYWHERE ? canAny(principal, a) : can(principal, a, orgPath));
  if (actions.some(allowed)) return;
  // A role held but withheld from this session (no second factor at sign-in) would allow it: say what to do.
  const withheld = principal.withheld;
  const needsSecondFactor = withheld !== null && withheld.roles.some((r) => actions.some((a) => roleAllows(r, a)));
  await recordAudit(ctx, actor, {
    action: actions.join('|'),
    outcome: 'denied',
    orgPath: orgPath === ANYWHERE ? null : (orgPath ?? null),
    ...(object ? { objectType: object.type, ...(object.id ? { objectId: object.id } : {}) } : {}),
    ...(needsSecondFactor ? { summary: { reason: withheld.code } } : {}),
  });
  if (!needsSecondFactor) throw forbidden();
  throw new AppError(
    403,
    withheld.code,
    withheld.code === 'totp_required'
      ? '管理员角色须使用动态验证码登录后才能使用，请退出后重新登录'
      : '管理员角色须先绑定动态验证码，请退出后重新登录并按提示绑定',
  );
}

/** authorize() for a command's caller: 403 (audited) unless the caller's principal may do `action` there. */
export function requirePermission(
  caller: PublicCaller,
  action: Action | readonly Action[],
  orgPath: string | undefined | typeof ANYWHERE,
  object?: { type: string; id?: string },
): Promise<void> {
  return authorize(caller.ctx, caller.principal, caller.actor, action, orgPath, object);
}

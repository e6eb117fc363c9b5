import { decisionRefusal } from './credentials.js';
import type { ResetRow } from './resets.repo.js';
import type { ResetRequestOut } from './resets.schemas.js';
import { can, type StaffPrincipal } from './roles.js';

/** A reset request as its reader sees it: may they decide it (pending, in their scope, a true second person)? */
export function presentReset(r: ResetRow, reader: StaffPrincipal): ResetRequestOut {
  const decider = r.decided_by && r.decider_username ? { id: r.decided_by, username: r.decider_username, displayName: r.decider_display_name! } : null;
  return {
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    state: r.state,
    user: { id: r.user_id, username: r.user_username, displayName: r.user_display_name },
    requestedBy: { id: r.requested_by, username: r.requester_username, displayName: r.requester_display_name },
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    decidedBy: decider,
    decidedAt: r.decided_at,
    comment: r.comment,
    canDecide:
      r.state === 'pending' && can(reader, 'user.reset-admin', r.org_path) && decisionRefusal(reader.userId, r, 'approve') === null,
  };
}

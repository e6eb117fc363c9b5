import type { Queryable } from '../../db/database.js';
import { ALL_ORGS, ROLES, roleAllows, type Action } from '../accounts/index.js';

export interface StaffRecipient {
  userId: string;
  email: string;
  displayName: string;
}

/** The paths of an organisation and of every organisation above it: `/a/b/` → `/a/`, `/a/b/`. */
export function pathsAbove(orgPath: string): string[] {
  const ids = orgPath.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/**
 * Active staff with an e-mail address whose role assignment allows `action` on the organisation: the
 * assignment's scope is the organisation, one above it, or the whole deployment ('*'). Ordered by user id, so
 * concurrent jobs queue their mails in the same order.
 */
export async function staffAllowed(q: Queryable, orgId: string, action: Action): Promise<StaffRecipient[]> {
  const org = await q.selectFrom('organisations').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!org) return [];
  const roles = ROLES.filter((r) => roleAllows(r, action));
  const rows = await q
    .selectFrom('users as u')
    .innerJoin('role_assignments as ra', 'ra.user_id', 'u.id')
    .leftJoin('organisations as s', 's.id', 'ra.scope_org_id')
    .select(['u.id', 'u.email', 'u.display_name'])
    .distinct()
    .where('u.status', '=', 'active')
    .where('u.email', 'is not', null)
    .where('u.email', '<>', '')
    .where('ra.role', 'in', roles)
    .where((eb) => {
      const above = pathsAbove(org.path);
      const everywhere = eb('ra.scope_org_id', '=', ALL_ORGS);
      return above.length > 0 ? eb.or([everywhere, eb('s.path', 'in', above)]) : everywhere;
    })
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email!, displayName: r.display_name }));
}

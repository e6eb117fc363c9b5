// The console's permission flags come from the policy the server sends; they must agree with the server's own rules.
import { describe, expect, it } from 'vitest';
import { rolesView } from '../../src/modules/accounts/session.present.js';
import { ACTIONS, ALL_ORGS, can, canAny, ROLES, type Assignment, type Role } from '../../src/modules/accounts/roles.js';
import { needsTwoPeople } from '../../src/modules/accounts/credentials.js';
import { permissionsOf } from '../../web/console/src/permissions.js';

const policy = rolesView();

function assignment(role: Role, platformWide: boolean): Assignment {
  return platformWide ? { role, scopeOrgId: ALL_ORGS, scopePath: '' } : { role, scopeOrgId: `org-${role}`, scopePath: `/agency/org-${role}/` };
}

describe('console permissions derived from the policy', () => {
  // Every single role, scoped and platform-wide, and every pair of them.
  const cases: Assignment[][] = [
    [],
    ...ROLES.flatMap((r) => [[assignment(r, false)], [assignment(r, true)]]),
    ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [assignment(a, false), assignment(b, true)])),
  ];

  it.each(cases.map((c) => [c.map((a) => `${a.role}@${a.scopeOrgId === ALL_ORGS ? '*' : 'org'}`).join('+') || 'none', c] as const))(
    '%s: the same actions as the server grants somewhere and everywhere',
    (_name, assignments) => {
      const principal = { userId: 'u', username: 'u', assignments };
      const console = permissionsOf(policy, assignments);
      expect([...console.actions].sort()).toEqual(ACTIONS.filter((a) => canAny(principal, a)).sort());
      for (const action of ACTIONS) {
        expect(console.can(action)).toBe(canAny(principal, action));
        expect(console.canEverywhere(action)).toBe(can(principal, action));
      }
    },
  );

  it('knows whose credentials two people reset, and the roles’ names', () => {
    const console = permissionsOf(policy, []);
    for (const role of ROLES) expect(console.needsTwoPeople([role])).toBe(needsTwoPeople([role]));
    expect(console.needsTwoPeople(['editor', 'unknown'])).toBe(false);
    expect(console.roleLabel('secadmin')).toBe('安全管理员');
    expect(console.roleLabel('unknown')).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIONS, can, checkGrant, ROLES, scopeFor, type Action, type Principal, type Role } from './roles.js';

/**
 * The full role × action matrix, written out independently of POLICY: a change to who may do what
 * has to be made in both places, on purpose. Y = allowed on the organisation's subtree.
 */
const MATRIX: Record<Action, string> = {
  //                     editor unit-rev office leader expert sysadm secadm auditor
  'org.read':            'Y      Y        Y      Y      .      Y      Y      .',
  'org.create-agency':   '.      .        .      .      .      Y      .      .',
  'unit.create':         '.      .        Y      .      .      Y      .      .',
  'unit.update':         '.      .        Y      .      .      Y      .      .',
  'profile.update':      '.      .        Y      .      .      Y      .      .',
  'user.read':           '.      .        Y      .      .      Y      Y      .',
  'user.create':         '.      .        .      .      .      Y      .      .',
  'user.update':         '.      .        .      .      .      Y      .      .',
  'user.disable':        '.      .        .      .      .      Y      Y      .',
  'user.reset-password': '.      .        .      .      .      .      Y      .',
  'user.reset-admin':    '.      .        .      .      .      Y      Y      .',
  'role.grant':          '.      .        .      .      .      .      Y      .',
  'audit.read':          '.      .        .      .      .      .      .      Y',
  'settings.update':     '.      .        .      .      .      Y      .      .',
  'calendar.edit':       '.      .        Y      .      .      Y      .      .',
  'deadline.manage':     '.      .        Y      .      .      .      .      .',
  'item.create':         'Y      .        Y      .      .      .      .      .',
  'item.edit':           'Y      Y        Y      .      .      .      .      .',
  'item.submit':         'Y      .        Y      .      .      .      .      .',
  'item.review-unit':    '.      Y        .      .      .      .      .      .',
  'item.approve':        '.      .        Y      Y      .      .      .      .',
  'item.publish':        '.      .        Y      .      .      .      .      .',
  'item.withdraw':       '.      .        Y      .      .      .      .      .',
  'catalog.edit':        '.      .        Y      .      .      .      .      .',
  'message.read':        'Y      Y        Y      Y      .      .      .      .',
  'message.reply':       'Y      Y        Y      .      .      .      .      .',
  'message.route':       '.      .        Y      .      .      .      .      .',
  'interaction.manage':  '.      .        Y      .      .      .      .      .',
  'stats.read':          '.      .        Y      Y      .      .      .      .',
  'assessment.score':    '.      .        .      .      Y      .      .      .',
};

const AGENCY = '/agency/';
const UNIT = '/agency/unit/';
const OTHER_AGENCY = '/other/';

function holder(role: Role, scopePath = AGENCY): Principal {
  return { userId: 'u1', username: 'u1', assignments: [{ role, scopeOrgId: 'x', scopePath }] };
}

describe('policy matrix', () => {
  it('lists every action', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    const cells = MATRIX[action].trim().split(/\s+/);
    ROLES.forEach((role, i) => {
      const allowed = cells[i] === 'Y';
      const onSubtree = action === 'org.create-agency' ? false : allowed;
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(holder(role), action, UNIT)).toBe(onSubtree);
        // never outside the subtree the role was granted on
        expect(can(holder(role), action, OTHER_AGENCY)).toBe(false);
        // a malformed assignment without a path grants nothing
        expect(can(holder(role, ''), action, OTHER_AGENCY)).toBe(false);
        // deployment-wide grants reach everything the role allows
        const platform: Principal = { userId: 'u', username: 'u', assignments: [{ role, scopeOrgId: '*', scopePath: '' }] };
        expect(can(platform, action, OTHER_AGENCY)).toBe(allowed);
      });
    });
  }
});

describe('scopes', () => {
  it('merges nested grants to the outermost subtree', () => {
    const p: Principal = {
      userId: 'u',
      username: 'u',
      assignments: [
        { role: 'editor', scopeOrgId: 'a', scopePath: '/a/b/' },
        { role: 'office', scopeOrgId: 'b', scopePath: '/a/' },
        { role: 'editor', scopeOrgId: 'c', scopePath: '/c/' },
      ],
    };
    expect(scopeFor(p, 'item.create')).toEqual({ all: false, paths: ['/a/', '/c/'] });
    expect(scopeFor(p, 'audit.read')).toEqual({ all: false, paths: [] });
  });
});

describe('separation of duties (三员分立)', () => {
  const secadmin: Principal = { userId: 's', username: 's', assignments: [{ role: 'secadmin', scopeOrgId: '*', scopePath: '' }] };
  const sysadmin: Principal = { userId: 'y', username: 'y', assignments: [{ role: 'sysadmin', scopeOrgId: '*', scopePath: '' }] };

  it('only the security administrator grants roles', () => {
    expect(checkGrant(sysadmin, 'other', [], 'editor', AGENCY)).toBe('not-permitted');
    expect(checkGrant(secadmin, 'other', [], 'editor', AGENCY)).toBeNull();
  });
  it('nobody grants a role to themselves', () => {
    expect(checkGrant(secadmin, 's', ['secadmin'], 'auditor', AGENCY)).toBe('self-grant');
  });
  it('one person holds at most one administrator role and no business role beside it', () => {
    expect(checkGrant(secadmin, 'other', ['sysadmin'], 'auditor', AGENCY)).toBe('admin-role-conflict');
    expect(checkGrant(secadmin, 'other', ['editor'], 'auditor', AGENCY)).toBe('admin-role-conflict');
    expect(checkGrant(secadmin, 'other', ['auditor'], 'editor', AGENCY)).toBe('admin-role-conflict');
    expect(checkGrant(secadmin, 'other', ['editor'], 'office', AGENCY)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { decisionRefusal, needsTwoPeople } from './credentials.js';
import { generateOneTimePassword, passwordProblem } from './password.js';
import { effectiveAssignments, type Assignment } from './roles.js';

describe('second factor per session', () => {
  const editor: Assignment = { role: 'editor', scopeOrgId: 'a', scopePath: '/a/' };
  const auditor: Assignment = { role: 'auditor', scopeOrgId: '*', scopePath: '' };
  it('withholds the roles that need TOTP from a password-only session and keeps the others', () => {
    expect(effectiveAssignments([editor, auditor], false)).toEqual({ effective: [editor], withheld: ['auditor'] });
    expect(effectiveAssignments([editor, auditor], true)).toEqual({ effective: [editor, auditor], withheld: [] });
    expect(effectiveAssignments([editor], false)).toEqual({ effective: [editor], withheld: [] });
  });
});

describe('two-person resets', () => {
  it('needs two people for the three administrators only', () => {
    for (const r of ['sysadmin', 'secadmin', 'auditor'] as const) expect(needsTwoPeople([r])).toBe(true);
    expect(needsTwoPeople(['office', 'editor'])).toBe(false);
  });
  it('never lets the requester approve, nor the account owner decide', () => {
    const request = { requested_by: 'req', user_id: 'owner' };
    expect(decisionRefusal('req', request, 'approve')).toBe('requester_approval');
    expect(decisionRefusal('owner', request, 'approve')).toBe('self_approval');
    expect(decisionRefusal('owner', request, 'refuse')).toBe('self_approval');
    expect(decisionRefusal('req', request, 'refuse')).toBeNull();
    expect(decisionRefusal('third', request, 'approve')).toBeNull();
  });
  it('makes one-time passwords that are random and meet the password rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateOneTimePassword('abcd');
      expect(p).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(passwordProblem(p, 'abcd')).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

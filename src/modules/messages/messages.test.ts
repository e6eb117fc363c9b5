import { describe, expect, it } from 'vitest';
import { contactKey, contactKind, maskContact } from '../../shared/contact.js';
import { maskForPublic } from './publication.commands.js';
import { canonicalTrackingCode, newTrackingCode } from './tracking.js';
import { accountabilityProblems, allowedIn, nextState, MESSAGE_STATES, type MessageAction } from './workflow.js';

describe('tracking codes', () => {
  it('are 16 Crockford base32 characters in groups of four, and differ every time', () => {
    const codes = new Set(Array.from({ length: 2000 }, newTrackingCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(canonicalTrackingCode(c)).toBe(c);
  });

  it('are recognised however they are typed', () => {
    expect(canonicalTrackingCode(' 0abc-defg-hjkm-npqr ')).toBe('0ABC-DEFG-HJKM-NPQR');
    expect(canonicalTrackingCode('oabcdefghjkmnpqr')).toBe('0ABC-DEFG-HJKM-NPQR');
    expect(canonicalTrackingCode('1ABC DEFG HJKM NPQl')).toBe('1ABC-DEFG-HJKM-NPQ1');
    expect(canonicalTrackingCode('ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ－ＰＱＲＳ')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(canonicalTrackingCode('UUUU-0000-0000-0000')).toBeNull();
    expect(canonicalTrackingCode('ABC')).toBeNull();
  });
});

describe('contacts', () => {
  it('accepts e-mail, mobile and landline numbers and keys them alike however written', () => {
    expect(contactKind('a.b@example.gov.cn')).toBe('email');
    expect(contactKind('138 0013 8000')).toBe('mobile');
    expect(contactKind('0571-87654321')).toBe('landline');
    expect(contactKind('hello')).toBeNull();
    expect(contactKey('+86 138-0013-8000')).toBe(contactKey('13800138000'));
    expect(contactKey('A@Example.CN')).toBe(contactKey('a@example.cn'));
  });

  it('is masked for staff who do not handle the message', () => {
    expect(maskContact('zhang@example.cn')).toBe('z***@example.cn');
    expect(maskContact('13800138000')).toBe('*******8000');
  });
});

describe('the message state machine', () => {
  const ACTIONS: MessageAction[] = ['assign', 'transfer', 'return', 'reply', 'release', 'send-back', 'dismiss'];

  it('allows each action only from its states and never out of a closed state', () => {
    for (const action of ACTIONS) {
      expect(allowedIn('answered', action)).toBe(false);
      expect(allowedIn('dismissed', action)).toBe(false);
    }
    expect(nextState('received', 'assign', false)).toBe('assigned');
    expect(nextState('received', 'reply', false)).toBeNull();
    expect(nextState('assigned', 'reply', false)).toBe('answered');
    expect(nextState('assigned', 'reply', true)).toBe('reviewing');
    expect(nextState('reviewing', 'send-back', true)).toBe('assigned');
    expect(nextState('reviewing', 'release', true)).toBe('answered');
    expect(nextState('assigned', 'return', false)).toBe('received');
    expect(nextState('reviewing', 'dismiss', false)).toBeNull();
    for (const s of MESSAGE_STATES) for (const a of ACTIONS) expect(nextState(s, a, true) === null).toBe(!allowedIn(s, a));
  });

  it('requires the accountability fields for complaints only', () => {
    expect(accountabilityProblems('consultation', {})).toEqual({});
    expect(Object.keys(accountabilityProblems('complaint', { investigation: ' ', responsibleUnit: '窗口' }))).toEqual(['investigation', 'measures']);
  });
});

describe('the public copy of a question', () => {
  it('masks ID numbers, phones and the asker’s name', () => {
    const out = maskForPublic('我是李四，身份证110101199003074258，手机13800138000，李四的问题', '李四');
    expect(out).not.toMatch(/110101199003074258|13800138000|李四/);
    expect(out).toContain('李*');
  });
});

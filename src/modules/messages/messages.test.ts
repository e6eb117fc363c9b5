import { describe, expect, it } from 'vitest';
import { contactKey, contactKind, isEmail, maskContact } from '../../shared/contact.js';
import { citizenAnsweredMail } from './notification-texts.js';
import { maskForPublic } from './publication.commands.js';
import { canonicalTrackingCode, newTrackingCode } from './tracking.js';
import type { StaffPrincipal } from '../accounts/index.js';
import { accountabilityProblems, inReportingOrder, MESSAGE_STATES, MESSAGE_WORKFLOW, possibleActions, type MessageAction, type MessageFacts, type MessageState } from './workflow.js';

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

  it('is mailed only when it is a plain e-mail address', () => {
    expect(isEmail('zhang.san@mail.example.cn')).toBe(true);
    for (const v of ['13800138000', '010-12345678', 'a@b', '张三 <a@b.cn>', 'a@b.cn, c@d.cn', 'a b@c.cn', '']) expect(isEmail(v)).toBe(false);
  });

  it('is masked for staff who do not handle the message', () => {
    expect(maskContact('zhang@example.cn')).toBe('z***@example.cn');
    expect(maskContact('13800138000')).toBe('*******8000');
  });
});

describe('the message workflow', () => {
  const HANDLING: MessageAction[] = ['assign', 'transfer', 'return', 'reply', 'release', 'send-back', 'dismiss'];
  const message = { type: 'consultation', agency_path: '/a/', unit_path: '/a/u/', unit_id: 'u', draft_by: 'drafter', public_consent: 1, rating: null };
  const facts = (state: MessageState, more: Partial<MessageFacts> = {}): MessageFacts => ({ message: { ...message, state }, principal: null, reviewRequired: false, ...more });
  const to = (state: MessageState, action: MessageAction, more: Partial<MessageFacts> = {}) => {
    const d = MESSAGE_WORKFLOW.decide(state, action, facts(state, more));
    return d.ok ? d.to : null;
  };
  const staff = (userId: string, role: 'office' | 'editor', scope: string) =>
    ({ userId, username: userId, displayName: userId, assignments: [{ role, scopeOrgId: scope, scopePath: scope }], withheld: null }) as unknown as StaffPrincipal;

  it('allows each action only from its states and never handles a closed message', () => {
    for (const action of HANDLING) {
      expect(MESSAGE_WORKFLOW.allowedIn('answered', action)).toBe(false);
      expect(MESSAGE_WORKFLOW.allowedIn('dismissed', action)).toBe(false);
    }
    expect(to('received', 'assign')).toBe('assigned');
    expect(to('received', 'reply')).toBeNull();
    expect(to('assigned', 'reply')).toBe('answered');
    expect(to('assigned', 'reply', { reviewRequired: true })).toBe('reviewing');
    expect(to('reviewing', 'send-back')).toBe('assigned');
    expect(to('reviewing', 'release')).toBe('answered');
    expect(to('assigned', 'return')).toBe('received');
    expect(to('reviewing', 'dismiss')).toBeNull();
    expect(to('answered', 'publish')).toBe('answered');
    for (const s of MESSAGE_STATES) for (const a of HANDLING) expect(to(s, a) === null).toBe(!MESSAGE_WORKFLOW.allowedIn(s, a));
  });

  it('gives every reason at once, reported in the order the checks always ran', () => {
    const d = MESSAGE_WORKFLOW.decide('received', 'transfer', facts('received', { principal: staff('x', 'editor', '/b/'), input: { reason: ' ', unit: null } }));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.refusals.map((r) => r.code)).toEqual(['invalid_state', 'validation_failed', 'validation_failed', 'forbidden']);
    const ordered = inReportingOrder(d.refusals);
    expect(ordered.map((r) => r.code)).toEqual(['validation_failed', 'validation_failed', 'forbidden', 'invalid_state']);
    expect(ordered[0]!.fields).toEqual({ reason: '转办须说明理由' });
  });

  it('keeps the drafter of a held reply from releasing it, and offers only what the caller may do', () => {
    const drafter = staff('drafter', 'office', '/a/');
    const release = MESSAGE_WORKFLOW.decide('reviewing', 'release', facts('reviewing', { principal: drafter, input: { reply: '答复' } }));
    expect(release.ok ? null : release.refusals.map((r) => r.code)).toEqual(['own_draft']);
    expect(possibleActions(facts('reviewing', { principal: drafter }))).toMatchObject({ review: false, dismiss: false });
    expect(possibleActions(facts('reviewing', { principal: staff('other', 'office', '/a/') }))).toMatchObject({ review: true });
    expect(possibleActions(facts('assigned', { principal: staff('e', 'editor', '/a/u/') }))).toEqual({
      assign: false,
      transfer: true,
      return: true,
      reply: true,
      review: false,
      dismiss: false,
      publish: false,
    });
  });

  it('requires the accountability fields for complaints only', () => {
    expect(accountabilityProblems('consultation', {})).toEqual({});
    expect(Object.keys(accountabilityProblems('complaint', { investigation: ' ', responsibleUnit: '窗口' }))).toEqual(['investigation', 'measures']);
    const complaint = { ...facts('assigned'), message: { ...message, state: 'assigned', type: 'complaint' }, input: { reply: '' } };
    const d = MESSAGE_WORKFLOW.decide('assigned', 'reply', complaint);
    expect(d.ok ? {} : d.refusals[0]!.fields).toEqual({ investigation: '投诉件须填写调查核实情况', responsibleUnit: '投诉件须填写责任单位', measures: '投诉件须填写处理措施', reply: '请填写答复内容' });
  });
});

describe('the public copy of a question', () => {
  it('masks ID numbers, phones and the asker’s name', () => {
    const out = maskForPublic('我是李四，身份证110101199003074258，手机13800138000，李四的问题', '李四');
    expect(out).not.toMatch(/110101199003074258|13800138000|李四/);
    expect(out).toContain('李*');
  });
});

describe('notification mails', () => {
  it('link the citizen to the tracking page on the configured site, or give the path alone', () => {
    const facts = { title: '标题', trackingCode: 'ABCD-EFGH-JKMN-PQRS', agencyName: '' };
    expect(citizenAnsweredMail('https://gk.example.cn/', facts).body).toContain('https://gk.example.cn/messages/track/ABCD-EFGH-JKMN-PQRS\n');
    expect(citizenAnsweredMail(undefined, facts).body).toContain('：/messages/track/ABCD-EFGH-JKMN-PQRS\n');
    expect(citizenAnsweredMail(undefined, facts).body).toContain('您提交的留言“标题”已答复。');
  });
});

// Pure functions of the staff console: no DOM, no server.
import { describe, expect, it } from 'vitest';
import { toAuditFilters } from '../../web/console/src/audit/filters.js';
import { actionLabel, chainBreakText, objectName } from '../../web/console/src/audit/labels.js';
import { changeText, holidayRuns, parseNoticeFile, remainingTone } from '../../web/console/src/calendar/logic.js';
import { selectedMenuKey, visibleMenu } from '../../web/console/src/layout/menu.js';
import { asksNewPassword, loginStep, showsNewPassword } from '../../web/console/src/login/step.js';
import { buildOrgTree, findNode, orgOptions } from '../../web/console/src/orgs/tree.js';
import { profileValues } from '../../web/console/src/profile/fields.js';
import { splitFieldErrors } from '../../web/console/src/shared/fields.js';
import { formatDateTime, greeting } from '../../web/console/src/shared/format.js';
import { query } from '../../web/console/src/shared/query.js';
import type { Org } from '../../web/console/src/types.js';

function org(code: string, id: string, parentId: string | null, sortOrder = 0): Org {
  return {
    id, code, name: code.toUpperCase(), kind: parentId ? 'unit' : 'agency', parentId, agencyId: 'a', description: null,
    orgCode: null, creditCode: null, siteCode: null, sponsor: null, address: null, postcode: null, officeHours: null,
    phone: null, fax: null, email: null, icp: null, disclosureOfficer: null, host: null, sortOrder,
    timezone: 'Asia/Shanghai', version: 1, updatedAt: '2026-03-02T02:00:00.000Z',
  };
}

describe('organisation tree', () => {
  const flat = [org('jc', 'a', null), org('jc-fgw', 'b', 'a', 2), org('jc-office', 'c', 'a', 1), org('jc-office-gk', 'd', 'c'), org('orphan', 'e', 'zz')];

  it('nests units under their parents in sort order', () => {
    const tree = buildOrgTree(flat);
    expect(tree.map((n) => n.key)).toEqual(['jc', 'orphan']);
    expect(tree[0]!.children.map((n) => n.key)).toEqual(['jc-office', 'jc-fgw']);
    expect(findNode(tree, 'jc-office-gk')?.org.parentId).toBe('c');
    expect(findNode(tree, 'nothing')).toBeUndefined();
  });

  it('keeps a unit whose parent is missing as a root instead of dropping it', () => {
    expect(findNode(buildOrgTree(flat), 'orphan')).toBeDefined();
  });

  it('offers organisations by code for pickers', () => {
    const options = orgOptions(buildOrgTree(flat.slice(0, 4)));
    expect(options[0]).toMatchObject({ value: 'jc', title: 'JC' });
    expect(options[0]!.children[0]!.children[0]!.value).toBe('jc-office-gk');
  });
});

describe('login steps', () => {
  it('asks for a code, an enrolment, or starts over as the server says', () => {
    expect(loginStep('password', 401, 'totp_required')).toBe('totp');
    expect(loginStep('password', 401, 'totp_enrollment_required')).toBe('enrol');
    expect(loginStep('enrol', 401, 'totp_invalid')).toBe('enrol');
    expect(loginStep('totp', 401, 'invalid_credentials')).toBe('password');
    expect(loginStep('totp', 429, 'too_many_requests')).toBe('password');
    expect(loginStep('totp', 400, 'validation_failed')).toBe('totp');
  });
  it('keeps the step when a one-time password must be replaced, and asks for the new password', () => {
    expect(loginStep('password', 401, 'password_change_required')).toBe('password');
    expect(asksNewPassword(401, 'password_change_required')).toBe(true);
    expect(asksNewPassword(401, 'totp_required')).toBe(false);
  });

  it('keeps the new-password fields while a field is corrected, drops them when the sign-in starts over', () => {
    expect(showsNewPassword(false, 'password', 401, 'password_change_required')).toBe(true);
    // The new password broke a rule (or equals the one-time password): fix it in place.
    expect(showsNewPassword(true, 'password', 400, 'validation_failed')).toBe(true);
    // The next step (enrolment) keeps them: they are sent along with the code.
    expect(showsNewPassword(true, 'enrol', 401, 'totp_enrollment_required')).toBe(true);
    // Wrong credentials or a lockout start over.
    expect(showsNewPassword(true, 'password', 401, 'invalid_credentials')).toBe(false);
    expect(showsNewPassword(true, 'password', 429, 'too_many_requests')).toBe(false);
    expect(showsNewPassword(false, 'password', 400, 'validation_failed')).toBe(false);
  });
});

describe('menu by permission', () => {
  it('shows an auditor only the audit log besides the dashboard and own account', () => {
    expect(visibleMenu(['audit.read']).map((m) => m.label)).toEqual(['工作台', '时限计算器', '审计日志', '我的账号']);
  });
  it('shows the organisation and user screens to the office', () => {
    expect(visibleMenu(['org.read', 'user.read']).map((m) => m.path)).toEqual(['/', '/orgs', '/profile', '/users', '/calendar', '/deadlines', '/calculator', '/account']);
  });
  it('selects the entry of the current path', () => {
    expect(selectedMenuKey('/users')).toBe('/users');
    expect(selectedMenuKey('/audit/anything')).toBe('/audit');
    expect(selectedMenuKey('/unknown')).toBe('/');
  });
});

describe('audit presentation', () => {
  it('names an object from the summary snapshot', () => {
    expect(objectName('id-1', { after: { code: 'jc-test-unit', name: '测试科' } })).toBe('jc-test-unit 测试科');
    expect(objectName('id-2', { after: { username: 'zhangce', displayName: '张测', org: 'jc' } })).toBe('zhangce 张测');
    expect(objectName('id-3', { before: { name: '旧名' } })).toBe('旧名');
    expect(objectName('id-4', null)).toBe('id-4');
    expect(objectName(null, 'text')).toBe('');
  });
  it('labels known actions and leaves unknown ones as they are', () => {
    expect(actionLabel('unit.create')).toBe('新建科室');
    expect(actionLabel('item.publish.future')).toBe('item.publish.future');
  });
  it('turns the filter form into API parameters', () => {
    expect(toAuditFilters({ actor: ' sysadmin ', action: '', outcome: 'denied', range: ['2026-03-01', undefined] })).toEqual({
      actor: 'sysadmin',
      outcome: 'denied',
      from: '2026-03-01',
    });
    expect(query({ ...toAuditFilters({ objectId: 'a&b', range: null }), page: 2 })).toBe('?objectId=a%26b&page=2');
    expect(query({ q: '', org: undefined })).toBe('');
  });
  it('says in words where the audit chain broke', () => {
    expect(chainBreakText({ seq: 71, problem: 'truncated', checkpointSeq: 120, checkpointAt: '2026-03-02T02:00:00.000Z' })).toBe(
      '第 71 条起的记录被删除：库外检查点证明日志曾到第 120 条',
    );
    expect(chainBreakText({ seq: 4, problem: 'missing', expectedSeq: 3 })).toBe('第 3 条记录缺失');
    expect(chainBreakText({ seq: 9, problem: 'altered', checkpointAt: '2026-03-02T02:00:00.000Z' })).toBe('第 9 条记录被改动（与库外检查点不符）');
    expect(chainBreakText({ seq: 9, problem: 'unheard-of' })).toBe('第 9 条记录：unheard-of');
  });
});

describe('forms and formats', () => {
  it('puts field errors on the form and keeps the rest for a message', () => {
    const { onForm, elsewhere } = splitFieldErrors({ code: '机构编码已存在', _: '请求有误' }, ['code', 'name']);
    expect(onForm).toEqual([{ name: 'code', errors: ['机构编码已存在'] }]);
    expect(elsewhere).toEqual(['请求有误']);
  });
  it('shows instants in China Standard Time', () => {
    expect(formatDateTime('2026-03-02T17:30:05.000Z')).toBe('2026-03-03 01:30:05');
    expect(formatDateTime(null)).toBe('');
    expect(greeting(new Date('2026-03-02T01:00:00Z'))).toBe('上午好');
    expect(greeting(new Date('2026-03-02T12:00:00Z'))).toBe('晚上好');
  });
  it('fills the profile form with empty strings for missing values', () => {
    const v = profileValues({ name: '江川市人民政府', phone: null, timezone: 'Asia/Shanghai' });
    expect(v.name).toBe('江川市人民政府');
    expect(v.phone).toBe('');
    expect(v.timezone).toBe('Asia/Shanghai');
  });
});

describe('calendar screens', () => {
  it('groups consecutive days off by name and source', () => {
    const runs = holidayRuns([
      { date: '2026-02-15', weekday: 0, working: false, kind: 'holiday', name: '春节', source: 'national' },
      { date: '2026-02-16', weekday: 1, working: false, kind: 'holiday', name: '春节', source: 'national' },
      { date: '2026-02-28', weekday: 6, working: true, kind: 'makeup', name: '春节', source: 'national' },
      { date: '2026-03-03', weekday: 2, working: false, kind: 'holiday', name: '三月三', source: 'agency' },
    ]);
    expect(runs.map((r) => [r.name, r.from, r.to, r.days, r.source])).toEqual([
      ['春节', '2026-02-15', '2026-02-16', 2, 'national'],
      ['三月三', '2026-03-03', '2026-03-03', 1, 'agency'],
    ]);
  });
  it('reads a holiday-cn file, or says what is wrong with it', () => {
    const ok = parseNoticeFile('\uFEFF{"year":2027,"papers":["http://x"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}');
    expect(ok).toEqual({ ok: true, notice: { year: 2027, papers: ['http://x'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] } });
    expect(parseNoticeFile('not json')).toEqual({ ok: false, error: '文件不是有效的 JSON' });
    expect(parseNoticeFile('{"year":2027,"days":[{"name":"元旦","date":"2027-01-01"}]}').ok).toBe(false);
  });
  it('colours the remaining working days', () => {
    expect(remainingTone(-2, true)).toEqual({ text: '已逾期 2 个工作日', color: 'red' });
    expect(remainingTone(3, false)).toEqual({ text: '剩余 3 个工作日', color: 'orange' });
    expect(remainingTone(10, false)).toEqual({ text: '剩余 10 个工作日', color: undefined });
    expect(changeText({ cause: '2026-03-03 调整为放假（三月三）', beforeDue: '2026-03-05', afterDue: '2026-03-06' })).toBe(
      '日历变更：2026-03-03 调整为放假（三月三），截止日期由 2026-03-05 改为 2026-03-06',
    );
  });
});

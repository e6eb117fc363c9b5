import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { answerChallenge } from '../../../test/support/participation.js';
import { eraseExpiredPersonalData } from './retention.js';

const ADDRESS = { remoteAddress: '203.0.113.9' };

function citizen(t: TestApp, body: object, remoteAddress = ADDRESS.remoteAddress) {
  return t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body, remoteAddress });
}

const base = { org: 'jiangchuan', type: 'consultation', title: '关于居住证办理的咨询', content: '请问外地户籍人员在本市办理居住证需要哪些材料？', name: '张小明', contact: '13800138000', public: true };

describe.each(testDatabases())('citizen messages on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let editor: Staff;
  let leader: Staff;
  let units: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 0, messageLimitPerHour: 1000, messageLimitPerContact: 1000 } });
    office = await signIn(t, 'office');
    editor = await signIn(t, 'editor');
    leader = await signIn(t, 'leader');
    const rows = await t.db.kysely.selectFrom('organisations').select(['id', 'code']).execute();
    units = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });
  afterAll(() => t.close());

  async function submit(body: object = {}) {
    const res = await citizen(t, { ...base, ...body });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    const row = await t.db.kysely.selectFrom('messages').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    return { id: row.id, trackingCode: trackingCode as string, dueDate: res.json().dueDate as string };
  }

  it('accepts a message with an unguessable tracking code and a due date in working days, the day of submission not counted', async () => {
    const res = await citizen(t, base);
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // Submitted Monday 2026-03-02 (10:00 in Beijing): five working days are 3, 4, 5, 6 and 9 March.
    expect(out).toMatchObject({ dueDate: '2026-03-09', workingDays: 5, state: 'received' });
    const status = await t.app.inject({ method: 'GET', url: `/api/v1/messages/${out.trackingCode.toLowerCase().replaceAll('-', ' ')}` });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ status: 'received', type: 'consultation', title: base.title, dueDate: '2026-03-09', canRate: false });
    expect(status.json()).not.toHaveProperty('contact');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/messages/AAAA-BBBB-CCCC-DDDD' })).statusCode).toBe(404);
  });

  it('counts working days across the National Day holiday and its make-up Saturday', async () => {
    const saved = t.clock.now().getTime();
    t.clock.advance(Date.parse('2026-09-29T02:00:00Z') - saved);
    try {
      const res = await citizen(t, { ...base, type: 'correction', correctionItemId: undefined });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('correctionItemId');
      const ok = await citizen(t, base);
      // 30 Sep; 1–7 Oct off (and 8 Oct per the 2026 notice); then working days until five are counted.
      const deadline = await t.db.kysely.selectFrom('deadlines').select(['result']).where('due_date', '=', ok.json().dueDate).executeTakeFirstOrThrow();
      expect(JSON.parse(deadline.result).holidays.length).toBeGreaterThan(0);
      expect(ok.json().dueDate > '2026-10-07').toBe(true);
    } finally {
      t.clock.advance(saved - t.clock.now().getTime());
    }
  });

  it('moves the due date of open messages when the agency declares a holiday after they were submitted', async () => {
    const m = await submit();
    expect(m.dueDate).toBe('2026-03-09');
    const res = await office.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2026-03-04', isOffDay: true, name: '防汛停工', reason: '台风' });
    expect(res.statusCode, res.body).toBe(201);
    try {
      const row = await t.db.kysely.selectFrom('messages').select('due_date').where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(row.due_date).toBe('2026-03-10');
      expect((await office.request('GET', `/api/v1/inbox/${m.id}`)).json().dueDate).toBe('2026-03-10');
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/messages/${m.trackingCode}` })).json().dueDate).toBe('2026-03-10');
    } finally {
      await office.request('DELETE', `/api/v1/calendar/overrides/${res.json().id}`, { reason: '撤销测试' });
    }
    const back = await t.db.kysely.selectFrom('messages').select('due_date').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(back.due_date).toBe('2026-03-09');
  });

  it('refuses bad input field by field, and stores hostile text as text', async () => {
    const res = await citizen(t, { org: 'jiangchuan', type: 'rumour', title: '', content: 'x', name: 'a'.repeat(31), contact: 'not-a-contact', public: 'maybe' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['contact', 'content', 'name', 'public', 'title', 'type']);
    expect((await citizen(t, { ...base, title: '标题\u0000含控制字符' })).statusCode).toBe(400);
    expect((await citizen(t, { ...base, org: 'nowhere' })).statusCode).toBe(404);
    const hostile = await submit({ title: '<script>alert(1)</script>', content: '<img src=x onerror=alert(1)> 正文' });
    const status = await t.app.inject({ method: 'GET', url: `/api/v1/messages/${hostile.trackingCode}` });
    expect(status.json().title).toBe('<script>alert(1)</script>');
  });

  it('routes, transfers with a reason, and lets the unit reply; contact details only for those who handle it', async () => {
    const m = await submit({ contact: 'zhang@example.cn' });
    expect((await editor.request('GET', `/api/v1/inbox/${m.id}`)).statusCode).toBe(404);
    const inbox = await office.request('GET', '/api/v1/inbox?org=jiangchuan&state=received');
    expect(inbox.json().messages.some((x: { id: string }) => x.id === m.id)).toBe(true);
    expect((await editor.request('POST', `/api/v1/inbox/${m.id}/assign`, { unitId: units['jc-fgw'] })).statusCode).toBe(403);
    // One refusal answers as it always did; several answer as the first, and `reasons` lists them all.
    const refused = await editor.request('POST', `/api/v1/inbox/${m.id}/return`, { reason: '不属本单位' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden', reasons: [{ status: 403, code: 'forbidden' }, { status: 409, code: 'invalid_state' }] });
    const alone = await office.request('POST', `/api/v1/inbox/${m.id}/return`, { reason: '不属本单位' });
    expect(alone.json().error).toMatchObject({ code: 'invalid_state', message: '留言当前为“待分办”，不能退回公开办', reasons: [{ code: 'invalid_state' }] });

    const assigned = await office.request('POST', `/api/v1/inbox/${m.id}/assign`, { unitId: units['jc-czj'] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ state: 'assigned', unit: { code: 'jc-czj' }, contact: 'zhang@example.cn' });
    expect((await office.request('POST', `/api/v1/inbox/${m.id}/transfer`, { unitId: units['jc-fgw'] })).json().error.fields).toHaveProperty('reason');
    const moved = await office.request('POST', `/api/v1/inbox/${m.id}/transfer`, { unitId: units['jc-fgw'], reason: '属发改委职责' });
    expect(moved.json().events.at(-1)).toMatchObject({ type: 'transfer', fromUnit: '市财政局', toUnit: '市发展和改革委员会', note: '属发改委职责' });

    const seen = await editor.request('GET', `/api/v1/inbox/${m.id}`);
    expect(seen.json()).toMatchObject({ contact: 'zhang@example.cn', can: { reply: true, assign: false } });
    const byLeader = await leader.request('GET', `/api/v1/inbox/${m.id}`);
    expect(byLeader.json().contact).toBe('z***@example.cn');
    expect(byLeader.json().name).toBe('张**');

    const replied = await editor.request('POST', `/api/v1/inbox/${m.id}/reply`, { reply: '您好，需要身份证、居住证明和照片。' });
    expect(replied.json()).toMatchObject({ state: 'answered', reply: '您好，需要身份证、居住证明和照片。', repliedBy: '李强' });
    const deadline = await t.db.kysely.selectFrom('deadlines').select('state').where('subject_id', '=', m.id).executeTakeFirstOrThrow();
    expect(deadline.state).toBe('closed');
    const status = (await t.app.inject({ method: 'GET', url: `/api/v1/messages/${m.trackingCode}` })).json();
    expect(status).toMatchObject({ status: 'answered', reply: '您好，需要身份证、居住证明和照片。', replyUnit: '市发展和改革委员会', canRate: true });
    expect(status.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'assign', 'transfer', 'reply']);
    const mail = await t.db.kysely.selectFrom('mail_outbox').select(['kind', 'recipient']).where('recipient', '=', 'zhang@example.cn').execute();
    expect(mail.length).toBe(1);
    const audits = await t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', m.id).where('outcome', '=', 'success').where('action', '!=', 'message.view').execute();
    expect(audits.map((a) => a.action)).toEqual(['message.submit', 'message.assign', 'message.transfer', 'message.reply']);
  });

  it('records every time staff open one message (message.view), for the auditor of its agency; not the list, not a refused read', async () => {
    const auditor = await signIn(t, 'auditor');
    const m = await submit({ contact: 'view@example.cn' });
    const views = async () => {
      const res = await auditor.request('GET', `/api/v1/audit?action=message.view&objectId=${m.id}`);
      expect(res.statusCode).toBe(200);
      return res.json<{ total: number; records: { actorName: string; objectType: string; objectId: string; summary: unknown; outcome: string; ip: string }[] }>();
    };
    expect((await office.request('GET', '/api/v1/inbox?org=jiangchuan&state=received')).statusCode).toBe(200);
    expect((await editor.request('GET', `/api/v1/inbox/${m.id}`)).statusCode).toBe(404);
    expect((await views()).total).toBe(0);

    expect((await office.request('GET', `/api/v1/inbox/${m.id}`)).json().contact).toBe('view@example.cn');
    expect((await leader.request('GET', `/api/v1/inbox/${m.id}`)).json().contact).toBe('v***@example.cn');
    // The message returned after an action is the action's answer (audited as the action), not a reading.
    expect((await office.request('POST', `/api/v1/inbox/${m.id}/assign`, { unitId: units['jc-czj'] })).statusCode).toBe(200);
    const { total, records } = await views();
    expect(total).toBe(2);
    // Newest first: the leader saw the contact masked, the office in full.
    expect(records.map((r) => [r.actorName, r.objectType, r.objectId, r.summary, r.outcome])).toEqual([
      ['leader', 'message', m.id, { personalData: false }, 'success'],
      ['office', 'message', m.id, { personalData: true }, 'success'],
    ]);
    expect(records.every((r) => r.ip)).toBe(true);
    const stored = await t.db.kysely.selectFrom('audit_log').select('org_path').where('action', '=', 'message.view').where('object_id', '=', m.id).execute();
    const agency = await t.db.kysely.selectFrom('organisations').select('path').where('code', '=', 'jiangchuan').executeTakeFirstOrThrow();
    expect(stored.map((r) => r.org_path)).toEqual([agency.path, agency.path]);
  });

  it('does not answer a complaint without the investigation, the responsible unit and the measures', async () => {
    const m = await submit({ type: 'complaint', title: '投诉窗口工作人员态度', content: '办事窗口工作人员推诿，未一次性告知材料。' });
    await office.request('POST', `/api/v1/inbox/${m.id}/assign`, { unitId: units['jc-fgw'] });
    const bare = await editor.request('POST', `/api/v1/inbox/${m.id}/reply`, { reply: '已处理' });
    expect(bare.statusCode).toBe(400);
    expect(Object.keys(bare.json().error.fields).sort()).toEqual(['investigation', 'measures', 'responsibleUnit']);
    const ok = await editor.request('POST', `/api/v1/inbox/${m.id}/reply`, { reply: '经核实情况属实，已整改。', investigation: '调取录像核实属实', responsibleUnit: '政务服务窗口', measures: '批评教育并开展服务规范培训' });
    expect(ok.json().state).toBe('answered');
    const status = (await t.app.inject({ method: 'GET', url: `/api/v1/messages/${m.trackingCode}` })).json();
    expect(status.accountability).toEqual({ investigation: '调取录像核实属实', responsibleUnit: '政务服务窗口', measures: '批评教育并开展服务规范培训' });
  });

  it('holds replies for the office when review is required; the drafter cannot release their own', async () => {
    const settings = (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json();
    const saved = await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { ...settings, reviewRequired: true });
    expect(saved.statusCode, saved.body).toBe(200);
    try {
      const m = await submit();
      await office.request('POST', `/api/v1/inbox/${m.id}/assign`, { unitId: units['jc-fgw'] });
      const drafted = await editor.request('POST', `/api/v1/inbox/${m.id}/reply`, { reply: '草拟答复' });
      expect(drafted.json()).toMatchObject({ state: 'reviewing', draftReply: '草拟答复', reply: null });
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/messages/${m.trackingCode}` })).json()).not.toHaveProperty('reply');
      const back = await office.request('POST', `/api/v1/inbox/${m.id}/review`, { decision: 'send-back', note: '请补充办理地点' });
      expect(back.json().state).toBe('assigned');
      await editor.request('POST', `/api/v1/inbox/${m.id}/reply`, { reply: '草拟答复，办理地点为市民中心。' });
      const released = await office.request('POST', `/api/v1/inbox/${m.id}/review`, { decision: 'release' });
      expect(released.json()).toMatchObject({ state: 'answered', reply: '草拟答复，办理地点为市民中心。', repliedBy: '王敏' });

      const own = await submit();
      await office.request('POST', `/api/v1/inbox/${own.id}/assign`, { unitId: units['jc-office-gk'] });
      await office.request('POST', `/api/v1/inbox/${own.id}/reply`, { reply: '公开办自拟答复' });
      expect((await office.request('POST', `/api/v1/inbox/${own.id}/review`, { decision: 'release' })).json().error.code).toBe('own_draft');
    } finally {
      const now = (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json();
      await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { ...now, reviewRequired: false });
    }
  });

  it('publishes a consenting answer with personal data masked; the citizen rates it once', async () => {
    const m = await submit({ content: '我叫张小明，身份证 110101199003074258，电话 13800138000，想问补贴何时发放？另：我妻子身份证 110101199003074259，邮箱 ｌｉｓｉ＠１６３。ｃｏｍ。' });
    const private_ = await submit({ public: false });
    for (const x of [m, private_]) {
      await office.request('POST', `/api/v1/inbox/${x.id}/assign`, { unitId: units['jc-fgw'] });
      await editor.request('POST', `/api/v1/inbox/${x.id}/reply`, { reply: '张小明您好，补贴将于本月发放，可致电 0571-87654321 咨询。' });
    }
    expect((await office.request('POST', `/api/v1/inbox/${private_.id}/publish`, { publish: true })).json().error.code).toBe('no_consent');
    expect((await editor.request('POST', `/api/v1/inbox/${m.id}/publish`, { publish: true })).statusCode).toBe(403);
    const pub = await office.request('POST', `/api/v1/inbox/${m.id}/publish`, { publish: true });
    expect(pub.statusCode, pub.body).toBe(200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/qa?org=jiangchuan' })).json();
    const entry = list.entries.find((e: { id: string }) => e.id === m.id);
    expect(entry).toMatchObject({ receivedDate: '2026-03-02', repliedDate: '2026-03-02', replyUnit: '市发展和改革委员会' });
    expect(entry.content).not.toContain('110101199003074258');
    // A mistyped ID (wrong check character) and an address typed in full width are masked too.
    expect(entry.content).toContain('110101********4259');
    expect(entry.content).toContain('ｌ***＠１６３。ｃｏｍ');
    expect(entry.content).not.toContain('13800138000');
    expect(entry.content).not.toContain('张小明');
    expect(entry.reply).not.toContain('张小明');
    expect(list.entries.some((e: { id: string }) => e.id === private_.id)).toBe(false);

    const rate = (body: object) => t.app.inject({ method: 'POST', url: `/api/v1/messages/${m.trackingCode}/rating`, payload: body });
    expect((await rate({ rating: 6 })).statusCode).toBe(400);
    expect((await rate({ rating: 4, comment: '答复及时' })).statusCode).toBe(200);
    expect((await rate({ rating: 1 })).json().error.code).toBe('already_rated');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/messages/${m.trackingCode}` })).json()).toMatchObject({ rating: { rating: 4, comment: '答复及时' }, canRate: false });
  });

  it('shows due soon and overdue, and bulk-assigns and bulk-replies message by message', async () => {
    const a = await submit({ title: '批量一' });
    const b = await submit({ title: '批量二' });
    const done = await office.request('POST', '/api/v1/inbox/bulk', { action: 'assign', ids: [a.id, b.id], unitId: units['jc-fgw'] });
    expect(done.json()).toMatchObject({ results: [{ id: a.id, ok: true, result: { state: 'assigned', unit: { code: 'jc-fgw' } } }, { id: b.id, ok: true }], succeeded: 2, failed: 0 });
    // Reassigning messages a unit already has is a transfer: it needs its reason, and another unit.
    const again = await office.request('POST', '/api/v1/inbox/bulk', { action: 'assign', ids: [a.id], unitId: units['jc-czj'] });
    expect(again.json()).toMatchObject({ succeeded: 0, failed: 1 });
    expect(again.json().results[0]).toMatchObject({ id: a.id, ok: false, error: { code: 'validation_failed', fields: { reason: '转办须说明理由' } } });
    const moved = await office.request('POST', '/api/v1/inbox/bulk', { action: 'assign', ids: [a.id, b.id], unitId: units['jc-czj'], reason: '属财政事项' });
    expect(moved.json().results.filter((r: { ok: boolean }) => r.ok).map((r: { id: string }) => r.id)).toEqual([a.id, b.id]);
    await office.request('POST', '/api/v1/inbox/bulk', { action: 'assign', ids: [a.id, b.id], unitId: units['jc-fgw'], reason: '退回发改委' });
    const replies = await editor.request('POST', '/api/v1/inbox/bulk', { action: 'reply', ids: [a.id, b.id], reply: '统一答复：详见公告。' });
    expect(replies.json()).toMatchObject({ succeeded: 2, failed: 0, results: [{ id: a.id, result: { state: 'answered' } }, { id: b.id, result: { state: 'answered' } }] });

    const c = await submit({ title: '临期与超期' });
    const saved = t.clock.now().getTime();
    try {
      t.clock.advance(Date.parse('2026-03-05T02:00:00Z') - saved); // Thursday: due Monday 9 March, two working days left
      let later = await signIn(t, 'office'); // days later: the morning's session has long timed out
      let row = (await later.request('GET', '/api/v1/inbox?org=jiangchuan&standing=due-soon')).json();
      expect(row.messages.find((x: { id: string }) => x.id === c.id)).toMatchObject({ dueSoon: true, overdue: false, remainingWorkingDays: 2 });
      expect(row.counts.dueSoon).toBeGreaterThan(0);
      t.clock.advance(Date.parse('2026-03-10T02:00:00Z') - t.clock.now().getTime());
      later = await signIn(t, 'office');
      row = (await later.request('GET', '/api/v1/inbox?org=jiangchuan&standing=overdue')).json();
      expect(row.messages.find((x: { id: string }) => x.id === c.id)).toMatchObject({ overdue: true, remainingWorkingDays: -1 });
    } finally {
      t.clock.advance(saved - t.clock.now().getTime());
      office = await signIn(t, 'office');
      editor = await signIn(t, 'editor');
    }
  });

  it('erases the asker\'s personal data once the retention period after closing has passed', async () => {
    const m = await submit({ name: '留存测试', contact: 'keep@example.cn' });
    await office.request('POST', `/api/v1/inbox/${m.id}/dismiss`, { reason: '重复留言' });
    const settings = (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json();
    expect((await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { ...settings, retentionDays: 30 })).statusCode).toBe(200);
    expect(await eraseExpiredPersonalData(t.ctx)).toBe(0);
    const saved = t.clock.now().getTime();
    try {
      t.clock.advance(31 * 86_400_000);
      expect(await eraseExpiredPersonalData(t.ctx)).toBeGreaterThanOrEqual(1);
      const row = await t.db.kysely.selectFrom('messages').select(['name', 'contact', 'address', 'erased_at', 'title']).where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: null, contact: null, address: null, title: base.title });
      expect(row.erased_at).not.toBeNull();
      const open = await t.db.kysely.selectFrom('messages').select('contact').where('state', '=', 'received').where('erased_at', 'is', null).limit(1).executeTakeFirst();
      expect(open?.contact).toBeTruthy();
    } finally {
      t.clock.advance(saved - t.clock.now().getTime());
      office = await signIn(t, 'office');
      editor = await signIn(t, 'editor');
      const now = (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json();
      await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { ...now, retentionDays: null });
    }
  });

  it('lists hot topics of recent messages without stop-words', async () => {
    for (const title of ['公积金提取咨询', '公积金贷款额度', '公积金异地转移']) await submit({ title, content: `关于住房公积金的问题：${title}` });
    const res = await office.request('GET', '/api/v1/interaction/hot-topics?org=jiangchuan');
    expect(res.statusCode).toBe(200);
    const terms = res.json().topics.map((x: { term: string }) => x.term);
    expect(terms).toContain('公积金');
    expect(terms).not.toContain('问题');
    expect(terms).not.toContain('关于');
    expect((await editor.request('GET', '/api/v1/interaction/hot-topics?org=jiangchuan')).statusCode).toBe(403);
    // A unit's editor reads the agency's settings and reply templates, which their replies depend on, but cannot change them.
    expect((await editor.request('GET', '/api/v1/reply-templates?org=jiangchuan')).statusCode).toBe(200);
    const settings = await editor.request('GET', '/api/v1/interaction/settings?org=jiangchuan');
    expect(settings.statusCode).toBe(200);
    expect((await editor.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', settings.json())).statusCode).toBe(403);
    expect((await editor.request('POST', '/api/v1/reply-templates', { org: 'jiangchuan', title: '模板', body: '内容' })).statusCode).toBe(403);
  });
});

describe.each(testDatabases())('submission limits on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 2, messageLimitPerHour: 6, messageLimitPerContact: 3 } });
  });
  afterAll(() => t.close());

  it('asks the challenge after repeated submissions, accepts a right answer once, and answers 429 beyond the limit', async () => {
    const from = '198.51.100.7';
    expect((await citizen(t, base, from)).statusCode).toBe(201);
    expect((await citizen(t, { ...base, contact: '13900139000' }, from)).statusCode).toBe(201);
    const asked = await citizen(t, { ...base, contact: '13700137000' }, from);
    expect(asked.statusCode).toBe(428);
    const { token, question } = asked.json().error.challenge;
    expect(question).toMatch(/^请计算：.+加.+等于多少/);
    const wrong = await citizen(t, { ...base, contact: '13700137000', challengeToken: token, challengeAnswer: '0' }, from);
    expect(wrong.statusCode).toBe(428);
    // The wrong answer used the token up; the question is read, as a person reads it, from the fresh challenge.
    const fresh = wrong.json().error.challenge as { token: string; question: string };
    expect(fresh.token).not.toBe(token);
    const answer = answerChallenge(fresh.question);
    const right = await citizen(t, { ...base, contact: '13700137000', challengeToken: fresh.token, challengeAnswer: answer }, from);
    expect(right.statusCode, right.body).toBe(201);
    const replay = await citizen(t, { ...base, contact: '13600136000', challengeToken: fresh.token, challengeAnswer: answer }, from);
    expect(replay.statusCode).toBe(428);
    // Refused attempts count too: a client that never answers reaches the limit of six like any other.
    const limited = await citizen(t, base, from);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await t.db.kysely.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(3);
  });

  it('limits one contact across addresses', async () => {
    const contact = 'same@example.cn';
    for (let i = 0; i < 3; i++) expect((await citizen(t, { ...base, contact }, `192.0.2.${i + 1}`)).statusCode).toBe(201);
    expect((await citizen(t, { ...base, contact: 'SAME@example.cn' }, '192.0.2.99')).statusCode).toBe(429);
  });
});

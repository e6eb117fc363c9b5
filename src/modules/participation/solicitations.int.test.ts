import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { answerChallenge, auditActions } from '../../../test/support/participation.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Days long enough that the office's session outlives the moves of the clock. */
const LONG_SESSIONS = { sessionIdleMinutes: 60 * 24 * 90, sessionMaxHours: 24 * 365 };

describe.each(testDatabases())('意见征集 (solicitations) on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let editor: Staff;

  const at = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const comment = (id: string, payload: Record<string, unknown>, remoteAddress = '192.0.2.10') =>
    t.app.inject({ method: 'POST', url: `/api/v1/solicitations/${id}/comments`, payload, remoteAddress });

  /** A solicitation opening `inMs` from now for `forMs`. */
  async function open(inMs: number, forMs: number, extra: Record<string, unknown> = {}) {
    const now = t.clock.now().getTime();
    const res = await office.request('POST', '/api/v1/solicitations', {
      org: 'jiangchuan',
      title: '《江川市养犬管理规定（征求意见稿）》公开征求意见',
      summary: '为规范养犬行为，现公开征求社会各界意见。',
      body: '<h2>第一条</h2><p>为了规范养犬行为……</p>',
      opensAt: new Date(now + inMs).toISOString(),
      closesAt: new Date(now + inMs + forMs).toISOString(),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; opensAt: string; closesAt: string; version: number }>();
  }

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 0, messageLimitPerHour: 1000, messageLimitPerContact: 1000, ...LONG_SESSIONS } });
    office = await signIn(t, 'office');
    editor = await signIn(t, 'editor');
  });
  afterAll(() => t?.close());

  it('creates a solicitation with a sanitised body; checks the period, the fields and the permission', async () => {
    const s = await open(DAY, 7 * DAY, { body: '<p onclick="x()">正文</p><script>alert(1)</script>', opensAt: '2026-03-03T10:00:00+08:00', closesAt: '2026-03-10T18:00:00+08:00' });
    expect(s).toMatchObject({ status: 'upcoming', body: '<p>正文</p>', opensAt: '2026-03-03T02:00:00.000Z', closesAt: '2026-03-10T10:00:00.000Z', version: 1, staff: { pending: 0, hidden: 0 } });
    expect(await auditActions(t, s.id)).toEqual(['solicitation.create']);

    const bad = await office.request('POST', '/api/v1/solicitations', {
      org: 'jiangchuan',
      title: '题'.repeat(201),
      summary: '',
      body: '<script>only</script>',
      opensAt: '2026-03-03',
      closesAt: 'tomorrow',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({
      title: '标题不能超过 200 个字符',
      summary: '请填写征集说明',
      opensAt: expect.stringContaining('开始时间应为带时区的 ISO 8601 时间'),
      closesAt: expect.stringContaining('截止时间应为带时区的 ISO 8601 时间'),
    });
    const backwards = await office.request('POST', '/api/v1/solicitations', { org: 'jiangchuan', title: '题', summary: '说明', body: '<p>正文</p>', opensAt: '2026-03-10T00:00:00Z', closesAt: '2026-03-10T00:00:00Z' });
    expect(backwards.json().error.fields).toEqual({ closesAt: '截止时间须晚于开始时间' });
    const scriptOnly = await office.request('POST', '/api/v1/solicitations', { org: 'jiangchuan', title: '题', summary: '说明', body: '<script>x</script>', opensAt: '2026-03-10T00:00:00Z', closesAt: '2026-03-11T00:00:00Z' });
    expect(scriptOnly.json().error.fields.body).toMatch(/不能为空/);
    const noItem = await office.request('POST', '/api/v1/solicitations', { org: 'jiangchuan', title: '题', summary: '说明', body: '<p>正文</p>', itemId: 'nope', opensAt: '2026-03-10T00:00:00Z', closesAt: '2026-03-11T00:00:00Z' });
    expect(noItem.json().error.fields).toEqual({ itemId: '关联的信息不存在' });
    expect((await editor.request('POST', '/api/v1/solicitations', { org: 'jiangchuan', title: '题', summary: '说明', body: '<p>正文</p>', opensAt: '2026-03-10T00:00:00Z', closesAt: '2026-03-11T00:00:00Z' })).statusCode).toBe(403);

    // Editing: the version guards against lost updates; the period stays ordered.
    const edited = await office.request('PATCH', `/api/v1/solicitations/${s.id}`, { title: '新标题', version: 1 });
    expect(edited.json()).toMatchObject({ title: '新标题', version: 2 });
    expect((await office.request('PATCH', `/api/v1/solicitations/${s.id}`, { title: '旧', version: 1 })).statusCode).toBe(409);
    const inverted = await office.request('PATCH', `/api/v1/solicitations/${s.id}`, { closesAt: '2026-03-01T00:00:00Z', version: 2 });
    expect(inverted.json().error.fields).toEqual({ closesAt: '截止时间须晚于开始时间' });
    expect((await get(`/api/v1/solicitations/${s.id}`)).json()).not.toHaveProperty('version');
  });

  it('is open from opens_at (inclusive) to closes_at (exclusive), to the millisecond, and lists by that status', async () => {
    const s = await open(2 * HOUR, 5 * HOUR);
    const opens = Date.parse(s.opensAt);
    const closes = Date.parse(s.closesAt);
    const status = async () => (await get(`/api/v1/solicitations/${s.id}`)).json().status as string;
    const listed = async (st: string) => (await get(`/api/v1/solicitations?org=jiangchuan&status=${st}&pageSize=200`)).json().solicitations.map((x: { id: string }) => x.id) as string[];

    at(new Date(opens - 1).toISOString());
    expect(await status()).toBe('upcoming');
    expect(await listed('upcoming')).toContain(s.id);
    expect(await listed('open')).not.toContain(s.id);
    const early = await comment(s.id, { content: '早了一毫秒' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'not_open', message: '意见征集尚未开始，暂不能提交意见' });

    at(new Date(opens).toISOString());
    expect(await status()).toBe('open');
    expect(await listed('open')).toContain(s.id);
    const first = await comment(s.id, { content: '开始的那一刻' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: expect.any(String), state: 'pending' });

    at(new Date(closes - 1).toISOString());
    expect(await status()).toBe('open');
    expect((await comment(s.id, { content: '截止前一毫秒' })).statusCode).toBe(201);

    at(new Date(closes).toISOString());
    expect(await status()).toBe('closed');
    expect(await listed('closed')).toContain(s.id);
    expect(await listed('open')).not.toContain(s.id);
    const late = await comment(s.id, { content: '晚了' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('意见征集已结束，不再接受意见');
    expect((await get('/api/v1/solicitations?org=jiangchuan&status=later')).json().error.fields.status).toMatch(/upcoming/);
    expect((await get('/api/v1/solicitations/nope')).statusCode).toBe(404);
  });

  it('moderates, decides after closing and publishes the feedback; the public never sees contacts or unmoderated comments', async () => {
    const s = await open(HOUR, 3 * DAY);
    at(new Date(Date.parse(s.opensAt)).toISOString());
    const ids: string[] = [];
    for (const [name, contact, content] of [
      ['王五', '138-1234-5678', '建议增加遛狗时间的规定。'],
      [null, 'someone@example.com', '建议对大型犬单独管理。'],
      ['赵六', null, '广告：办证请联系 13900000000'],
      ['钱七', '13700000000', '尚未审核的意见'],
    ] as const) {
      t.clock.advance(1000);
      const res = await comment(s.id, { name, contact, content });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const [shown1, shown2, spam, pending] = ids as [string, string, string, string];
    expect((await get(`/api/v1/solicitations/${s.id}`)).json()).toMatchObject({ commentCount: 0, comments: [], counts: { shown: 0 } });

    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown1}/moderate`, { decision: 'show' })).statusCode).toBe(200);
    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown2}/moderate`, { decision: 'show' })).statusCode).toBe(200);
    const noReason = await office.request('POST', `/api/v1/solicitation-comments/${spam}/moderate`, { decision: 'hide', reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual({ reason: '隐藏意见须填写理由' });
    expect((await office.request('POST', `/api/v1/solicitation-comments/${spam}/moderate`, { decision: 'hide', reason: '广告' })).statusCode).toBe(200);
    expect((await office.request('POST', `/api/v1/solicitation-comments/${spam}/moderate`, { decision: 'delete' })).json().error.fields.decision).toMatch(/show/);
    expect((await editor.request('POST', `/api/v1/solicitation-comments/${spam}/moderate`, { decision: 'show' })).statusCode).toBe(403);

    const staffList = (await office.request('GET', `/api/v1/solicitations/${s.id}/comments`)).json();
    expect(staffList.counts).toMatchObject({ pending: 1, shown: 2, hidden: 1 });
    expect(staffList.comments.find((c: { id: string }) => c.id === shown1)).toMatchObject({ contact: '138-1234-5678', state: 'shown' });
    expect(staffList.comments.find((c: { id: string }) => c.id === spam)).toMatchObject({ state: 'hidden', hiddenReason: '广告' });
    expect((await office.request('GET', `/api/v1/solicitations/${s.id}/comments?state=pending`)).json().comments.map((c: { id: string }) => c.id)).toEqual([pending]);
    expect((await editor.request('GET', `/api/v1/solicitations/${s.id}/comments`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/solicitations/${s.id}/comments` })).statusCode).toBe(401);

    const pub = await get(`/api/v1/solicitations/${s.id}`);
    expect(pub.json()).toMatchObject({ status: 'open', commentCount: 2, counts: { shown: 2 }, feedback: null });
    expect(pub.json().comments).toEqual([
      { id: shown1, name: '王五', content: '建议增加遛狗时间的规定。', submittedAt: expect.any(String) },
      { id: shown2, name: '匿名', content: '建议对大型犬单独管理。', submittedAt: expect.any(String) },
    ]);
    expect(pub.body).not.toMatch(/1234-5678|example\.com|13900000000|13700000000|尚未审核|广告/);

    // Decisions only after closing, only on shown comments.
    const tooEarly = await office.request('POST', `/api/v1/solicitation-comments/${shown1}/adoption`, { adoption: 'adopted', reason: '已吸收' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.code).toBe('not_closed');
    expect((await office.request('POST', `/api/v1/solicitations/${s.id}/feedback`, { feedback: '早' })).json().error.code).toBe('not_closed');
    at(s.closesAt);
    expect((await office.request('POST', `/api/v1/solicitation-comments/${spam}/adoption`, { adoption: 'adopted', reason: '理由' })).json().error.code).toBe('invalid_state');
    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown1}/adoption`, { adoption: 'adopted' })).json().error.fields).toEqual({ reason: '请填写理由' });
    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown1}/adoption`, { adoption: 'maybe', reason: '理由' })).json().error.fields.adoption).toMatch(/adopted/);
    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown1}/adoption`, { adoption: 'adopted', reason: '已在第五条增加规定' })).statusCode).toBe(200);

    // The feedback needs every comment moderated and every shown one decided.
    const pendingLeft = await office.request('POST', `/api/v1/solicitations/${s.id}/feedback`, { feedback: '采纳情况' });
    expect(pendingLeft.json().error).toMatchObject({ code: 'comments_pending', message: '还有 1 条意见未审核，请先审核' });
    await office.request('POST', `/api/v1/solicitation-comments/${pending}/moderate`, { decision: 'hide', reason: '与本次征集无关' });
    expect((await office.request('POST', `/api/v1/solicitations/${s.id}/feedback`, { feedback: '采纳情况' })).json().error.code).toBe('adoption_pending');
    await office.request('POST', `/api/v1/solicitation-comments/${shown2}/adoption`, { adoption: 'not-adopted', reason: '上位法已有规定' });
    expect((await office.request('POST', `/api/v1/solicitations/${s.id}/feedback`, { feedback: '' })).json().error.fields).toEqual({ feedback: '请填写采纳情况说明' });
    const fed = await office.request('POST', `/api/v1/solicitations/${s.id}/feedback`, { feedback: '共收到意见 2 条，采纳 1 条。<b>谢谢</b>' });
    expect(fed.statusCode, fed.body).toBe(200);

    const after = (await get(`/api/v1/solicitations/${s.id}`)).json();
    expect(after).toMatchObject({
      status: 'closed',
      feedback: '共收到意见 2 条，采纳 1 条。<b>谢谢</b>',
      feedbackPublished: true,
      feedbackPublishedAt: t.clock.now().toISOString(),
      counts: { shown: 2, adopted: 1, partly: 0, notAdopted: 1 },
    });
    expect(after.comments[0]).toMatchObject({ adoption: 'adopted', adoptionReason: '已在第五条增加规定' });
    // Fixed once published.
    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown2}/moderate`, { decision: 'hide', reason: '改' })).json().error.code).toBe('feedback_published');
    expect((await office.request('POST', `/api/v1/solicitation-comments/${shown2}/adoption`, { adoption: 'adopted', reason: '改' })).json().error.code).toBe('feedback_published');
    const version = (await office.request('GET', `/api/v1/solicitations/${s.id}`)).json().version;
    expect((await office.request('PATCH', `/api/v1/solicitations/${s.id}`, { closesAt: '2030-01-01T00:00:00Z', version })).json().error.code).toBe('feedback_published');

    expect(await auditActions(t, s.id)).toEqual(['solicitation.create', 'solicitation.feedback']);
    expect(await auditActions(t, shown1)).toEqual(['solicitation.comment.submit', 'solicitation.comment.moderate', 'solicitation.comment.adoption']);
    const submitted = await t.db.kysely.selectFrom('audit_log').select(['actor_name', 'summary']).where('object_id', '=', shown1).orderBy('seq').executeTakeFirstOrThrow();
    expect(submitted.actor_name).toBe('anonymous');
    expect(submitted.summary).not.toMatch(/王五|1234/);
  });

  it('keeps hostile comments as plain text and refuses over-long fields with a message per field', async () => {
    const s = await open(0, DAY);
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await comment(s.id, { name: evil.slice(0, 50), contact: evil, content: evil });
    expect(res.statusCode).toBe(201);
    const stored = await t.db.kysely.selectFrom('solicitation_comments').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ content: evil, contact: evil, state: 'pending', address: '192.0.2.10' });
    const long = await comment(s.id, { name: '名'.repeat(51), contact: '1'.repeat(101), content: '意'.repeat(3001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual({ name: '姓名不能超过 50 个字符', contact: '联系方式不能超过 100 个字符', content: '意见内容不能超过 3000 个字符' });
    expect((await comment(s.id, { content: '   ' })).json().error.fields).toEqual({ content: '请填写意见内容' });
    expect((await comment('nope', { content: '意见' })).statusCode).toBe(404);
  });
});

describe.each(testDatabases())('comment limits and the challenge on $name', (database) => {
  let t: TestApp;
  let id: string;
  const send = (payload: Record<string, unknown>, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: `/api/v1/solicitations/${id}/comments`, payload, remoteAddress });

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 2, messageLimitPerHour: 8, messageLimitPerContact: 3 } });
    const office = await signIn(t, 'office');
    const now = t.clock.now().getTime();
    const res = await office.request('POST', '/api/v1/solicitations', {
      org: 'jiangchuan', title: '征集', summary: '说明', body: '<p>正文</p>', opensAt: new Date(now).toISOString(), closesAt: new Date(now + DAY).toISOString(),
    });
    id = res.json().id;
  });
  afterAll(() => t?.close());

  it('asks the challenge after repeated comments (428), accepts a right answer once, then limits the address (429)', async () => {
    expect((await send({ content: '一' })).statusCode).toBe(201);
    expect((await send({ content: '二' })).statusCode).toBe(201);
    const asked = await send({ content: '三' });
    expect(asked.statusCode).toBe(428);
    const { token, question } = asked.json().error.challenge as { token: string; question: string };
    expect(asked.json().error.code).toBe('challenge_required');
    const wrong = await send({ content: '三', challengeToken: token, challengeAnswer: '1000' });
    expect(wrong.statusCode).toBe(428);
    expect(wrong.json().error.message).toBe('验证答案不正确或已过期，请回答新的问题');
    const fresh = wrong.json().error.challenge as { token: string; question: string };
    expect((await send({ content: '三', challengeToken: fresh.token, challengeAnswer: answerChallenge(fresh.question) })).statusCode).toBe(201);
    // A token is good for one comment only.
    expect((await send({ content: '四', challengeToken: fresh.token, challengeAnswer: answerChallenge(fresh.question) })).statusCode).toBe(428);
    const again = await send({ content: '四' });
    const next = again.json().error.challenge as { token: string; question: string };
    expect((await send({ content: '四', challengeToken: next.token, challengeAnswer: answerChallenge(next.question) })).statusCode).toBe(201);
    expect(question).toMatch(/^请计算：/);
    // Refused attempts count towards the limit of eight as well.
    const limited = await send({ content: '五' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await t.db.kysely.selectFrom('solicitation_comments').select('content').where('solicitation_id', '=', id).execute();
    expect(stored.map((r) => r.content).sort()).toEqual(['一', '三', '二', '四'].sort());
  });

  it('limits one contact across addresses (429), whatever way the number is written', async () => {
    for (const [i, contact] of ['138 0000 1111', '13800001111', '138-0000-1111'].entries()) {
      expect((await send({ content: `意见${i}`, contact }, `203.0.113.${i + 1}`)).statusCode).toBe(201);
    }
    const res = await send({ content: '意见3', contact: '(138)00001111' }, '203.0.113.9');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toMatch(/同一联系方式/);
  });
});

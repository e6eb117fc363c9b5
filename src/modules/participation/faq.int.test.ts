import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { agencyIdOf, auditActions, insertMessage } from '../../../test/support/participation.js';

const enc = encodeURIComponent;

describe.each(testDatabases())('在线问答 (FAQ) on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let editor: Staff;
  let agencyId: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  async function create(body: Record<string, unknown>) {
    const res = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    office = await signIn(t, 'office');
    editor = await signIn(t, 'editor');
    agencyId = await agencyIdOf(t);
  });
  afterAll(() => t?.close());

  it('the office writes entries; the public sees the published ones by category, searchable and paged', async () => {
    const a = await create({ category: '户籍办理', question: '  居住证办理需要哪些材料？  ', answer: '身份证、居住证明和近期照片。' });
    expect(a).toMatchObject({ category: '户籍办理', question: '居住证办理需要哪些材料？', state: 'published', version: 1, sourceMessageId: null });
    await create({ category: '户籍办理', question: '户口迁移在哪里办理？', answer: '到户籍所在地派出所办理。' });
    await create({ category: '社会保障', question: '如何查询社保缴费记录？', answer: '登录社保网上服务平台查询。' });
    const hidden = await create({ category: '社会保障', question: '尚未核对的问题', answer: '草稿', state: 'hidden' });

    const all = (await get('/api/v1/faq?org=jiangchuan')).json();
    expect(all.total).toBe(3);
    expect(all.categories).toEqual([
      { name: '户籍办理', count: 2 },
      { name: '社会保障', count: 1 },
    ]);
    expect(all.entries.map((e: { question: string }) => e.question)).not.toContain('尚未核对的问题');
    expect(Object.keys(all.entries[0]).sort()).toEqual(['answer', 'category', 'id', 'question', 'updatedAt']);

    const byCategory = (await get(`/api/v1/faq?org=jiangchuan&category=${enc('社会保障')}`)).json();
    expect(byCategory.total).toBe(1);
    expect(byCategory.categories).toHaveLength(2);
    const searched = (await get(`/api/v1/faq?org=jiangchuan&q=${enc('派出所')}`)).json();
    expect(searched.entries.map((e: { question: string }) => e.question)).toEqual(['户口迁移在哪里办理？']);
    expect(searched.categories).toEqual([{ name: '户籍办理', count: 1 }]);
    // LIKE wildcards typed by the reader are text, not patterns.
    expect((await get(`/api/v1/faq?org=jiangchuan&q=${enc('%')}`)).json().total).toBe(3);
    const paged = (await get('/api/v1/faq?org=jiangchuan&pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.entries).toHaveLength(1);

    expect((await get('/api/v1/faq?org=nowhere')).statusCode).toBe(404);
    const manage = await office.request('GET', '/api/v1/faq/manage?org=jiangchuan');
    expect(manage.statusCode).toBe(200);
    expect(manage.json().entries.find((e: { id: string }) => e.id === hidden.id)).toMatchObject({ state: 'hidden' });
    expect(await auditActions(t, a.id)).toEqual(['faq.create']);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['/api/v1/faq', '/api/v1/faq/similar', '/api/v1/faq/manage', '/api/v1/faq/{id}', '/api/v1/solicitations/{id}/comments', '/api/v1/solicitation-comments/{id}/adoption']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });

  it('only the office manages the FAQ: editors get 403 (audited as denied), the public 401', async () => {
    expect((await editor.request('GET', '/api/v1/faq/manage?org=jiangchuan')).statusCode).toBe(403);
    expect((await editor.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '其他', question: '问', answer: '答' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/faq', payload: { org: 'jiangchuan', category: '其他', question: '问', answer: '答' } })).statusCode).toBe(401);
    const denied = await t.db.kysely.selectFrom('audit_log').select('action').where('outcome', '=', 'denied').where('action', '=', 'interaction.manage').execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses over-long and missing fields with a Chinese message per field', async () => {
    const res = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '类'.repeat(41), question: '问'.repeat(501), answer: '答'.repeat(5001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ category: '分类不能超过 40 个字符', question: '问题不能超过 500 个字符', answer: '答案不能超过 5000 个字符' });
    const missing = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '  ' });
    expect(missing.json().error.fields).toEqual({ category: '请填写分类', question: '请填写问题', answer: '请填写答案' });
    const badOrg = await office.request('POST', '/api/v1/faq', { org: 'nowhere', category: '其他', question: '问', answer: '答' });
    expect(badOrg.json().error.fields).toEqual({ org: '机构不存在' });
  });

  it('keeps HTML typed into any field as plain text', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const entry = await create({ category: `${evil}分类`.slice(0, 40), question: `${evil}问`, answer: `${evil}答` });
    expect(entry.question).toBe(`${evil}问`);
    const listed = (await get('/api/v1/faq?org=jiangchuan')).json();
    expect(listed.entries.find((e: { id: string }) => e.id === entry.id).answer).toBe(`${evil}答`);
    await office.request('PATCH', `/api/v1/faq/${entry.id}`, { state: 'hidden', version: 1 });
  });

  it('edits with optimistic locking: a stale version is a 409; hiding takes an entry off the public list', async () => {
    const e = await create({ category: '其他', question: '办公时间是什么时候？', answer: '工作日 9:00–17:00。' });
    const edited = await office.request('PATCH', `/api/v1/faq/${e.id}`, { answer: '工作日上午 9:00–12:00，下午 13:30–17:00。', sortOrder: 3, version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ answer: '工作日上午 9:00–12:00，下午 13:30–17:00。', sortOrder: 3, version: 2 });
    const stale = await office.request('PATCH', `/api/v1/faq/${e.id}`, { question: '改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await office.request('PATCH', `/api/v1/faq/${e.id}`, { state: 'gone', version: 2 })).json().error.fields.state).toMatch(/published/);
    expect((await office.request('PATCH', `/api/v1/faq/${e.id}`, { state: 'hidden', version: 2 })).statusCode).toBe(200);
    const listed = (await get('/api/v1/faq?org=jiangchuan')).json();
    expect(listed.entries.map((x: { id: string }) => x.id)).not.toContain(e.id);
    expect((await office.request('PATCH', '/api/v1/faq/no-such-entry', { state: 'hidden', version: 1 })).statusCode).toBe(404);
    expect(await auditActions(t, e.id)).toEqual(['faq.create', 'faq.update', 'faq.update']);
  });

  it('refuses a version beyond what a record can hold with a 400, not a database error', async () => {
    const e = await create({ category: '其他', question: '版本号有上限吗？', answer: '有。' });
    const huge = await office.request('PATCH', `/api/v1/faq/${e.id}`, { question: '改', version: 2 ** 53 - 1 });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.fields.version).toBe('版本号无效');
    const settings = await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { version: 2 ** 31 });
    expect(settings.statusCode).toBe(400);
    const org = await office.request('PATCH', '/api/v1/orgs/jiangchuan', { phone: '010-1234567', version: 2 ** 31 });
    expect(org.json().error.fields.version).toBe('版本号无效');
  });

  it('promotes an answered message: its public copy when published, else its text, hidden until checked', async () => {
    const published = await insertMessage(t, {
      agencyId,
      title: '张三询问新生儿落户',
      content: '我叫张三，电话13812345678，孩子怎么落户？',
      reply: '张三您好：请携带出生医学证明到派出所办理。',
      published: { title: '新生儿落户怎么办理', content: '孩子怎么落户？', reply: '请携带出生医学证明到派出所办理。' },
    });
    const fromPublic = await create({ category: '户籍办理', sourceMessageId: published });
    expect(fromPublic).toMatchObject({ question: '新生儿落户怎么办理', answer: '请携带出生医学证明到派出所办理。', state: 'published', sourceMessageId: published });

    const privateOne = await insertMessage(t, { agencyId, title: '公积金提取', content: '公积金怎么提取？', reply: '可在公积金中心网站申请提取。' });
    const fromRaw = await create({ category: '住房', sourceMessageId: privateOne });
    expect(fromRaw).toMatchObject({ question: '公积金提取', answer: '可在公积金中心网站申请提取。', state: 'hidden' });
    // What the office writes itself may be published at once.
    const rewritten = await create({ category: '住房', sourceMessageId: privateOne, question: '如何提取住房公积金？', answer: '可在公积金中心网站申请。' });
    expect(rewritten.state).toBe('published');

    const open = await insertMessage(t, { agencyId, title: '未答复', content: '？', reply: null, state: 'assigned' });
    const notAnswered = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '其他', sourceMessageId: open });
    expect(notAnswered.json().error.fields).toEqual({ sourceMessageId: '只能选用已答复的留言' });
    const unknown = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '其他', sourceMessageId: 'nope' });
    expect(unknown.json().error.fields).toEqual({ sourceMessageId: '来源留言不存在' });
    const longReply = await insertMessage(t, { agencyId, title: '长答复', content: '？', reply: '答'.repeat(5001) });
    const tooLong = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '其他', sourceMessageId: longReply });
    expect(tooLong.json().error.fields.answer).toMatch(/5000/);
  });

  it('suggests similar FAQ entries and published answers, from the public copy only', async () => {
    const similarQuestions = async (text: string) => (await get(`/api/v1/faq/similar?org=jiangchuan&text=${enc(text)}`)).json<{ faq: { question: string; score: number }[]; answered: unknown[] }>();
    const secret = await insertMessage(t, {
      agencyId,
      title: '李四：营业执照办理地点',
      content: '我是李四，身份证 110101199003077777，营业执照在哪里办理？',
      reply: '李四您好，营业执照在政务服务中心一楼办理。',
      published: { title: '营业执照在哪里办理', content: '营业执照在哪里办理？', reply: '营业执照在政务服务中心一楼办理。' },
    });
    await insertMessage(t, { agencyId, title: '营业执照办理', content: '营业执照在哪里办理？', reply: '未公开的答复' });

    const res = await get(`/api/v1/faq/similar?org=jiangchuan&text=${enc('请问营业执照应该去哪里办理呢')}`);
    expect(res.statusCode).toBe(200);
    const { faq, answered } = res.json();
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ id: secret, title: '营业执照在哪里办理', reply: '营业执照在政务服务中心一楼办理。' });
    expect(answered[0].score).toBeGreaterThanOrEqual(0.25);
    expect(JSON.stringify(answered)).not.toMatch(/李四|1101011990/);
    expect(faq).toEqual([]);

    const settle = await similarQuestions('新生儿怎么办理落户手续');
    expect(settle.faq.map((f) => f.question)).toEqual(['新生儿落户怎么办理']);
    expect(settle.faq[0]!.score).toBeGreaterThan(0.25);
    // Traditional characters and full-width forms are normalised.
    const traditional = await similarQuestions('居住證辦理需要哪些材料');
    expect(traditional.faq[0]?.question).toBe('居住证办理需要哪些材料？');
    // Hidden entries are never suggested, and unrelated text suggests nothing.
    expect((await similarQuestions('尚未核对的问题')).faq).toEqual([]);
    expect(await similarQuestions('今天天气很好')).toEqual({ faq: [], answered: [] });
    expect(await similarQuestions('？！')).toEqual({ faq: [], answered: [] });
    expect((await get('/api/v1/faq/similar?org=jiangchuan&text=')).json().error.fields).toEqual({ text: '请填写内容' });
  });
});

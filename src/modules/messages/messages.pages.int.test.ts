import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

const ORIGIN = { origin: 'http://localhost', host: 'localhost' };

function form(t: TestApp, url: string, fields: Record<string, string>, headers: Record<string, string> = ORIGIN) {
  return t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(), remoteAddress: '203.0.113.50' });
}

function multipart(t: TestApp, url: string, fields: Record<string, string>, files: { name: string; data: Buffer; type: string }[]) {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url, headers: { ...ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts), remoteAddress: '203.0.113.50' });
}

const DRAFT = { type: 'consultation', title: '公积金提取需要什么材料', content: '请问离职后提取住房公积金需要准备哪些材料？', name: '王五', contact: 'wangwu@example.cn', public: '1' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(testDatabases())('message pages on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, demoDocuments: true, config: { challengeAfter: 0 } });
  });
  afterAll(() => t.close());

  it('the hub and the form show the reply limits in working days, without any script', async () => {
    const hub = await t.app.inject({ method: 'GET', url: '/interaction' });
    expect(hub.statusCode).toBe(200);
    expect(hub.body).toContain('咨询：5 个工作日内答复');
    expect(hub.body).not.toContain('<script');
    const page = await t.app.inject({ method: 'GET', url: '/messages/new' });
    expect(page.body).toContain('投诉工作人员或办事过程');
    expect(page.body).toContain('15 个工作日内答复');
    expect(page.body).not.toContain('value="correction"');
  });

  it('step 1 returns the problems with the text kept; step 2 suggests similar answers; the submission gives a tracking code', async () => {
    const bad = await form(t, '/messages/new', { ...DRAFT, title: '', contact: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写标题');
    expect(bad.body).toContain('请填写有效的手机号码、固定电话或电子邮箱');
    expect(bad.body).toContain('请问离职后提取住房公积金需要准备哪些材料？');

    const office = await signIn(t, 'office');
    const faq = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '住房', question: '离职后如何提取住房公积金？', answer: '携带身份证和离职证明到公积金中心办理。' });
    expect(faq.statusCode, faq.body).toBe(201);
    const step2 = await form(t, '/messages/new', DRAFT);
    expect(step2.statusCode).toBe(200);
    expect(step2.body).toContain('离职后如何提取住房公积金？');
    expect(step2.body).toContain('enctype="multipart/form-data"');

    const done = await multipart(t, '/messages/new', { ...DRAFT, step: 'confirm' }, [{ name: '材料.png', data: PNG, type: 'image/png' }]);
    expect(done.statusCode, done.body).toBe(303);
    const location = String(done.headers.location);
    expect(location).toMatch(/^\/messages\/track\/[0-9A-Z-]{19}\?created=1$/);
    const status = await t.app.inject({ method: 'GET', url: location });
    expect(status.body).toContain('留言已提交');
    expect(status.body).toContain('2026-03-09');
    const row = await t.db.kysely.selectFrom('message_attachments').select(['name', 'type']).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '材料.png', type: 'image/png' });
  });

  it('an item page links to the error report, which names the item and answers within three working days', async () => {
    const item = await t.db.kysely.selectFrom('items').select('id').where('state', '=', 'published').limit(1).executeTakeFirstOrThrow();
    const page = await t.app.inject({ method: 'GET', url: `/items/${item.id}` });
    const link = `/messages/new?type=correction&amp;item=${item.id}`;
    expect(page.body).toContain(link);
    const form = await t.app.inject({ method: 'GET', url: `/messages/new?type=correction&item=${item.id}` });
    expect(form.body).toMatch(/value="correction" checked/);
    expect(form.body).toContain(`name="correctionItemId" value="${item.id}"`);
    expect(form.body).toContain('3 个工作日内答复');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: { ...DRAFT, org: 'jiangchuan', type: 'correction', correctionItemId: item.id, public: false }, remoteAddress: '203.0.113.52' });
    expect(res.statusCode).toBe(201);
    // Three working days from Monday 2 March 2026: 3, 4 and 5 March.
    expect(res.json().dueDate).toBe('2026-03-05');
  });

  it('refuses a disguised attachment and a cross-site post', async () => {
    const fake = await multipart(t, '/messages/new', { ...DRAFT, step: 'confirm' }, [{ name: 'photo.png', data: Buffer.from('MZ not a picture'), type: 'image/png' }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('不是 JPG、PNG 图片或 PDF 文件');
    const cross = await form(t, '/messages/new', DRAFT, { origin: 'http://evil.example', host: 'localhost' });
    expect(cross.statusCode).toBe(403);
  });

  it('the status page, the rating form and the public Q&A with masked personal data', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: { ...DRAFT, org: 'jiangchuan', public: true, content: '我叫王五，电话13800138000，请问<b>补贴</b>何时发放？' }, remoteAddress: '203.0.113.51' });
    const code = res.json().trackingCode as string;
    const id = (await t.db.kysely.selectFrom('messages').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow()).id;
    const office = await signIn(t, 'office');
    const units = await t.db.kysely.selectFrom('organisations').select('id').where('code', '=', 'jc-fgw').executeTakeFirstOrThrow();
    await office.request('POST', `/api/v1/inbox/${id}/assign`, { unitId: units.id });
    await office.request('POST', `/api/v1/inbox/${id}/reply`, { reply: '补贴将于本月底发放。' });
    await office.request('POST', `/api/v1/inbox/${id}/publish`, { publish: true });

    const lookup = await t.app.inject({ method: 'GET', url: `/messages/track?code=${code.toLowerCase()}` });
    expect(lookup.body).toContain('补贴将于本月底发放。');
    expect(lookup.body).toContain('name="rating"');
    expect(lookup.body).toContain('&lt;b&gt;补贴&lt;/b&gt;');
    const missing = await t.app.inject({ method: 'GET', url: '/messages/track?code=AAAA-BBBB-CCCC-DDDD' });
    expect(missing.statusCode).toBe(404);

    expect((await form(t, `/messages/track/${code}/rating`, { rating: '9' })).statusCode).toBe(400);
    const rated = await form(t, `/messages/track/${code}/rating`, { rating: '5', comment: '很好' });
    expect(rated.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: String(rated.headers.location) });
    expect(after.body).toContain('感谢您的评价');
    expect(after.body).not.toContain('name="rating"');
    expect((await form(t, `/messages/track/${code}/rating`, { rating: '1' })).statusCode).toBe(409);

    const qa = await t.app.inject({ method: 'GET', url: '/qa' });
    expect(qa.body).toContain('公积金提取需要什么材料');
    const entry = await t.app.inject({ method: 'GET', url: `/qa/${id}` });
    expect(entry.body).toContain('受理日期');
    expect(entry.body).toContain('市发展和改革委员会');
    expect(entry.body).not.toContain('13800138000');
    expect(entry.body).not.toContain('王五');
  });
});

import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../test/support/app.js';
import { testCategory, withCatalog } from '../../test/support/catalog.js';
import { testDatabases } from '../../test/support/databases.js';
import { SearchStats, searchStats } from '../modules/search/analytics.js';
import { setBackgroundLogger } from '../shared/background.js';

/** What a hostile tester sent (finding by finding): each must be a 4xx, never a 500, a hang or a dead process. */

const ORIGIN = { origin: 'http://localhost', host: 'localhost' };
const CITIZEN = '203.0.113.77';

function multipartBody(boundary: string, fields: Record<string, string>, end = true): string {
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return parts.join('') + (end ? `--${boundary}--\r\n` : '');
}

/** Sends raw bytes and resolves with whatever the server answered once it closes the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
  });
}

describe.each(testDatabases())('hostile input on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let editor: Staff;
  let solicitationId: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const count = async (table: 'messages' | 'solicitation_comments') =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(database, {
      demo: true,
      config: { challengeAfter: 0, messageLimitPerHour: 1000, messageLimitPerContact: 1000, requestTimeoutMs: 400 },
    });
    await withCatalog(t, [testCategory('02', '规划信息')]);
    office = await signIn(t, 'office');
    editor = await signIn(t, 'editor');
    const opensAt = t.clock.now().toISOString();
    const closesAt = new Date(t.clock.now().getTime() + 7 * 24 * 3600_000).toISOString();
    const res = await office.request('POST', '/api/v1/solicitations', { org: 'jiangchuan', title: '养犬管理规定征求意见', summary: '公开征求意见。', body: '<p>第一条</p>', opensAt, closesAt });
    expect(res.statusCode, res.body).toBe(201);
    solicitationId = res.json().id;
  });
  afterAll(() => t?.close());
  afterEach(() => {
    vi.useRealTimers();
    setBackgroundLogger(t.app.log);
  });

  it('refuses NUL and lone surrogates in paths and queries with 400 invalid_text, API and portal alike', async () => {
    for (const [url, field] of [
      ['/api/v1/search?q=a%00b', 'q'],
      ['/api/v1/items/%00', 'id'],
      ['/api/v1/faq?org=jiangchuan&q=%00', 'q'],
      ['/api/v1/search?q=%ED%A0%80', 'q'],
      ['/api/v1/messages/%00', 'trackingCode'],
      ['/api/v1/qa?org=jiang%00chuan', 'org'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_text', fields: { [field]: expect.stringContaining('不允许的字符') } });
    }
    // A path the router cannot decode: the same code, in the API's error JSON.
    const path = await get('/api/v1/items/%ED%A0%80');
    expect(path.statusCode).toBe(400);
    expect(path.json().error).toMatchObject({ code: 'invalid_text', message: '网址中含有无法识别的字符' });
    expect(path.headers['x-request-id']).toBe(path.json().error.requestId);
    // The portal answers with its Chinese error page.
    for (const url of ['/sites/jiangchuan/faq?q=%00', '/sites/jiangchuan/search?q=%ED%A0%80', '/sites/jiangchuan/messages/track/%00', '/sites/%ED%A0%80/']) {
      const page = await get(url, { accept: 'text/html' });
      expect(page.statusCode, url).toBe(400);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body, url).toMatch(/不允许的字符|无法识别的字符/);
    }
    // Real text still passes: a surrogate pair, a lone '%' that is no escape.
    expect((await get('/api/v1/search?q=%F0%9F%98%80')).statusCode).toBe(200);
    expect((await get('/api/v1/search?q=100%')).statusCode).toBe(200);
    expect((await get('/sites/jiangchuan/faq?q=%E5%85%AC%E7%A7%AF%E9%87%91')).statusCode).toBe(200);
  });

  it('refuses them in JSON, form and multipart bodies, anonymous or staff, and stores nothing', async () => {
    const messages = await count('messages');
    const comments = await count('solicitation_comments');
    const message = { org: 'jiangchuan', type: 'consultation', title: '公积金提取', content: '请问离职后如何提取公积金？', name: '王五', contact: '13812345678' };
    // JSON as sent on the wire: a "\u0000" or "\ud800" escape.
    for (const raw of [JSON.stringify({ ...message, title: 'a\u0000b' }), JSON.stringify(message).replace('"王五"', '"\\ud800"')]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { 'content-type': 'application/json' }, payload: raw, remoteAddress: CITIZEN });
      expect(res.statusCode, raw).toBe(400);
      expect(res.json().error.code).toBe('invalid_text');
    }
    // Nested deeper than any stack: still a 400, never a 500.
    for (const inner of ['"x"', '"\\u0000"']) {
      const deep = await t.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { 'content-type': 'application/json' }, payload: `{"title":${'['.repeat(200_000)}${inner}${']'.repeat(200_000)}}`, remoteAddress: CITIZEN });
      expect(deep.statusCode, inner).toBe(400);
    }
    const nested = await office.request('POST', '/api/v1/solicitations', { org: 'jiangchuan', title: '题', summary: '说明', body: '<p>正文</p>', opensAt: '2026-04-01T00:00:00Z', closesAt: '2026-04-02T00:00:00Z', extra: { deep: ['ok', '\udc00'] } });
    expect(nested.json().error).toMatchObject({ code: 'invalid_text', fields: { 'extra.deep.1': expect.any(String) } });
    const comment = await t.app.inject({ method: 'POST', url: `/api/v1/solicitations/${solicitationId}/comments`, payload: { content: '建议\u0000增加遛狗时间' }, remoteAddress: CITIZEN });
    expect(comment.statusCode).toBe(400);
    expect(comment.json().error.fields).toEqual({ content: expect.stringContaining('不允许的字符') });
    // The portal's forms: urlencoded (NUL, an encoded surrogate) and multipart.
    for (const payload of ['content=%E5%BB%BA%E8%AE%AE%00', 'content=%ED%A0%80', 'na%00me=x&content=ok']) {
      const res = await t.app.inject({ method: 'POST', url: `/sites/jiangchuan/solicitations/${solicitationId}/comments`, headers: { ...ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload, remoteAddress: CITIZEN });
      expect(res.statusCode, payload).toBe(400);
      expect(res.body).toContain('不允许的字符');
    }
    const boundary = 'gongkaiXYZ';
    const multipart = await t.app.inject({
      method: 'POST',
      url: '/sites/jiangchuan/messages/new',
      headers: { ...ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipartBody(boundary, { type: 'consultation', title: '标题', content: '内容\u0000内容内容', name: '王五', contact: '13812345678', step: 'confirm' }),
      remoteAddress: CITIZEN,
    });
    expect(multipart.statusCode).toBe(400);
    expect(multipart.body).toContain('不允许的字符');
    expect(await count('messages')).toBe(messages);
    expect(await count('solicitation_comments')).toBe(comments);
  });

  it('counts a search without ever storing a NUL or a lone surrogate', async () => {
    const stats = searchStats(t.ctx.db, t.ctx.clock);
    stats.searched(null, '公积金\u0000提取\ud800', 1);
    stats.searched(null, `${'政'.repeat(99)}😀`, 1); // cut at 100 code units: inside the pair
    await stats.flush();
    const rows = await t.db.kysely.selectFrom('search_query_stats').select('query').execute();
    expect(rows.map((r) => r.query)).toEqual(expect.arrayContaining(['公积金提取', '政'.repeat(99)]));
    // A lone surrogate does not survive the round trip through UTF-8.
    expect(rows.filter((r) => r.query.includes('\u0000') || Buffer.from(r.query, 'utf8').toString('utf8') !== r.query)).toEqual([]);
  });

  it('logs a failing background write and keeps serving: no unhandled rejection', async () => {
    const broken = await database.open();
    await broken.close();
    const logged: { obj: object; msg: string }[] = [];
    setBackgroundLogger({ error: (obj, msg) => logged.push({ obj, msg }) });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const stats = new SearchStats(broken, t.ctx.clock);
      stats.searched(null, '公积金', 1);
      vi.advanceTimersByTime(10_000);
      vi.useRealTimers();
      await vi.waitFor(() => expect(logged).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(logged[0]!.msg).toBe('search analytics flush failed');
    expect(logged[0]!.obj).toMatchObject({ task: 'search analytics flush', err: expect.any(Error) });
    expect(unhandled).toEqual([]);
    expect((await get('/healthz')).statusCode).toBe(200);
  });

  it('answers malformed or truncated multipart bodies with 400, portal and API alike, and stores nothing', async () => {
    const messages = await count('messages');
    const fields = { type: 'consultation', title: '公积金提取需要什么材料', content: '请问离职后提取住房公积金需要准备哪些材料？', name: '王五', contact: '13812345678', step: 'confirm' };
    const cases: [string, string, string][] = [
      ['no boundary', 'multipart/form-data', multipartBody('b', fields)],
      ['an empty boundary', 'multipart/form-data; boundary=', 'x'],
      ['a truncated field', 'multipart/form-data; boundary=b', multipartBody('b', fields, false).slice(0, -10)],
      ['no closing delimiter', 'multipart/form-data; boundary=b', multipartBody('b', fields, false)],
      ['a truncated file', 'multipart/form-data; boundary=b', `${multipartBody('b', fields, false)}--b\r\nContent-Disposition: form-data; name="attachments"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG`],
      ['truncated part headers', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-da'],
    ];
    for (const [what, contentType, payload] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/sites/jiangchuan/messages/new', headers: { ...ORIGIN, 'content-type': contentType }, payload, remoteAddress: CITIZEN });
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body, what).toContain('表单数据不完整或格式有误');
    }
    expect(await count('messages')).toBe(messages);
    // The same body, complete, is accepted: the check is the truncation, not the form.
    const whole = await t.app.inject({ method: 'POST', url: '/sites/jiangchuan/messages/new', headers: { ...ORIGIN, 'content-type': 'multipart/form-data; boundary=b' }, payload: multipartBody('b', fields), remoteAddress: CITIZEN });
    expect(whole.statusCode).toBe(303);

    const item = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02', title: '附件上传' })).json<{ id: string }>();
    const upload = (payload: string, contentType = 'multipart/form-data; boundary=b') =>
      t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/attachments`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': contentType }, payload });
    const file = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n%PDF-1.4 not quite';
    for (const [what, res] of [
      ['no boundary', await upload(`${file}\r\n--b--\r\n`, 'multipart/form-data')],
      ['a truncated file', await upload(file)],
      ['a NUL in a field', await upload(`--b\r\nContent-Disposition: form-data; name="note"\r\n\r\na\u0000\r\n--b--\r\n`)],
    ] as const) {
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toMatch(/^(bad_multipart|invalid_text)$/);
    }
    expect((await editor.request('GET', `/api/v1/items/${item.id}`)).json().attachments).toEqual([]);
  });

  it('cuts off a body that stops arriving with 408 instead of waiting for the client to give up', async () => {
    const messages = await count('messages');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    const body = multipartBody('b', { type: 'consultation', title: '标题标题', content: '内容内容内容', name: '王五', contact: '13812345678', step: 'confirm' }, false);
    const head = (url: string, extra: string) =>
      `POST ${url} HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${Buffer.byteLength(body) + 1000}\r\n${extra}\r\n`;
    // The portal's form, anonymous, and a staff upload: the closing boundary never comes (the test's own timeout is the bound).
    const portal = await rawExchange(port, head('/sites/jiangchuan/messages/new', 'Origin: http://localhost\r\n') + body);
    expect(portal).toMatch(/^HTTP\/1\.1 408/);
    const item = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02', title: '上传中断' })).json<{ id: string }>();
    const file = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n';
    const upload = await rawExchange(port, head(`/api/v1/items/${item.id}/attachments`, `Cookie: ${editor.cookie}\r\nX-CSRF-Token: ${editor.csrf}\r\n`) + file);
    expect(upload).toMatch(/^HTTP\/1\.1 408/);
    expect(await count('messages')).toBe(messages);
  }, 15_000);

  it('compares scheme, host and port of Origin (and a form\'s Referer) with the request', async () => {
    const post = (origin: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { host: 'localhost:3931', ...origin }, payload: { username: 'nobody', password: 'x' } });
    for (const origin of ['https://localhost:3931', 'http://localhost:3932', 'http://evil.example:3931', 'null']) {
      const res = await post({ origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('cross_origin');
    }
    expect((await post({ origin: 'http://localhost:3931' })).statusCode).toBe(401);
    expect((await post({})).statusCode).toBe(401); // no browser, no Origin: not a cross-site request

    const comment = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/sites/jiangchuan/solicitations/${solicitationId}/comments`, headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: 'content=', remoteAddress: CITIZEN });
    for (const headers of [{ origin: 'https://localhost' }, { origin: 'http://localhost:8080' }, { referer: 'https://localhost/sites/jiangchuan/' }, {}] as Record<string, string>[]) {
      const res = await comment(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.body).toContain('拒绝跨站提交');
    }
    expect((await comment({ origin: 'http://localhost:80' })).statusCode).toBe(400); // the form again, with its problems
    expect((await comment({ referer: 'http://localhost/sites/jiangchuan/' })).statusCode).toBe(400);
  });
});

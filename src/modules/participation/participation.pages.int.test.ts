import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { answerChallenge } from '../../../test/support/participation.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';
const enc = encodeURIComponent;
const HOST = { host: 'localhost', accept: 'text/html' };
const LONG_SESSIONS = { sessionIdleMinutes: 60 * 24 * 90, sessionMaxHours: 24 * 365 };

describe.each(testDatabases())('the portal FAQ and solicitation pages on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let upcoming: string;
  let open: string;
  let closed: string;
  let closesAt: number;

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: HOST });
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = { origin: 'http://localhost' }, remoteAddress = '192.0.2.50') =>
    t.app.inject({
      method: 'POST',
      url,
      remoteAddress,
      headers: { ...HOST, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });

  async function solicitation(title: string, opensIn: number, lasts: number): Promise<string> {
    const now = t.clock.now().getTime();
    const res = await office.request('POST', '/api/v1/solicitations', {
      org: 'jiangchuan',
      title,
      summary: `${EVIL}\n第二段说明`,
      body: `<h2>第一条</h2><p>为了规范养犬行为。</p><script>alert(1)</script>`,
      opensAt: new Date(now + opensIn).toISOString(),
      closesAt: new Date(now + opensIn + lasts).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 3, messageLimitPerHour: 10, ...LONG_SESSIONS } });
    office = await signIn(t, 'office');
    for (const [category, question, answer] of [
      ['户籍办理', '居住证办理需要哪些材料？', '身份证、居住证明。\n近期照片一张。'],
      ['户籍办理', `${EVIL}问`, `${EVIL}答`],
      ['社会保障', '如何查询社保缴费记录？', '登录社保网上服务平台查询。'],
    ]) {
      expect((await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category, question, answer })).statusCode).toBe(201);
    }
    await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '隐藏', question: '不该出现的问题', answer: '答', state: 'hidden' });
    closed = await solicitation('已结束的征集', 0, HOUR);
    t.clock.advance(HOUR);
    upcoming = await solicitation('即将开始的征集', DAY, DAY);
    open = await solicitation(`正在征集${EVIL}`, 0, 3 * DAY);
    closesAt = t.clock.now().getTime() + 3 * DAY;
  });
  afterAll(() => t?.close());

  it('/faq lists the published questions by category with a search box; everything typed is escaped', async () => {
    const res = await get('/faq');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<title>在线问答 - 江川市人民政府</title>');
    expect(body).toContain('<a href="/interaction" aria-current="page">互动交流</a>');
    expect(body).toContain('<form class="search-form" role="search" aria-label="检索问答" method="get" action="/faq">');
    expect(body).toContain('<p class="list-count" role="status">共 3 条问答</p>');
    expect(body).toContain(`<li><a href="/faq?category=${enc('社会保障')}">社会保障</a> <span class="count">1 条</span></li>`);
    expect(body).toMatch(/<h2 id="faq-cat-0">户籍办理<\/h2>/);
    expect(body).toContain('<p>身份证、居住证明。</p><p>近期照片一张。</p>');
    expect(body).toContain(`${ESCAPED}问</h3>`);
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('不该出现的问题');

    const searched = (await get(`/faq?q=${enc('社保')}`)).body;
    expect(searched).toContain('检索“社保”，找到 1 条问答');
    expect(searched).toContain('value="社保"');
    expect(searched).not.toContain('居住证办理需要哪些材料');
    const category = (await get(`/faq?category=${enc('社会保障')}`)).body;
    expect(category).toContain('<span class="facet-current" aria-current="page">社会保障</span>');
    const none = (await get(`/faq?q=${enc('"><script>')}`)).body;
    expect(none).toContain('没有找到符合条件的问答');
    expect(none).toContain('value="&quot;&gt;&lt;script&gt;"');
    const en = (await get('/faq?lang=en')).body;
    expect(en).toContain('<h1>Questions and answers</h1>');
    expect(en).toContain('<span lang="zh-CN">居住证办理需要哪些材料？</span>');
    expect((await get('/sites/jiangchuan/faq')).body).toContain('action="/sites/jiangchuan/faq"');
    // Not cached: a change shows at once.
    await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '社会保障', question: '新加的问题', answer: '答' });
    expect((await get('/faq')).body).toContain('新加的问题');
  });

  it('/solicitations lists them with the status derived from the clock, filterable', async () => {
    const body = (await get('/solicitations')).body;
    expect(body).toContain('<a href="/interaction" aria-current="page">互动交流</a>');
    expect(body).toContain('<p class="list-count" role="status">共 3 项意见征集</p>');
    expect(body).toContain(`<h2><a href="/solicitations/${open}">正在征集${ESCAPED}</a></h2>`);
    expect(body).toContain('<span class="tag tag-upcoming">即将开始</span>');
    expect(body).toContain('<span class="tag tag-closed">已结束</span>');
    expect(body).not.toContain('<script>alert');
    const onlyOpen = (await get('/solicitations?status=open')).body;
    expect(onlyOpen).toContain('<span class="facet-current" aria-current="page">正在征集</span>');
    expect(onlyOpen).toContain('共 1 项意见征集');
    expect((await get('/solicitations?status=bogus')).body).toContain('共 3 项意见征集');
    expect((await get('/solicitations?lang=en')).body).toContain('<span class="tag tag-open">Open</span>');
  });

  it('a solicitation page shows the draft, period and status; the form only while open', async () => {
    const page = (await get(`/solicitations/${open}`)).body;
    expect(page).toContain(`<h1 id="solicitation-title">正在征集${ESCAPED}</h1>`);
    expect(page).toContain('<dt>征集状态</dt><dd><span class="tag tag-open">正在征集</span></dd>');
    expect(page).toMatch(/<dt>征集时间<\/dt><dd><time datetime="[^"]+">2026-03-02 \d\d:\d\d<\/time> 至 <time datetime="[^"]+">2026-03-05 \d\d:\d\d<\/time><\/dd>/);
    expect(page).toContain('<div class="item-body"><h2>第一条</h2><p>为了规范养犬行为。</p></div>');
    expect(page).toContain(`<p>${ESCAPED}</p><p>第二段说明</p>`);
    expect(page).toContain(`<form method="post" action="/solicitations/${open}/comments">`);
    expect(page).toContain('<label for="comment-content">意见内容</label>');
    expect(page).not.toMatch(/<script>alert|name="challengeToken"/);
    const soon = (await get(`/solicitations/${upcoming}`)).body;
    expect(soon).toContain('本次征集将于 2026-03-03');
    expect(soon).not.toContain('<form method="post"');
    const over = (await get(`/solicitations/${closed}`)).body;
    expect(over).toContain('本次征集已结束，不再接受意见。');
    expect(over).not.toContain('<form method="post"');
    expect((await get('/solicitations/no-such-id')).statusCode).toBe(404);
    expect((await get(`/solicitations/${open}?lang=en`)).body).toContain('<button class="button" type="submit">Submit comment</button>');
  });

  it('the comment form: same origin only, errors with the text kept, a notice after submitting, moderation before display', async () => {
    const url = `/solicitations/${open}/comments`;
    expect((await post(url, { content: '意见' }, {})).statusCode).toBe(403);
    expect((await post(url, { content: '意见' }, { origin: 'https://evil.example' })).statusCode).toBe(403);

    const invalid = await post(url, { name: '名'.repeat(51), contact: '13800001111', content: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['cache-control']).toBe('no-store');
    expect(invalid.body).toContain('提交未成功，请检查以下内容');
    expect(invalid.body).toContain('<a href="#comment-content">请填写意见内容</a>');
    expect(invalid.body).toContain('<p class="field-error" id="comment-name-error">姓名不能超过 50 个字符</p>');
    expect(invalid.body).toContain('value="13800001111"');

    const ok = await post(url, { name: `${EVIL}`.slice(0, 50), contact: 'secret@example.com', content: `${EVIL}\n第二行` });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/solicitations/${open}?submitted=1`);
    const after = (await get(ok.headers.location!)).body;
    expect(after).toContain('<p class="notice" role="status">已提交，审核后显示。感谢您的参与！</p>');
    expect(after).toContain('暂无公开的意见。');

    const staff = (await office.request('GET', `/api/v1/solicitations/${open}/comments?state=pending`)).json();
    const mine = staff.comments.find((c: { contact: string }) => c.contact === 'secret@example.com');
    expect(mine.content).toBe(`${EVIL}\n第二行`);
    await office.request('POST', `/api/v1/solicitation-comments/${mine.id}/moderate`, { decision: 'show' });
    const shown = (await get(`/solicitations/${open}`)).body;
    expect(shown).toContain(`<p>${ESCAPED}</p><p>第二行</p>`);
    expect(shown).toContain('<dt>已公开意见</dt><dd>1 条</dd>');
    expect(shown).not.toMatch(/secret@example\.com|<script>alert/);

    // Under /sites/{code}/ the form and the redirect keep the prefix.
    const prefixed = await post(`/sites/jiangchuan${url}`, { content: '另一条意见' }, { origin: 'http://localhost' }, '192.0.2.51');
    expect(prefixed.headers.location).toBe(`/sites/jiangchuan/solicitations/${open}?submitted=1`);
    expect((await post(`/solicitations/${closed}/comments`, { content: '晚了' })).body).toContain('意见征集已结束，不再接受意见');
  });

  it('asks the challenge question in the page after repeated comments, keeping the text; then limits the address', async () => {
    const url = `/solicitations/${open}/comments`;
    const address = '198.51.100.20';
    for (const n of [1, 2, 3]) expect((await post(url, { content: `第${n}条` }, undefined, address)).statusCode).toBe(303);
    const asked = await post(url, { name: '孙八', content: '第四条意见' }, undefined, address);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('您本小时提交次数较多，请先回答验证问题');
    expect(asked.body).toContain('>第四条意见</textarea>');
    expect(asked.body).toContain('value="孙八"');
    const token = /<input type="hidden" name="challengeToken" value="([^"]+)">/.exec(asked.body)?.[1];
    const question = /<div id="comment-challengeAnswer-before"><p><strong>([^<]+)<\/strong><\/p>/.exec(asked.body)?.[1];
    expect(token && question).toBeTruthy();
    expect(asked.body).toContain('<label for="comment-challengeAnswer">验证问题</label>');
    const wrong = await post(url, { content: '第四条意见', challengeToken: token!, challengeAnswer: '0' }, undefined, address);
    expect(wrong.body).toContain('验证答案不正确或已过期，请回答新的问题');
    const next = /name="challengeToken" value="([^"]+)"/.exec(wrong.body)![1]!;
    const nextQuestion = /<strong>(请计算[^<]+)<\/strong>/.exec(wrong.body)![1]!;
    const answered = await post(url, { content: '第四条意见', challengeToken: next, challengeAnswer: answerChallenge(nextQuestion) }, undefined, address);
    expect(answered.statusCode).toBe(303);
    for (const n of [5, 6]) {
      const again = await post(url, { content: `第${n}条` }, undefined, address);
      const tk = /name="challengeToken" value="([^"]+)"/.exec(again.body)![1]!;
      const q = /<strong>(请计算[^<]+)<\/strong>/.exec(again.body)![1]!;
      expect((await post(url, { content: `第${n}条`, challengeToken: tk, challengeAnswer: answerChallenge(q) }, undefined, address)).statusCode).toBe(303);
    }
    const limited = await post(url, { content: '第七条' }, undefined, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toMatch(/提交过于频繁，请 \d+ 分钟后再试/);
    expect(limited.body).toContain('>第七条</textarea>');
  });

  it('shows the adoption feedback and the counts once published', async () => {
    t.clock.advance(closesAt - t.clock.now().getTime());
    const staff = (await office.request('GET', `/api/v1/solicitations/${open}/comments`)).json();
    for (const c of staff.comments as { id: string; state: string }[]) {
      if (c.state === 'pending') await office.request('POST', `/api/v1/solicitation-comments/${c.id}/moderate`, { decision: 'hide', reason: '测试' });
      else await office.request('POST', `/api/v1/solicitation-comments/${c.id}/adoption`, { adoption: 'partly', reason: `${EVIL}理由` });
    }
    expect((await office.request('POST', `/api/v1/solicitations/${open}/feedback`, { feedback: `共收到意见，部分采纳。\n${EVIL}` })).statusCode).toBe(200);
    const page = (await get(`/solicitations/${open}`)).body;
    expect(page).toContain('<h2 id="feedback">意见采纳情况</h2>');
    expect(page).toContain('<caption>采纳情况统计</caption>');
    expect(page).toContain('<tbody><tr><td>1 条</td><td>0 条</td><td>1 条</td><td>0 条</td></tr></tbody>');
    expect(page).toContain(`<p>共收到意见，部分采纳。</p><p>${ESCAPED}</p>`);
    expect(page).toContain(`<span class="tag">部分采纳</span> 说明：${ESCAPED}理由`);
    expect(page).not.toContain('<script>alert');
    expect((await get('/solicitations')).body).toContain('已公布采纳情况');
  });
});

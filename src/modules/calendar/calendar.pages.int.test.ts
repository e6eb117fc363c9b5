import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe.each(testDatabases())('calendar portal page on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterEach(async () => {
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...HTML, ...headers } });

  /** A second agency (a second site: pages are then addressed by /sites/{code}/), as the system administrator. */
  async function addSecondAgency() {
    const admin = await signIn(t, 'sysadmin');
    const res = await admin.request('POST', '/api/v1/orgs', { code: 'hexi', name: '河西县人民政府' });
    expect(res.statusCode, res.body).toBe(201);
    return admin;
  }

  it('shows this year’s holidays and make-up days (the test clock is in 2026), linked from the navigation', async () => {
    const res = await get('/calendar');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body).toContain('<title>工作日与办理时限 - 江川市人民政府</title>');
    expect(body).toContain('<a href="/calendar" aria-current="page">工作日与办理时限</a>');
    expect(body).toContain('2026 年节假日安排');
    expect(body).toContain('<time datetime="2026-02-15">2026-02-15</time> 至 <time datetime="2026-02-23">2026-02-23</time>');
    expect(body).toContain('<th scope="row"><time datetime="2026-02-28">2026-02-28</time></th><td>星期六</td><td>春节</td>');
    expect(body).not.toContain('<script');
    // The navigation of the other pages links here too, and a site prefix is kept.
    expect((await get('/about')).body).toContain('<a href="/calendar">工作日与办理时限</a>');
    await addSecondAgency();
    const hexi = await get('/sites/hexi/calendar?year=2025');
    expect(hexi.statusCode).toBe(200);
    expect(hexi.body).toContain('2025 年节假日安排');
    expect(hexi.body).toContain('<a href="/sites/hexi/calendar" aria-current="page">');
  });

  it('says an unpublished year is not published (200, not an error)', async () => {
    const res = await get('/calendar?year=2030');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('尚未公布该年节假日安排（2030 年）');
    expect(res.body).toContain('<a href="/calendar?year=2026">查看 2026 年的安排</a>');
    for (const year of ['abc', '99999', '1800']) {
      const bad = await get(`/calendar?year=${year}`);
      expect(bad.statusCode).toBe(200);
      expect(bad.body).toContain('年份无效，已显示当年的安排。');
    }
  });

  it('computes a deadline without JavaScript, and explains bad input in the page', async () => {
    const ok = await get('/calendar?year=2026&start=2026-02-10&days=20');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('截止日期：<strong><time datetime="2026-03-16">2026-03-16</time>（星期一）</strong>');
    expect(ok.body).toContain('<li>2026-02-15 至 2026-02-23 春节放假（9 天），不计入。</li>');
    expect(ok.body).toContain('<li>2026-02-28（星期六）为春节调休上班日，计入工作日。</li>');

    const cases: [string, string][] = [
      ['start=2025-02-30&days=20', '起算日期“2025-02-30”不存在或格式不正确'],
      ['start=2026-02-10&days=-1', '工作日数应为整数'],
      ['start=2026-02-10&days=5000', '工作日数应在 1 到 1000 之间'],
      ['start=abc&days=xyz', '工作日数应为整数'],
      ['start=&days=', '请填写起算日期'],
      ['start=2026-12-20&days=20', '尚未公布该年节假日安排：该期限要计算到 2027 年'],
    ];
    for (const [q, message] of cases) {
      const res = await get(`/calendar?${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.body, q).toContain(message);
      expect(res.body, q).toContain('<div class="error-summary" role="alert"');
    }
  });

  it('escapes whatever is typed', async () => {
    const res = await get(`/calendar?start=${encodeURIComponent('"><script>alert(1)</script>')}&days=${encodeURIComponent('<img src=x>')}&year=${encodeURIComponent('<b>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x>');
    expect(res.body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is converted to Traditional characters, and to English', async () => {
    const tw = await get('/calendar?lang=zh-TW');
    expect(tw.body).toContain('<html lang="zh-TW">');
    expect(tw.body).toContain('辦理時限計算器');
    expect(tw.body).toContain('<a href="/calendar?lang=zh-TW" aria-current="page">工作日與辦理時限</a>');
    const twCalc = await get('/calendar?lang=zh-TW&start=2026-02-10&days=20');
    expect(twCalc.body).toContain('<input type="hidden" name="lang" value="zh-TW">');
    expect(twCalc.body).toContain('辦理期限截止於 2026-03-16');
    const en = await get('/calendar', { cookie: 'gk_lang=en' });
    expect(en.body).toContain('Time limit calculator');
    expect(en.body).toContain('<th scope="row"><span lang="zh-CN">春节</span></th>');
  });

  it('shows an agency’s own holiday as soon as it is added (calendar.changed drops the cached page)', async () => {
    const before = await get('/calendar');
    expect(before.body).not.toContain('三月三');
    const etag = before.headers.etag as string;
    expect((await get('/calendar', { 'if-none-match': etag })).statusCode).toBe(304);
    // A query is never served from (or stored in) the cache.
    expect((await get('/calendar?start=2026-02-27&days=5')).body).toContain('截止日期：<strong><time datetime="2026-03-05">');

    const office = await signIn(t, 'office');
    const added = await office.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2026-03-03', isOffDay: true, name: '三月三', reason: '<b>民族节日</b>' });
    expect(added.statusCode, added.body).toBe(201);

    const after = await get('/calendar', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('<tr class="row-agency"><th scope="row">三月三</th><td><time datetime="2026-03-03">2026-03-03</time></td><td>1 天</td><td><span class="tag tag-agency">本机关调整</span></td></tr>');
    expect((await get('/calendar?start=2026-02-27&days=5')).body).toContain('截止日期：<strong><time datetime="2026-03-06">');

    const removed = await office.request('DELETE', `/api/v1/calendar/overrides/${added.json().id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await get('/calendar')).body).not.toContain('三月三');

    // Another agency's calendar is not touched by this agency's day.
    expect((await office.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2026-03-03', isOffDay: true, name: '三月三' })).statusCode).toBe(201);
    await addSecondAgency();
    expect((await get('/sites/jiangchuan/calendar')).body).toContain('三月三');
    expect((await get('/sites/hexi/calendar')).body).not.toContain('三月三');
  });

  it('drops every agency’s page on a deployment-wide notice', async () => {
    const admin = await addSecondAgency();
    expect((await get('/sites/hexi/calendar')).body).not.toContain('测试假日');
    expect((await get('/sites/jiangchuan/calendar')).body).not.toContain('测试假日');
    const notice = { year: 2026, papers: [], days: [{ name: '测试假日', date: '2026-03-04', isOffDay: true }] };
    const res = await admin.request('POST', '/api/v1/calendar/notices', { org: '*', notice });
    expect(res.statusCode, res.body).toBe(200);
    // The event handler reads the agency list before dropping: give it a turn.
    await new Promise((r) => setTimeout(r, 50));
    expect((await get('/sites/hexi/calendar')).body).toContain('测试假日');
    expect((await get('/sites/jiangchuan/calendar')).body).toContain('测试假日');
  });
});

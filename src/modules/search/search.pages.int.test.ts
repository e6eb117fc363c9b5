import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { axeViolations, browserAvailable, launchBrowser, newTestContext, screenshot, describeViolations } from '../../../test/support/browser.js';
import { testDatabases } from '../../../test/support/databases.js';
import { startHttpServer } from '../../../test/support/server.js';

const HTML = { accept: 'text/html' };

/** The result links of a search page: the item ids behind the click counter, in order. */
function hitIds(body: string): string[] {
  return [...body.matchAll(/<h3 class="hit-title"><a href="[^"]*\/search\/go\?[^"]*id=([0-9A-Za-z-]+)[^"]*">/g)].map((m) => m[1]!);
}

function hitTitles(body: string): string[] {
  return [...body.matchAll(/<h3 class="hit-title"><a href="[^"]*">([^]*?)<\/a><\/h3>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

function total(body: string): number {
  const m = /找到 (\d+) 条结果/.exec(body);
  if (!m) throw new Error('no result count on the page');
  return Number(m[1]);
}

const enc = encodeURIComponent;
const decodeAmp = (s: string) => s.replaceAll('&amp;', '&');

describe.each(testDatabases())('the portal search pages on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...HTML, ...headers } });

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, demoDocuments: true });
    office = await signIn(t, 'office');
  });
  afterAll(() => t?.close());

  it('every page of the site has a labelled search box in its header, a GET form to the site’s search page', async () => {
    const home = (await get('/')).body;
    expect(home).toContain('<form class="site-search" role="search" aria-label="站内检索" method="get" action="/search">');
    expect(home).toContain('<label class="visually-hidden" for="site-search-q">检索本站政府信息</label>');
    expect(home).toContain('<input id="site-search-q" name="q" type="search" maxlength="200">');
    expect(home).toContain('<button class="site-search-button" type="submit">检索</button>');
    const prefixed = (await get('/sites/jiangchuan/catalog?lang=en')).body;
    expect(prefixed).toContain('action="/sites/jiangchuan/search">\n<input type="hidden" name="lang" value="en">');
    expect(prefixed).toContain('<button class="site-search-button" type="submit">Search</button>');
    expect(home).not.toMatch(/<script|<datalist/i);
  });

  it('finds a demo law by its title: highlighted title through the click counter, number, index number, date, snippet', async () => {
    const res = await get(`/search?q=${enc('个人信息保护法')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const body = res.body;
    expect(body).toContain('<title>个人信息保护法 - 站内检索 - 江川市人民政府</title>');
    expect(body).toContain('<meta name="robots" content="noindex">');
    expect(body).toContain(`<input id="search-q" name="q" type="search" value="个人信息保护法"`);
    expect(hitTitles(body)[0]).toBe('中华人民共和国个人信息保护法');
    expect(body).toContain('中华人民共和国<mark>个人信息保护法</mark></a></h3>');
    const id = hitIds(body)[0]!;
    expect(body).toContain(`<a href="/search/go?q=${enc('个人信息保护法')}&amp;id=${id}">`);
    // The query's words are highlighted where the whole query does not occur.
    const firstSnippet = /<p class="hit-snippet">(.*?)<\/p>/s.exec(body)?.[1] ?? '';
    expect(firstSnippet).toContain('<mark>个人信息</mark>');
    expect(firstSnippet).not.toContain('<mark>个人信息保护法</mark>');
    expect((await get(`/search?q=${enc('营商环境')}`)).body).toMatch(/<p class="hit-snippet">[^<]*<mark>营商环境<\/mark>/);
    expect(body).toMatch(/<dt>索引号：<\/dt><dd><span class="mono">MB0A0000X\/2021-\d+<\/span><\/dd>/);
    expect(body).toContain('<dt>发布日期：</dt><dd><time datetime="2021-08-20">2021-08-20</time></dd>');
    expect(body).toMatch(/<p class="list-count" role="status">找到 \d+ 条结果<span class="hint">（用时 [^<]+ 毫秒）<\/span><\/p>/);
    expect(body).not.toMatch(/<script/i);
    // A document number finds its document, with the number shown.
    const byNumber = (await get(`/search?q=${enc('国务院令第700号')}`)).body;
    expect(hitTitles(byNumber)[0]).toBe('人力资源市场暂行条例');
    expect(byNumber).toContain('<dt>发文字号：</dt><dd>中华人民共和国国务院令第700号</dd>');
    // Under /sites/{code}/ every link keeps the prefix.
    const prefixed = (await get(`/sites/jiangchuan/search?q=${enc('个人信息保护法')}`)).body;
    expect(prefixed).toContain(`<a href="/sites/jiangchuan/search/go?q=${enc('个人信息保护法')}&amp;id=${id}">`);
    expect(prefixed).toContain('action="/sites/jiangchuan/search"');
  });

  it('a Traditional-Chinese query finds Simplified text and says how it was searched', async () => {
    const body = (await get(`/search?q=${enc('優化營商環境條例')}`)).body;
    expect(body).toContain('<p class="notice search-converted">已按简体“<span lang="zh-CN">优化营商环境条例</span>”检索。</p>');
    expect(hitTitles(body)[0]).toBe('优化营商环境条例');
    expect(total(body)).toBeGreaterThanOrEqual(9);
    // On the Traditional page the note keeps the Simplified form, and the box what was typed.
    const tw = (await get(`/search?q=${enc('優化營商環境條例')}&lang=zh-TW`)).body;
    expect(tw).toContain('<html lang="zh-TW">');
    expect(tw).toContain('已按簡體“<span lang="zh-CN">优化营商环境条例</span>”檢索。');
    expect(tw).toContain('value="優化營商環境條例"');
    expect(tw).toContain(`href="/search/go?q=${enc('優化營商環境條例')}&amp;id=`);
    // Filter values carried by the within-results form stay exactly as stored (the organ filter matches exactly).
    const organ = (await get(`/search?q=${enc('条例')}&organ=${enc('国务院')}&lang=zh-TW`)).body;
    expect(organ).toContain('<input type="hidden" name="organ" value="国务院">');
    expect(organ).toContain('<input type="hidden" name="q" value="条例">');
    expect(Number(/找到 (\d+) 條結果/.exec(organ)?.[1])).toBeGreaterThan(0);
  });

  it('facets link with their counts, each adding its filter; the active filter can be removed', async () => {
    const all = (await get(`/search?q=${enc('条例')}`)).body;
    const everything = total(all);
    expect(everything).toBeGreaterThan(10);
    for (const heading of ['目录类别', '发文机关', '发布年份', '有效性']) expect(all).toContain(`>${heading}</h3>`);
    const link = new RegExp(`<li><a href="(/search\\?q=${enc('条例')}&amp;category=02\\.02)">([^<]+)</a> <span class="count">(\\d+) 条</span></li>`).exec(all);
    expect(link, 'category facet link').not.toBeNull();
    const [, href, label, count] = link!;
    const filtered = (await get(decodeAmp(href!))).body;
    expect(total(filtered)).toBe(Number(count));
    expect(total(filtered)).toBeLessThan(everything);
    expect(hitTitles(filtered).every((title) => title.includes('优化营商环境条例'))).toBe(true);
    // The facet is now the current value; the filter list removes it.
    expect(filtered).toContain(`<span class="facet-current" aria-current="true">${label}<span class="visually-hidden">（已选）</span></span>`);
    expect(filtered).toContain(
      `<li><span class="filter-name">目录类别：</span>${label} <a class="filter-remove" href="/search?q=${enc('条例')}">移除<span class="visually-hidden">筛选条件：目录类别 ${label}</span></a></li>`,
    );
    // A year facet on top: both filters in the links, two removable filters and a "remove all".
    const year = new RegExp(`<a href="(/search\\?q=${enc('条例')}&amp;category=02\\.02&amp;year=(\\d{4}))">`).exec(filtered);
    expect(year).not.toBeNull();
    const both = (await get(decodeAmp(year![1]!))).body;
    expect(total(both)).toBeLessThanOrEqual(total(filtered));
    expect(both).toContain(`<span class="filter-name">发布年份：</span>${year![2]}年`);
    expect(both).toContain(`<p><a href="/search?q=${enc('条例')}">清除全部筛选条件</a></p>`);
    // Sorting by date keeps the filters; the hits come newest first.
    const byDate = (await get(`/search?q=${enc('条例')}&category=02.02&sort=date`)).body;
    const dates = [...byDate.matchAll(/<dt>发布日期：<\/dt><dd><time datetime="([\d-]+)">/g)].map((m) => m[1]!);
    expect(dates.length).toBe(Number(count));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(byDate).toContain(`<li><a href="/search?q=${enc('条例')}&amp;category=02.02">按相关度</a></li>`);
  });

  it('search within results keeps the words and filters and narrows the results', async () => {
    const first = (await get(`/search?q=${enc('条例')}`)).body;
    expect(first).toContain('<form class="search-within" method="get" action="/search">');
    expect(first).toContain('<input type="hidden" name="q" value="条例">');
    expect(first).toContain('<label for="search-within">在当前结果中查找</label>');
    const within = (await get(`/search?q=${enc('条例')}&within=${enc('山东省')}`)).body;
    expect(total(within)).toBeGreaterThan(0);
    expect(total(within)).toBeLessThan(total(first));
    expect(hitTitles(within)[0]).toBe('山东省优化营商环境条例');
    expect(within).toContain('<input id="search-within" name="within" type="search" value="山东省" maxlength="200">');
    expect(within).toContain(`<span class="filter-name">在结果中检索：</span><span lang="zh-CN">山东省</span> <a class="filter-remove" href="/search?q=${enc('条例')}">`);
    // The click is counted under what was asked: both boxes.
    expect(within).toContain(`/search/go?q=${enc('条例 山东省')}&amp;id=`);
  });

  it('the advanced form: labelled fields, the published catalog, and a search composed from them', async () => {
    const form = await get('/search/advanced');
    expect(form.statusCode).toBe(200);
    const body = form.body;
    expect(body).toContain('<h1>高级检索</h1>');
    expect(body).toContain('<form class="advanced-form" method="get" action="/search">');
    for (const [name, label] of [
      ['all', '包含以下全部词语'],
      ['phrase', '包含以下完整词组'],
      ['any', '包含以下任意一个词语'],
      ['none', '不包含以下任何词语'],
      ['field', '关键词位置'],
      ['category', '目录类别'],
      ['topic', '主题分类'],
      ['validity', '有效性'],
      ['from', '从'],
      ['to', '至'],
      ['sort', '排序方式'],
    ]) {
      expect(body, name).toContain(`<label for="adv-${name}">${label}</label>`);
      expect(body, name).toMatch(new RegExp(`id="adv-${name}" name="${name}"`));
    }
    expect(body).toContain('<option value="title">仅在标题中</option>');
    expect(body).toMatch(/<option value="02\.02">\u3000?02\.02 [^<]+<\/option>/);
    expect(body).toContain('<option value="03.01">\u3000发展规划</option>');
    expect(body).toContain('<option value="repealed">废止</option>');

    // What the form submits: every field, most of them empty.
    const submitted = `/search?all=${enc('优化 营商环境')}&phrase=&any=${enc('山东省 河南省')}&none=${enc('重庆')}&field=title&category=&topic=&validity=&from=&to=&sort=relevance`;
    const res = await get(submitted);
    expect(res.statusCode).toBe(200);
    const q = '标题:优化 标题:营商环境 标题:山东省 OR 标题:河南省 -标题:重庆';
    expect(res.body).toContain(`<input id="search-q" name="q" type="search" value="${q}"`);
    expect(hitTitles(res.body).sort()).toEqual(['山东省优化营商环境条例', '河南省优化营商环境条例']);
    // Its links carry the composed words, not the form's fields.
    expect(res.body).toContain(`/search/go?q=${enc(q)}&amp;id=`);
    // An exact phrase in the title, within a date range.
    const phrase = (await get(`/search?phrase=${enc('优化营商环境条例')}&field=title&from=2021-01-01&to=2021-12-31`)).body;
    expect(phrase).toContain(`value="标题:&quot;优化营商环境条例&quot;"`);
    expect(hitTitles(phrase).sort()).toEqual(['开封市优化营商环境条例', '德州市优化营商环境条例', '重庆市优化营商环境条例', '青岛市优化营商环境条例', '驻马店市优化营商环境条例'].sort());
    expect(phrase.match(/<time datetime="2021-/g)).toHaveLength(5);
    expect(phrase).toContain('<span class="filter-name">起始日期：</span>2021-01-01');
    // The form can be opened filled in.
    const refill = (await get(`/search/advanced?all=${enc('条例')}&field=number&category=02.02`)).body;
    expect(refill).toContain('value="条例"');
    expect(refill).toContain('<option value="number" selected>');
    expect(refill).toMatch(/<option value="02\.02" selected>/);
  });

  it('bad input gives a 400 page with the field named and the message in Chinese, never a 500', async () => {
    const cases: [string, string][] = [
      ['/search?year=abc', '年份：年份应为数字'],
      ['/search?q=x&page=999', '页码：最多翻到第 50 页，请缩小检索范围'],
      ['/search?q=x&page=0', '页码：页码从 1 开始'],
      ['/search?q=x&from=2021-13-45', '起始日期：起始日期不是有效日期'],
      ['/search?q=x&to=abc', '截止日期：截止日期应为 YYYY-MM-DD'],
      ['/search?q=x&from=2022-01-01&to=2021-01-01', '截止日期：起始日期不能晚于截止日期'],
      ['/search?q=x&sort=best', '排序方式：排序应为 relevance 或 date'],
      ['/search?q=x&category=abc', '目录类别：目录类别代码应形如 01 或 01.02'],
      ['/search?all=x&field=body', '关键词位置：关键词位置应为全文、标题、发文字号或发文机关'],
      [`/search?q=${'字'.repeat(201)}`, '检索词：检索词最多 200 字'],
      ['/search?q=a&q=b', '检索词：'],
    ];
    for (const [url, message] of cases) {
      const res = await get(encodeURI(url));
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('<div class="error-summary" role="alert" aria-labelledby="search-problems"><h2 id="search-problems">检索条件有误</h2>');
      expect(res.body, url).toContain(message);
      // The form is there to correct it.
      expect(res.body, url).toContain('<input id="search-q" name="q"');
    }
    expect((await get('/search?q=a&q=b')).body).toContain('<a href="#search-q">检索词：');
  });

  it('an empty search shows how to search; nothing found shows did-you-mean and the tips', async () => {
    const empty = await get('/search');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<h2 id="search-tips">检索技巧</h2>');
    expect(empty.body).toContain('<code lang="zh-CN">标题:条例</code>');
    expect(empty.body).not.toContain('search-hits');
    const none = (await get(`/search?q=${enc('火星殖民计划')}`)).body;
    expect(none).toContain('找到 0 条结果');
    expect(none).toContain('<p class="notice">没有找到符合条件的信息。</p>');
    const dym = /<p class="did-you-mean">您是不是要找：<a href="([^"]+)">([^<]+)<\/a>（(\d+) 条结果）<\/p>/.exec(none);
    expect(dym).not.toBeNull();
    expect(total((await get(decodeAmp(dym![1]!))).body)).toBe(Number(dym![3]));
    expect(none).toContain('<h2 id="search-tips">检索技巧</h2>');
  });

  it('pagination: 20 a page, bounded links, the same words and filters on every page', async () => {
    const first = (await get(`/search?q=${enc('法')}`)).body;
    const n = total(first);
    expect(n).toBeGreaterThan(20);
    expect(hitIds(first)).toHaveLength(20);
    expect(first).toContain(`<a href="/search?q=${enc('法')}&amp;page=2" rel="next">下一页</a>`);
    const second = (await get(`/search?q=${enc('法')}&page=2`)).body;
    expect(hitIds(second)).toHaveLength(Math.min(20, n - 20));
    expect(second).toContain('<ol class="search-hits" start="21"');
    expect(second).toContain('<span class="page-current" aria-current="page">2</span>');
    expect(second).toContain(`<a href="/search?q=${enc('法')}" rel="prev">上一页</a>`);
    expect(new Set([...hitIds(first), ...hitIds(second)]).size).toBe(hitIds(first).length + hitIds(second).length);
    // A page past the results (but within the limit) says so and links back.
    const past = await get(`/search?q=${enc('法')}&page=40`);
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain('该页没有结果。');
  });

  it('English and elder mode', async () => {
    const en = (await get(`/search?q=${enc('个人信息保护法')}&lang=en`)).body;
    expect(en).toContain('<h1>Search</h1>');
    expect(en).toContain('<label for="search-q">Search for</label>');
    expect(en).toMatch(/<h3 class="hit-title"><a href="\/search\/go\?[^"]*&amp;lang=en"><span lang="zh-CN">中华人民共和国<mark>个人信息保护法<\/mark><\/span><\/a><\/h3>/);
    expect(en).toContain('<input type="hidden" name="lang" value="en">');
    expect(en).toMatch(/\d+ results?<span class="hint">/);
    const elder = await get(`/search?q=${enc('个人信息保护法')}`, { cookie: 'gk_elder=1' });
    expect(elder.body).toContain('<html lang="zh-CN" class="elder">');
    expect((await get('/search/advanced?lang=en')).body).toContain('<h1>Advanced search</h1>');
    // Switching language or elder mode comes back to the same search.
    const back = encodeURIComponent(`/search?q=${enc('土地')}&sort=date`);
    expect((await get(`/search?q=${enc('土地')}&sort=date&lang=en`)).body).toContain(`back=${back}`);
  });

  it('the click counter counts the click and sends the reader to the item, on this site only', async () => {
    const body = (await get(`/search?q=${enc('网络安全法')}`)).body;
    const id = hitIds(body)[0]!;
    const go = /<h3 class="hit-title"><a href="([^"]+)">/.exec(body)![1]!;
    const res = await get(decodeAmp(go));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/items/${id}`);
    expect(res.headers['cache-control']).toBe('no-store');
    const prefixed = await get(`/sites/jiangchuan/search/go?q=${enc('网络安全法')}&id=${id}&lang=en`);
    expect(prefixed.statusCode).toBe(303);
    expect(prefixed.headers.location).toBe(`/sites/jiangchuan/items/${id}?lang=en`);
    expect((await get(String(res.headers.location))).statusCode).toBe(200);

    const stats = await office.request('GET', '/api/v1/search/analytics?org=jiangchuan');
    expect(stats.statusCode, stats.body).toBe(200);
    const row = stats.json().top.find((r: { query: string }) => r.query === '网络安全法');
    expect(row).toMatchObject({ searches: 1, clicks: 2, zeroResults: 0 });

    // Nothing but an item of this agency is a destination.
    for (const url of [
      `/search/go?q=x&id=${enc('https://evil.example/')}`,
      `/search/go?q=x&id=${enc('//evil.example')}`,
      `/search/go?q=x&id=${enc('../admin')}`,
      '/search/go?q=x&id=00000000-0000-0000-0000-000000000000',
      '/search/go?q=x',
      `/search/go?q=x&id=${id}&id=${id}`,
      `/sites/nope/search/go?q=x&id=${id}`,
    ]) {
      const bad = await get(url);
      expect(bad.statusCode, url).toBe(404);
      expect(bad.headers.location, url).toBeUndefined();
    }
    // A draft is not a destination either.
    const draft = await office.request('POST', '/api/v1/items', { org: 'jc-office', category: '02.01', title: '未发布的草稿' });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await get(`/search/go?q=x&id=${draft.json().id}`)).statusCode).toBe(404);
  });

  it('a withdrawn item disappears from the results at once', async () => {
    const before = (await get(`/search?q=${enc('公共文化服务保障法')}`)).body;
    const id = hitIds(before)[0]!;
    expect(hitTitles(before)[0]).toBe('中华人民共和国公共文化服务保障法');
    const res = await office.request('POST', `/api/v1/items/${id}/withdraw`, { reason: '测试撤回' });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await get(`/search?q=${enc('公共文化服务保障法')}`)).body;
    expect(hitIds(after)).not.toContain(id);
    expect(after).not.toContain('中华人民共和国<mark>公共文化服务保障法</mark>');
  });
});

describe.skipIf(!browserAvailable())('the search pages in Chromium', () => {
  let t: TestApp;
  let url = '';
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    const server = await startHttpServer(undefined, { demoDocuments: true });
    t = server;
    url = server.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, options: { elder?: boolean; width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newTestContext(browser, { viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: false });
    if (options.elder) await context.addCookies([{ name: 'gk_elder', value: '1', url }]);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${path}: ${m.text()}`);
    });
    const res = await page.goto(url + path);
    expect(res?.status()).toBe(200);
    return { context, page };
  }

  /** axe runs as a script: a context of its own with JavaScript on, same cookies. */
  async function expectAccessible(page: Page, elder = false): Promise<void> {
    const context = await newTestContext(browser, { viewport: page.viewportSize() ?? { width: 1280, height: 900 } });
    if (elder) await context.addCookies([{ name: 'gk_elder', value: '1', url }]);
    const copy = await context.newPage();
    await copy.goto(page.url());
    const violations = await axeViolations(copy);
    await context.close();
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('searching from the header box without JavaScript: results with facets, a facet, a result; accessible', async () => {
    const { context, page } = await open('/');
    await page.fill('#site-search-q', '条例');
    await page.click('.site-search-button');
    expect(decodeURIComponent(page.url())).toBe(`${url}/search?q=条例`);
    expect(await page.locator('ol.search-hits > li').count()).toBeGreaterThan(10);
    expect(await page.locator('nav.search-facets section.facet').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page);
    await screenshot(page, 'portal-search-results');

    await page.click('section.facet a[href*="category=02.02"]');
    expect(page.url()).toContain('category=02.02');
    expect(await page.locator('.active-filters li').count()).toBe(1);
    await page.fill('#search-within', '山东省');
    await page.click('.search-within button');
    expect(decodeURIComponent(page.url())).toBe(`${url}/search?q=条例&category=02.02&within=山东省`);
    expect((await page.locator('h3.hit-title').first().textContent())?.trim()).toBe('山东省优化营商环境条例');
    await expectAccessible(page);

    await page.click('h3.hit-title a');
    expect(page.url()).toMatch(new RegExp(`^${url}/items/[0-9a-f-]+$`));
    expect(await page.textContent('h1')).toContain('山东省优化营商环境条例');
    await context.close();
  });

  it('the results and the advanced form in elder mode and on a phone', async () => {
    const { context, page } = await open(`/search?q=${enc('营商环境')}`, { elder: true });
    expect(await page.getAttribute('html', 'class')).toBe('elder');
    // Large text and line spacing ≥ 1.3 (measured in a context with JavaScript on).
    const measure = await newTestContext(browser, { viewport: { width: 1280, height: 900 } });
    await measure.addCookies([{ name: 'gk_elder', value: '1', url }]);
    const m = await measure.newPage();
    await m.goto(page.url());
    const style = await m.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { fontSize: string; lineHeight: string } };
      const s = g.getComputedStyle(g.document.querySelector('.hit-snippet'));
      return { size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) };
    });
    await measure.close();
    expect(style.size).toBeGreaterThanOrEqual(20);
    expect(style.line / style.size).toBeGreaterThanOrEqual(1.3);
    await expectAccessible(page, true);
    await screenshot(page, 'portal-search-results-elder');
    await page.goto(`${url}/search/advanced`);
    await expectAccessible(page, true);
    await screenshot(page, 'portal-search-advanced-elder');
    await context.close();

    const phone = await open(`/search?q=${enc('营商环境')}`, { width: 390 });
    await expectAccessible(phone.page);
    await screenshot(phone.page, 'portal-search-results-phone');
    await phone.context.close();
  });

  it('the advanced form composes the search without JavaScript; accessible', async () => {
    const { context, page } = await open('/search/advanced');
    await expectAccessible(page);
    await screenshot(page, 'portal-search-advanced');
    await page.fill('#adv-all', '优化 营商环境');
    await page.fill('#adv-any', '山东省 河南省');
    await page.fill('#adv-none', '重庆');
    await page.selectOption('#adv-field', 'title');
    await page.selectOption('#adv-category', '02.02');
    await page.click('.advanced-form button[type="submit"]');
    expect(page.url()).toContain('/search?all=');
    expect(await page.inputValue('#search-q')).toBe('标题:优化 标题:营商环境 标题:山东省 OR 标题:河南省 -标题:重庆');
    const titles = (await page.locator('h3.hit-title').allTextContents()).map((s) => s.trim()).sort();
    expect(titles).toEqual(['山东省优化营商环境条例', '河南省优化营商环境条例']);
    await expectAccessible(page);
    await screenshot(page, 'portal-search-advanced-results');
    await context.close();
  });

  it('the 400 page and the empty state are accessible', async () => {
    const context = await newTestContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const res = await page.goto(`${url}/search?year=abc`);
    expect(res?.status()).toBe(400);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'portal-search-invalid');
    await page.goto(`${url}/search`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-search-empty');
    await context.close();
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});

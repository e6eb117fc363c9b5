import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe.each(testDatabases())('public portal on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterEach(async () => {
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...HTML, ...headers } });

  async function patchAgency(fields: Record<string, unknown>, code = 'jiangchuan') {
    const office = await signIn(t, 'office');
    const current = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${code}` });
    const res = await office.request('PATCH', `/api/v1/orgs/${code}`, { ...fields, version: current.json().version });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  /** Creates organisations as the system administrator (signed in once: the TOTP enrolment is shown only once). */
  async function createOrgs(...bodies: Record<string, unknown>[]) {
    const admin = await signIn(t, 'sysadmin');
    for (const body of bodies) {
      const res = await admin.request('POST', '/api/v1/orgs', body);
      expect(res.statusCode, res.body).toBe(201);
    }
  }

  it('home page: agency, navigation, blocks, footer identification and contact, no script', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(body).toContain('<title>首页 - 江川市人民政府</title>');
    expect(body).toMatch(/<link rel="stylesheet" href="\/assets\/portal\.css\?v=[0-9a-f]{12}">/);
    // The skip link is the first link of the page and targets the focusable main element.
    expect(body.indexOf('<a ')).toBe(body.indexOf('<a class="skip-link" href="#main">跳到主要内容</a>'));
    expect(body).toContain('<main id="main" tabindex="-1">');
    expect(body).toContain('<nav class="main-nav" aria-label="主导航">');
    expect(body).toContain('<a href="/" aria-current="page">首页</a>');
    expect(body).toContain('<a href="/about">机构概况</a>');
    expect(body).toContain('<a href="/structure">组织结构</a>');
    expect(body).toContain('<h1 id="site-title">江川市人民政府</h1>');
    expect(body).toContain('负责执行市人民代表大会');
    expect(body).toContain('共 7 个内设机构和下属单位');
    for (const text of [
      '主办单位：</span>江川市人民政府办公室',
      '网站标识码：</span>3301000001',
      'ICP备案号：</span>浙ICP备00000000号',
      '办公地址：</span>江川市人民大道 1 号',
      '联系电话：</span>0571-87000000',
      'mailto:gongkai@jiangchuan.example.gov.cn',
    ]) {
      expect(body).toContain(text);
    }
    expect(body).toContain('<a href="/prefs?lang=zh-TW&amp;back=%2F" lang="zh-TW" hreflang="zh-TW">繁體</a>');
    expect(body).toContain('<a class="elder-toggle" href="/prefs?elder=1&amp;back=%2F">长者模式</a>');
    expect(body).not.toMatch(/<script|onclick=|javascript:/i);
  });

  it('机构概况 shows the profile and leaves out empty fields', async () => {
    let body = (await get('/about')).body;
    expect(body).toContain('<title>机构概况 - 江川市人民政府</title>');
    expect(body).toContain('<a href="/about" aria-current="page">机构概况</a>');
    for (const [label, value] of [
      ['机构职能', '领导所属各工作部门'],
      ['办公地址', '江川市人民大道 1 号'],
      ['邮政编码', '310000'],
      ['办公时间', '工作日 上午 8:30—12:00'],
      ['联系电话', '0571-87000000'],
      ['传真', '0571-87000001'],
      ['电子邮箱', 'gongkai@jiangchuan.example.gov.cn'],
      ['信息公开工作机构', '江川市人民政府办公室政务公开科（指定专人：王敏）'],
      ['统一社会信用代码', '11330100MB0A0000XA'],
    ]) {
      expect(body).toContain(label);
      expect(body).toContain(value);
    }
    await patchAgency({ fax: null, postcode: null });
    body = (await get('/about')).body;
    expect(body).not.toContain('<dt>传真</dt>');
    expect(body).not.toContain('<dt>邮政编码</dt>');
    expect(body).toContain('<dt>联系电话</dt>');
  });

  it('组织结构 is the unit tree as nested lists with duties and telephone', async () => {
    const office = await signIn(t, 'office');
    const unit = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jc-office-gk' });
    const res = await office.request('PATCH', '/api/v1/orgs/jc-office-gk', { phone: '0571-87000010', version: unit.json().version });
    expect(res.statusCode, res.body).toBe(200);
    const body = (await get('/structure')).body;
    const office_ = body.indexOf('<li id="unit-jc-office">');
    const nested = body.indexOf('<ul class="org-tree"><li id="unit-jc-office-gk">');
    const next = body.indexOf('<li id="unit-jc-fgw">');
    expect(office_).toBeGreaterThan(0);
    expect(nested).toBeGreaterThan(office_);
    expect(next).toBeGreaterThan(nested);
    expect(body).toContain('<h2>市政府办公室</h2>');
    expect(body).toContain('<h3>政务公开科</h3>');
    expect(body).toContain('承办政府信息公开、依申请公开、公开指南和年度报告编制。');
    expect(body).toContain('联系电话：</span>0571-87000010');
  });

  it('hostile profile values render as text, in content and in attributes', async () => {
    const evil = `<script>alert("x")</script>'"><img src=x onerror=alert(1)>`;
    await patchAgency({ name: '江川<script>alert(1)</script>"政府', description: evil, address: evil, officeHours: evil, disclosureOfficer: evil });
    for (const url of ['/', '/about', '/structure', '/no-such-page', '/?lang=zh-TW', '/?lang=en']) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('<script');
      expect(body, url).not.toContain('<img');
      expect(body, url).toMatch(/&lt;script&gt;/);
    }
    const home = (await get('/')).body;
    expect(home).toContain('<meta name="SiteName" content="江川&lt;script&gt;alert(1)&lt;/script&gt;&quot;政府">');
  });

  it('404: a Chinese page in the site layout with the request id', async () => {
    const res = await get('/no-such-page');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('<h1>页面不存在</h1>');
    expect(res.body).toContain(`请求编号：</span><code>${String(res.headers['x-request-id'])}</code>`);
    expect(res.body).toContain('<nav class="main-nav" aria-label="主导航">');
    expect(res.body).not.toContain('aria-current="page"');

    const unknownSite = await get('/sites/no-such-site/');
    expect(unknownSite.statusCode).toBe(404);
    expect(unknownSite.body).toContain('<h1>页面不存在</h1>');
    expect(unknownSite.body).toContain('站点不存在');

    const inSite = await get('/sites/jiangchuan/no-such-page');
    expect(inSite.statusCode).toBe(404);
    expect(inSite.body).toContain('<a href="/sites/jiangchuan/about">机构概况</a>');

    const english = await get('/no-such-page?lang=en');
    expect(english.body).toContain('<h1>Page not found</h1>');
    expect(english.body).toContain('Request ID: </span>');
    // The API keeps answering JSON.
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such' });
    expect(api.json().error.code).toBe('not_found');
  });

  it('/prefs remembers language and elder mode in cookies and goes back only to this site', async () => {
    const res = await get('/prefs?lang=zh-TW&back=%2Fabout');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/about');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^gk_lang=zh-TW; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);

    const elder = await get('/prefs?elder=1&back=/structure');
    expect(elder.headers.location).toBe('/structure');
    expect(String(elder.headers['set-cookie'])).toMatch(/^gk_elder=1; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);

    for (const back of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'http:evil', 'javascript:alert(1)', '/\r\nSet-Cookie:x', '', 'about']) {
      const r = await get(`/prefs?lang=en&back=${encodeURIComponent(back)}`);
      expect(r.statusCode, back).toBe(303);
      expect(r.headers.location, back).toBe('/');
    }
    const inSite = await get('/sites/jiangchuan/prefs?lang=en&back=//evil.example');
    expect(inSite.headers.location).toBe('/sites/jiangchuan/');
    const bad = await get('/prefs?lang=xx&elder=maybe&back=/');
    expect(bad.headers['set-cookie']).toBeUndefined();

    const traditional = await get('/about', { cookie: 'gk_lang=zh-TW' });
    expect(traditional.body).toContain('<html lang="zh-TW">');
    expect(traditional.body).toContain('<a href="/structure">組織結構</a>');
  });

  it('Traditional Chinese: converted text and data, unchanged links, language names in their own script', async () => {
    const res = await get('/?lang=zh-TW');
    expect(res.headers['content-language']).toBe('zh-TW');
    const body = res.body;
    expect(body).toContain('<html lang="zh-TW">');
    expect(body).toContain('<title>首頁 - 江川市人民政府</title>');
    expect(body).toContain('機構概況');
    expect(body).toContain('跳到主要內容');
    expect(body).toContain('主辦單位：</span>江川市人民政府辦公室');
    expect(body).toContain('<a href="/about?lang=zh-TW">機構概況</a>');
    expect(body).toContain('lang="zh-CN" hreflang="zh-CN">简体</a>');
    expect(body).not.toContain('机构概况');
    const structure = (await get('/structure', { cookie: 'gk_lang=zh-TW' })).body;
    expect(structure).toContain('<h2>市發展和改革委員會</h2>');
    expect(structure).toContain('<li id="unit-jc-fgw">');
  });

  it('English interface strings, with database text marked as Chinese', async () => {
    const body = (await get('/about', { cookie: 'gk_lang=en' })).body;
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<title>About the agency - 江川市人民政府</title>');
    expect(body).toContain('<a class="skip-link" href="#main">Skip to main content</a>');
    expect(body).toContain('<dt>Telephone</dt><dd>0571-87000000</dd>');
    expect(body).toContain('<span lang="zh-CN">江川市人民大道 1 号</span>');
    expect(body).toContain('Website ID: </span>3301000001');
    // A language chosen in the address is kept on the page's links.
    const shared = (await get('/?lang=en')).body;
    expect(shared).toContain('<a href="/structure?lang=en">Organisation</a>');
  });

  it('elder mode: a class on <html> and the switch back to standard mode', async () => {
    const body = (await get('/', { cookie: 'gk_elder=1' })).body;
    expect(body).toContain('<html lang="zh-CN" class="elder">');
    expect(body).toContain('<a class="elder-toggle" href="/prefs?elder=0&amp;back=%2F">标准模式</a>');
    expect((await get('/')).body).not.toContain('class="elder"');
  });

  it('one site per agency: by /sites/{code}/, by host, and a directory when "/" names none', async () => {
    await createOrgs(
      { code: 'hexi', name: '河西县人民政府', host: 'hexi.example.gov.cn', siteCode: '3301000002', sponsor: '河西县人民政府办公室' },
      { code: 'hexi-jyj', name: '县教育局', parentCode: 'hexi', description: '主管全县教育工作。' },
    );

    const bySite = await get('/sites/hexi/');
    expect(bySite.statusCode).toBe(200);
    expect(bySite.body).toContain('<title>首页 - 河西县人民政府</title>');
    expect(bySite.body).toContain('<a href="/sites/hexi/about">机构概况</a>');
    expect(bySite.body).toContain('<a href="/sites/hexi/structure#unit-hexi-jyj">县教育局</a>');
    expect(bySite.body).toContain('<a class="brand" href="/sites/hexi/">');
    expect(bySite.body).toContain('href="/sites/hexi/prefs?lang=en&amp;back=%2Fsites%2Fhexi%2F"');
    expect(bySite.body).toContain('网站标识码：</span>3301000002');
    expect(bySite.body).not.toMatch(/href="\/(about|structure)"/);
    const structure = await get('/sites/hexi/structure');
    expect(structure.body).toContain('主管全县教育工作。');
    expect(structure.body).not.toContain('政务公开科');

    for (const host of ['hexi.example.gov.cn', 'HEXI.example.gov.cn:8080']) {
      const byHost = await get('/', { host });
      expect(byHost.body, host).toContain('<title>首页 - 河西县人民政府</title>');
      expect(byHost.body, host).toContain('<a href="/about">机构概况</a>');
    }
    expect((await get('/about', { host: 'hexi.example.gov.cn' })).body).toContain('<title>机构概况 - 河西县人民政府</title>');

    // Two agencies, neither named by the host nor configured as the default: the directory.
    const directory = await get('/');
    expect(directory.statusCode).toBe(200);
    expect(directory.body).toContain('<h1>政务公开站群导航</h1>');
    expect(directory.body).toContain('<a href="/sites/jiangchuan/">江川市人民政府</a>');
    expect(directory.body).toContain('<a href="/sites/hexi/">河西县人民政府</a>');
    expect(directory.body).not.toContain('县教育局');
    expect((await get('/about')).statusCode).toBe(404);

    t.ctx.config.defaultSite = 'jiangchuan';
    expect((await get('/')).body).toContain('<title>首页 - 江川市人民政府</title>');
    expect((await get('/', { host: 'hexi.example.gov.cn' })).body).toContain('<title>首页 - 河西县人民政府</title>');
  });

  it('cached pages are dropped exactly when the agency changes, and answer 304 to a matching ETag', async () => {
    const first = await get('/about');
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toBe('Cookie');
    expect(etag).toMatch(/^"[\w-]{22}"$/);

    const again = await get('/about', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/about', { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);

    // A change that bypasses the commands (and so emits no event) is not seen: the page is served from the cache.
    await t.db.kysely.updateTable('organisations').set({ phone: '0571-11111111' }).where('code', '=', 'jiangchuan').execute();
    expect((await get('/about')).body).not.toContain('0571-11111111');
    // A change through the API emits org.changed: the page shows it at once, with a new ETag.
    const version = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jiangchuan' })).json().version;
    const office = await signIn(t, 'office');
    expect((await office.request('PATCH', '/api/v1/orgs/jiangchuan', { phone: '0571-22222222', version })).statusCode).toBe(200);
    const changed = await get('/about', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('0571-22222222');
    expect(changed.headers.etag).not.toBe(etag);

    // A new unit appears on 组织结构 (and in every language) as soon as it is created.
    await get('/structure?lang=zh-TW');
    expect((await office.request('POST', '/api/v1/orgs', { code: 'jc-tjj', name: '市统计局', parentCode: 'jiangchuan' })).statusCode).toBe(201);
    expect((await get('/structure')).body).toContain('市统计局');
    expect((await get('/structure?lang=zh-TW')).body).toContain('市統計局');
  });

  it('serves the stylesheet with a content hash, immutable only for the current hash', async () => {
    const href = /href="(\/assets\/portal\.css\?v=[0-9a-f]+)"/.exec((await get('/')).body)![1]!;
    const css = await t.app.inject({ method: 'GET', url: href });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toContain('html.elder');
    const stale = await t.app.inject({ method: 'GET', url: '/assets/portal.css?v=000000000000' });
    expect(stale.headers['cache-control']).toBe('no-cache');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testCategory, withCatalog } from '../../../test/support/catalog.js';
import { testDatabases } from '../../../test/support/databases.js';
import { publishedItem, publishRevision } from '../../../test/support/publishing.js';

const category = testCategory;
const CATALOG = [
  category('01', '基本信息'),
  category('02', '政策法规', null, 1, { description: '本机关制定的规范性文件和政策解读。', updateInterval: '6m' }),
  category('02.01', '政策文件', '02'),
  category('02.02', '政策解读', '02', 1),
];

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const HOSTILE = '<script>alert("x")</script>关于“营商环境”&优化的通知';
const HTML = { accept: 'text/html' };

/** Counts the elements named `tag` in an XML text and checks that it is well-formed enough: every tag closed in order. */
function xmlCheck(xml: string, tag: string): number {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const stack: string[] = [];
  for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    if (selfClose) continue;
    if (close) expect(stack.pop(), `</${name}>`).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  // No raw ampersand that is not an entity.
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  return [...xml.matchAll(new RegExp(`<${tag}[ >]`, 'g'))].length;
}

describe.each(testDatabases())('portal pages of the catalog and items on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...HTML, ...headers } });

  /** Drafts, reviews and publishes an item through the API, as the three roles do; a minute passes after each. */
  async function publish(fields: Record<string, unknown>, beforeSubmit?: (id: string) => Promise<void>): Promise<string> {
    const { id } = await publishedItem(t, { category: '02.01', ...fields }, { by: { editor, reviewer, office }, ...(beforeSubmit ? { beforeSubmit } : {}) });
    t.clock.advance(60_000);
    return id;
  }

  let policy = '';
  let attachment = '';
  let interpretation = '';
  const bulk: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    await withCatalog(t, CATALOG);
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
    // 22 plain items in 政策文件, published a minute apart, 成文日期 in the opposite order to publication.
    for (let i = 0; i < 22; i++) {
      bulk.push(
        await publish({
          title: `批量文件 ${String(i).padStart(2, '0')}`,
          body: '<p>正文</p>',
          docNumber: `江发改〔2026〕${i + 100}号`,
          writtenAt: `2026-01-${String(28 - i).padStart(2, '0')}`,
        }),
      );
    }
    policy = await publish({
      title: HOSTILE,
      body: '<p>各有关单位：</p><p><strong>现将方案印发</strong>给你们。</p><table><tr><td>一</td></tr></table><script>alert(1)</script>',
      docNumber: '江发改〔2026〕12号',
      issuingOrgan: '江川市发展和改革委员会',
      writtenAt: '2026-02-25',
      topic: '03.01',
      summary: '优化营商环境的行动方案。',
      keywords: ['营商环境'],
    }, async (id) => {
      const boundary = '----gongkaitest';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="示意图.png"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await t.app.inject({
        method: 'POST',
        url: `/api/v1/items/${id}/attachments`,
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      attachment = up.json().id;
    });
    interpretation = await publish({ category: '02.02', title: '《行动方案》政策解读', body: '<p>解读正文</p>', interprets: policy });
  });
  afterAll(() => t.close());

  it('信息公开目录: the tree with item counts, each category a link; in the main navigation', async () => {
    const res = await get('/catalog');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<title>信息公开目录 - 江川市人民政府</title>');
    expect(body).toContain('<a href="/catalog" aria-current="page">信息公开目录</a>');
    expect(body).toContain('<a href="/guide">公开指南</a>');
    expect(body).toContain('共 24 条信息');
    expect(body).toMatch(/<a href="\/catalog\/01"><span class="cat-code">01<\/span>基本信息<\/a> <span class="count">0 条<\/span>/);
    expect(body).toMatch(/<a href="\/catalog\/02">[^]*?政策法规<\/a> <span class="count">24 条<\/span>/);
    expect(body).toMatch(/<a href="\/catalog\/02\.01">[^]*?政策文件<\/a> <span class="count">23 条<\/span>/);
    expect(body).toContain('<link rel="alternate" type="application/rss+xml" title="江川市人民政府" href="/feeds/items.rss">');
    expect(body).not.toContain('<script');
    // The change history: the seed catalog at the agency's creation, then this test's own catalog.
    expect(body).toContain('<h2 id="catalog-history-heading">目录调整记录</h2>');
    expect(body).toContain('按《实施方案》目录模板建立');
    expect(body).toMatch(/<td>2<\/td><td>\d{4}-\d{2}-\d{2}<\/td><td>[^<]+<\/td><td>[^<]*撤销 \d+ 个类别/);
    // Inside /sites/{code}/ every link keeps the prefix.
    const prefixed = (await get('/sites/jiangchuan/catalog')).body;
    expect(prefixed).toContain('<a href="/sites/jiangchuan/catalog/02.01">');
    expect(prefixed).toContain('href="/sites/jiangchuan/feeds/items.atom"');
  });

  it('a category: description, interval, sub-categories, its items and those below, 20 a page, newest first', async () => {
    const res = await get('/catalog/02');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<h1>政策法规</h1>');
    expect(body).toContain('本机关制定的规范性文件和政策解读。');
    expect(body).toContain('<dt>更新时限</dt><dd>每半年</dd>');
    expect(body).toMatch(/<h2 id="subcategories">下级类别<\/h2>[^]*<a href="\/catalog\/02\.02">/);
    expect(body).toContain('共 24 条信息');
    const rows = [...body.matchAll(/<tr><td class="col-title"><a href="\/items\/([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toHaveLength(20);
    // Newest first: the interpretation, the policy, then the bulk items from the last one published.
    expect(rows.slice(0, 3)).toEqual([interpretation, policy, bulk[21]]);
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于“营商环境”&amp;优化的通知');
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('<td class="col-doc">江发改〔2026〕12号</td>');
    expect(body).toMatch(/<td class="col-date"><time datetime="2026-03-02">2026-03-02<\/time><\/td>/);
    expect(body).toContain('<nav class="pagination" aria-label="分页"><p class="hint">第 1 页，共 2 页</p>');
    expect(body).toContain('<a href="/catalog/02?page=2" rel="next">下一页</a>');
    expect(body).toContain('<link rel="alternate" type="application/rss+xml" title="政策法规" href="/feeds/catalog/02.rss">');
    expect(body).toMatch(/<nav class="breadcrumb"[^]*<a href="\/catalog">信息公开目录<\/a><\/li><li aria-current="page">政策法规<\/li>/);

    const page2 = (await get('/catalog/02?page=2')).body;
    const rows2 = [...page2.matchAll(/<tr><td class="col-title"><a href="\/items\/([^"]+)">/g)].map((m) => m[1]);
    expect(rows2).toEqual([bulk[3], bulk[2], bulk[1], bulk[0]]);
    expect(page2).toContain('<a href="/catalog/02" rel="prev">上一页</a>');
    expect(page2).toContain('<span class="page-current" aria-current="page">2</span>');
  });

  it('sorts by 成文日期 (items without one last) and keeps the order across pages', async () => {
    const body = (await get('/catalog/02?sort=written')).body;
    expect(body).toContain('<span class="switch-current" aria-current="true">按成文日期</span>');
    expect(body).toContain('<a href="/catalog/02">按发布日期</a>');
    expect(body).toContain('<th scope="col" class="col-date">成文日期</th>');
    const rows = [...body.matchAll(/<tr><td class="col-title"><a href="\/items\/([^"]+)">/g)].map((m) => m[1]);
    // 2026-02-25 first, then the bulk items by their 成文日期 (the first created has the latest), the one without a date last.
    expect(rows.slice(0, 3)).toEqual([policy, bulk[0], bulk[1]]);
    expect(body).toContain('<a href="/catalog/02?sort=written&amp;page=2" rel="next">下一页</a>');
    const page2 = (await get('/catalog/02?sort=written&page=2')).body;
    expect([...page2.matchAll(/<tr><td class="col-title"><a href="\/items\/([^"]+)">/g)].map((m) => m[1])).toEqual([bulk[19], bulk[20], bulk[21], interpretation]);
    // Bad values give the default list, never an error.
    expect((await get('/catalog/02?page=abc&sort=x')).statusCode).toBe(200);
  });

  it('answers 404 pages for an unknown category, a page past the end, an unknown or unpublished item', async () => {
    for (const url of ['/catalog/99', '/catalog/02?page=3', '/catalog/..%2F01', '/items/nope', '/items/00000000-0000-0000-0000-000000000000', '/feeds/catalog/99.rss']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
    const draft = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title: '未发布的草稿' });
    expect((await get(`/items/${draft.json().id}`)).statusCode).toBe(404);
    expect((await get('/catalog/02')).body).not.toContain('未发布的草稿');
  });

  it('an item: metadata table, escaped title, sanitised body kept, JSON-LD and Open Graph, interpretation links', async () => {
    const res = await get(`/items/${policy}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于“营商环境”&amp;优化的通知';
    expect(body).toContain(`<title>${escaped} - 江川市人民政府</title>`);
    for (const [label, value] of [
      ['索引号', '<span class="mono">MB0A0000X/2026-00023</span>'],
      ['主题分类', '国民经济管理、国有资产监管/发展规划'],
      ['发文机关', '江川市发展和改革委员会'],
      ['成文日期', '<time datetime="2026-02-25">2026-02-25</time>'],
      ['发文字号', '江发改〔2026〕12号'],
      ['发布日期', '<time datetime="2026-03-02">2026-03-02</time>'],
      ['有效性', '有效'],
      ['公开属性', '主动公开'],
    ]) {
      expect(body, label).toContain(`<th scope="row">${label}</th><td>${value}</td>`);
    }
    expect(body).toContain(`<th scope="row">标题</th><td colspan="3" class="meta-title">${escaped}</td>`);
    expect(body).toContain(`<h1 id="item-title" class="item-title">${escaped}</h1>`);
    expect(body).toContain('<div class="item-body"><p>各有关单位：</p><p><strong>现将方案印发</strong>给你们。</p><table><tr><td>一</td></tr></table></div>');
    expect(body).not.toContain('<script>alert');
    // Attachments link to the download, with their size.
    expect(body).toMatch(new RegExp(`<h2 id="attachments">附件</h2>\\s*<ol class="attachment-list"><li><a href="/attachments/${attachment}/${encodeURIComponent('示意图.png')}">示意图.png</a> <span class="hint">（\\d+ B）</span></li></ol>`));
    expect((await get(`/attachments/${attachment}/x.png`)).statusCode).toBe(200);
    // Breadcrumb through the catalog to the category.
    expect(body).toMatch(/<a href="\/catalog\/02">政策法规<\/a><\/li><li><a href="\/catalog\/02\.01">政策文件<\/a><\/li><li aria-current="page">正文<\/li>/);
    // Interpretation links in both directions.
    expect(body).toContain(`<h2 id="related">相关解读</h2>`);
    expect(body).toContain(`<li><a href="/items/${interpretation}">《行动方案》政策解读</a></li>`);
    const interp = (await get(`/items/${interpretation}`)).body;
    expect(interp).toContain(`解读的文件：</span><a href="/items/${policy}">${escaped}</a>`);
    // Revision history: the first publication.
    expect(body).toMatch(/<th scope="row">第 1 版<\/th><td><time datetime="[^"]+">2026-03-02 \d\d:\d\d<\/time><\/td><td>首次发布<\/td>/);
    // Open Graph and JSON-LD: absolute addresses, `<` escaped inside the script, the JSON parses back to the title.
    const url = `http://localhost:80/items/${policy}`;
    expect(body).toContain(`<meta property="og:url" content="${url}">`);
    expect(body).toContain(`<meta property="og:title" content="${escaped}">`);
    expect(body).toContain('<meta property="og:description" content="优化营商环境的行动方案。">');
    const ld = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(body)![1]!;
    expect(ld).not.toContain('<');
    const json = JSON.parse(ld);
    expect(json).toMatchObject({ '@type': 'DigitalDocument', name: HOSTILE, url, identifier: 'MB0A0000X/2026-00023', dateCreated: '2026-02-25', inLanguage: 'zh-CN' });
    expect(json.publisher).toEqual({ '@type': 'GovernmentOrganization', name: '江川市人民政府' });
    // The only script in the page is the JSON-LD data block.
    expect(body.match(/<script/g)).toHaveLength(1);
  });

  it('uses BASE_URL for absolute addresses when it is set', async () => {
    const other = await startTestApp(database, { demo: true, config: { baseUrl: 'https://gk.example.gov.cn/' } });
    try {
      const robots = await other.app.inject({ method: 'GET', url: '/robots.txt', headers: { host: 'evil.example' } });
      expect(robots.body).toContain('Sitemap: https://gk.example.gov.cn/sitemap.xml');
      expect(robots.body).not.toContain('evil');
      const feed = await other.app.inject({ method: 'GET', url: '/sites/jiangchuan/feeds/items.atom', headers: { host: 'evil.example' } });
      expect(feed.body).toContain('<id>https://gk.example.gov.cn/sites/jiangchuan/feeds/items.atom</id>');
    } finally {
      await other.close();
    }
  });

  it('prints cleanly: a print view without navigation, and a print stylesheet', async () => {
    const body = (await get(`/items/${policy}`)).body;
    expect(body).toContain(`<a class="button button-secondary" href="/items/${policy}?print=1">打印本页</a>`);
    const print = (await get(`/items/${policy}?print=1`)).body;
    expect(print).toContain('<body class="print-view">');
    expect(print).toContain('本页为打印版式');
    expect(print).not.toContain('打印本页</a>');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(body)![1]!;
    const css = (await get(href)).body;
    expect(css).toMatch(/@media print \{[^]*\.site-footer,[^]*display: none;/);
    expect(css).toContain('body.print-view .main-nav');
  });

  it('converts the item page chrome to Traditional characters, keeping the links', async () => {
    const res = await get(`/items/${policy}?lang=zh-TW`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<html lang="zh-TW">');
    expect(body).toContain('<th scope="row">索引號</th>');
    expect(body).toContain('<th scope="row">發文機關</th>');
    expect(body).toContain('<th scope="row">有效性</th>');
    expect(body).toContain(`href="/items/${interpretation}?lang=zh-TW"`);
    expect(body).toContain('href="/catalog?lang=zh-TW"');
  });

  it('公开指南: the disclosure office from the agency profile, the catalog, and how to apply', async () => {
    const res = await get('/guide');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<h1>政府信息公开指南</h1>');
    expect(body).toContain('第十二条');
    expect(body).toContain('<dt>机构名称</dt><dd>江川市人民政府办公室政务公开科（指定专人：王敏）</dd>');
    expect(body).toContain('<dt>办公地址</dt><dd>江川市人民大道 1 号</dd>');
    expect(body).toContain('<dt>传真</dt><dd>0571-87000001</dd>');
    expect(body).toContain('<a href="http://localhost:80/">http://localhost:80/</a>');
    expect(body).toContain('mailto:gongkai@jiangchuan.example.gov.cn');
    expect(body).toContain('目录共设 2 个一级类别');
    expect(body).toMatch(/<a href="\/catalog\/02">政策法规<\/a><span class="hint">（政策文件、政策解读）<\/span>/);
    expect(body).toContain('当面向本机关政府信息公开工作机构提交申请');
    expect(body).toContain('<a href="/guide" aria-current="page">公开指南</a>');
  });

  it('the home page lists the newest items and links to the catalog', async () => {
    const body = (await get('/')).body;
    expect(body).toContain('<h2 id="block-latest">最新公开信息</h2>');
    expect(body).toContain(`<li><a href="/items/${interpretation}">《行动方案》政策解读</a> <time datetime="2026-03-02">2026-03-02</time></li>`);
    expect([...body.matchAll(/<li><a href="\/items\//g)]).toHaveLength(8);
    expect(body).toContain('<a class="more" href="/catalog">查看信息公开目录</a>');
  });

  it('feeds: RSS and Atom of the agency and of a category, valid XML with escaped titles and absolute links', async () => {
    const rss = await get('/feeds/items.rss');
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(xmlCheck(rss.body, 'item')).toBe(24);
    expect(rss.body).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于“营商环境”&amp;优化的通知</title>');
    expect(rss.body).toContain(`<link>http://localhost:80/items/${policy}</link>`);
    expect(rss.body).toContain('<atom:link href="http://localhost:80/feeds/items.rss" rel="self" type="application/rss+xml"/>');
    const atom = await get('/sites/jiangchuan/feeds/items.atom');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(xmlCheck(atom.body, 'entry')).toBe(24);
    expect(atom.body).toContain(`<id>http://localhost:80/sites/jiangchuan/items/${policy}</id>`);
    const cat = await get('/feeds/catalog/02.02.atom');
    expect(xmlCheck(cat.body, 'entry')).toBe(1);
    expect(cat.body).toContain('<title>政策解读 - 江川市人民政府</title>');
    expect(xmlCheck((await get('/feeds/catalog/02.rss')).body, 'item')).toBe(24);
    expect(xmlCheck((await get('/feeds/catalog/01.rss')).body, 'item')).toBe(0);
  });

  it('sitemap.xml lists the site pages, categories and published items; robots.txt points to it', async () => {
    const res = await get('/sitemap.xml');
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xmlCheck(res.body, 'url')).toBe(6 + 4 + 24);
    for (const p of ['/', '/about', '/structure', '/catalog', '/guide', '/calendar', '/catalog/02.01']) {
      expect(res.body).toContain(`<loc>http://localhost:80${p}</loc>`);
    }
    expect(res.body).toMatch(new RegExp(`<url><loc>http://localhost:80/items/${policy}</loc><lastmod>2026-03-02T[\\d:.]+Z</lastmod></url>`));
    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Sitemap: http://localhost:80/sitemap.xml');
    expect(robots.body).toContain('Disallow: /api/');
  });

  it('a correction shows in the revision history at once (the cached page is dropped)', async () => {
    expect((await get(`/items/${policy}`)).body).not.toContain('第 2 版');
    const current = (await editor.request('GET', `/api/v1/items/${policy}`)).json();
    const revised = await editor.request('PATCH', `/api/v1/items/${policy}`, { title: '关于优化营商环境的通知（更正）', changeNote: '更正标题中的错字', version: current.version });
    expect(revised.statusCode, revised.body).toBe(200);
    // While the correction is under review the public still sees the published text.
    await publishRevision(t, policy, {
      by: { editor, reviewer, office },
      afterSubmit: async () => expect((await get(`/items/${policy}`)).body).toContain('&lt;script&gt;alert'),
    });
    const body = (await get(`/items/${policy}`)).body;
    expect(body).toContain('<h1 id="item-title" class="item-title">关于优化营商环境的通知（更正）</h1>');
    expect(body).toMatch(/<th scope="row">第 1 版<\/th>[^]*首次发布[^]*<th scope="row">第 2 版<\/th><td><time[^>]*>[^<]+<\/time><\/td><td>更正标题中的错字<\/td>/);
    // The interpretation's link to it shows the new title too.
    expect((await get(`/items/${interpretation}`)).body).toContain('关于优化营商环境的通知（更正）');
    expect((await get('/feeds/items.rss')).body).toContain('关于优化营商环境的通知（更正）');
  });

  it('a new interpretation appears on the page of the item it interprets at once', async () => {
    expect((await get(`/items/${bulk[5]}`)).body).not.toContain('相关解读');
    const id = await publish({ category: '02.02', title: '批量文件解读', body: '<p>解读</p>', interprets: bulk[5] });
    const body = (await get(`/items/${bulk[5]}`)).body;
    expect(body).toContain(`<li><a href="/items/${id}">批量文件解读</a></li>`);
  });

  it('withdrawal: a 410 notice page with the reason, gone from lists, feeds and sitemap at once', async () => {
    // Everything is in the cache first.
    expect((await get('/catalog')).body).toContain('<span class="count">23 条</span>');
    for (const url of [`/items/${policy}`, '/catalog/02', '/catalog/02.01', '/', '/feeds/items.rss', '/feeds/catalog/02.01.atom', '/sitemap.xml']) {
      expect((await get(url)).body, url).toContain(policy);
    }
    const res = await office.request('POST', `/api/v1/items/${policy}/withdraw`, { reason: '<b>文件已被新文件替代</b>' });
    expect(res.json().state).toBe('withdrawn');
    const gone = await get(`/items/${policy}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('<h1 id="withdrawn-title">该信息已撤回</h1>');
    expect(gone.body).toContain('<dt>撤回理由</dt><dd>&lt;b&gt;文件已被新文件替代&lt;/b&gt;</dd>');
    expect(gone.body).toContain('<dt>索引号</dt><dd><span class="mono">MB0A0000X/2026-00023</span></dd>');
    expect(gone.body).toMatch(/<dt>撤回日期<\/dt><dd><time datetime="2026-03-02">2026-03-02<\/time><\/dd>/);
    expect(gone.body).toContain('<a class="button" href="/catalog">返回信息公开目录</a>');
    expect(gone.body).not.toContain('各有关单位');
    expect(gone.body).toContain('<meta name="robots" content="noindex">');
    // A conditional request still gets the whole 410.
    expect((await get(`/items/${policy}`, { 'if-none-match': String(gone.headers.etag) })).statusCode).toBe(410);
    for (const url of ['/catalog/02', '/catalog/02.01', '/', '/feeds/items.rss', '/feeds/catalog/02.01.atom', '/sitemap.xml']) {
      expect((await get(url)).body, url).not.toContain(policy);
    }
    expect((await get('/catalog')).body).toContain('政策文件</a> <span class="count">22 条</span>');
    expect(xmlCheck((await get('/sitemap.xml')).body, 'url')).toBe(6 + 4 + 24);
    // The interpretation no longer links to it.
    expect((await get(`/items/${interpretation}`)).body).not.toContain(`/items/${policy}"`);
  });

  it('catalog.changed drops the catalog pages: a renamed category shows at once, an unknown one is gone', async () => {
    expect((await get('/catalog/02.02')).statusCode).toBe(200);
    await withCatalog(t, [...CATALOG.slice(0, 3), category('03', '规划信息', null, 2)], { note: '调整目录' });
    expect((await get('/catalog/02.02')).statusCode).toBe(404);
    expect((await get('/catalog')).body).toContain('规划信息');
    expect((await get('/guide')).body).toContain('规划信息');
  });

  it('English pages keep database text marked as Chinese', async () => {
    const body = (await get(`/items/${interpretation}?lang=en`)).body;
    expect(body).toContain('<th scope="row">Index number</th>');
    expect(body).toContain('<h1 id="item-title" class="item-title"><span lang="zh-CN">《行动方案》政策解读</span></h1>');
    expect(body).toContain('<div class="item-body" lang="zh-CN">');
  });
});

import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../portal/i18n.js';
import { makeView } from '../../../portal/view.js';
import type { OrgRow } from '../../organisations/orgs.repo.js';
import { catalogTree, type CatalogCategory } from '../catalog.js';
import { itemChangedTags } from '../publishing.pages.js';
import { renderCatalogPage } from './catalog.js';
import { listPath, pageCount, parseListQuery, renderCategoryPage } from './category.js';
import { formatSize, localDate, localDateTime } from './common.js';
import { categoryTrail, codeAndAncestors, findNode } from '../catalog.js';
import type { ItemSummary } from '../items.present.js';
import { renderAtom, renderRobots, renderRss, renderSitemap, xmlEscape } from './feeds.js';
import { renderGuidePage } from './guide.js';
import { jsonForScript, renderItemPage, renderWithdrawnPage, topicLabel, type PublishedItem } from './item.js';

const agency = {
  id: 'a',
  code: 'jiangchuan',
  name: '江川市人民政府',
  kind: 'agency',
  timezone: 'Asia/Shanghai',
  address: '江川市人民大道 1 号',
  office_hours: null,
  phone: '0571-87000000',
  fax: null,
  email: null,
  postcode: null,
  disclosure_officer: null,
  updated_at: '2026-01-01T00:00:00.000Z',
} as unknown as OrgRow;

const cat = (code: string, name: string, parentCode: string | null = null, extra: Partial<CatalogCategory> = {}): CatalogCategory => ({
  code,
  name,
  parentCode,
  description: null,
  updateInterval: null,
  disclosureMode: 'proactive',
  responsibleUnitId: null,
  sortOrder: 0,
  ...extra,
});
const categories = [cat('01', '基本信息'), cat('02', '政策<法规>', null, { updateInterval: '6m', description: '说明&解释' }), cat('02.01', '政策文件', '02')];
const tree = catalogTree(categories, new Map([['02.01', 3], ['02', 1]]));

const view = (lang: Lang = 'zh-CN', base = '', langInLinks = false) =>
  makeView({ prefs: { lang, elder: false, langFromQuery: langInLinks }, agency, base, path: '/catalog', cssHref: '/assets/portal.css' });

const summary = (i: number, over: Partial<ItemSummary> = {}): ItemSummary => ({
  id: `id-${i}`,
  title: `标题 ${i}`,
  summary: null,
  docNumber: null,
  indexNumber: null,
  categoryCode: '02.01',
  writtenAt: null,
  publishedAt: '2026-03-01T17:30:00.000Z',
  updatedAt: '2026-03-01T17:30:00.000Z',
  issuingOrgan: null,
  ...over,
});

const item = (over: Partial<PublishedItem> = {}): PublishedItem => ({
  kind: 'published',
  id: 'i1',
  org: 'jiangchuan',
  unitName: '市发展和改革委员会',
  category: '02.01',
  formedAt: null,
  disclosure: 'proactive',
  exemptionCode: null,
  state: 'published',
  version: 1,
  revision: 1,
  changeNote: null,
  rejectComment: null,
  timeliness: { due: null, late: null },
  policyKind: null,
  scheduledAt: null,
  indexNumber: 'MB0A0000X/2026-00001',
  publishedAt: '2026-03-01T17:30:00.000Z',
  updatedAt: '2026-03-01T17:30:00.000Z',
  title: '</script><script>alert(1)</script>',
  summary: null,
  body: '<p>正文<strong>加粗</strong></p>',
  docNumber: null,
  issuingOrgan: null,
  writtenAt: null,
  topic: '02.01',
  genre: null,
  validity: 'repealed',
  validityDate: '2026-04-01',
  keywords: [],
  extra: [],
  attachments: [],
  revisions: [{ revision: 1, publishedAt: '2026-03-01T17:30:00.000Z', changeNote: null }],
  interpretations: [],
  interprets: null,
  replacedBy: { id: 'i2', title: '新文件' },
  ...over,
});

describe('list queries and paths', () => {
  it('parses ?page= and ?sort= leniently and bounds the page', () => {
    expect(parseListQuery({})).toEqual({ page: 1, sort: 'published' });
    expect(parseListQuery({ page: '3', sort: 'written' })).toEqual({ page: 3, sort: 'written' });
    expect(parseListQuery({ page: ['2', '3'], sort: 'x' })).toEqual({ page: 1, sort: 'published' });
    expect(parseListQuery({ page: '9999' }).page).toBe(500);
    expect(parseListQuery({ page: '0' }).page).toBe(1);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(41)).toBe(3);
  });

  it('gives each list one address, defaults left out', () => {
    expect(listPath('02', { page: 1, sort: 'published' })).toBe('/catalog/02');
    expect(listPath('02', { page: 2, sort: 'written' })).toBe('/catalog/02?sort=written&page=2');
  });

  it('walks the catalog: ancestors, trail, node', () => {
    expect(codeAndAncestors('02.01.03')).toEqual(['02', '02.01', '02.01.03']);
    expect(categoryTrail(categories, '02.01').map((c) => c.code)).toEqual(['02', '02.01']);
    expect(findNode(tree, '02.01')?.itemCount).toBe(3);
    expect(findNode(tree, '02')?.itemCount).toBe(4);
    expect(itemChangedTags('x', '02.01')).toEqual(['items', 'item:x', 'cat:02', 'cat:02.01']);
  });

  it('formats dates in the agency zone and sizes', () => {
    expect(localDate(agency, '2026-03-01T17:30:00.000Z')).toBe('2026-03-02');
    expect(localDateTime(agency, '2026-03-01T17:30:00.000Z')).toBe('2026-03-02 01:30');
    expect(localDate(agency, null)).toBe('');
    expect(formatSize(900)).toBe('900 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(topicLabel('02.01')).toBe('综合政务/政务公开');
    expect(topicLabel('自定义')).toBe('自定义');
  });
});

describe('catalog and category pages', () => {
  it('renders the tree with counts and escapes names; says so when there is no catalog', () => {
    const main = renderCatalogPage(view('zh-CN', '/sites/jiangchuan'), { version: 1, categories, tree }).main.value;
    expect(main).toContain('<a href="/sites/jiangchuan/catalog/02"><span class="cat-code">02</span>政策&lt;法规&gt;</a> <span class="count">4 条</span>');
    expect(main).toContain('<ul class="catalog-tree nested">');
    expect(renderCatalogPage(view(), null).main.value).toContain('本机关尚未发布信息公开目录。');
  });

  it('renders a category page with pagination around the current page, keeping the language in links', () => {
    const content = renderCategoryPage(view('zh-CN', '', true), {
      agency,
      category: categories[1]!,
      node: findNode(tree, '02')!,
      trail: [categories[1]!],
      query: { page: 5, sort: 'written' },
      total: 200,
      items: [summary(1, { writtenAt: '2026-01-05', docNumber: '江〔2026〕1号' })],
    });
    const main = content.main.value;
    expect(content.title).toBe('政策<法规>');
    expect(main).toContain('<h1>政策&lt;法规&gt;</h1>');
    expect(main).toContain('<dd>说明&amp;解释</dd>');
    expect(main).toContain('<dd>每半年</dd>');
    expect(main).toContain('第 5 页，共 10 页');
    expect(main).toContain('<a href="/catalog/02?sort=written&amp;page=4&amp;lang=zh-CN" rel="prev">上一页</a>');
    expect(main).toContain('<span class="page-current" aria-current="page">5</span>');
    expect(main).toContain('<li class="gap" aria-hidden="true">…</li>');
    expect(main).toContain('<time datetime="2026-01-05">2026-01-05</time>');
    expect(main).toContain('<time datetime="2026-03-02">2026-03-02</time>');
    expect(content.head?.value).toContain('href="/feeds/catalog/02.rss"');
  });

  it('says when a category has no items, without pagination', () => {
    const main = renderCategoryPage(view(), { agency, category: categories[0]!, node: findNode(tree, '01')!, trail: [categories[0]!], query: { page: 1, sort: 'published' }, total: 0, items: [] }).main.value;
    expect(main).toContain('该类别暂无公开信息。');
    expect(main).not.toContain('pagination');
  });
});

describe('item pages', () => {
  it('escapes the title everywhere, keeps the sanitised body, and escapes the JSON-LD', () => {
    const content = renderItemPage(view(), { agency, item: item(), trail: categoryTrail(categories, '02.01'), origin: 'https://gk.example', print: false });
    const main = content.main.value;
    const head = content.head!.value;
    expect(main).not.toContain('<script>');
    expect(main).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(main).toContain('<div class="item-body"><p>正文<strong>加粗</strong></p></div>');
    expect(main).toContain('<th scope="row">发文机关</th><td>市发展和改革委员会</td>');
    expect(main).toContain('废止（2026-04-01 起）<br><span class="label">替代文件：</span><a href="/items/i2">新文件</a>');
    expect(main).toContain('<th scope="row">主题分类</th><td>综合政务/政务公开</td>');
    expect(head.match(/<\/script>/g)).toHaveLength(1);
    const ld = /<script type="application\/ld\+json">([^]*)<\/script>/.exec(head)![1]!;
    expect(JSON.parse(ld).name).toBe('</script><script>alert(1)</script>');
    expect(jsonForScript({ a: '<&>\u2028' })).toBe('{"a":"\\u003c\\u0026\\u003e\\u2028"}');
    expect(head).toContain('<meta property="og:url" content="https://gk.example/items/i1">');
  });

  it('renders the print view without the print link, and attachments with sizes', () => {
    const content = renderItemPage(view(), {
      agency,
      item: item({ attachments: [{ id: 'f1', name: 'a "b".pdf', size: 2048, type: 'application/pdf' }] }),
      trail: [],
      origin: 'http://x',
      print: true,
    });
    expect(content.bodyClass).toBe('print-view');
    expect(content.main.value).not.toContain('打印本页');
    expect(content.main.value).toContain('<a href="/attachments/f1/a%20%22b%22.pdf">a &quot;b&quot;.pdf</a> <span class="hint">（2 KB）</span>');
  });

  it('renders the withdrawal notice without the text', () => {
    const content = renderWithdrawnPage(view(), agency, { kind: 'withdrawn', id: 'i1', title: '<t>', indexNumber: null, withdrawnAt: '2026-03-01T17:30:00.000Z', reason: '<r>', category: '01' });
    expect(content.main.value).toContain('<dd>&lt;r&gt;</dd>');
    expect(content.main.value).toContain('<time datetime="2026-03-02">2026-03-02</time>');
    expect(content.main.value).not.toContain('索引号');
  });

  it('English item pages mark the Chinese text', () => {
    const main = renderItemPage(view('en'), { agency, item: item(), trail: [], origin: 'http://x', print: false }).main.value;
    expect(main).toContain('<th scope="row">Index number</th>');
    expect(main).toContain('<div class="item-body" lang="zh-CN">');
  });
});

describe('公开指南', () => {
  it('shows the profile fields, "未公布" for missing ones, and the top categories', () => {
    const main = renderGuidePage(view(), agency, { version: 1, categories, tree }, 'https://gk.example/').main.value;
    expect(main).toContain('<dt>机构名称</dt><dd>江川市人民政府</dd>');
    expect(main).toContain('<dt>传真</dt><dd><span class="hint">未公布</span></dd>');
    expect(main).toContain('目录共设 2 个一级类别');
    expect(main).toContain('<a href="https://gk.example/">https://gk.example/</a>');
    expect(renderGuidePage(view(), agency, null, 'x').main.value).toContain('信息公开目录正在编制中');
  });
});

describe('feeds and sitemap', () => {
  const input = {
    agency,
    siteUrl: 'https://gk.example',
    selfUrl: 'https://gk.example/feeds/items.rss',
    pageUrl: 'https://gk.example/',
    title: 'A & B',
    description: 'd',
    items: [summary(1, { title: '<x> & "y"\u0001' }), summary(2)],
  };

  it('escapes XML text and drops forbidden characters', () => {
    expect(xmlEscape('<a href="x">&\u0000\ud800</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  it('renders RSS 2.0 and Atom with one entry per item', () => {
    const rss = renderRss(input);
    expect(rss.match(/<item>/g)).toHaveLength(2);
    expect(rss).toContain('<title>&lt;x&gt; &amp; &quot;y&quot;</title>');
    expect(rss).toContain('<pubDate>Sun, 01 Mar 2026 17:30:00 GMT</pubDate>');
    expect(rss).toContain('<title>A &amp; B</title>');
    const atom = renderAtom(input);
    expect(atom.match(/<entry>/g)).toHaveLength(2);
    expect(atom).toContain('<link rel="alternate" type="text/html" href="https://gk.example/items/id-1"/>');
    expect(renderAtom({ ...input, items: [] })).toContain('<updated>2026-01-01T00:00:00.000Z</updated>');
  });

  it('renders the sitemap and robots.txt', () => {
    const xml = renderSitemap([{ loc: 'https://gk.example/?a=1&b=2' }, { loc: 'https://gk.example/items/x', lastmod: '2026-03-01T00:00:00.000Z' }]);
    expect(xml).toContain('<url><loc>https://gk.example/?a=1&amp;b=2</loc></url>');
    expect(xml).toContain('<lastmod>2026-03-01T00:00:00.000Z</lastmod>');
    expect(renderRobots(['https://gk.example/sitemap.xml'])).toContain('Sitemap: https://gk.example/sitemap.xml\n');
  });
});

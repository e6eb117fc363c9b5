import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { publishRevision } from '../../../test/support/publishing.js';
import { QUERY_BUDGET } from './compile.js';
import { reindexAll } from './reindex.js';

interface Hit {
  id: string;
  title: string;
  docNumber: string | null;
  snippet: string;
  kind: string;
  state: string;
}

describe.each(testDatabases())('search on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  const find = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; tookMs: number; hits: Hit[]; facets: Record<string, { value: string; label: string; count: number }[]>; didYouMean: { text: string } | null; convertedQuery: string | null }>();
  };
  const titles = async (q: string, extra = '') => (await find(`q=${encodeURIComponent(q)}${extra}`)).hits.map((h) => h.title);

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, demoDocuments: true });
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  it('answers in the shape of docs/contract.md GET /api/v1/search with facets, highlighted snippets and timing', async () => {
    const r = await find('q=个人信息&org=jiangchuan');
    expect(r.total).toBeGreaterThan(3);
    expect(r.hits[0]!.title).toBe('中华人民共和国个人信息保护法');
    expect(Object.keys(r.hits[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'docNumber', 'indexNumber', 'publishedAt', 'snippet']));
    expect(r.hits[0]!.snippet).toContain('<mark>个人信息</mark>');
    expect(r.hits.every((h) => !/<(?!\/?mark>)/.test(h.snippet))).toBe(true);
    expect(typeof r.tookMs).toBe('number');
    expect(Object.keys(r.facets)).toEqual(expect.arrayContaining(['category', 'topic', 'organ', 'year']));
    expect(r.facets.category!.reduce((n, c) => n + c.count, 0)).toBe(r.total);
    expect(r.facets.year!.every((y) => /^\d{4}$/.test(y.value) && y.label === `${y.value}年`)).toBe(true);
  });

  it('finds a title, a Traditional-Chinese title, one- and two-character words, and substrings across word boundaries', async () => {
    expect((await titles('个人信息保护法'))[0]).toBe('中华人民共和国个人信息保护法');
    const traditional = await find(`q=${encodeURIComponent('個人信息保護法')}`);
    expect(traditional.hits[0]!.title).toBe('中华人民共和国个人信息保护法');
    expect(traditional.convertedQuery).toBe('个人信息保护法');
    expect((await titles('土地'))[0]).toBe('中华人民共和国土地管理法');
    expect((await find('q=法')).total).toBe(30);
    // 人民共和 is split 人民|共和 by the segmenter, and still found as written: exactly the documents holding it.
    const holding = await t.db.kysely.selectFrom('search_documents').select('item_id').where('kind', '=', 'live').where((eb) => eb.or([eb('title', 'like', '%人民共和%'), eb('text', 'like', '%人民共和%'), eb('doc_number', 'like', '%人民共和%')])).execute();
    expect(holding.length).toBeGreaterThan(5);
    expect((await find(`q=${encodeURIComponent('"人民共和"')}&pageSize=50`)).total).toBe(holding.length);
  });

  it('finds a document by its number however it is typed', async () => {
    const withNumber = (await find('q=条例&pageSize=50')).hits.find((h) => h.docNumber && /令第\d+号/.test(h.docNumber));
    expect(withNumber).toBeTruthy();
    const serial = /第(\d+)号/.exec(withNumber!.docNumber!)![1];
    for (const typed of [withNumber!.docNumber!, `国令第${serial}号`, `国务院令 ${serial}号`]) {
      const r = await find(`q=${encodeURIComponent(typed)}`);
      expect(r.hits[0]!.id, typed).toBe(withNumber!.id);
    }
  });

  it('supports phrases, exclusion, OR, field filters, facets, within-results, date range and sort by date', async () => {
    const both = await find(`q=${encodeURIComponent('文化 OR 土地')}`);
    const culture = await find('q=文化');
    const land = await find('q=土地');
    expect(both.total).toBeGreaterThanOrEqual(Math.max(culture.total, land.total));
    const minus = await find(`q=${encodeURIComponent('土地 -管理')}`);
    expect(minus.hits.some((h) => h.title.includes('管理'))).toBe(false);
    expect(await titles('标题:土地')).toEqual(['中华人民共和国土地管理法']);
    const year = land.facets.year![0]!.value;
    const inYear = await find(`q=土地&year=${year}`);
    expect(inYear.total).toBe(land.facets.year![0]!.count);
    const within = await find(`q=土地&within=${encodeURIComponent('营商环境')}`);
    expect(within.total).toBeLessThan(land.total);
    expect(within.total).toBeGreaterThan(0);
    const byDate = await find('q=法&sort=date&pageSize=50');
    const dates = byDate.hits.map((h) => (h as unknown as { publishedAt: string }).publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const ranged = await find(`q=法&from=${dates[2]!.slice(0, 10)}&to=${dates[0]!.slice(0, 10)}`);
    expect(ranged.total).toBeGreaterThanOrEqual(3);
    expect(ranged.total).toBeLessThan(byDate.total);
  });

  it('refuses bad input field by field, never with a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=x&year=abc&page=99&sort=best&from=2026-02-30&category=x' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['category', 'from', 'page', 'sort', 'year']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search?q=x&org=nowhere' })).statusCode).toBe(404);
    for (const q of ['"', '-', 'OR', '标题:', '*', '(', 'NEAR(', '"a" AND', '《》', "'", '\\']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` })).statusCode, q).toBe(200);
    }
  });

  it('bounds what one query asks of the engine: a repeated word once, a long query by its first words — API, portal and suggestions alike', async () => {
    const enc = encodeURIComponent;
    const hostile = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${enc('的'.repeat(200))}` });
    expect(hostile.statusCode).toBe(200);
    const h = hostile.json<{ total: number; terms: string[]; ignored: string[] }>();
    // 200 × 的 is searched as one 的: the same documents, one pattern, nothing ignored.
    expect(h.total).toBe((await find('q=的')).total);
    expect(h.terms.filter((x) => x !== '的'.repeat(200))).toEqual(['的']);
    expect(h.ignored).toEqual([]);
    const words = ['人民', '政府', '国家', '法律', '规定', '管理', '行政', '部门', '单位', '应当', '依法', '县级', '以上', '组织', '工作', '负责', '有关', '机关', '办法', '条例', '责任', '处罚', '公民', '社会', '经济'];
    const long = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${enc(words.slice(0, 15).join(' '))}&within=${enc(words.slice(15).join(' '))}` });
    expect(long.statusCode).toBe(200);
    const l = long.json<{ terms: string[]; ignored: string[] }>();
    expect(l.ignored).toEqual(words.slice(QUERY_BUDGET.patterns));
    expect(l.terms.filter((x) => words.includes(x))).toEqual(words.slice(0, QUERY_BUDGET.patterns));
    const page = await t.app.inject({ method: 'GET', url: `/sites/jiangchuan/search?q=${enc(words.join(' '))}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<p class="notice search-ignored">检索词较多，以下词语未参与检索：${words.slice(QUERY_BUDGET.patterns).join(' ')}。</p>`);
    const hostilePage = await t.app.inject({ method: 'GET', url: `/sites/jiangchuan/search?q=${enc('的'.repeat(200))}` });
    expect(hostilePage.statusCode).toBe(200);
    expect(hostilePage.body).not.toContain('search-ignored');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=${enc('的'.repeat(50))}` })).statusCode).toBe(200);
    // Longer than the request allows: a field error, not a search.
    for (const url of [`/api/v1/search?q=${enc('的'.repeat(201))}`, `/api/v1/search/suggest?q=${enc('的'.repeat(51))}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['q']);
    }
  });

  it('suggests titles while typing, and a close title or a shorter query when nothing was found', async () => {
    const s = (await t.app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=${encodeURIComponent('个人信息')}` })).json();
    expect(s.suggestions[0]).toMatchObject({ text: '中华人民共和国个人信息保护法', kind: 'title' });
    const close = await find(`q=${encodeURIComponent('个人信息保户法')}`);
    expect(close.total).toBe(0);
    expect(close.didYouMean?.text).toBe('中华人民共和国个人信息保护法');
    const shorter = await find(`q=${encodeURIComponent('土地 火星探测')}`);
    expect(shorter.total).toBe(0);
    expect(shorter.didYouMean?.text).toBe('土地');
  });

  it('drafts are seen by staff of their unit only; publish and withdraw change the index at once', async () => {
    const created = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title: '江川市琥珀湾湿地保护实施方案', body: '<p>琥珀湾湿地的保护措施。</p>', docNumber: '江发改〔2026〕31号' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await find('q=琥珀湾')).total).toBe(0);
    const staff = async (who: Staff) => (await who.request('GET', `/api/v1/search?q=${encodeURIComponent('琥珀湾')}&drafts=1`)).json<{ hits: Hit[] }>();
    expect((await staff(editor)).hits.map((h) => [h.id, h.kind, h.state])).toEqual([[id, 'draft', 'draft']]);
    expect((await staff(office)).hits).toHaveLength(1);
    const leader = await signIn(t, 'leader');
    expect((await staff(leader)).hits).toHaveLength(1);
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('琥珀湾')}&drafts=1` });
    expect(other.json().total).toBe(0); // anonymous: drafts=1 means nothing without a session

    await publishRevision(t, id, { by: { editor, reviewer, office } });
    const published = await find(`q=${encodeURIComponent('江发改〔2026〕31号')}`);
    expect(published.hits[0]).toMatchObject({ id, kind: 'live' });

    expect((await office.request('POST', `/api/v1/items/${id}/withdraw`, { reason: '内容有误' })).statusCode).toBe(200);
    expect((await find('q=琥珀湾')).total).toBe(0);
    expect((await staff(office)).hits).toHaveLength(0);
  });

  it('finds a phrase at the end of a very long document (beyond PostgreSQL’s tsvector positions)', async () => {
    // 20,000 characters of text in which 社会 occurs far more than 256 times, then the phrase.
    const filler = Array.from({ length: 800 }, (_, i) => `<p>第${i + 1}项 社会保障工作应当统筹推进。</p>`).join('');
    const body = `${filler}<p>由社会保险行政部门责令限期改正。</p>`;
    const created = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title: '江川市社会保障工作长篇汇编', body });
    expect(created.statusCode).toBe(201);
    const staff = (q: string) => editor.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}&drafts=1`);
    const found = (await staff('"由社会保险行政部门责令限期改正"')).json<{ hits: Hit[] }>();
    expect(found.hits.map((h) => h.id)).toEqual([created.json().id]);
    expect(found.hits[0]!.snippet).toContain('<mark>由社会保险行政部门责令限期改正</mark>');
    // Adjacency is still required: the words apart are not the phrase.
    expect((await staff('"统筹推进社会保险"')).json<{ total: number }>().total).toBe(0);
    expect((await staff('"社会保障工作应当统筹推进" -"责令限期改正"')).json<{ total: number }>().total).toBe(0);
  });

  it('counts queries without personal data and shows top, zero-result and click-through to those allowed', async () => {
    await find(`q=${encodeURIComponent('土地')}&org=jiangchuan`);
    await find(`q=${encodeURIComponent('土地')}&org=jiangchuan`);
    await find(`q=${encodeURIComponent('星际航行')}&org=jiangchuan`);
    await find(`q=${encodeURIComponent('查询 13812345678')}&org=jiangchuan`);
    const hit = (await find('q=土地&org=jiangchuan')).hits[0]!;
    const click = await t.app.inject({ method: 'POST', url: '/api/v1/search/clicks', payload: { q: '土地', id: hit.id, org: 'jiangchuan' } });
    expect(click.statusCode).toBe(204);
    const res = await office.request('GET', '/api/v1/search/analytics?org=jiangchuan');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.top[0]).toMatchObject({ query: '土地', searches: 3, clicks: 1, clickThrough: 0.333 });
    expect(a.zeroResults.map((z: { query: string }) => z.query)).toContain('星际航行');
    expect(JSON.stringify(a)).not.toContain('13812345678');
    expect((await editor.request('GET', '/api/v1/search/analytics?org=jiangchuan')).statusCode).toBe(403);
  });

  it('rebuilds the index from the items with the same results', async () => {
    const before = await find('q=个人信息&pageSize=50');
    const progress: number[] = [];
    const r = await reindexAll(t.ctx.db, (p) => progress.push(p.done));
    expect(r.done).toBe(r.total);
    expect(progress.at(-1)).toBe(r.total);
    const after = await find('q=个人信息&pageSize=50');
    expect(after.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
  });
});

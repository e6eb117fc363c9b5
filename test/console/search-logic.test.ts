// Pure functions of the console's search screens: the search state in the address, the API's parameters,
// highlighted text, tags and the analytics period.
import { describe, expect, it } from 'vitest';
import { selectedMenuKey, visibleMenu } from '../../web/console/src/layout/menu.js';
import { STATE_LABELS } from '../../web/console/src/publishing/logic.js';
import {
  changeSearch,
  dayInChina,
  decodeEntities,
  hitTag,
  MAX_PAGE,
  percent,
  reachableTotal,
  readPeriod,
  readSearchState,
  searchApiQuery,
  searchPath,
  splitHighlight,
  suggestionOptions,
  suggestQuery,
  toggleFilter,
  writeSearchState,
} from '../../web/console/src/search/logic.js';

const params = (s: string) => new URLSearchParams(s);

describe('search state in the address', () => {
  it('defaults to relevance, page 1 and drafts included', () => {
    expect(readSearchState(params(''))).toEqual({ q: '', filters: {}, sort: 'relevance', page: 1, drafts: true });
    expect(writeSearchState(readSearchState(params(''))).toString()).toBe('');
  });

  it('reads every part and writes it back unchanged', () => {
    const address = 'q=%E6%95%B0%E6%8D%AE%E5%AE%89%E5%85%A8&agency=jiangchuan&category=02.01&topic=t1&organ=%E5%9B%BD%E5%8A%A1%E9%99%A2&year=2021&from=2021-01-01&to=2021-12-31&sort=date&drafts=0&page=3';
    const state = readSearchState(params(address));
    expect(state).toEqual({
      q: '数据安全',
      agency: 'jiangchuan',
      filters: { category: '02.01', topic: 't1', organ: '国务院', year: '2021' },
      from: '2021-01-01',
      to: '2021-12-31',
      sort: 'date',
      page: 3,
      drafts: false,
    });
    expect(readSearchState(writeSearchState(state))).toEqual(state);
    expect(writeSearchState(state).toString()).toBe(address);
  });

  it('drops what the API would refuse', () => {
    const state = readSearchState(params('category=abc&year=21&from=2021-13-45&to=yesterday&sort=random&page=x&genre=%20%20'));
    expect(state).toEqual({ q: '', filters: {}, sort: 'relevance', page: 1, drafts: true });
  });

  it('keeps the page between 1 and 50', () => {
    expect(readSearchState(params('page=0')).page).toBe(1);
    expect(readSearchState(params('page=-4')).page).toBe(1);
    expect(readSearchState(params('page=51')).page).toBe(MAX_PAGE);
    expect(readSearchState(params('page=7.9')).page).toBe(7);
    expect(writeSearchState({ ...readSearchState(params('')), page: 99 }).get('page')).toBe('50');
  });

  it('puts dates given the wrong way round in order', () => {
    const s = readSearchState(params('from=2026-03-01&to=2026-01-01'));
    expect([s.from, s.to]).toEqual(['2026-01-01', '2026-03-01']);
  });

  it('turns the state into the API query: org, drafts=1, every filter', () => {
    const state = readSearchState(params('q=水价&category=02.01&year=2026&page=2&sort=date'));
    const q = new URLSearchParams(searchApiQuery(state, 'jiangchuan').slice(1));
    expect(Object.fromEntries(q)).toEqual({ q: '水价', org: 'jiangchuan', category: '02.01', year: '2026', sort: 'date', page: '2', pageSize: '20', drafts: '1' });
    const off = new URLSearchParams(searchApiQuery(changeSearch(state, { drafts: false }), undefined).slice(1));
    expect(off.has('drafts')).toBe(false);
    expect(off.has('org')).toBe(false);
    expect(off.get('page')).toBe('1');
  });

  it('adds a facet filter, replaces it with another value, removes it when chosen again; always back to page 1', () => {
    const start = { ...readSearchState(params('q=法')), page: 4 };
    const one = toggleFilter(start, 'year', '2021');
    expect(one.filters).toEqual({ year: '2021' });
    expect(one.page).toBe(1);
    const other = toggleFilter({ ...one, page: 2 }, 'year', '2020');
    expect(other.filters).toEqual({ year: '2020' });
    const both = toggleFilter(other, 'category', '02.01');
    expect(both.filters).toEqual({ year: '2020', category: '02.01' });
    expect(toggleFilter(both, 'year', '2020').filters).toEqual({ category: '02.01' });
    // The state it started from is left as it was.
    expect(start.filters).toEqual({});
  });

  it('offers at most 50 pages', () => {
    expect(reachableTotal(30)).toBe(30);
    expect(reachableTotal(5000)).toBe(1000);
    expect(reachableTotal(5000, 10)).toBe(500);
  });

  it('links a query to the staff search', () => {
    expect(searchPath('数据 安全', 'jiangchuan')).toBe('/search?q=%E6%95%B0%E6%8D%AE+%E5%AE%89%E5%85%A8&agency=jiangchuan');
    expect(readSearchState(params(searchPath('a&b=c').split('?')[1]!)).q).toBe('a&b=c');
  });
});

describe('highlighted text', () => {
  it('splits on <mark> into plain-text segments', () => {
    expect(splitHighlight('中华人民共和国<mark>个人信息保护法</mark>')).toEqual([
      { text: '中华人民共和国', mark: false },
      { text: '个人信息保护法', mark: true },
    ]);
    expect(splitHighlight('<mark>数据</mark>与<mark>安全</mark>。')).toEqual([
      { text: '数据', mark: true },
      { text: '与', mark: false },
      { text: '安全', mark: true },
      { text: '。', mark: false },
    ]);
  });

  it('decodes the escaped characters without ever producing markup', () => {
    expect(splitHighlight('A &amp; B &lt;script&gt;alert(1)&lt;/script&gt; <mark>&quot;C&quot;</mark> &#39;d&#x27;')).toEqual([
      { text: 'A & B <script>alert(1)</script> ', mark: false },
      { text: '"C"', mark: true },
      { text: " 'd'", mark: false },
    ]);
    expect(decodeEntities('&unknown; &#0; &#x110000;')).toBe('&unknown; &#0; &#x110000;');
  });

  it('leaves any other tag as visible text and joins adjacent segments', () => {
    expect(splitHighlight('<b>x</b><mark></mark>y')).toEqual([{ text: '<b>x</b>y', mark: false }]);
    expect(splitHighlight('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', mark: true }]);
    expect(splitHighlight('')).toEqual([]);
  });
});

describe('presentation', () => {
  it('labels a hit with the workbench state labels; a draft says it is unpublished', () => {
    expect(hitTag({ kind: 'live', state: 'published' }).label).toBe(STATE_LABELS.published);
    expect(hitTag({ kind: 'draft', state: 'submitted' }).label).toBe(`未发布稿件 · ${STATE_LABELS.submitted}`);
    expect(hitTag({ kind: 'draft', state: 'something-new' }).label).toBe('未发布稿件 · something-new');
  });

  it('offers each suggestion once', () => {
    expect(
      suggestionOptions([
        { text: '数据安全法', kind: 'title', id: '1' },
        { text: '数据安全法', kind: 'query' },
        { text: ' 数据 ', kind: 'query' },
        { text: '  ', kind: 'query' },
      ]),
    ).toEqual([
      { value: '数据安全法', kind: 'title' },
      { value: '数据', kind: 'query' },
    ]);
    expect(suggestQuery('   ')).toBeNull();
    expect(suggestQuery('字'.repeat(60))).toHaveLength(50);
  });

  it('shows click-through as a percent', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(1)).toBe('100%');
    expect(percent(1 / 3)).toBe('33.3%');
    expect(percent(Number.NaN)).toBe('0%');
  });

  it('counts days in China Standard Time', () => {
    expect(dayInChina(new Date('2026-03-01T17:00:00.000Z'))).toBe('2026-03-02');
    expect(dayInChina(new Date('2021-08-19T16:00:00.000Z'))).toBe('2021-08-20');
  });

  it('takes the analytics period from the address only when both dates are valid and in order', () => {
    expect(readPeriod(params(''))).toBeNull();
    expect(readPeriod(params('from=2026-02-01'))).toBeNull();
    expect(readPeriod(params('from=2026-02-01&to=2026-02-10'))).toEqual({ from: '2026-02-01', to: '2026-02-10' });
    expect(readPeriod(params('from=2026-02-10&to=2026-02-01'))).toBeNull();
    expect(readPeriod(params('from=2026-02-30&to=2026-03-01'))).toBeNull();
  });
});

describe('menu', () => {
  it('offers the staff search to those handling items and the analytics to those reading statistics', () => {
    expect(visibleMenu(['item.edit']).map((m) => m.path)).toContain('/search');
    expect(visibleMenu(['item.edit']).map((m) => m.path)).not.toContain('/search/analytics');
    expect(visibleMenu(['item.approve', 'stats.read']).map((m) => m.label)).toEqual(expect.arrayContaining(['站内检索', '检索分析']));
    expect(visibleMenu(['audit.read']).map((m) => m.path)).not.toContain('/search');
  });
  it('selects the analytics entry on its own path and the search entry on the search', () => {
    expect(selectedMenuKey('/search')).toBe('/search');
    expect(selectedMenuKey('/search/analytics')).toBe('/search/analytics');
  });
});

import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query.js';
import { asksSomething, composeQuery, parseSearchPage, searchPath } from './compose.js';

describe('composeQuery: the advanced form as one query in the query language', () => {
  it('joins all words, the phrase in quotes, any words with OR, none words with a minus', () => {
    expect(composeQuery({ all: '营商环境  条例', phrase: '优化 营商环境', any: '山东省 河南省', none: '草案 征求意见稿' })).toBe(
      '营商环境 条例 "优化 营商环境" 山东省 OR 河南省 -草案 -征求意见稿',
    );
    expect(composeQuery({})).toBe('');
    expect(composeQuery({ all: '   ', phrase: '', any: ' ', none: '' })).toBe('');
    // One "any" word is simply required.
    expect(composeQuery({ any: '消防法' })).toBe('消防法');
  });

  it('puts the field prefix on every term when the search is restricted', () => {
    expect(composeQuery({ all: '优化 营商环境', any: '山东省 河南省', none: '重庆', field: 'title' })).toBe('标题:优化 标题:营商环境 标题:山东省 OR 标题:河南省 -标题:重庆');
    expect(composeQuery({ phrase: '国办发〔2017〕47号', field: 'number' })).toBe('文号:"国办发〔2017〕47号"');
    expect(composeQuery({ all: '国务院', field: 'organ' })).toBe('机关:国务院');
    expect(composeQuery({ all: '条例', field: 'any' })).toBe('条例');
  });

  it('quotes what the language would read as an operator or a field, and drops quotation marks', () => {
    expect(composeQuery({ all: 'OR -草案 标题:条例' })).toBe('"OR" "-草案" "标题:条例"');
    expect(composeQuery({ phrase: '他说"你好"' })).toBe('"他说 你好"');
    expect(composeQuery({ phrase: '“优化营商环境”' })).toBe('"优化营商环境"');
    expect(composeQuery({ none: '-草案 --' })).toBe('-草案');
    // Full-width forms are folded first, as the language does: a full-width colon is a colon.
    expect(composeQuery({ all: '标题：条例' })).toBe('"标题:条例"');
    // Commas and 、 separate words too.
    expect(composeQuery({ any: '消防法，食品安全法、教育法' })).toBe('消防法 OR 食品安全法 OR 教育法');
  });

  it('parses back to what the form asked', () => {
    const parsed = parseQuery(composeQuery({ all: '优化', phrase: '营商 环境', any: '山东省 河南省', none: '重庆 OR', field: 'title' }));
    expect(parsed.all).toEqual([
      [{ text: '优化', phrase: false, field: 'title' }],
      [{ text: '营商 环境', phrase: true, field: 'title' }],
      [
        { text: '山东省', phrase: false, field: 'title' },
        { text: '河南省', phrase: false, field: 'title' },
      ],
    ]);
    expect(parsed.not).toEqual([
      { text: '重庆', phrase: false, field: 'title' },
      { text: 'OR', phrase: true, field: 'title' },
    ]);
  });
});

describe('parseSearchPage', () => {
  it('composes the advanced fields after q and keeps filters; empty form fields are absent', () => {
    const p = parseSearchPage({ q: '条例', all: '营商环境', any: '山东省 河南省', field: 'title', category: '', year: '', from: '', to: '2022-12-31', sort: 'date', lang: 'en' });
    expect(p.kind).toBe('ok');
    if (p.kind !== 'ok') return;
    expect(p.state).toMatchObject({ q: '条例 标题:营商环境 标题:山东省 OR 标题:河南省', to: '2022-12-31', sort: 'date', page: 1 });
    expect(p.state.category).toBeUndefined();
    expect(p.query).toMatchObject({ q: p.state.q, pageSize: 20, sort: 'date' });
    expect(asksSomething(p.state)).toBe(true);
    expect(searchPath(p.state)).toBe(`/search?q=${encodeURIComponent(p.state.q)}&to=2022-12-31&sort=date`);
  });

  it('reports each bad field in Chinese', () => {
    const p = parseSearchPage({ year: 'abc', page: '999', field: 'body', from: '2021-13-45', to: 'abc', q: ['a', 'b'] });
    expect(p.kind).toBe('invalid');
    if (p.kind !== 'invalid') return;
    expect(p.errors.year).toBe('年份应为数字');
    expect(p.errors.page).toBe('最多翻到第 50 页，请缩小检索范围');
    expect(p.errors.field).toContain('关键词位置');
    expect(p.errors.from).toBe('起始日期不是有效日期');
    expect(p.errors.to).toBe('截止日期应为 YYYY-MM-DD');
    expect(p.errors.q).toBeTruthy();
    expect(p.values.q).toBe('a b');
  });

  it('nothing asked: no words, no filters', () => {
    const p = parseSearchPage({ lang: 'zh-TW', sort: 'date' });
    expect(p.kind === 'ok' && asksSomething(p.state)).toBe(false);
    expect(searchPath({ q: '', sort: 'relevance', page: 1 })).toBe('/search');
    expect(searchPath({ q: 'a&b', organ: '国务院', sort: 'relevance', page: 3 })).toBe(`/search?q=a%26b&organ=${encodeURIComponent('国务院')}&page=3`);
  });
});

// What one search may ask of the engines (compile.ts QUERY_BUDGET, snippet.ts SNIPPET_SCAN): counted in
// patterns, prefixes and characters mapped — the work itself, not the time it happens to take.
import { describe, expect, it } from 'vitest';
import { compileQuery, patternsOf, QUERY_BUDGET, toFtsMatch, toTsQuery } from './compile.js';
import { parseQuery } from './query.js';
import { snippet, snippetWindow, SNIPPET_SCAN } from './snippet.js';

const compile = (q: string) => compileQuery(parseQuery(q));
const WORDS = ['人民', '政府', '国家', '法律', '规定', '管理', '行政', '部门', '单位', '应当', '依法', '县级', '以上', '组织', '工作', '负责', '有关', '机关', '办法', '条例', '责任', '处罚', '公民', '社会', '经济', '安全', '保护', '监督', '检查', '违反'];

describe('the query budget', () => {
  it('asks for a repeated word once: 200 × 的, spaced or not, is one prefix pattern', () => {
    for (const q of ['的'.repeat(200), Array(100).fill('的').join(' '), `${'的 '.repeat(50)}OR ${'的 '.repeat(40)}`]) {
      const c = compile(q);
      expect(patternsOf(c)).toEqual([{ tokens: ['的'], prefixLast: true, field: 'any' }]);
      expect(toFtsMatch(c)).toBe('"的"*');
      expect(toTsQuery(c)).toBe("'的':*");
      expect(c.ignored).toEqual([]);
    }
  });

  it('asks for a repeated group, alternative or exclusion once', () => {
    expect(toFtsMatch(compile('条例 OR 办法 公开 条例 OR 办法 公开 -草案 -草案'))).toBe('(("条例" OR "办法") AND "公开") NOT "草案"');
    expect(toFtsMatch(compile('"政务公开" "政务公开" 标题:土地 标题:土地'))).toBe('"政务 务公 公开" AND title : "土地"');
  });

  it('searches the first distinct patterns of a long query and reports the words it ignored, in order', () => {
    const c = compile(WORDS.join(' '));
    expect(patternsOf(c)).toHaveLength(QUERY_BUDGET.patterns);
    expect(c.words).toEqual(WORDS.slice(0, QUERY_BUDGET.patterns));
    expect(c.ignored).toEqual(WORDS.slice(QUERY_BUDGET.patterns));
    // OR chains and exclusions count alike.
    const ors = compile(WORDS.join(' OR '));
    expect(patternsOf(ors)).toHaveLength(QUERY_BUDGET.patterns);
    const nots = compile(`公开 ${WORDS.map((w) => `-${w}`).join(' ')}`);
    expect(patternsOf(nots)).toHaveLength(QUERY_BUDGET.patterns);
    expect(nots.ignored).toHaveLength(WORDS.length + 1 - QUERY_BUDGET.patterns);
  });

  it('counts a pattern wherever the engine evaluates it: the same prefix in many OR groups is spent in each', () => {
    const q = Array.from({ length: 40 }, (_, i) => `"条例${i}" OR 法`).join(' ');
    const c = compile(q);
    const all = patternsOf(c);
    expect(all.length).toBeLessThanOrEqual(QUERY_BUDGET.patterns);
    expect(all.filter((p) => p.prefixLast && p.tokens.join('') === '法')).toHaveLength(QUERY_BUDGET.prefixes);
    expect(c.ignored?.[0]).toBe('法');
    // Within one group, an OR chain keeps its leading alternatives; an exclusion is kept whole or not at all.
    const exclusion = compile('土地征收补偿');
    expect(patternsOf(exclusion).length).toBeGreaterThan(1);
    const cut = compile(`${WORDS.slice(0, 19).join(' ')} -土地征收补偿`);
    expect(toFtsMatch(cut)).not.toContain('NOT');
    expect(cut.ignored).toEqual(exclusion.words);
    expect(toFtsMatch(compile(`${WORDS.slice(0, 17).join(' ')} -土地征收补偿`))).toContain('NOT');
  });

  it('admits few one-character prefixes, the costliest pattern', () => {
    const c = compile('税 费 罚 款 矿 林 药 船');
    expect(patternsOf(c).map((p) => p.tokens[0])).toEqual(['税', '费', '罚', '款'].slice(0, QUERY_BUDGET.prefixes));
    expect(c.ignored).toEqual(['矿', '林', '药', '船'].slice(4 - QUERY_BUDGET.prefixes));
  });

  it('leaves the queries citizens type whole: long titles, phrases, document numbers', () => {
    for (const q of ['最高人民法院關於人民法院辦理接收在臺灣地區服刑的大陸居民回大陸服刑案件的規定', '"行纪人完成或者部分完成委托事务的"', '国务院令 第 91 号', '营商环境条例 "政务 公开" 标题:土地 OR 机关:国务院 -草案']) {
      expect(compile(q).ignored).toEqual([]);
    }
  });
});

describe('the snippet budget', () => {
  const long = `${'甲乙丙丁'.repeat(30_000)}土地管理${'戊己庚辛'.repeat(20_000)}`;

  it('maps at most SNIPPET_SCAN characters of any text, around the first match as written', () => {
    const [from, to] = snippetWindow(long, ['土地']);
    expect(to - from).toBeLessThanOrEqual(SNIPPET_SCAN);
    expect(long.slice(from, to)).toContain('土地管理');
    expect(snippet(long, ['土地'])).toMatch(/^…[^<]*<mark>土地<\/mark>管理[^<]*…$/);
    expect(snippetWindow(long, ['不存在'])).toEqual([0, SNIPPET_SCAN]);
    expect(snippetWindow('短文', ['短'])).toEqual([0, 2]);
  });

  it('never cuts a character outside the Basic Multilingual Plane in two', () => {
    const astral = '𠀀'.repeat(SNIPPET_SCAN);
    const [from, to] = snippetWindow(`${astral}土地${astral}`, ['土地']);
    expect(from % 2).toBe(0);
    expect(to % 2).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { isEmptyQuery, parseQuery } from './query.js';

const term = (text: string, field: 'any' | 'title' | 'docNumber' | 'organ' = 'any') => ({ text, phrase: false, field });
const phrase = (text: string, field: 'any' | 'title' | 'docNumber' | 'organ' = 'any') => ({ text, phrase: true, field });

describe('the search query language', () => {
  it('reads plain words as all required', () => {
    expect(parseQuery('营商环境 一网通办')).toEqual({ all: [[term('营商环境')], [term('一网通办')]], not: [] });
  });
  it('keeps quoted phrases, also with Chinese quotation marks', () => {
    expect(parseQuery('"政务公开 工作要点"')).toEqual({ all: [[phrase('政务公开 工作要点')]], not: [] });
    expect(parseQuery('“政务公开工作要点”').all).toEqual([[phrase('政务公开工作要点')]]);
  });
  it('excludes with a minus, also full-width', () => {
    expect(parseQuery('条例 -草案 －"征求意见稿"')).toEqual({ all: [[term('条例')]], not: [term('草案'), phrase('征求意见稿')] });
  });
  it('joins OR alternatives into one group', () => {
    expect(parseQuery('条例 OR 办法 OR 规定 公开').all).toEqual([[term('条例'), term('办法'), term('规定')], [term('公开')]]);
    expect(parseQuery('OR 条例').all).toEqual([[term('条例')]]); // a leading OR joins nothing
    expect(parseQuery('条例 or 办法').all).toEqual([[term('条例')], [term('or')], [term('办法')]]); // only upper-case OR
  });
  it('restricts to fields, in Chinese or English, with full-width colons', () => {
    expect(parseQuery('标题:营商环境 文号："国办发〔2017〕47号" 机关：国务院').all).toEqual([
      [term('营商环境', 'title')],
      [phrase('国办发〔2017〕47号', 'docNumber')],
      [term('国务院', 'organ')],
    ]);
    expect(parseQuery('title:条例').all).toEqual([[term('条例', 'title')]]);
  });
  it('treats an unknown prefix as text and an unclosed quote as running to the end', () => {
    expect(parseQuery('http://gov.cn').all).toEqual([[term('http://gov.cn')]]);
    expect(parseQuery('"未闭合的短语').all).toEqual([[phrase('未闭合的短语')]]);
  });
  it('knows a query that asks for nothing', () => {
    expect(isEmptyQuery(parseQuery('-草案'))).toBe(true);
    expect(isEmptyQuery(parseQuery('   '))).toBe(true);
    expect(isEmptyQuery(parseQuery('条例'))).toBe(false);
  });
});

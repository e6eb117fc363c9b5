import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './snippet.js';
import { convertedQuery, titleCloseness } from './suggest.js';
import { analyticsQuery } from './analytics.js';

describe('highlighting', () => {
  it('marks every occurrence, escapes the rest, and maps normalised matches back to the written text', () => {
    expect(highlight('政務公開<b>指南</b>', ['政务公开'])).toBe('<mark>政務公開</mark>&lt;b&gt;指南&lt;/b&gt;');
    expect(highlight('ＡＢＣ与abc', ['abc'])).toBe('<mark>ＡＢＣ</mark>与<mark>abc</mark>');
  });

  it('prefers the longest term where terms overlap', () => {
    expect(highlight('个人信息保护法', ['个人', '个人信息保护'])).toBe('<mark>个人信息保护</mark>法');
  });

  it('cuts a window around the densest cluster of matches, with ellipses', () => {
    const text = `${'甲'.repeat(300)}土地管理${'乙'.repeat(20)}土地${'丙'.repeat(300)}`;
    const s = snippet(text, ['土地'], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.match(/<mark>/g)).toHaveLength(2);
  });

  it('without a match shows the opening of the text', () => {
    expect(snippet('第一条 为了规范', ['土地'], 5)).toBe('第一条 为…');
  });
});

describe('suggestion helpers', () => {
  it('measures how much of a query a title covers, in shared bigrams', () => {
    expect(titleCloseness('个人信息保户法', '中华人民共和国个人信息保护法').coverage).toBeCloseTo(4 / 6);
    expect(titleCloseness('个人信息保护法', '土地管理法')).toEqual({ coverage: 0, dice: 0 });
    const short = titleCloseness('土地管理', '土地管理法');
    const long = titleCloseness('土地管理', '中华人民共和国土地管理法实施条例');
    expect(short.coverage).toBe(long.coverage);
    expect(short.dice).toBeGreaterThan(long.dice);
  });

  it('tells when a query was searched in another form', () => {
    expect(convertedQuery('政務公開')).toBe('政务公开');
    expect(convertedQuery('政务公开')).toBeNull();
  });

  it('never stores personal data of a query', () => {
    expect(analyticsQuery('  我的身份证 110101199003074478  ')).toBe('我的身份证 ******************');
    expect(analyticsQuery('联系 13812345678')).not.toContain('13812345678');
  });
});

describe('text of a stored body', () => {
  it('takes tags and entities away and keeps paragraphs apart, as the sanitiser would read them', async () => {
    const { storedHtmlText } = await import('./indexer.js');
    const { bodyText, sanitizeBody } = await import('../publishing/sanitize.js');
    expect(storedHtmlText('<p>甲&amp;乙</p><p>丙 &lt;丁&gt; &#20013;&#x6587;&nbsp;x</p>')).toBe('甲&乙 丙 <丁> 中文 x');
    const body = sanitizeBody('<h2>第一章</h2><p>为了<b>规范</b>“政务公开”工作 & 提高透明度 <i>a<b</i></p><table><tr><td>一</td><td>二</td></tr></table>');
    // The same text as the sanitiser's own reading, but with its entities decoded.
    expect(storedHtmlText(body).replace(/\s/g, '')).toBe(bodyText(body).replace(/\s/g, '').replace(/&amp;/g, '&'));
  });
});

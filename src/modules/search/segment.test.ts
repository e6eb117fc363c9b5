import { describe, expect, it } from 'vitest';
import { normalise, queryTokens } from './segment.js';

describe('segmentation for search', () => {
  it('keeps government terms whole', () => {
    expect(queryTokens('进一步优化营商环境推进一网通办')).toEqual(expect.arrayContaining(['营商环境', '一网通办']));
    expect(queryTokens('深化放管服改革')).toContain('放管服');
    expect(queryTokens('政府信息公开条例')).toEqual(['政府信息公开条例']);
  });
  it('normalises width, case and Traditional characters the same way on both sides', () => {
    expect(normalise('ＡＢＣ１２３')).toBe('abc123');
    // Taiwan wording becomes mainland wording, not only its characters.
    expect(normalise('政府資訊公開')).toBe('政府信息公开');
    expect(queryTokens('營商環境')).toEqual(queryTokens('营商环境'));
  });
  it('keeps spaces as word breaks', () => {
    expect(queryTokens('open data 政务公开')).toEqual(['open', 'data', '政务公开']);
  });
  it('drops punctuation and blanks', () => {
    expect(queryTokens('“营商环境”，一网通办！')).toEqual(['营商环境', '一网通办']);
  });
});

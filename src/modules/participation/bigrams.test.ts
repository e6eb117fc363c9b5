import { describe, expect, it } from 'vitest';
import { bigrams, similarity } from './bigrams.js';

describe('character bigrams for similar questions', () => {
  it('cuts runs of letters and digits into pairs, after width, case and 繁→简 normalisation', () => {
    expect([...bigrams('居住证办理')]).toEqual(['居住', '住证', '证办', '办理']);
    expect([...bigrams('ＡＢ12，证')]).toEqual(['ab', 'b1', '12', '证']);
    expect(bigrams('居住證')).toEqual(bigrams('居住证'));
    expect(bigrams('？！ 。')).toEqual(new Set());
  });

  it('leaves out the pairs that only make a sentence a polite question', () => {
    expect([...bigrams('请问什么')]).toEqual([]);
    expect(bigrams('请问居住证')).toEqual(new Set(['居住', '住证']));
    expect(bigrams('为什么要办居住证')).toEqual(new Set(['要办', '办居', '居住', '住证']));
  });

  it('scores shared pairs over the geometric mean of the sizes', () => {
    const a = bigrams('居住证办理需要哪些材料');
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, new Set())).toBe(0);
    const b = bigrams('办理居住证需要什么材料');
    expect(similarity(a, b)).toBeGreaterThan(0.4);
    expect(similarity(a, bigrams('营业执照在哪里办理'))).toBeLessThan(0.25);
    // A short question found whole inside a longer one still scores well.
    expect(similarity(bigrams('居住证'), a)).toBeGreaterThan(0.4);
  });
});

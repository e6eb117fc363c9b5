import { describe, expect, it } from 'vitest';
import { compileWords, DEFAULT_SENSITIVE_WORDS, findSensitiveWords, type SensitiveWord } from './sensitive-words.js';

const hits = (text: string, words: readonly SensitiveWord[]): string[] =>
  findSensitiveWords(text, words).map((f) => `${f.start}-${f.end}:${f.value}:${f.level}`);

describe('sensitive words', () => {
  it('reports every occurrence with its level and note, offsets into the original text', () => {
    const text = '本文件为内部资料，请勿外传。内部资料！';
    const found = findSensitiveWords(text, DEFAULT_SENSITIVE_WORDS);
    expect(found.map((f) => [f.start, f.end, f.value, f.level])).toEqual([
      [4, 8, '内部资料', '较大'],
      [14, 18, '内部资料', '较大'],
    ]);
    expect(found[0]!.note).toBe('内部资料不宜公开');
    expect(found[0]!.kind).toBe('sensitive-word');
  });
  it('reports overlapping and nested words', () => {
    const words: SensitiveWord[] = [
      { word: '甲乙丙丁', level: '重大' },
      { word: '乙丙', level: '一般' },
      { word: '丙丁戊', level: '较大' },
      { word: '秘密', level: '一般' },
      { word: '秘密★', level: '重大' },
    ];
    expect(hits('子甲乙丙丁戊己 秘密★一年', words)).toEqual([
      '1-5:甲乙丙丁:重大',
      '2-4:乙丙:一般',
      '3-6:丙丁戊:较大',
      '8-10:秘密:一般',
      '8-11:秘密★:重大',
    ]);
  });
  it('folds full-width letters and case, keeping positions in the original text', () => {
    const words: SensitiveWord[] = [{ word: 'Internal Only', level: '较大' }, { word: 'ＴＯＤＯ', level: '一般' }];
    const text = '注：ＩＮＴＥＲＮＡＬ　ｏｎｌｙ；todo；ToDo';
    expect(hits(text, words)).toEqual(['2-15:ＩＮＴＥＲＮＡＬ　ｏｎｌｙ:较大', '16-20:todo:一般', '21-25:ToDo:一般']);
  });
  it('matches words that start or end with a letter only at a word boundary there', () => {
    const words: SensitiveWord[] = [{ word: 'secret', level: '较大' }, { word: '密件', level: '较大' }];
    expect(hits('secretary, top secret, 秘密件', words)).toEqual(['15-21:secret:较大', '24-26:密件:较大']);
  });
  it('merges the same word listed twice, keeping the more serious level', () => {
    const words: SensitiveWord[] = [{ word: '涉密', level: '一般' }, { word: ' 涉密 ', level: '重大', note: 'x' }];
    expect(findSensitiveWords('涉密', words).map((f) => [f.level, f.note])).toEqual([['重大', 'x']]);
    expect(compileWords(words).size).toBe(1);
  });
  it('ignores empty words and finds nothing with an empty list', () => {
    expect(findSensitiveWords('内部资料', [])).toEqual([]);
    expect(findSensitiveWords('内部资料', [{ word: '  ', level: '重大' }])).toEqual([]);
  });
  it('caches the automaton per list object', () => {
    const list: SensitiveWord[] = [{ word: '甲', level: '一般' }];
    expect(compileWords(list)).toBe(compileWords(list));
    expect(compileWords([...list])).not.toBe(compileWords(list));
  });
  it('handles thousands of words over a long text', () => {
    // 5 000 distinct four-character words from a fixed pseudo-random sequence, and a 200 000-character text that
    // contains a known number of them.
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const char = (): string => String.fromCharCode(0x4e00 + Math.floor(rand() * 2000));
    const words = new Map<string, SensitiveWord>();
    while (words.size < 5000) {
      const w = char() + char() + char() + char();
      words.set(w, { word: w, level: '一般' });
    }
    const list = [...words.values()];
    const planted = list.slice(0, 100).map((w) => w.word);
    let text = '';
    while (text.length < 200_000) text += `${planted[text.length % 100]}，${'公开'.repeat(20)}。`;
    const found = findSensitiveWords(text, list);
    expect(found.length).toBeGreaterThan(1000);
    expect(found.every((f) => words.has(f.value))).toBe(true);
  });
});

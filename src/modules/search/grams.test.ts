import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, needsPositions, streamNeedle, toFtsMatch, toTsQuery } from './compile.js';
import { tokenStream, tsvectorLiteral } from './document.js';
import { gramText, gramTokens, termPattern } from './grams.js';
import { parseQuery } from './query.js';
import { normalise } from './segment.js';

describe('character bigrams', () => {
  it('turns a Han run into overlapping bigrams and its last character; other words stay whole', () => {
    expect(gramTokens('政务公开')).toEqual(['政务', '务公', '公开', '开']);
    expect(gramTokens('国办发〔2017〕47号')).toEqual(['国办', '办发', '发', '2017', '47', '号']);
    expect(gramTokens('covid-19 防控')).toEqual(['covid', '19', '防控', '控']);
    expect(gramText('政務公開')).toBe('政务 务公 公开 开');
  });

  it('one character is a prefix, two a token, more a phrase; a run followed by another word ends there', () => {
    expect(termPattern('税')).toEqual({ tokens: ['税'], prefixLast: true });
    expect(termPattern('土地')).toEqual({ tokens: ['土地'], prefixLast: false });
    expect(termPattern('出租汽车')).toEqual({ tokens: ['出租', '租汽', '汽车'], prefixLast: false });
    expect(termPattern('国办发2017')).toEqual({ tokens: ['国办', '办发', '发', '2017'], prefixLast: false });
    expect(termPattern('transport')).toEqual({ tokens: ['transport'], prefixLast: true });
    expect(termPattern('2017')).toEqual({ tokens: ['2017'], prefixLast: false });
    expect(termPattern('——')).toEqual({ tokens: [], prefixLast: false });
  });

  it('the one-pass tokeniser equals splitting into runs (property-based)', () => {
    const reference = (text: string) =>
      [...text.matchAll(/(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu)].flatMap((m) => {
        if (m[1] === undefined) return [m[0]];
        const chars = Array.from(m[0]);
        return [...chars.slice(1).map((c, i) => chars[i]! + c), chars[chars.length - 1]!];
      });
    const ch = fc.constantFrom(...'政务公开𠀀𠀁㐀丽aZ9é١ ，。-_〔〕《》\n'.split(/(?:)/u));
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 40 }), (chars) => {
        expect(gramTokens(chars.join(''))).toEqual(reference(chars.join('')));
      }),
      { numRuns: 500 },
    );
  });

  it('every substring of a text matches the text by its pattern (the substring guarantee, property-based)', () => {
    const han = fc.constantFrom(...'政务公开信息条例国务院办法规定税收土地管理人民共和国的和与'.split(''));
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const start = a % chars.length;
        const end = start + 1 + (b % (chars.length - start));
        const p = termPattern(chars.slice(start, end).join(''));
        const tokens = gramTokens(normalise(text));
        const matches = tokens.some((_, i) =>
          p.tokens.every((t, k) => {
            const doc = tokens[i + k];
            if (doc === undefined) return false;
            return p.prefixLast && k === p.tokens.length - 1 ? doc.startsWith(t) : doc === t;
          }),
        );
        expect(matches).toBe(true);
      }),
    );
  });
});

describe('compiled queries', () => {
  it('renders words, phrases, OR, exclusions and fields for FTS5 and for tsquery alike', () => {
    const q = compileQuery(parseQuery('营商环境条例 "政务 公开" 标题:土地 OR 机关:国务院 -草案'));
    expect(toFtsMatch(q)).toBe(
      '(("营商 商环 环境" AND "条例") AND "政务 务公 公开" AND (title : "土地" OR organ : "国务 务院")) NOT "草案"',
    );
    expect(toTsQuery(q)).toBe(
      "((('营商' <-> '商环' <-> '环境') & '条例') & ('政务' <-> '务公' <-> '公开') & ('土地':A | ('国务':C <-> '务院':C))) & !'草案'",
    );
    expect(q.phrases).toEqual(['营商环境条例', '政务公开', '土地', '国务院']);
    expect(q.words).toEqual(['营商环境', '条例', '政务公开', '土地', '国务院']);
    expect(q.terms).toEqual(['营商环境条例', '政务公开', '土地', '国务院', '营商环境', '条例']);
  });

  it('drops one-character words when longer words carry the meaning', () => {
    expect(toFtsMatch(compileQuery(parseQuery('关于加强的通知')))).not.toContain('"的"');
    expect(toFtsMatch(compileQuery(parseQuery('税')))).toBe('"税"*');
  });

  it('folds Traditional and full-width queries to the indexed form', () => {
    expect(toFtsMatch(compileQuery(parseQuery('“政務公開”')))).toBe('"政务 务公 公开"');
    expect(toFtsMatch(compileQuery(parseQuery('ＡＢＣ')))).toBe('"abc"*');
  });

  it('a query of punctuation only compiles to nothing', () => {
    expect(compileQuery(parseQuery('《》，。')).groups).toEqual([]);
  });
});

describe('tsvector literal', () => {
  it('weights fields, keeps a gap between them, and caps positions like PostgreSQL', () => {
    expect(tsvectorLiteral({ title: '土地 地', number: '', organ: '国务 务院 院', body: '土地' })).toEqual({ literal: "'土地':1A,9D '地':2A '国务':5C '务院':6C '院':7C", clamped: false });
    const long = Array.from({ length: 300 }, () => '的规').join(' ');
    const lit = tsvectorLiteral({ title: '', number: '', organ: '', body: long });
    expect(lit.literal.split(',').length).toBe(256);
    expect(lit.clamped).toBe(true);
    const longer = Array.from({ length: 17_000 }, (_, i) => `w${i}`).join(' ');
    expect(tsvectorLiteral({ title: '', number: '', organ: '', body: longer }).clamped).toBe(true);
  });

  it('keeps the token stream of a long document so that a phrase is checked by text, never across fields', () => {
    const tokens = { title: '土地 地', number: '', organ: '国务 务院 院', body: '社会 会保 保险 险' };
    const stream = tokenStream(tokens);
    const [phrase] = compileQuery(parseQuery('"社会保险"')).groups[0]![0]!;
    expect(needsPositions(phrase!)).toBe(true);
    expect(stream.includes(streamNeedle(phrase!))).toBe(true);
    const [across] = compileQuery(parseQuery('"地国务"')).groups[0]![0]!;
    expect(stream.includes(streamNeedle(across!))).toBe(false);
    const [prefix] = compileQuery(parseQuery('"社会保"')).groups[0]![0]!;
    expect(stream.includes(streamNeedle(prefix!))).toBe(true);
  });
});

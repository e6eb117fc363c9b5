import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_TEMPLATE, formatIndexNumber, templateTokens, validateTemplate } from './index-number.js';

describe('formatIndexNumber', () => {
  it('formats the default template', () => {
    expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014349', year: 2025, serial: 42 })).toBe('000014349/2025-00042');
    expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014349', year: 2025, serial: 123456 })).toBe('000014349/2025-123456');
  });
  it('formats other templates', () => {
    const v = { orgCode: '00001434-9', creditCode: '11100000000013127D', year: 2024, category: '02.01', serial: 7 };
    expect(formatIndexNumber('{creditCode}-{category}-{YYYY}-{serial:04}', v)).toBe('11100000000013127D-02.01-2024-0007');
    expect(formatIndexNumber('{orgCode}/{YYYY}{serial}', v)).toBe('00001434-9/20247');
    expect(formatIndexNumber('ZJ{{{YYYY}}}{serial:3}', v)).toBe('ZJ{2024}007');
    expect(formatIndexNumber('索引{YYYY}第{serial:6}号', v)).toBe('索引2024第000007号');
  });
  it('refuses missing values and bad numbers in Chinese', () => {
    expect(() => formatIndexNumber(DEFAULT_INDEX_TEMPLATE, { year: 2025, serial: 1 })).toThrow('索引号模板需要组织机构代码，但未提供');
    expect(() => formatIndexNumber('{category}/{YYYY}-{serial:05}', { year: 2025, serial: 1, category: ' ' })).toThrow(/目录分类编码/);
    expect(() => formatIndexNumber(DEFAULT_INDEX_TEMPLATE, { orgCode: 'x', year: 2025, serial: 0 })).toThrow(/序号/);
    expect(() => formatIndexNumber(DEFAULT_INDEX_TEMPLATE, { orgCode: 'x', year: 25, serial: 1 })).toThrow(/年份/);
    expect(() => formatIndexNumber('{orgCode}-{serial}', { orgCode: 'x', year: 2025, serial: 1 })).toThrow(/年份/);
  });
});

describe('validateTemplate', () => {
  it('accepts templates with a serial and a year', () => {
    for (const t of [DEFAULT_INDEX_TEMPLATE, '{YYYY}{serial}', '{creditCode}-{category}-{YYYY}-{serial:10}']) expect(validateTemplate(t), t).toEqual({ ok: true });
  });
  it('refuses the others with a Chinese reason', () => {
    const cases: [string, RegExp][] = [
      ['', /不能为空/],
      ['{orgCode}-{serial:05}', /年份/],
      ['{orgCode}/{YYYY}', /序号/],
      ['{orgCode}/{YYYY}-{seq:05}', /无法识别/],
      ['{orgCode}/{YYYY}-{serial:0}', /位数/],
      ['{orgCode}/{YYYY}-{serial:11}', /位数/],
      ['{orgCode}/{YYYY}-{serial:05', /没有闭合/],
      ['{orgCode}}/{YYYY}-{serial:05}', /多余/],
      ['{YYYY}-{YYYY}-{serial}', /只能各出现一次/],
      ['{orgCode} {YYYY}-{serial}', /空白/],
    ];
    for (const [t, reason] of cases) {
      const r = validateTemplate(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) expect(r.reason, t).toMatch(reason);
    }
  });
  it('lists the tokens a template needs', () => {
    expect(templateTokens('{creditCode}-{category}-{YYYY}-{serial:04}')).toEqual(['creditCode', 'category', 'YYYY', 'serial']);
    expect(templateTokens('{bad')).toEqual([]);
  });
  it('never throws on arbitrary templates, and numbers of distinct serials differ', () => {
    fc.assert(fc.property(fc.string(), (t) => { validateTemplate(t); }));
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 7 }), fc.integer({ min: 1, max: 10 ** 7 }), (a, b) => {
      const f = (s: number): string => formatIndexNumber(DEFAULT_INDEX_TEMPLATE, { orgCode: 'X', year: 2025, serial: s });
      expect(f(a) === f(b)).toBe(a === b);
    }));
  });
});

import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './delivery.js';
import { pathsAbove } from './recipients.js';
import { mailBody, siteUrl, subjectLine } from './texts.js';

describe('mail rules', () => {
  it('backs off 1, 4, 16, 64 minutes, then every 4 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 4, 16, 64, 240, 240, 240]);
  });

  it('finds the organisations whose assignments cover a unit', () => {
    expect(pathsAbove('/a/b/c/')).toEqual(['/a/', '/a/b/', '/a/b/c/']);
    expect(pathsAbove('/a/')).toEqual(['/a/']);
  });

  it('writes bodies line by line, links without a trailing slash and one-line subjects', () => {
    expect(mailBody('您好：', null, '', '再见')).toBe('您好：\n\n再见\n');
    expect(siteUrl('https://gk.example.cn//')).toBe('https://gk.example.cn');
    expect(siteUrl(undefined)).toBe('');
    expect(subjectLine(' 关于\n  路灯 ')).toBe('关于 路灯');
    expect(subjectLine('长'.repeat(70))).toBe(`${'长'.repeat(60)}…`);
  });
});

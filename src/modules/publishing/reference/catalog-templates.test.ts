import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../shared/paths.js';
import {
  CATALOG_TEMPLATES, flattenTemplate, isCategoryCode, SEED_TEMPLATE, STATUTORY_TEMPLATE, UPDATE_INTERVALS, updateIntervalDays,
} from './catalog-templates.js';

describe('seed template', () => {
  it('has the eight top-level categories of docs/plan.md ch.3 with their sub-categories', () => {
    expect(SEED_TEMPLATE.map((c) => `${c.code} ${c.name}`)).toEqual([
      '01 基本信息', '02 政策法规', '03 规划计划', '04 行政审批', '05 公共服务', '06 财政预算', '07 人事信息', '08 统计数据',
    ]);
    expect(SEED_TEMPLATE[0]!.children.map((c) => `${c.code} ${c.name}`)).toEqual(['01.01 机构概况', '01.02 组织结构', '01.03 领导介绍']);
    expect(SEED_TEMPLATE[1]!.children.map((c) => c.name)).toEqual(['国家法律', '地方性法规', '部门规章', '政策解读']);
    expect(SEED_TEMPLATE[5]!.children.map((c) => c.name)).toEqual(['财政预算', '决算报告', '资金使用情况']);
    expect(SEED_TEMPLATE[5]!.updateInterval).toBe('1y');
    expect(SEED_TEMPLATE[1]!.updateInterval).toBe('6m');
  });
  it('describes each top level with the seed wording', () => {
    expect(SEED_TEMPLATE[6]!.description).toBe('公务员招聘、职务晋升、表彰奖励等');
  });
});

describe('statutory template (条例 Art. 20)', () => {
  it('has 15 items coded 01–15', () => {
    expect(STATUTORY_TEMPLATE.map((c) => c.code)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1).padStart(2, '0')));
  });
  const lawFile = path.join(PROJECT_ROOT, '..', 'shared', 'corpus', 'laws', '行政法规', '政府信息公开条例(2019-04-03).md');
  it.skipIf(!fs.existsSync(lawFile))('quotes Art. 20 items word for word (checked against the corpus text of the 条例)', () => {
    const text = fs.readFileSync(lawFile, 'utf8');
    const article = text.slice(text.indexOf('第二十条'), text.indexOf('第二十一条'));
    const items = [...article.matchAll(/^\(([一二三四五六七八九十]+)\)(.+?)[；。]$/gmu)].map((m) => m[2]);
    expect(items).toHaveLength(15);
    expect(STATUTORY_TEMPLATE.map((c) => c.description)).toEqual(items);
  });
});

describe('flattenTemplate', () => {
  it('lists categories before their children with parents, depth and path', () => {
    const flat = flattenTemplate(SEED_TEMPLATE);
    expect(flat).toHaveLength(8 + 3 + 4 + 3 + 3 + 3 + 3 + 3 + 2);
    expect(flat[0]).toMatchObject({ code: '01', parentCode: null, depth: 1, path: '基本信息', position: 0 });
    expect(flat[2]).toMatchObject({ code: '01.02', name: '组织结构', parentCode: '01', depth: 2, path: '基本信息/组织结构', position: 1 });
    for (const c of flat) {
      expect(isCategoryCode(c.code), c.code).toBe(true);
      if (c.parentCode) expect(flat.findIndex((p) => p.code === c.parentCode)).toBeLessThan(flat.indexOf(c));
    }
    for (const t of Object.values(CATALOG_TEMPLATES)) {
      const codes = flattenTemplate(t).map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});

describe('update intervals', () => {
  it('match the inspection rules', () => {
    expect(updateIntervalDays('dynamic')).toBe(14);
    expect(updateIntervalDays('6m')).toBe(183);
    expect(updateIntervalDays('1y')).toBe(366);
    expect(updateIntervalDays('on-change')).toBeNull();
    expect(Object.keys(UPDATE_INTERVALS)).toContain('2w');
  });
  it('checks category codes', () => {
    expect(isCategoryCode('01')).toBe(true);
    expect(isCategoryCode('01.02.03')).toBe(true);
    expect(isCategoryCode('00')).toBe(false);
    expect(isCategoryCode('1')).toBe(false);
    expect(isCategoryCode('01.')).toBe(false);
  });
});

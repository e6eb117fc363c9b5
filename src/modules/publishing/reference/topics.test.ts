import { describe, expect, it } from 'vitest';
import { allTopics, isTopicCode, topicByCode, topicByName, TOPICS } from './topics.js';

const PRODUCT_FIRST_LEVEL =
  '国务院组织机构; 综合政务; 国民经济管理、国有资产监管; 财政、金融、审计; 国土资源、能源; 农业、林业、水利; 工业、交通; 商贸、海关、旅游; 市场监管、安全生产监管; 城乡建设、环境保护; 科技、教育; 文化、广电、新闻出版; 卫生、体育; 人口与计划生育、妇女儿童工作; 劳动、人事、监察; 公安、安全、司法; 民政、扶贫、救灾; 民族、宗教; 对外事务; 港澳台侨工作; 国防; 其他';

describe('主题分类', () => {
  it('has the 22 subjects of docs/product.md §4.4 in order with codes 01–22', () => {
    expect(TOPICS.map((t) => t.name)).toEqual(PRODUCT_FIRST_LEVEL.split('; '));
    expect(TOPICS.map((t) => t.code)).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 1).padStart(2, '0')));
  });
  it('gives 综合政务 the portal second levels', () => {
    expect(topicByCode('02')?.children.map((c) => c.name)).toEqual(['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他']);
    expect(topicByCode('02.01')).toMatchObject({ name: '政务公开', path: '综合政务/政务公开', parentCode: '02' });
  });
  it('always ends with 其他 coded NN.99, codes unique', () => {
    for (const t of TOPICS) {
      expect(t.children.at(-1)).toMatchObject({ code: `${t.code}.99`, name: '其他' });
      expect(t.children.length).toBeGreaterThanOrEqual(1);
    }
    const codes = allTopics().map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^\d{2}(\.\d{2})?$/.test(c))).toBe(true);
  });
  it('finds topics by name and path', () => {
    expect(topicByName('综合政务')?.code).toBe('02');
    expect(topicByName('综合政务/政务公开')?.code).toBe('02.01');
    expect(topicByName(' 综合政务 ／ 政务公开 ')?.code).toBe('02.01');
    expect(topicByName('综合政务 > 信访')?.code).toBe('02.07');
    expect(topicByName('参事、文史')?.code).toBe('02.08');
    expect(topicByName('政务公开')?.code).toBe('02.01');
    expect(topicByName('其他')?.code).toBe('22');
    expect(topicByName('综合政务/其他')?.code).toBe('02.99');
    expect(topicByName('财政、金融、审计/税务')?.code).toBe('04.02');
    expect(topicByName('不存在')).toBeNull();
    expect(topicByName('科技、教育/政务公开')).toBeNull();
    expect(topicByName('')).toBeNull();
    expect(topicByName('a/b/c')).toBeNull();
  });
  it('checks codes', () => {
    expect(isTopicCode('02')).toBe(true);
    expect(isTopicCode('02.01')).toBe(true);
    expect(isTopicCode('02.99')).toBe(true);
    expect(isTopicCode('23')).toBe(false);
    expect(isTopicCode('2')).toBe(false);
    expect(topicByCode('99')).toBeNull();
  });
});

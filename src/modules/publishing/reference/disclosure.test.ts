import { describe, expect, it } from 'vitest';
import {
  checkDisclosure, DISCLOSURE_MODES, disclosureLabel, disclosureModeFrom, EXEMPTIONS, exemptionLabel, isExemptionCode, isValidity,
  VALIDITIES, validityFrom, validityLabel,
} from './disclosure.js';

describe('公开属性', () => {
  it('has three modes with labels', () => {
    expect(DISCLOSURE_MODES.map((m) => m.name)).toEqual(['主动公开', '依申请公开', '不予公开']);
    expect(disclosureLabel('on-request')).toBe('依申请公开');
    expect(disclosureModeFrom('主动公开')).toBe('proactive');
    expect(disclosureModeFrom('withheld')).toBe('withheld');
    expect(disclosureModeFrom('公开')).toBeNull();
  });
  it('lists the eight 不予公开 rows of the annual report in order', () => {
    expect(EXEMPTIONS.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(EXEMPTIONS[0].name).toBe('属于国家秘密');
    expect(EXEMPTIONS[7].name).toBe('属于行政查询事项');
    expect(new Set(EXEMPTIONS.map((e) => e.code)).size).toBe(8);
    expect(exemptionLabel('third-party')).toBe('保护第三方合法权益');
    expect(isExemptionCode('state-secret')).toBe(true);
    expect(isExemptionCode('secret')).toBe(false);
  });
  it('requires a reason exactly for 不予公开', () => {
    expect(checkDisclosure('proactive', null)).toBeNull();
    expect(checkDisclosure('withheld', 'state-secret')).toBeNull();
    expect(checkDisclosure('withheld', null)).toBe('不予公开时必须选择不予公开的理由');
    expect(checkDisclosure('withheld', 'nope')).toMatch(/无效/);
    expect(checkDisclosure('proactive', 'state-secret')).toMatch(/不应填写/);
    expect(checkDisclosure('public', null)).toMatch(/公开属性/);
  });
});

describe('有效性', () => {
  it('has four codes with Chinese labels', () => {
    expect(VALIDITIES.map((v) => [v.code, v.name])).toEqual([['valid', '有效'], ['amended', '已修改'], ['expired', '失效'], ['repealed', '废止']]);
    expect(validityLabel('repealed')).toBe('废止');
    expect(validityFrom('已修改')).toBe('amended');
    expect(validityFrom('现行有效')).toBe('valid');
    expect(validityFrom('作废')).toBeNull();
    expect(isValidity('expired')).toBe(true);
    expect(isValidity('失效')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidOrgCode, orgCodeFromCreditCode } from './codes.js';

describe('统一社会信用代码', () => {
  it('accepts real codes', () => {
    // 国务院办公厅, 北京市人民政府, 华为技术有限公司, 阿里巴巴（中国）有限公司 — as published.
    for (const code of ['11100000000013127D', '11110000000021135M', '914403001922038216', '91330100799655058B']) {
      expect(isValidCreditCode(code), code).toBe(true);
    }
  });
  it('refuses a wrong check character, bad letters and wrong lengths', () => {
    expect(isValidCreditCode('11100000000013127E')).toBe(false);
    expect(isValidCreditCode('91330100799655058I')).toBe(false); // I is not in the alphabet
    expect(isValidCreditCode('1110000000001312')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });
  it('contains a valid 组织机构代码', () => {
    expect(isValidOrgCode(orgCodeFromCreditCode('914403001922038216'))).toBe(true);
  });
});

describe('组织机构代码', () => {
  it('accepts real codes with or without the hyphen', () => {
    expect(isValidOrgCode('19220382-1')).toBe(true);
    expect(isValidOrgCode('192203821')).toBe(true);
    expect(isValidOrgCode('79965505-8')).toBe(true);
  });
  it('refuses a wrong check digit', () => {
    expect(isValidOrgCode('19220382-2')).toBe(false);
    expect(isValidOrgCode('1922038')).toBe(false);
  });
});

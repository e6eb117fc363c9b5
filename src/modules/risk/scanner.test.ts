import { describe, expect, it } from 'vitest';
import { blocking, checkApproval, maskItem, scanItem, type Finding } from './scanner.js';
import { makeCard, makeId } from '../../../test/support/risk.js';

const id = makeId('11010519491231002'); // 11010519491231002X

describe('scanItem', () => {
  it('reports findings per field with masked excerpts, never the raw value', () => {
    const findings = scanItem({
      title: '关于张三（13800138000）的公示',
      docNumber: '国办发〔2025〕1号',
      summary: '',
      body: `<p>联系人张三，身份证号${id}，电话0571-87000000。</p>`,
    });
    expect(findings.map((f) => [f.field, f.kind, f.level])).toEqual([
      ['title', 'mobile', '较大'],
      ['body', 'id-card', '重大'],
      ['body', 'landline', '一般'],
    ]);
    const idFinding = findings[1]!;
    expect(idFinding.excerpt).toBe('联系人张三，身份证号110105********002X，电话0571-****00…');
    for (const f of findings) {
      expect(f.excerpt).not.toContain(id);
      expect(f.excerpt).not.toContain('13800138000');
      expect(f.excerpt).not.toContain('87000000');
    }
    expect(findings[0]!.excerpt).toBe('关于张三（138****8000）的公示');
  });
  it('extends an excerpt rather than cut a neighbouring value in half', () => {
    const [f] = scanItem({ title: 't', body: `<p>手机13800138000和${id}</p>` }, { context: 3 });
    expect(f!.excerpt).toBe('手机138****8000和110105********002X');
  });
  it('reports sensitive words with their note, from the default or a configured list', () => {
    const body = '<p>此件不公开。本文为内部资料。</p>';
    const byDefault = scanItem({ title: 't', body });
    expect(byDefault.map((f) => [f.kind, f.level, f.excerpt, f.note])).toEqual([
      ['sensitive-word', '重大', '此件不公开。本文为内部资料。', '公文标注不公开'],
      ['sensitive-word', '较大', '此件不公开。本文为内部资料。', '内部资料不宜公开'],
    ]);
    const custom = scanItem({ title: '关于某某事项', body }, { sensitiveWords: [{ word: '某某', level: '一般' }] });
    expect(custom.map((f) => [f.field, f.kind, f.level])).toEqual([['title', 'sensitive-word', '一般']]);
  });
  it('reports missing required fields first, 较大 for title and body, 一般 otherwise', () => {
    const findings = scanItem(
      { title: '  ', body: '<p>&nbsp;</p>', issuingOrgan: null, keywords: [] },
      { required: ['title', 'body', 'issuingOrgan', { field: 'keywords', label: '主题词', level: '轻微' }, 'docNumber'] },
    );
    expect(findings.map((f) => [f.kind, f.field, f.level, f.excerpt, f.start, f.end])).toEqual([
      ['missing-field', 'title', '较大', '缺少标题', 0, 0],
      ['missing-field', 'body', '较大', '缺少正文', 0, 0],
      ['missing-field', 'issuingOrgan', '一般', '缺少发文机关', 0, 0],
      ['missing-field', 'keywords', '轻微', '缺少主题词', 0, 0],
      ['missing-field', 'docNumber', '一般', '缺少发文字号', 0, 0],
    ]);
    expect(scanItem({ title: '标题', body: '<p>正文</p>' })).toEqual([]);
  });
  it('scans every string field unless told which, and applies level overrides', () => {
    const input = { title: '标题', body: '<p>正文</p>', contact: '联系人邮箱 a@b.cn', count: 13800138000 };
    expect(scanItem(input).map((f) => [f.field, f.kind, f.level])).toEqual([['contact', 'email', '一般']]);
    expect(scanItem(input, { levels: { email: '较大' } })[0]!.level).toBe('较大');
    expect(scanItem(input, { fields: ['title', 'body'] })).toEqual([]);
  });
  it('produces no findings for an ordinary notice with dates, numbers and a public credit code', () => {
    const body =
      '<p>索引号：11100000000013127D/2025-00001</p><p>各区、县（市）人民政府：</p>' +
      '<p>现将《关于做好2025年政府信息公开工作的通知》（国办发〔2025〕1号）转发给你们，自2025年1月1日起施行。' +
      '统计期为20250101至20251231，共计1234567元。</p>';
    const findings = scanItem({ title: '关于转发的通知', docNumber: '杭政办函〔2025〕12号', body });
    expect(findings.map((f) => [f.kind, f.level])).toEqual([['credit-code', '轻微']]);
    expect(blocking(findings)).toEqual([]);
  });
});

describe('approval', () => {
  const findings: Finding[] = scanItem({
    title: '公示',
    body: `<p>${id} 13800138000 a@b.cn 11100000000013127D</p>`,
  });
  it('blocking() returns the 较大 and 重大 findings', () => {
    expect(findings.map((f) => f.level)).toEqual(['重大', '较大', '一般', '轻微']);
    expect(blocking(findings).map((f) => f.kind)).toEqual(['id-card', 'mobile']);
  });
  it('refuses approval while a blocking finding is open unless an override reason is given', () => {
    expect(checkApproval(findings)).toMatchObject({ allowed: false, overridden: false });
    expect(checkApproval(findings, '   ')).toMatchObject({ allowed: false });
    expect(checkApproval(findings, '经核实为公开的公示信息')).toMatchObject({ allowed: true, overridden: true });
    const minor = findings.filter((f) => f.level === '一般' || f.level === '轻微');
    expect(checkApproval(minor)).toMatchObject({ allowed: true, overridden: false, blocking: [] });
  });
});

describe('maskItem', () => {
  it('masks personal data in every field with one call and leaves the rest', () => {
    const card = makeCard('622202123456789');
    const input = {
      title: '关于张三（13800138000）的公示',
      summary: '无个人信息',
      body: `<p>身份证<b>${id}</b>，卡号${card}，代码11100000000013127D，内部资料</p>`,
    };
    const { fields, masked } = maskItem(input);
    expect(masked).toBe(3);
    expect(fields).toEqual({
      title: '关于张三（138****8000）的公示',
      body: `<p>身份证<b>110105********002X</b>，卡号6222********${card.slice(-4)}，代码11100000000013127D，内部资料</p>`,
    });
    // After masking, nothing blocking is left but the sensitive word.
    const after = scanItem({ ...input, ...fields });
    expect(blocking(after).map((f) => f.kind)).toEqual(['sensitive-word']);
  });
});

describe('size', () => {
  it('scans and masks a long body with thousands of findings', () => {
    const body = `<p>联系人${id}，电话<b>13800138000</b>，内部资料。</p>`.repeat(5000);
    const findings = scanItem({ title: 't', body });
    expect(findings.length).toBe(15000);
    const { fields, masked } = maskItem({ title: 't', body });
    expect(masked).toBe(10000);
    expect(fields.body).toBe(`<p>联系人110105********002X，电话<b>138****8000</b>，内部资料。</p>`.repeat(5000));
  });
});

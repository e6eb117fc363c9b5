// Pure functions of the console's publishing screens: the revision diff, payloads, queues, the catalog tree.
import { describe, expect, it } from 'vitest';
import { diffText, diffTokens, fieldChanges, hasChanges, htmlToText, segments } from '../../web/console/src/publishing/diff.js';
import {
  bulkRows,
  categoryTree,
  chinaInstant,
  editForfeits,
  extraPayload,
  fourEyesNotice,
  itemPayload,
  itemValues,
  maskDigitRuns,
  riskKindLabel,
  QUEUES,
  rowDecision,
  stepOf,
  topicLabel,
  visibleQueues,
} from '../../web/console/src/publishing/logic.js';
import type { Category, ExtraField, Item } from '../../web/console/src/publishing/types.js';

describe('revision diff', () => {
  it('turns a body into lines of text, cells separated, entities decoded', () => {
    const text = htmlToText('<h2>一、总体要求</h2><p>第一句。第二句&amp;说明</p><table><tr><td>1月</td><td>120</td></tr></table>');
    expect(text).toBe('一、总体要求\n第一句。第二句&说明\n1月\t120');
  });

  it('splits text into sentences, keeping the punctuation', () => {
    expect(segments('甲。乙！丙\n丁；')).toEqual(['甲。', '乙！', '丙', '丁；']);
  });

  it('computes a minimal LCS diff of tokens', () => {
    expect(diffTokens(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toEqual([
      { type: 'same', text: 'a' },
      { type: 'del', text: 'b' },
      { type: 'add', text: 'x' },
      { type: 'same', text: 'cd' },
    ]);
    expect(diffTokens([], ['a'])).toEqual([{ type: 'add', text: 'a' }]);
    expect(diffTokens(['a'], [])).toEqual([{ type: 'del', text: 'a' }]);
  });

  it('shows a changed sentence character by character and unchanged ones as they are', () => {
    const lines = diffText('总则。补贴标准为每人100元。附则。', '总则。补贴标准为每人120元。附则。');
    expect(lines[0]).toEqual({ type: 'same', text: '总则。' });
    expect(lines[1]).toEqual({
      type: 'change',
      parts: [
        { type: 'same', text: '补贴标准为每人1' },
        { type: 'del', text: '0' },
        { type: 'add', text: '2' },
        { type: 'same', text: '0元。' },
      ],
    });
    expect(lines[2]).toEqual({ type: 'same', text: '附则。' });
    expect(hasChanges(lines)).toBe(true);
    expect(hasChanges(diffText('同。', '同。'))).toBe(false);
  });

  it('lists added and removed sentences', () => {
    const lines = diffText('甲。', '甲。乙。');
    expect(lines).toEqual([
      { type: 'same', text: '甲。' },
      { type: 'add', text: '乙。' },
    ]);
  });

  it('reports the metadata fields that changed', () => {
    expect(fieldChanges({ title: 'A', docNumber: null, keywords: ['x'] }, { title: 'B', docNumber: null, keywords: ['x', 'y'] }, ['title', 'docNumber', 'keywords'])).toEqual([
      { field: 'title', before: 'A', after: 'B' },
      { field: 'keywords', before: 'x', after: 'x、y' },
    ]);
  });
});

describe('publishing presentation', () => {
  it('writes a China wall-clock time as an instant with its offset', () => {
    expect(chinaInstant('2026-03-02 10:00')).toBe('2026-03-02T10:00:00+08:00');
    expect(chinaInstant('2026-03-02 10:00:30')).toBe('2026-03-02T10:00:30+08:00');
    expect(() => chinaInstant('tomorrow')).toThrow();
  });

  it('sends blanks as null and drops the exemption unless withheld', () => {
    const body = itemPayload({ org: 'jc-fgw', category: '02.01', title: ' 标题 ', docNumber: '', exemptionCode: 'third-party', disclosure: 'proactive', keywords: [' a ', ''] }, 'create');
    expect(body).toMatchObject({ org: 'jc-fgw', category: '02.01', title: '标题', docNumber: null, exemptionCode: null, disclosure: 'proactive', keywords: ['a'], interprets: null });
    const withheld = itemPayload({ category: '02.01', disclosure: 'withheld', exemptionCode: 'third-party', changeNote: ' 更正 ' }, 'update');
    expect(withheld).toMatchObject({ exemptionCode: 'third-party', changeNote: '更正' });
    expect(withheld).not.toHaveProperty('org');
    // 文件类型 cleared in the editor is sent as null; with no catalog loaded an update leaves the extra values alone.
    expect(withheld).toMatchObject({ policyKind: null, replacedBy: null });
    expect(withheld).not.toHaveProperty('extra');
    expect(itemPayload({ category: '02.01', policyKind: '规范性文件' }, 'update')).toMatchObject({ policyKind: '规范性文件' });
    expect(itemPayload({ category: '02.01' }, 'create')).toMatchObject({ policyKind: null, extra: {} });
  });

  it('names the replacing file only when the item is amended or repealed', () => {
    expect(itemPayload({ validity: 'repealed', replacedBy: 'item-2' }, 'update')).toMatchObject({ validity: 'repealed', replacedBy: 'item-2' });
    expect(itemPayload({ validity: 'amended', replacedBy: 'item-2' }, 'update')).toMatchObject({ replacedBy: 'item-2' });
    expect(itemPayload({ validity: 'valid', replacedBy: 'item-2' }, 'update')).toMatchObject({ validity: 'valid', replacedBy: null });
  });

  it("sends the chosen category's extra values only, blanks as null", () => {
    const fields: ExtraField[] = [
      { key: 'projectNo', label: '项目编号', type: 'text', required: true },
      { key: 'amount', label: '金额', type: 'number', required: false },
      { key: 'approvedOn', label: '批准日期', type: 'date', required: false },
    ];
    expect(extraPayload(fields, { projectNo: ' XM-1 ', amount: 0, approvedOn: '2026-03-01', stale: 'x' })).toEqual({ projectNo: 'XM-1', amount: 0, approvedOn: '2026-03-01' });
    expect(extraPayload(fields, { projectNo: '  ', amount: null })).toEqual({ projectNo: null, amount: null, approvedOn: null });
    expect(itemPayload({ category: '02.01', extra: { amount: 12.5, other: 'y' } }, 'update', fields.slice(1, 2))).toMatchObject({ extra: { amount: 12.5 } });
    expect(itemPayload({ category: '02.01', extra: { amount: 1 } }, 'update', [])).toMatchObject({ extra: {} });
  });

  it('starts the editor from the saved 文件类型, replacement and extra values', () => {
    const item = {
      category: '02.01', title: 't', summary: null, body: '', docNumber: null, issuingOrgan: null, writtenAt: null, formedAt: null, topic: null, genre: null,
      disclosure: 'proactive', exemptionCode: null, validity: 'repealed', validityDate: null, keywords: [], policyKind: '规章', replacedBy: 'item-2', extra: { amount: 3 },
    } as unknown as Item;
    expect(itemValues(item)).toMatchObject({ policyKind: '规章', replacedBy: 'item-2', extra: { amount: 3 } });
    expect(itemValues({ ...item, policyKind: null, replacedBy: null })).toMatchObject({ policyKind: undefined, replacedBy: undefined });
  });

  it('offers each role its queues and their bulk actions', () => {
    expect(visibleQueues(['item.create', 'item.edit', 'item.submit']).map((q) => q.key)).toEqual(['drafts', 'published', 'withdrawn']);
    expect(visibleQueues(['item.edit', 'item.review-unit']).map((q) => q.key)).toEqual(['drafts', 'unit-review', 'published', 'withdrawn']);
    expect(QUEUES.find((q) => q.key === 'office-review')?.actions).toEqual(['approve', 'reject']);
  });

  it('keeps a row out of a queue’s bulk decision when four eyes forbids it, with the server’s reason', () => {
    const queue = (key: string) => QUEUES.find((q) => q.key === key)!;
    const can = { edit: true, review: true, approve: false, publish: true, withdraw: true };
    const denied = { approve: '初审与复审须由不同人员完成' };
    expect(rowDecision(queue('unit-review'), { can, denied })).toEqual({ allowed: true, reason: null });
    expect(rowDecision(queue('office-review'), { can, denied })).toEqual({ allowed: false, reason: '初审与复审须由不同人员完成' });
    expect(rowDecision(queue('office-review'), { can })).toEqual({ allowed: false, reason: null });
    expect(rowDecision(queue('published'), { can: { ...can, withdraw: false } })).toEqual({ allowed: true, reason: null });
    expect(rowDecision(queue('to-publish'), { can: { ...can, publish: false }, denied: { publish: '不能发布自己修改的内容' } }).reason).toBe('不能发布自己修改的内容');
  });

  it('lists a bulk result by title: the state each reached, failures with their reason', () => {
    const titles = new Map([['a', '甲'], ['b', '乙']]);
    const result = {
      results: [
        { id: 'a', ok: true as const, result: { state: 'unit-reviewed' as const } },
        { id: 'b', ok: false as const, error: { code: 'four_eyes', message: '您修改过此稿件' } },
        { id: 'c', ok: false as const, error: { code: 'not_found', message: '信息不存在' } },
      ],
      succeeded: 1,
      failed: 2,
    };
    expect(bulkRows(result, titles)).toEqual([
      { id: 'a', title: '甲', ok: true, message: '现为待复审' },
      { id: 'b', title: '乙', ok: false, message: '您修改过此稿件' },
      { id: 'c', title: 'c', ok: false, message: '信息不存在' },
    ]);
  });

  it('warns someone who could decide an item that editing it hands the decision to others', () => {
    const can = { edit: true, review: false, approve: false, publish: false, withdraw: false };
    expect(editForfeits({ can })).toBeNull();
    expect(editForfeits({})).toBeNull();
    expect(editForfeits({ can: { ...can, review: true } })).toContain('不能再审核或发布此版本');
    expect(editForfeits({ can: { ...can, publish: true } })).toContain('四眼原则');
  });

  it('says on an item why its next step is someone else’s', () => {
    const denied = { review: '您修改过此稿件', approve: '初审与复审须由不同人员完成', publish: '不能发布自己修改的内容' };
    expect(fourEyesNotice({ state: 'submitted', denied })).toBe('您修改过此稿件');
    expect(fourEyesNotice({ state: 'unit-reviewed', denied })).toBe('初审与复审须由不同人员完成');
    expect(fourEyesNotice({ state: 'approved', denied })).toBe('不能发布自己修改的内容');
    expect(fourEyesNotice({ state: 'draft', denied })).toBeNull();
    expect(fourEyesNotice({ state: 'unit-reviewed', denied: {} })).toBeNull();
  });

  it('places the workflow state on the timeline', () => {
    expect(stepOf('submitted')).toEqual({ current: 1, status: 'process' });
    expect(stepOf('rejected')).toEqual({ current: 0, status: 'error' });
    expect(stepOf('published')).toEqual({ current: 3, status: 'finish' });
  });

  it('names risks and topics in Chinese', () => {
    expect(riskKindLabel('id-card')).toBe('身份证号');
    expect(riskKindLabel('unknown')).toBe('unknown');
    expect(topicLabel('02.01')).toBe('综合政务/政务公开');
    expect(topicLabel(null)).toBe('');
  });

  it('shortens long digit runs', () => {
    expect(maskDigitRuns('身份证号11010519491231002X，电话13800138000')).toBe('身份证号110105********002X，电话138001*8000');
  });
});

describe('catalog tree', () => {
  const cat = (code: string, parentCode: string | null, sortOrder = 0): Category => ({
    code, name: `类${code}`, parentCode, description: null, updateInterval: null, disclosureMode: 'proactive', responsibleUnitId: null, sortOrder,
  });

  it('nests categories and marks pending additions, changes and removals', () => {
    const tree = categoryTree({
      categories: [cat('02', null, 1), cat('01', null, 0), cat('02.01', '02'), cat('02.02', '02', 1)],
      publishedVersion: 3,
      pending: { added: [{ code: '02.02', name: '类02.02' }], removed: [{ code: '02.03', name: '旧类' }], changed: [{ code: '01', fields: ['name'] }] },
    });
    expect(tree.map((n) => [n.code, n.status])).toEqual([['01', 'changed'], ['02', null]]);
    expect(tree[1]!.children.map((n) => [n.code, n.status])).toEqual([['02.01', null], ['02.02', 'added'], ['02.03', 'removed']]);
  });
});

describe('publishing menu', () => {
  it('groups the publishing entries and selects the deepest matching one', async () => {
    const { selectedMenuKey, visibleMenu } = await import('../../web/console/src/layout/menu.js');
    expect(visibleMenu(['item.create', 'item.edit']).filter((m) => m.group === '信息发布').map((m) => m.label)).toEqual(['发布工作台', '新建信息', '站内检索']);
    expect(visibleMenu(['catalog.edit']).filter((m) => m.group).map((m) => m.path)).toEqual(['/catalog', '/risk-words']);
    expect(selectedMenuKey('/publishing/items/abc/edit')).toBe('/publishing');
    expect(selectedMenuKey('/publishing/new')).toBe('/publishing/new');
    expect(selectedMenuKey('/publishingx')).toBe('/');
  });
});

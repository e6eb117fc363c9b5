// Pure functions of the console's interaction screens: the inbox filters in the address and the API's
// parameters, due-date tones, the timeline's lines, reply bodies, templates, settings, trends and units.
import { describe, expect, it } from 'vitest';
import {
  bulkRows,
  changeInbox,
  dueTone,
  eventText,
  fileSize,
  inboxApiQuery,
  inboxTitle,
  readDays,
  readInboxState,
  replyBody,
  settingsBody,
  templatesFor,
  trendOf,
  undecided,
  unitOptions,
  withTemplate,
  writeInboxState,
} from '../../web/console/src/interaction/logic.js';
import type { BulkResult, ListedMessage } from '../../web/console/src/interaction/types.js';
import { selectedMenuKey, visibleMenu } from '../../web/console/src/layout/menu.js';

const params = (s: string) => new URLSearchParams(s);

describe('inbox filters in the address', () => {
  it('defaults to every message on page 1 and writes nothing for the defaults', () => {
    expect(readInboxState(params(''))).toEqual({ q: '', page: 1 });
    expect(writeInboxState(readInboxState(params(''))).toString()).toBe('');
  });

  it('reads every filter and writes it back unchanged', () => {
    const address = 'agency=jiangchuan&state=assigned&type=complaint&unit=jc-fgw&standing=due-soon&q=%E5%B1%85%E4%BD%8F%E8%AF%81&page=3';
    const state = readInboxState(params(address));
    expect(state).toEqual({ agency: 'jiangchuan', state: 'assigned', type: 'complaint', unit: 'jc-fgw', standing: 'due-soon', q: '居住证', page: 3 });
    expect(writeInboxState(state).toString()).toBe(address);
  });

  it('drops values the API would refuse', () => {
    expect(readInboxState(params('state=closed&type=rumour&standing=late&unit=%3Cscript%3E&page=-4'))).toEqual({ q: '', page: 1 });
    expect(readInboxState(params('page=abc')).page).toBe(1);
    expect(readInboxState(params('page=99999')).page).toBe(10000);
    expect(readInboxState(params('q=' + 'x'.repeat(300))).q).toHaveLength(100);
  });

  it('asks the API for the agency, the filters and the page', () => {
    const state = readInboxState(params('state=received&standing=overdue&q=%20%E6%B0%B4%E8%B4%B9%20&page=2'));
    expect(inboxApiQuery(state, 'jiangchuan')).toBe('?org=jiangchuan&state=received&standing=overdue&q=%E6%B0%B4%E8%B4%B9&page=2&pageSize=20');
    expect(inboxApiQuery({ q: '', page: 1 }, undefined)).toBe('?page=1&pageSize=20');
  });

  it('goes back to page 1 when a filter changes, and removes a filter set to nothing', () => {
    const state = readInboxState(params('type=complaint&standing=overdue&page=4'));
    expect(changeInbox(state, { standing: undefined })).toEqual({ type: 'complaint', q: '', page: 1 });
    expect(writeInboxState(changeInbox(state, { state: 'reviewing' })).toString()).toBe('state=reviewing&type=complaint&standing=overdue');
  });

  it('names the screen after what the user does with it', () => {
    expect(inboxTitle(true)).toBe('留言办理');
    expect(inboxTitle(false)).toBe('本单位留言');
  });
});

describe('due dates', () => {
  const open = { state: 'assigned' as const, overdue: false, dueSoon: false };
  it('shows the working days left, orange when due soon', () => {
    expect(dueTone({ ...open, remainingWorkingDays: 5 })).toEqual({ text: '剩余 5 个工作日', color: undefined });
    expect(dueTone({ ...open, remainingWorkingDays: 2, dueSoon: true })).toEqual({ text: '剩余 2 个工作日', color: '#ad4e00' });
    expect(dueTone({ ...open, remainingWorkingDays: 0, dueSoon: true })).toEqual({ text: '今日到期', color: '#ad4e00' });
  });
  it('shows overdue messages in red', () => {
    expect(dueTone({ ...open, remainingWorkingDays: -3, overdue: true })).toEqual({ text: '已超期 3 个工作日', color: '#a8071a' });
    expect(dueTone({ ...open, remainingWorkingDays: null, overdue: true })).toEqual({ text: '已超期', color: '#a8071a' });
  });
  it('says closed messages are done, and nothing for an unknown count', () => {
    expect(dueTone({ state: 'answered', remainingWorkingDays: null, overdue: false, dueSoon: false }).text).toBe('已办结');
    expect(dueTone({ ...open, remainingWorkingDays: null })).toEqual({ text: '', color: undefined });
  });
});

describe('message detail', () => {
  it('writes each step of the timeline with its units and note', () => {
    expect(eventText({ type: 'assign', label: '分办', fromUnit: null, toUnit: '市发展和改革委员会', note: null })).toBe('分办 至 市发展和改革委员会');
    expect(eventText({ type: 'transfer', label: '转办', fromUnit: '市财政局', toUnit: '市教育局', note: '属教育局职责' })).toBe('转办 市财政局 → 市教育局 （属教育局职责）');
    expect(eventText({ type: 'return', label: '退回公开办', fromUnit: '市财政局', toUnit: null, note: '非本单位职责' })).toBe('退回公开办 由 市财政局 （非本单位职责）');
    expect(eventText({ type: 'rated', label: '留言人评价', fromUnit: null, toUnit: null, note: '5' })).toBe('留言人评价：5 分');
    expect(eventText({ type: 'submitted', label: '提交留言', fromUnit: null, toUnit: null, note: null })).toBe('提交留言');
  });

  it('sends a complaint with its accountability fields and other types without them', () => {
    const values = { reply: ' 已处理。 ', investigation: ' 经核实属实 ', responsibleUnit: '市场监管所', measures: '责令整改' };
    expect(replyBody('consultation', values)).toEqual({ reply: '已处理。' });
    expect(replyBody('complaint', values)).toEqual({ reply: '已处理。', investigation: '经核实属实', responsibleUnit: '市场监管所', measures: '责令整改' });
    // Left empty, they go as empty text and the server names each missing field.
    expect(replyBody('complaint', { reply: '已处理。' })).toEqual({ reply: '已处理。', investigation: '', responsibleUnit: '', measures: '' });
  });

  it('offers the templates of the message type first, then the general ones', () => {
    const t = [
      { title: '投诉受理', type: 'complaint' as const },
      { title: '通用答复', type: null },
      { title: '咨询答复', type: 'consultation' as const },
    ];
    expect(templatesFor(t, 'consultation').map((x) => x.title)).toEqual(['咨询答复', '通用答复']);
    expect(templatesFor(t, undefined)).toHaveLength(3);
    expect(withTemplate('', '您好')).toBe('您好');
    expect(withTemplate('已收悉。  ', '您好')).toBe('已收悉。\n\n您好');
  });

  it('lists a bulk result by title, failures with their reason', () => {
    const titles = new Map([
      ['a', '关于水费'],
      ['b', '关于投诉'],
    ]);
    const listed = { id: 'c', title: '关于路灯' } as ListedMessage;
    const result: BulkResult = {
      results: [
        { id: 'b', ok: false, error: { code: 'validation_failed', message: '提交的内容有误，请检查标出的字段', fields: { investigation: '投诉件须填写调查核实情况', measures: '投诉件须填写处理措施' } } },
        { id: 'a', ok: true, result: { ...listed, id: 'a' } },
        { id: 'c', ok: true, result: listed },
        { id: 'd', ok: false, error: { code: 'invalid_state', message: '留言当前为“已答复”，不能分办' } },
      ],
      succeeded: 2,
      failed: 2,
    };
    expect(bulkRows(result, titles)).toEqual([
      { id: 'b', title: '关于投诉', ok: false, message: '投诉件须填写调查核实情况；投诉件须填写处理措施' },
      { id: 'a', title: '关于水费', ok: true, message: '' },
      { id: 'c', title: '关于路灯', ok: true, message: '' },
      { id: 'd', title: 'd', ok: false, message: '留言当前为“已答复”，不能分办' },
    ]);
  });

  it('names file sizes', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(2048)).toBe('2.0 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it("offers an agency's units in tree order, nested ones with their parents, never the agency", () => {
    const orgs = [
      { id: 'ag', code: 'jiangchuan', name: '江川市人民政府', kind: 'agency', parentId: null },
      { id: 'o', code: 'jc-office', name: '市政府办公室', kind: 'unit', parentId: 'ag' },
      { id: 'gk', code: 'jc-office-gk', name: '政务公开科', kind: 'unit', parentId: 'o' },
      { id: 'f', code: 'jc-fgw', name: '市发展和改革委员会', kind: 'unit', parentId: 'ag' },
    ];
    expect(unitOptions(orgs)).toEqual([
      { value: 'o', code: 'jc-office', label: '市政府办公室' },
      { value: 'gk', code: 'jc-office-gk', label: '市政府办公室 / 政务公开科' },
      { value: 'f', code: 'jc-fgw', label: '市发展和改革委员会' },
    ]);
  });
});

describe('settings, hot topics and solicitations', () => {
  it('sends the settings with numbers, an empty retention as none, and the version loaded', () => {
    const limits = { consultation: 5, suggestion: 10, problem: 10, complaint: 15, correction: 3 };
    expect(settingsBody({ replyLimits: limits, reviewRequired: true, dueSoonDays: 2, retentionDays: null }, 3)).toEqual({
      replyLimits: limits,
      reviewRequired: true,
      dueSoonDays: 2,
      retentionDays: null,
      version: 3,
    });
    expect(settingsBody({ replyLimits: limits, reviewRequired: false, dueSoonDays: 1, retentionDays: 365 }, 0).retentionDays).toBe(365);
    expect(settingsBody({ replyLimits: limits, reviewRequired: false, dueSoonDays: 1, retentionDays: undefined }, 0).retentionDays).toBeNull();
  });

  it('reads the period of the hot topics and their trend', () => {
    expect(readDays(params('days=7'))).toBe(7);
    expect(readDays(params('days=90'))).toBe(90);
    expect(readDays(params('days=365'))).toBe(30);
    expect(readDays(params(''))).toBe(30);
    expect(trendOf(5, 2)).toBe('up');
    expect(trendOf(2, 5)).toBe('down');
    expect(trendOf(3, 3)).toBe('same');
    expect(trendOf(3, 0)).toBe('new');
  });

  it('counts the shown comments still without an adoption decision', () => {
    expect(undecided({ shown: 5, adopted: 1, partly: 1, notAdopted: 1 })).toBe(2);
    expect(undecided({ shown: 0, adopted: 0, partly: 0, notAdopted: 0 })).toBe(0);
  });
});

describe('interaction menu', () => {
  it('shows a unit handler the inbox only, and the office every interaction screen', () => {
    expect(visibleMenu(['message.read', 'message.reply']).filter((m) => m.group === '互动交流').map((m) => m.label)).toEqual(['留言办理']);
    expect(visibleMenu(['message.read', 'message.reply', 'message.route', 'interaction.manage', 'stats.read']).filter((m) => m.group === '互动交流').map((m) => m.path)).toEqual([
      '/messages',
      '/messages/hot-topics',
      '/messages/templates',
      '/faq',
      '/solicitations',
      '/messages/settings',
    ]);
    expect(visibleMenu(['message.read', 'stats.read']).filter((m) => m.group === '互动交流').map((m) => m.label)).toEqual(['留言办理', '留言热点']);
  });
  it('selects the entry of a screen below the inbox', () => {
    expect(selectedMenuKey('/messages/0b7c3a52-0000-4000-8000-000000000000')).toBe('/messages');
    expect(selectedMenuKey('/messages/templates')).toBe('/messages/templates');
    expect(selectedMenuKey('/solicitations/abc')).toBe('/solicitations');
  });
});

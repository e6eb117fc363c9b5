import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinNotices } from './builtin.js';
import { layerFromNotices, NoCalendarError, WorkCalendar, WorkingDaysRangeError } from './calendar.js';
import { computeDeadline, DeadlineError, type DeadlineEvent } from './deadline.js';
import { fromDay, toDay } from './days.js';

const cal = new WorkCalendar([layerFromNotices('national', builtinNotices())]);
const start = (date: string, workingDays: number): DeadlineEvent => ({ type: 'start', date, workingDays });

describe('deadlines', () => {
  it('20 working days across 春节, with an explanation a citizen can read', () => {
    const r = computeDeadline(cal, [start('2026-02-10', 20)]);
    expect(r).toMatchObject({ status: 'running', dueDate: '2026-03-16', totalWorkingDays: 20, countedWorkingDays: 20 });
    expect(r.holidays).toEqual([{ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 }]);
    expect(r.makeupDays).toEqual([
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
    ]);
    expect(r.steps).toEqual([
      '自 2026-02-10（星期二）起算（当日不计入），时限 20 个工作日，节假日和周末不计入。',
      '2026-02-14（星期六）为春节调休上班日，计入工作日。',
      '2026-02-15 至 2026-02-23 春节放假（9 天），不计入。',
      '2026-02-28（星期六）为春节调休上班日，计入工作日。',
      '办理期限截止于 2026-03-16（星期一）。',
    ]);
  });

  it('a closed pause adds exactly the paused working days', () => {
    const plain = computeDeadline(cal, [start('2025-09-01', 20)]);
    const paused = computeDeadline(cal, [
      start('2025-09-01', 20),
      { type: 'pause', from: '2025-09-10', to: '2025-09-19', reason: '征求第三方意见' },
    ]);
    expect(paused.pausedWorkingDays).toBe(8);
    expect(paused.dueDate).toBe(cal.add(plain.dueDate!, 8));
    expect(paused.steps).toContain('2025-09-10 至 2025-09-19 暂停计算（征求第三方意见），其间 8 个工作日不计入。');
  });

  it('an open pause stops the clock and tells what remains', () => {
    const r = computeDeadline(cal, [start('2025-09-01', 20), { type: 'pause', from: '2025-09-08', reason: '等待申请人缴费' }]);
    expect(r).toMatchObject({ status: 'paused', dueDate: null, countedWorkingDays: 4 }); // 09-02 … 09-05
    expect(r.steps.at(-1)).toBe('暂停前已计 4 个工作日，尚余 16 个工作日；恢复计算后确定截止日期。');
  });

  it('an extension adds working days with its reason and approver', () => {
    const r = computeDeadline(cal, [
      start('2025-09-15', 20),
      { type: 'extend', date: '2025-10-10', days: 20, reason: '需要调取档案', approver: '公开办主任王敏' },
    ]);
    expect(r.totalWorkingDays).toBe(40);
    expect(r.dueDate).toBe(cal.add('2025-09-15', 40));
    expect(r.steps).toContain('2025-10-10 经公开办主任王敏批准延长 20 个工作日（理由：需要调取档案）。');
    expect(r.holidays.map((h) => h.name)).toEqual(['国庆节、中秋节']); // as the 2025 notice names it
  });

  it('a restart counts again from the corrected application', () => {
    const r = computeDeadline(cal, [
      start('2025-03-03', 20),
      { type: 'pause', from: '2025-03-05', to: '2025-03-06', reason: '补正前' },
      { type: 'restart', date: '2025-03-20', reason: '申请人补正' },
    ]);
    expect(r.start).toBe('2025-03-20');
    expect(r.dueDate).toBe(cal.add('2025-03-20', 20));
    expect(r.pauses).toEqual([]);
    expect(r.steps[0]).toContain('申请人补正，自 2025-03-20（星期四）重新起算');
  });

  it('fails loudly when the deadline reaches a year without calendar data', () => {
    expect(() => computeDeadline(cal, [start('2026-12-10', 20)])).toThrow(NoCalendarError);
  });

  it('refuses malformed histories', () => {
    expect(() => computeDeadline(cal, [])).toThrow(DeadlineError);
    expect(() => computeDeadline(cal, [start('2025-03-03', 0)])).toThrow(WorkingDaysRangeError);
    expect(() => computeDeadline(cal, [start('2025-03-03', 5000)])).toThrow(WorkingDaysRangeError);
    expect(() =>
      computeDeadline(cal, [start('2025-03-03', 20), { type: 'pause', from: '2025-03-10', to: '2025-03-05', reason: 'x' }]),
    ).toThrow(DeadlineError);
    expect(() =>
      computeDeadline(cal, [
        start('2025-03-03', 20),
        { type: 'pause', from: '2025-03-10', reason: 'a' },
        { type: 'pause', from: '2025-03-12', reason: 'b' },
      ]),
    ).toThrow(DeadlineError);
  });

  it('property: a pause shifts the due date by exactly the working days it covers', () => {
    const day = fc.integer({ min: toDay('2008-01-01'), max: toDay('2025-06-30') });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 20 }), (s, n, offset, len) => {
        const from = fromDay(s + offset);
        const to = fromDay(s + offset + len);
        const plain = computeDeadline(cal, [start(fromDay(s), n)]);
        const paused = computeDeadline(cal, [start(fromDay(s), n), { type: 'pause', from, to, reason: 'p' }]);
        return paused.dueDate === cal.add(plain.dueDate!, paused.pausedWorkingDays) || toDay(from) > toDay(plain.dueDate!);
      }),
      { numRuns: 300 },
    );
  });
});

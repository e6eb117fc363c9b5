import { AppError } from '../../shared/errors.js';
import { MAX_WORKING_DAYS, WorkingDaysRangeError, type WorkCalendar } from './calendar.js';
import { describeDate, fromDay, toDay, type DayNumber } from './days.js';

/**
 * A legal deadline computed from its events (docs/product.md M5, M6): it starts on a date with a number of working
 * days (the start day itself not counted), may pause (e.g. waiting for a third party: the working days of the
 * pause do not count), may be extended by N working days with a reason and an approver, and may restart
 * (e.g. after a corrected application). The result carries the due date and a readable explanation.
 */
export type DeadlineEvent =
  | { type: 'start'; date: string; workingDays: number }
  | { type: 'pause'; from: string; to?: string | null; reason: string }
  | { type: 'extend'; date: string; days: number; reason: string; approver: string }
  | { type: 'restart'; date: string; reason: string };

export interface HolidayRun {
  name: string;
  from: string;
  to: string;
  days: number;
}

export interface DeadlineResult {
  status: 'running' | 'paused';
  start: string;
  totalWorkingDays: number;
  /** Working days counted so far: all of them when running, those before the open pause when paused. */
  countedWorkingDays: number;
  dueDate: string | null;
  pausedWorkingDays: number;
  holidays: HolidayRun[];
  makeupDays: { date: string; name: string }[];
  pauses: { from: string; to: string | null; reason: string; workingDays: number }[];
  extensions: { date: string; days: number; reason: string; approver: string }[];
  /** The explanation, one sentence a line, for citizens and staff alike. */
  steps: string[];
}

export class DeadlineError extends AppError {
  constructor(message: string) {
    super(400, 'invalid_deadline', message);
  }
}

/** How far a deadline may run, in calendar days, before we call it a mistake (about eight years). */
const MAX_SPAN_DAYS = 3000;

export function computeDeadline(calendar: WorkCalendar, events: readonly DeadlineEvent[]): DeadlineResult {
  const start = events.find((e) => e.type === 'start');
  if (!start || start.type !== 'start') throw new DeadlineError('时限缺少起算事件');
  if (!Number.isInteger(start.workingDays) || start.workingDays < 1 || start.workingDays > MAX_WORKING_DAYS) {
    throw new WorkingDaysRangeError(start.workingDays);
  }
  const restarts = events.filter((e): e is Extract<DeadlineEvent, { type: 'restart' }> => e.type === 'restart');
  const restart = restarts.at(-1);
  const startDate = restart?.date ?? start.date;
  const startDay = toDay(startDate);
  const extensions = events.filter((e): e is Extract<DeadlineEvent, { type: 'extend' }> => e.type === 'extend');
  for (const x of extensions) {
    if (!Number.isInteger(x.days) || x.days < 1 || x.days > MAX_WORKING_DAYS) throw new WorkingDaysRangeError(x.days);
  }
  const total = start.workingDays + extensions.reduce((sum, x) => sum + x.days, 0);
  if (total > MAX_WORKING_DAYS) throw new WorkingDaysRangeError(total);

  const pauses = events
    .filter((e): e is Extract<DeadlineEvent, { type: 'pause' }> => e.type === 'pause')
    .map((p) => ({ ...p, fromDay: toDay(p.from), toDay: p.to ? toDay(p.to) : null }))
    .filter((p) => p.toDay === null || p.toDay > startDay)
    .sort((a, b) => a.fromDay - b.fromDay);
  for (const p of pauses) {
    if (p.toDay !== null && p.toDay < p.fromDay) throw new DeadlineError(`暂停结束日期 ${p.to} 早于开始日期 ${p.from}`);
  }
  if (pauses.filter((p) => p.toDay === null).length > 1) throw new DeadlineError('同时只能有一个未结束的暂停');

  const pauseTally = pauses.map(() => 0);
  const holidayDays: { day: DayNumber; name: string }[] = [];
  const makeupDays: { date: string; name: string }[] = [];
  let counted = 0;
  let paused = 0;
  let due: DayNumber | null = null;
  let openPause = false;
  for (let day = startDay + 1; ; day++) {
    if (day - startDay > MAX_SPAN_DAYS) throw new DeadlineError('时限跨度过长，请检查暂停和延长记录');
    const pauseIndex = pauses.findIndex((p) => day >= p.fromDay && (p.toDay === null || day <= p.toDay));
    if (pauseIndex >= 0 && pauses[pauseIndex]!.toDay === null) {
      openPause = true;
      break;
    }
    const info = calendar.infoOfDay(day);
    if (info.kind === 'holiday') holidayDays.push({ day, name: info.name ?? '节假日' });
    if (pauseIndex >= 0) {
      if (info.working) {
        paused++;
        pauseTally[pauseIndex]!++;
      }
      continue;
    }
    if (info.kind === 'makeup') makeupDays.push({ date: info.date, name: info.name ?? '' });
    if (info.working && ++counted === total) {
      due = day;
      break;
    }
  }

  const holidays = groupHolidays(holidayDays);
  const result: DeadlineResult = {
    status: openPause ? 'paused' : 'running',
    start: startDate,
    totalWorkingDays: total,
    countedWorkingDays: counted,
    dueDate: due === null ? null : fromDay(due),
    pausedWorkingDays: paused,
    holidays,
    makeupDays,
    pauses: pauses.map((p, i) => ({ from: p.from, to: p.to ?? null, reason: p.reason, workingDays: pauseTally[i]! })),
    extensions: extensions.map(({ date, days, reason, approver }) => ({ date, days, reason, approver })),
    steps: [],
  };
  result.steps = explain(result, start.date, start.workingDays, restart);
  return result;
}

function groupHolidays(days: { day: DayNumber; name: string }[]): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let current: { name: string; first: DayNumber; last: DayNumber } | undefined;
  for (const d of days) {
    if (current && current.name === d.name && d.day === current.last + 1) {
      current.last = d.day;
      continue;
    }
    if (current) runs.push(toRun(current));
    current = { name: d.name, first: d.day, last: d.day };
  }
  if (current) runs.push(toRun(current));
  return runs;
}

function toRun(r: { name: string; first: DayNumber; last: DayNumber }): HolidayRun {
  return { name: r.name, from: fromDay(r.first), to: fromDay(r.last), days: r.last - r.first + 1 };
}

function explain(
  r: DeadlineResult,
  originalStart: string,
  baseDays: number,
  restart: Extract<DeadlineEvent, { type: 'restart' }> | undefined,
): string[] {
  const steps: string[] = [];
  if (restart) {
    steps.push(`原自 ${describeDate(originalStart)}起算；${restart.reason}，自 ${describeDate(restart.date)}重新起算（当日不计入），时限 ${baseDays} 个工作日。`);
  } else {
    steps.push(`自 ${describeDate(r.start)}起算（当日不计入），时限 ${baseDays} 个工作日，节假日和周末不计入。`);
  }
  for (const x of r.extensions) {
    steps.push(`${x.date} 经${x.approver}批准延长 ${x.days} 个工作日（理由：${x.reason}）。`);
  }
  if (r.extensions.length) steps.push(`延长后时限合计 ${r.totalWorkingDays} 个工作日。`);
  // What the clock crossed, in date order: holidays, make-up days and pauses.
  const crossed: { at: string; text: string }[] = [
    ...r.holidays.map((h) => ({
      at: h.from,
      text: h.days === 1 ? `${describeDate(h.from)}${h.name}放假，不计入。` : `${h.from} 至 ${h.to} ${h.name}放假（${h.days} 天），不计入。`,
    })),
    ...r.makeupDays.map((m) => ({ at: m.date, text: `${describeDate(m.date)}为${m.name}调休上班日，计入工作日。` })),
    ...r.pauses.map((p) => ({
      at: p.from,
      text: p.to
        ? `${p.from} 至 ${p.to} 暂停计算（${p.reason}），其间 ${p.workingDays} 个工作日不计入。`
        : `自 ${p.from} 起暂停计算（${p.reason}），恢复后继续计算。`,
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  steps.push(...crossed.map((c) => c.text));
  if (r.dueDate) steps.push(`办理期限截止于 ${describeDate(r.dueDate)}。`);
  else steps.push(`暂停前已计 ${r.countedWorkingDays} 个工作日，尚余 ${r.totalWorkingDays - r.countedWorkingDays} 个工作日；恢复计算后确定截止日期。`);
  return steps;
}

export interface Standing {
  /** Working days left until the due date (0 on the due date itself), negative when overdue; null if unknown. */
  remainingWorkingDays: number | null;
  overdue: boolean;
}

/**
 * Where a deadline stands today, in working days of the agency's calendar. A due date in a year the calendar
 * does not cover gives null days rather than a guess (docs/product.md §4.1), but overdue is still known.
 */
export function standingOf(calendar: WorkCalendar, today: string, due: string | null): Standing {
  if (!due) return { remainingWorkingDays: null, overdue: false };
  try {
    if (today <= due) return { remainingWorkingDays: calendar.between(today, due), overdue: false };
    return { remainingWorkingDays: -calendar.between(due, today), overdue: true };
  } catch {
    return { remainingWorkingDays: null, overdue: today > due };
  }
}

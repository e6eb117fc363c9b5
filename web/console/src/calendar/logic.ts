import type { CalendarDay, HolidayNotice } from './types.js';

// Pure helpers of the calendar screens (tested without a browser).

export const EVENT_LABELS: Record<string, string> = {
  start: '起算',
  pause: '暂停计算',
  resume: '恢复计算',
  extend: '延长',
  restart: '重新起算',
  close: '结束',
};

export const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** Consecutive days off with the same name and source, as one row: 春节 2026-02-15 至 2026-02-23（9 天）. */
export interface HolidayRun {
  key: string;
  name: string;
  from: string;
  to: string;
  days: number;
  source: string;
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function holidayRuns(days: readonly CalendarDay[]): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let last: HolidayRun | undefined;
  for (const d of days) {
    if (d.kind !== 'holiday') continue;
    const name = d.name ?? '';
    const source = d.source ?? 'national';
    if (last && last.name === name && last.source === source && dayNumber(d.date) === dayNumber(last.to) + 1) {
      last.to = d.date;
      last.days++;
      continue;
    }
    last = { key: d.date, name, from: d.date, to: d.date, days: 1, source };
    runs.push(last);
  }
  return runs;
}

export type NoticeFile = { ok: true; notice: HolidayNotice } | { ok: false; error: string };

/**
 * A holiday-cn file read in the browser: `{year, papers, days:[{name, date, isOffDay}]}`. Only the shape is
 * checked here, to show a preview; the server checks everything again (dates inside the year, duplicates).
 */
export function parseNoticeFile(text: string): NoticeFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: '文件不是有效的 JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: '文件应为 holiday-cn 格式：{"year": …, "papers": […], "days": […]}' };
  const o = json as Record<string, unknown>;
  if (typeof o.year !== 'number' || !Number.isInteger(o.year)) return { ok: false, error: '缺少年份 year（整数）' };
  if (!Array.isArray(o.days)) return { ok: false, error: '缺少日期列表 days' };
  const days: HolidayNotice['days'] = [];
  for (const [i, d] of o.days.entries()) {
    const day = d as Record<string, unknown> | null;
    if (!day || typeof day.name !== 'string' || typeof day.date !== 'string' || typeof day.isOffDay !== 'boolean') {
      return { ok: false, error: `第 ${i + 1} 项应包含 name、date 和 isOffDay（true 放假 / false 上班）` };
    }
    days.push({ name: day.name, date: day.date, isOffDay: day.isOffDay });
  }
  const papers = Array.isArray(o.papers) ? o.papers.filter((p): p is string => typeof p === 'string') : [];
  return { ok: true, notice: { year: o.year, papers, days } };
}

/** How the remaining working days of an open deadline are shown: red when overdue, orange within 3 days. */
export function remainingTone(remaining: number | null, overdue: boolean): { text: string; color: string | undefined } {
  if (overdue) return { text: remaining === null ? '已逾期' : `已逾期 ${-remaining} 个工作日`, color: 'red' };
  if (remaining === null) return { text: '—', color: undefined };
  if (remaining === 0) return { text: '今日到期', color: 'orange' };
  return { text: `剩余 ${remaining} 个工作日`, color: remaining <= 3 ? 'orange' : undefined };
}

/** 日历变更：… 截止日期由 X 改为 Y. */
export function changeText(change: { cause: string; beforeDue: string | null; afterDue: string | null }): string {
  const before = change.beforeDue ?? '（未定）';
  const after = change.afterDue ?? '（未定，等待节假日安排公布或恢复计算）';
  return `日历变更：${change.cause}，截止日期由 ${before} 改为 ${after}`;
}

import { AppError } from '../../shared/errors.js';
import { isCalendarDate } from '../../shared/dates.js';

/**
 * Calendar dates as day numbers (days since 1970-01-01): arithmetic on integers, no time zones.
 * A `YYYY-MM-DD` string is always a date in the agency's zone, never an instant.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export class InvalidDateError extends AppError {
  constructor(readonly value: string) {
    super(400, 'invalid_date', `日期“${value}”不存在或格式不正确（应为 YYYY-MM-DD）`);
  }
}

export function toDay(date: string): DayNumber {
  if (!isCalendarDate(date)) throw new InvalidDateError(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function fromDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function isWeekend(day: DayNumber): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** `2026-02-14（星期六）` — how dates appear in explanations. */
export function describeDate(date: string): string {
  return `${date}（${WEEKDAY_NAMES[weekdayOf(toDay(date))]}）`;
}

/** Today's date in a time zone (Asia/Shanghai unless the agency says otherwise). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

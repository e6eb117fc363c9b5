import { AppError } from '../../shared/errors.js';
import { fromDay, isWeekend, toDay, weekdayOf, yearOf, type DayNumber } from './days.js';
import type { HolidayNotice, SpecialDay } from './notice.js';

/** The largest N accepted for "N working days" — about four years; larger is a mistake, not a deadline. */
export const MAX_WORKING_DAYS = 1000;

/** A date in a year without calendar data: 422, the request was well-formed but cannot be answered. */
export class NoCalendarError extends AppError {
  constructor(readonly year: number) {
    super(422, 'no_calendar', `缺少 ${year} 年的节假日安排，无法计算工作日（no calendar for ${year}）`);
  }
}

export class WorkingDaysRangeError extends AppError {
  constructor(readonly n: number) {
    super(400, 'invalid_working_days', `工作日数应为 0 到 ${MAX_WORKING_DAYS} 之间的整数，收到 ${n}`);
  }
}

export class DateOrderError extends AppError {
  constructor(from: string, to: string) {
    super(400, 'invalid_range', `结束日期 ${to} 早于开始日期 ${from}`);
  }
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  date: string;
  weekday: number;
  working: boolean;
  kind: DayKind;
  /** The holiday's name, for holidays and make-up days. */
  name?: string;
  /** Which layer decided: 'national' or an agency override. */
  source?: string;
}

/** One layer of calendar data: the national notices, a deployment's imports, or an agency's own days. */
export interface CalendarLayer {
  source: string;
  /** Years this layer fully describes (the notice years). */
  years: number[];
  days: SpecialDay[];
}

export function layerFromNotices(source: string, notices: HolidayNotice[]): CalendarLayer {
  return { source, years: notices.map((n) => n.year), days: notices.flatMap((n) => n.days) };
}

/**
 * An agency's working-day calendar: Monday to Friday work, Saturday and Sunday rest, except the days
 * listed by the layers (later layers override earlier ones). Every question about a date in a year no
 * layer covers throws NoCalendarError — never a silent Monday-to-Friday guess.
 */
export class WorkCalendar {
  private readonly special = new Map<DayNumber, SpecialDay & { source: string }>();
  private readonly years = new Set<number>();

  constructor(layers: readonly CalendarLayer[]) {
    for (const layer of layers) {
      for (const y of layer.years) this.years.add(y);
      for (const d of layer.days) this.special.set(toDay(d.date), { ...d, source: layer.source });
    }
  }

  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  private check(day: DayNumber): void {
    const y = yearOf(day);
    if (!this.years.has(y)) throw new NoCalendarError(y);
  }

  infoOfDay(day: DayNumber): DayInfo {
    this.check(day);
    const date = fromDay(day);
    const weekday = weekdayOf(day);
    const s = this.special.get(day);
    if (s) {
      if (s.isOffDay) return { date, weekday, working: false, kind: 'holiday', name: s.name, source: s.source };
      return { date, weekday, working: true, kind: isWeekend(day) ? 'makeup' : 'workday', name: s.name, source: s.source };
    }
    return isWeekend(day) ? { date, weekday, working: false, kind: 'weekend' } : { date, weekday, working: true, kind: 'workday' };
  }

  info(date: string): DayInfo {
    return this.infoOfDay(toDay(date));
  }

  isWorkingDay(date: string): boolean {
    return this.info(date).working;
  }

  /** The date N working days after `date`; `date` itself is not counted. N = 0 gives `date`. */
  add(date: string, n: number): string {
    checkN(n);
    let day = toDay(date);
    let counted = 0;
    while (counted < n) {
      day++;
      if (this.infoOfDay(day).working) counted++;
    }
    return fromDay(day);
  }

  /** Working days after `from` up to and including `to`. */
  between(from: string, to: string): number {
    const start = toDay(from);
    const end = toDay(to);
    if (end < start) throw new DateOrderError(from, to);
    let n = 0;
    for (let day = start + 1; day <= end; day++) if (this.infoOfDay(day).working) n++;
    return n;
  }

  /** The special days (holidays and make-up days) of a year, in date order. */
  specialDaysOf(year: number): DayInfo[] {
    if (!this.years.has(year)) throw new NoCalendarError(year);
    return [...this.special.keys()]
      .filter((d) => yearOf(d) === year)
      .sort((a, b) => a - b)
      .map((d) => this.infoOfDay(d))
      .filter((d) => d.kind === 'holiday' || d.kind === 'makeup');
  }
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new WorkingDaysRangeError(n);
}

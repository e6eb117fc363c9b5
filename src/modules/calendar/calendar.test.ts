import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DIR, builtinNotices } from './builtin.js';
import { DateOrderError, layerFromNotices, MAX_WORKING_DAYS, NoCalendarError, WorkCalendar, WorkingDaysRangeError } from './calendar.js';
import { fromDay, InvalidDateError, toDay } from './days.js';

const national = new WorkCalendar([layerFromNotices('national', builtinNotices())]);

describe('the national calendar', () => {
  it('covers every year from 2007 to 2026 and no year without a notice', () => {
    expect(national.coveredYears()).toEqual(Array.from({ length: 20 }, (_, i) => 2007 + i));
    expect(() => national.isWorkingDay('2027-03-01')).toThrow(NoCalendarError);
    expect(() => national.isWorkingDay('2006-06-01')).toThrow('no calendar for 2006');
  });

  it('agrees with the official notices for every day 2007–2026', () => {
    // Independent reading of the raw files: weekends rest, listed days as listed, wherever the file put them.
    const listed = new Map<string, boolean>();
    for (const f of fs.readdirSync(BUILTIN_DIR).filter((x) => /^\d{4}\.json$/.test(x))) {
      for (const d of JSON.parse(fs.readFileSync(path.join(BUILTIN_DIR, f), 'utf8')).days) listed.set(d.date, !d.isOffDay);
    }
    let checked = 0;
    for (let day = toDay('2007-01-01'); day <= toDay('2026-12-31'); day++) {
      const date = fromDay(day);
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      const expected = listed.get(date) ?? (dow !== 0 && dow !== 6);
      if (national.isWorkingDay(date) !== expected) throw new Error(`${date}: expected ${expected ? 'working' : 'rest'} day`);
      checked++;
    }
    expect(checked).toBe(7305);
  });

  it('knows the turn-of-year days that sit in the next year’s notice', () => {
    // 2007-12-29 (Saturday) was a make-up working day, announced in the 2008 notice.
    expect(national.info('2007-12-29')).toMatchObject({ working: true, kind: 'makeup', name: '元旦' });
    expect(national.info('2007-12-31')).toMatchObject({ working: false, kind: 'holiday' });
  });
});

describe('working-day arithmetic on real holidays', () => {
  const vectors: [string, number, string, string][] = [
    ['2025-09-30', 1, '2025-10-09', '国庆中秋 8 days off, 10-09 first day back'],
    ['2025-09-26', 1, '2025-09-28', 'Sunday 2025-09-28 is a make-up working day'],
    ['2025-10-10', 1, '2025-10-11', 'Saturday 2025-10-11 is a make-up working day'],
    ['2025-01-24', 1, '2025-01-26', 'Sunday 2025-01-26 (春节 make-up)'],
    ['2025-01-27', 1, '2025-02-05', '春节 2025-01-28 … 02-04'],
    ['2026-02-13', 1, '2026-02-14', 'Saturday 2026-02-14 (春节 make-up)'],
    ['2026-02-14', 1, '2026-02-24', '春节 2026-02-15 … 02-23'],
    ['2026-02-10', 20, '2026-03-16', '20 working days across 春节 2026, both make-up Saturdays counted'],
    ['2025-12-31', 1, '2026-01-04', 'year end: 元旦 2026-01-01 … 03, Sunday 01-04 works'],
    ['2024-02-28', 1, '2024-02-29', 'leap day is a Thursday working day'],
    ['2024-02-09', 1, '2024-02-18', '春节 2024 ends with make-up Sunday 02-18'],
    ['2026-11-27', 0, '2026-11-27', 'N = 0 is the date itself'],
    ['2026-11-28', 1, '2026-11-30', 'from a Saturday'],
  ];
  for (const [from, n, expected, why] of vectors) {
    it(`${from} + ${n} → ${expected} (${why})`, () => {
      expect(national.add(from, n)).toBe(expected);
      expect(national.between(from, expected)).toBe(n);
    });
  }

  it('counts working days between two dates', () => {
    expect(national.between('2026-02-13', '2026-02-28')).toBe(6); // 02-14, 02-24..27, 02-28
    expect(national.between('2026-01-01', '2026-01-01')).toBe(0);
    expect(national.between('2025-12-31', '2026-12-31')).toBe(248); // 2026 has 248 working days
  });

  it('fails loudly at a year without data', () => {
    expect(() => national.add('2026-12-15', 20)).toThrow('no calendar for 2027');
    expect(() => national.between('2026-12-01', '2027-01-05')).toThrow(NoCalendarError);
  });

  it('refuses impossible dates and bad N', () => {
    expect(() => national.add('2025-02-30', 1)).toThrow(InvalidDateError);
    expect(() => national.add('2025-2-3', 1)).toThrow(InvalidDateError);
    expect(() => national.add('2025-03-01', -1)).toThrow(WorkingDaysRangeError);
    expect(() => national.add('2025-03-01', 1.5)).toThrow(WorkingDaysRangeError);
    expect(() => national.add('2025-03-01', MAX_WORKING_DAYS + 1)).toThrow(WorkingDaysRangeError);
    expect(() => national.between('2025-03-02', '2025-03-01')).toThrow(DateOrderError);
  });
});

describe('agency layers', () => {
  it('let an agency add a local holiday or make-up day over the national calendar', () => {
    const local = new WorkCalendar([
      layerFromNotices('national', builtinNotices()),
      { source: 'agency', years: [], days: [{ date: '2026-03-03', isOffDay: true, name: '三月三' }, { date: '2026-03-07', isOffDay: false, name: '三月三' }] },
    ]);
    expect(local.info('2026-03-03')).toMatchObject({ working: false, kind: 'holiday', name: '三月三', source: 'agency' });
    expect(local.info('2026-03-07')).toMatchObject({ working: true, kind: 'makeup' });
    expect(local.add('2026-03-02', 1)).toBe('2026-03-04');
    expect(national.add('2026-03-02', 1)).toBe('2026-03-03');
  });

  it('lists the special days of a year', () => {
    const days = national.specialDaysOf(2026);
    expect(days.filter((d) => d.kind === 'makeup').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(days.filter((d) => d.kind === 'holiday').length).toBe(33);
  });
});

describe('properties', () => {
  const date = fc.integer({ min: toDay('2007-01-01'), max: toDay('2025-12-31') }).map(fromDay);
  const n = fc.integer({ min: 0, max: 60 });

  it('between(d, add(d, n)) == n', () => {
    fc.assert(fc.property(date, n, (d, k) => national.between(d, national.add(d, k)) === k), { numRuns: 500 });
  });

  it('add is monotonic in n and in the start date', () => {
    fc.assert(
      fc.property(date, n, n, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return national.add(d, lo) <= national.add(d, hi);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(date, date, n, (x, y, k) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        return national.add(lo, k) <= national.add(hi, k);
      }),
      { numRuns: 300 },
    );
  });

  it('a result of add(d, n ≥ 1) is always a working day', () => {
    fc.assert(fc.property(date, fc.integer({ min: 1, max: 60 }), (d, k) => national.isWorkingDay(national.add(d, k))), { numRuns: 300 });
  });
});

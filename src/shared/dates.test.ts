import { describe, expect, it } from 'vitest';
import { isCalendarDate, isIsoDateOrInstant, startOfDay } from './dates.js';

describe('calendar dates', () => {
  it('accepts real dates including leap days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2026-12-31')).toBe(true);
  });
  it('refuses impossible or malformed dates', () => {
    for (const s of ['2025-02-29', '2025-02-30', '1900-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '']) {
      expect(isCalendarDate(s), s).toBe(false);
    }
  });
  it('accepts instants with an offset only', () => {
    expect(isIsoDateOrInstant('2026-01-05T09:30:00+08:00')).toBe(true);
    expect(isIsoDateOrInstant('2026-01-05T01:30:00.123Z')).toBe(true);
    expect(isIsoDateOrInstant('2026-02-30T01:30:00Z')).toBe(false);
    expect(isIsoDateOrInstant('2026-01-05T09:30:00')).toBe(false);
  });
  it('starts a day in China Standard Time', () => {
    expect(startOfDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});

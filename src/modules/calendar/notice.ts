import { z } from 'zod';
import { isCalendarDate } from '../../shared/dates.js';

/**
 * A State Council holiday notice in the holiday-cn JSON format (NateScarlet/holiday-cn, MIT):
 * `{year, papers:[url], days:[{name, date, isOffDay}]}`. `isOffDay: false` marks a make-up working
 * day (调休上班). A file is keyed by the year of the notice, so it can hold late-December days of the
 * year before.
 */
export const HolidayNoticeSchema = z.object({
  year: z.number({ error: '缺少年份 year' }).int().min(1990, '年份应在 1990—2100 之间').max(2100, '年份应在 1990—2100 之间'),
  papers: z.array(z.string().max(500)).max(20).default([]),
  days: z
    .array(
      z.object({
        name: z.string().trim().min(1, '缺少节日名称').max(40),
        date: z.string().refine(isCalendarDate, '日期不存在或格式不正确（应为 YYYY-MM-DD）'),
        isOffDay: z.boolean({ error: 'isOffDay 应为 true（放假）或 false（调休上班）' }),
      }),
    )
    .max(100, '一份通知最多 100 天'),
});
export type HolidayNotice = z.output<typeof HolidayNoticeSchema>;

export interface SpecialDay {
  date: string;
  /** true: a holiday (day off); false: a make-up working day on a weekend. */
  isOffDay: boolean;
  name: string;
}

/** A notice's days must lie in its year, or at the turn of the year (the last days of December before). */
export function noticeProblems(notice: HolidayNotice): Record<string, string> {
  const problems: Record<string, string> = {};
  if (notice.days.length === 0) problems.days = '通知中没有任何放假或调休日期';
  const seen = new Set<string>();
  notice.days.forEach((d, i) => {
    const y = Number(d.date.slice(0, 4));
    const turnOfYear = y === notice.year - 1 && d.date.slice(5, 7) === '12';
    if (y !== notice.year && !turnOfYear) problems[`days.${i}.date`] = `${d.date} 不在 ${notice.year} 年的通知范围内`;
    if (seen.has(d.date)) problems[`days.${i}.date`] = `${d.date} 重复出现`;
    seen.add(d.date);
  });
  return problems;
}

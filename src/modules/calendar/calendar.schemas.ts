import { z } from 'zod';
import { isCalendarDate } from '../../shared/dates.js';
import { requiredText } from '../../shared/validation.js';
import { MAX_WORKING_DAYS } from './calendar.js';
import { HolidayNoticeSchema } from './notice.js';

export const dateField = (label = '日期') =>
  z.string({ error: `请填写${label}` }).trim().refine(isCalendarDate, `${label}不存在或格式不正确（应为 YYYY-MM-DD）`);

export const workingDaysField = z.coerce
  .number({ error: '工作日数应为整数' })
  .int('工作日数应为整数')
  .min(0, '工作日数不能为负数')
  .max(MAX_WORKING_DAYS, `工作日数不能超过 ${MAX_WORKING_DAYS}`);

const orgField = z.string().trim().min(1).max(32).optional();

export const WorkdaysAddQuery = z.object({ date: dateField(), n: workingDaysField, org: orgField });
export const WorkdaysBetweenQuery = z.object({ from: dateField('开始日期'), to: dateField('结束日期'), org: orgField });
export const CalendarQuery = z.object({ org: orgField, year: z.coerce.number().int().min(1990).max(2100).optional() });

export const ImportNoticeBody = z.object({
  org: z.string({ error: '请选择机关，或 * 表示全平台' }).trim().min(1).max(32),
  notice: HolidayNoticeSchema,
});

export const OverrideBody = z.object({
  org: z.string({ error: '请选择机关' }).trim().min(1).max(32),
  date: dateField(),
  isOffDay: z.boolean({ error: '请选择放假或上班' }),
  name: requiredText(40, '名称'),
  reason: z.string().trim().max(200).optional().nullable().transform((v) => v || null),
});

const reason = requiredText(200, '理由');
export const DeadlineEventBody = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('pause'), date: dateField(), reason }),
    z.object({ type: z.literal('resume'), date: dateField() }),
    z.object({
      type: z.literal('extend'),
      date: dateField(),
      days: workingDaysField.refine((n) => n >= 1, '延长的工作日数至少为 1'),
      reason,
      approver: requiredText(60, '批准人'),
    }),
    z.object({ type: z.literal('restart'), date: dateField(), reason }),
  ],
  { error: '事件类型应为 pause、resume、extend 或 restart' },
);

export const OpenDeadlineBody = z.object({
  org: z.string({ error: '请选择机关' }).trim().min(1).max(32),
  label: requiredText(200, '事项名称'),
  subjectType: z.string().trim().max(40).default('task'),
  subjectId: z.string().trim().max(64).optional().nullable(),
  start: dateField('起算日期'),
  workingDays: workingDaysField.refine((n) => n >= 1, '时限至少为 1 个工作日'),
});

export const PreviewBody = z.object({
  org: orgField,
  start: dateField('起算日期'),
  workingDays: workingDaysField.refine((n) => n >= 1, '时限至少为 1 个工作日'),
  events: z.array(DeadlineEventBody).max(50).default([]),
});

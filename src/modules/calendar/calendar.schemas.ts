import { z } from 'zod';
import { isCalendarDate } from '../../shared/dates.js';
import { pageQuery, requiredText } from '../../shared/validation.js';
import { MAX_WORKING_DAYS, type DayInfo } from './calendar.js';
import type { DeadlineResult } from './deadline.js';
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
export type OpenDeadlineInput = z.output<typeof OpenDeadlineBody>;

export const PreviewBody = z.object({
  org: orgField,
  start: dateField('起算日期'),
  workingDays: workingDaysField.refine((n) => n >= 1, '时限至少为 1 个工作日'),
  events: z.array(DeadlineEventBody).max(50).default([]),
});

// ——— What the calendar and deadline routes answer (the presenters' return types are these schemas' types) ———

const DeadlineResultSchema = z.object({
  status: z.enum(['running', 'paused']),
  start: z.string(),
  totalWorkingDays: z.number(),
  countedWorkingDays: z.number(),
  dueDate: z.string().nullable(),
  pausedWorkingDays: z.number(),
  holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string(), days: z.number() })),
  makeupDays: z.array(z.object({ date: z.string(), name: z.string() })),
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable(), reason: z.string(), workingDays: z.number() })),
  extensions: z.array(z.object({ date: z.string(), days: z.number(), reason: z.string(), approver: z.string() })),
  /** The explanation, one sentence a line. */
  steps: z.array(z.string()),
});
/** A computed deadline with its explanation (deadline.ts DeadlineResult: the annotation keeps the two the same). */
export const DeadlineResultOut: z.ZodType<DeadlineResult> = DeadlineResultSchema;

export const WorkdaysAddOut = z.object({
  from: z.string(),
  n: z.number(),
  date: z.string(),
  org: z.string().nullable(),
  explanation: DeadlineResultOut.nullable(),
});
export type WorkdaysAddOut = z.infer<typeof WorkdaysAddOut>;

export const WorkdaysBetweenOut = z.object({ from: z.string(), to: z.string(), workingDays: z.number() });
export type WorkdaysBetweenOut = z.infer<typeof WorkdaysBetweenOut>;

const DayInfoSchema = z.object({
  date: z.string(),
  weekday: z.number(),
  working: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'makeup']),
  name: z.string().optional(),
  source: z.string().optional(),
});
export const DayInfoOut: z.ZodType<DayInfo> = DayInfoSchema;

export const OverrideOut = z.object({
  id: z.string(),
  date: z.string(),
  isOffDay: z.boolean(),
  name: z.string(),
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const CalendarYearOut = z.object({
  org: z.string().nullable(),
  year: z.number(),
  coveredYears: z.array(z.number()),
  days: z.array(DayInfoOut),
  overrides: z.array(OverrideOut),
});
export type CalendarYearOut = z.infer<typeof CalendarYearOut>;

export const NoticeListOut = z.object({
  notices: z.array(
    z.object({
      id: z.string(),
      /** '*' for the whole deployment, else the agency's code. */
      scope: z.string(),
      year: z.number(),
      papers: z.array(z.string()),
      /** How many days the notice lists. */
      days: z.number(),
      importedAt: z.string(),
      importedBy: z.string().nullable(),
    }),
  ),
});
export type NoticeListOut = z.infer<typeof NoticeListOut>;

export const NoticeImportedOut = z.object({ replaced: z.boolean(), recomputed: z.number() });
export type NoticeImportedOut = z.infer<typeof NoticeImportedOut>;
export const OverrideAddedOut = z.object({ id: z.string(), recomputed: z.number() });
export type OverrideAddedOut = z.infer<typeof OverrideAddedOut>;
export const OverrideRemovedOut = z.object({ recomputed: z.number() });
export type OverrideRemovedOut = z.infer<typeof OverrideRemovedOut>;

export const DeadlineListQuery = z.object({ org: z.string().trim().max(32).optional(), state: z.enum(['open', 'closed']).default('open'), ...pageQuery });
export type DeadlineListQuery = z.output<typeof DeadlineListQuery>;

const DeadlineSummary = z.object({
  id: z.string(),
  org: z.string(),
  label: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  status: z.enum(['running', 'paused']),
  dueDate: z.string().nullable(),
  /** Working days left in the agency's calendar (negative when overdue); null without a due date or calendar. */
  remainingWorkingDays: z.number().nullable(),
  overdue: z.boolean(),
});

export const DeadlineListOut = z.object({
  total: z.number(),
  deadlines: z.array(DeadlineSummary.extend({ createdAt: z.string(), closedAt: z.string().nullable() })),
});
export type DeadlineListOut = z.infer<typeof DeadlineListOut>;

export const DeadlineOut = DeadlineSummary.extend({
  state: z.enum(['open', 'closed']),
  result: DeadlineResultOut,
  /** The history, the source of truth: each event's own fields with who recorded it when. */
  events: z.array(
    z.looseObject({ seq: z.number(), type: z.enum(['start', 'pause', 'resume', 'extend', 'restart']), recordedBy: z.string().nullable(), recordedAt: z.string() }),
  ),
  /** Due dates moved by calendar changes. */
  changes: z.array(z.object({ at: z.string(), cause: z.string(), beforeDue: z.string().nullable(), afterDue: z.string().nullable() })),
  version: z.number(),
});
export type DeadlineOut = z.infer<typeof DeadlineOut>;

export const DeadlineCreatedOut = z.object({ id: z.string() });
export type DeadlineCreatedOut = z.infer<typeof DeadlineCreatedOut>;

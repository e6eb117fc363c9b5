import { z } from 'zod';
import { versionField } from '../../shared/versions.js';
import { pageQuery, requiredText } from '../../shared/validation.js';
import { contactKind } from '../../shared/contact.js';
import { MESSAGE_TYPES } from './types.js';
import { MESSAGE_STATES } from './workflow.js';

// eslint-disable-next-line no-control-regex -- what citizens' text may not contain: control and bidi-override characters
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- the same, but line breaks and tabs are part of a text
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** One line of citizen text: trimmed, no control characters, within limits (messages in Chinese). */
export const line = (label: string, max: number, min = 1) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !CONTROL_IN_LINE.test(s), `${label}含有不允许的控制字符`);

/** Several lines of citizen text. */
export const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `请填写${label}` })
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .trim()
    .min(min, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !CONTROL_IN_TEXT.test(s), `${label}含有不允许的控制字符`);

const optionalText = (label: string, max: number) => z.union([text(label, max, 0), z.null()]).optional();

export const contactField = line('联系方式', 100).refine((s) => contactKind(s) !== null, '请填写有效的手机号码、固定电话或电子邮箱');

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on']).transform((v) => v === 'true' || v === '1' || v === 'on')]);

export const SubmitBody = z.object({
  org: z.string({ error: '请指明受理机关' }).trim().min(1, '请指明受理机关').max(32),
  type: z.enum(MESSAGE_TYPES, { error: '请选择留言类型：咨询、建议、问题、投诉或纠错' }),
  title: line('标题', 100, 2),
  content: text('内容', 5000, 5),
  name: line('姓名', 30),
  contact: contactField,
  public: bool.default(false),
  correctionItemId: z.string().trim().max(64).regex(/^[0-9A-Za-z-]*$/, '信息编号无效').optional().nullable(),
  challengeToken: z.string().max(400).optional(),
  challengeAnswer: z.string().max(20).optional(),
});

export const RatingBody = z.object({
  rating: z.coerce.number({ error: '请选择 1 至 5 分' }).int('请选择 1 至 5 分').min(1, '请选择 1 至 5 分').max(5, '请选择 1 至 5 分'),
  comment: text('评价意见', 500, 0).optional(),
});

export const TrackingParams = z.object({ trackingCode: z.string().min(1).max(40) });
export const IdParams = z.object({ id: z.string().uuid('留言编号无效') });

export const InboxQuery = z.object({
  org: z.string().trim().max(32).optional(),
  state: z.enum(MESSAGE_STATES).optional(),
  type: z.enum(MESSAGE_TYPES).optional(),
  unit: z.string().trim().max(40).optional(),
  standing: z.enum(['overdue', 'due-soon', 'open']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});

const unitId = z.string({ error: '请选择承办单位' }).uuid('请选择承办单位');
const reason = (label: string) => text(label, 1000);

export const AssignBody = z.object({ unitId, note: optionalText('说明', 1000) });
export const TransferBody = z.object({ unitId, reason: reason('转办理由') });
export const ReasonBody = z.object({ reason: reason('理由') });
export const ReplyBody = z.object({
  reply: text('答复内容', 10000),
  investigation: optionalText('调查核实情况', 5000),
  responsibleUnit: z.union([line('责任单位', 100, 0), z.null()]).optional(),
  measures: optionalText('处理措施', 5000),
});
export const ReviewBody = z.object({
  decision: z.enum(['release', 'send-back'], { error: '请选择审核结论' }),
  note: text('审核意见', 1000, 0).optional(),
  reply: text('答复内容', 10000, 0).optional(),
});
export const PublishBody = z.object({
  publish: z.boolean({ error: '请指明是否公开' }),
  title: line('公开标题', 100, 0).optional(),
  content: text('公开的留言内容', 5000, 0).optional(),
  reply: text('公开的答复内容', 10000, 0).optional(),
});
export const BulkBody = z.object({
  action: z.enum(['assign', 'reply'], { error: '请选择批量操作' }),
  ids: z.array(z.string().uuid('留言编号无效'), { error: '请选择留言' }).min(1, '请选择留言').max(200, '一次最多处理 200 条'),
  unitId: z.string().uuid('请选择承办单位').optional(),
  reason: text('转办理由', 1000, 0).optional(),
  reply: text('答复内容', 10000, 0).optional(),
});

/** The message being written, for the questions like it (the org as the FAQ's routes take it). */
export const SimilarQuery = z.object({
  org: z.string({ error: '请指定机构' }).trim().min(1, '请指定机构').max(32, '机构代码不能超过 32 个字符'),
  text: requiredText(5000, '内容'),
});

export const QaQuery = z.object({
  org: z.string().trim().max(32).optional(),
  q: z.string().trim().max(100).optional(),
  type: z.enum(MESSAGE_TYPES).optional(),
  ...pageQuery,
});

export const SettingsQuery = z.object({ org: z.string({ error: '请指明机关' }).trim().min(1, '请指明机关').max(32) });
const limit = z.coerce.number({ error: '请填写工作日数' }).int('须为整数').min(1, '至少 1 个工作日').max(60, '不能超过 60 个工作日');
export const SettingsBody = z.object({
  replyLimits: z.object({ consultation: limit, suggestion: limit, problem: limit, complaint: limit, correction: limit }),
  reviewRequired: z.boolean(),
  dueSoonDays: z.coerce.number().int('须为整数').min(0, '不能小于 0').max(10, '不能超过 10 个工作日'),
  retentionDays: z.union([z.coerce.number().int('须为整数').min(30, '至少保留 30 天').max(3650, '不能超过 3650 天'), z.null()]),
  version: versionField({ min: 0 }),
});

export const TemplateBody = z.object({
  org: z.string().trim().min(1).max(32),
  title: line('模板名称', 60),
  body: text('模板内容', 5000),
  type: z.enum(MESSAGE_TYPES).nullable().optional(),
});

import { z } from 'zod';
import { bulkResultSchema } from '../../shared/bulk.js';
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

// The answers (the OpenAPI document; the presenters' types are inferred from them).

const nullableText = z.string().nullable();

export const SubmittedView = z.object({ trackingCode: z.string(), dueDate: nullableText, workingDays: z.number().int(), state: z.literal('received') });

const TimelineEntry = z.object({ type: z.string(), at: z.string(), label: z.string() });

/** What the holder of a tracking code sees (docs/contract.md GET /api/v1/messages/{trackingCode}). */
export const CitizenMessageView = z.object({
  trackingCode: z.string(),
  status: z.enum(['received', 'processing', 'answered', 'dismissed']),
  statusLabel: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  title: z.string(),
  content: z.string(),
  org: z.string(),
  orgName: z.string(),
  submittedAt: z.string(),
  dueDate: nullableText,
  /** Once answered. */
  reply: nullableText.optional(),
  repliedAt: nullableText.optional(),
  replyUnit: z.string().optional(),
  /** Once dismissed. */
  dismissReason: nullableText.optional(),
  /** A complaint's, once answered. */
  accountability: z.object({ investigation: nullableText, responsibleUnit: nullableText, measures: nullableText }).optional(),
  timeline: z.array(TimelineEntry),
  rating: z.object({ rating: z.number().int(), comment: nullableText, ratedAt: nullableText }).nullable(),
  canRate: z.boolean(),
  published: z.boolean(),
});

export const RatingView = z.object({ rating: z.number().int() });

/** A published answer of the public Q&A: the masked copies only. */
export const QaEntryView = z.object({
  id: z.string(),
  org: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  title: nullableText,
  content: nullableText,
  reply: nullableText,
  /** 受理日期: the agency's calendar date of submission. */
  receivedDate: z.string(),
  /** 答复日期, in the agency's time zone. */
  repliedDate: nullableText,
  /** 答复部门. */
  replyUnit: z.string(),
  rating: z.number().int().nullable(),
  publishedAt: nullableText,
});
export const QaListView = z.object({ total: z.number().int(), entries: z.array(QaEntryView) });

export const SimilarQuestionsView = z.object({
  faq: z.array(z.object({ id: z.string(), category: z.string(), question: z.string(), answer: z.string(), score: z.number() })),
  answered: z.array(z.object({ id: z.string(), title: z.string(), reply: z.string(), repliedAt: nullableText, score: z.number() })),
});

export const ChallengeView = z.object({ token: z.string(), question: z.string() });

/** A row of the inbox. */
export const ListedMessageView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  org: z.string(),
  type: z.enum(MESSAGE_TYPES),
  typeLabel: z.string(),
  state: z.enum(MESSAGE_STATES),
  stateLabel: z.string(),
  title: z.string(),
  submittedAt: z.string(),
  /** YYYY-MM-DD in the agency's zone. */
  dueDate: nullableText,
  /** Working days left (0 on the due date, negative when overdue); null for closed messages or an uncovered year. */
  remainingWorkingDays: z.number().int().nullable(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  published: z.boolean(),
  rating: z.number().int().nullable(),
});

export const InboxView = z.object({
  total: z.number().int(),
  counts: z.object({ received: z.number().int(), assigned: z.number().int(), reviewing: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() }),
  messages: z.array(ListedMessageView),
});

/** One message as staff see it, and the answer of every action on it. */
export const MessageDetailView = ListedMessageView.extend({
  content: z.string(),
  /** Masked (张**) for those who do not handle the message. */
  name: nullableText,
  contact: nullableText,
  publicConsent: z.boolean(),
  correctionItem: z.object({ id: z.string(), title: z.string() }).nullable(),
  draftReply: nullableText,
  reply: nullableText,
  repliedAt: nullableText,
  repliedBy: nullableText,
  investigation: nullableText,
  responsibleUnit: nullableText,
  measures: nullableText,
  dismissReason: nullableText,
  closedAt: nullableText,
  publicCopy: z.object({ publishedAt: z.string(), title: nullableText, content: nullableText, reply: nullableText }).nullable(),
  ratingComment: nullableText,
  ratedAt: nullableText,
  /** Name and contact erased after the retention period. */
  erased: z.boolean(),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int() })),
  events: z.array(
    z.object({ seq: z.number().int(), type: z.string(), label: z.string(), at: z.string(), actor: z.string(), note: nullableText, fromUnit: nullableText, toUnit: nullableText }),
  ),
  version: z.number().int(),
  /** What the workflow lets the caller do now (MESSAGE_WORKFLOW). */
  can: z.object({ assign: z.boolean(), transfer: z.boolean(), return: z.boolean(), reply: z.boolean(), review: z.boolean(), dismiss: z.boolean(), publish: z.boolean() }),
});

export const BulkView = bulkResultSchema(ListedMessageView);

const limits = z.object({ consultation: z.number().int(), suggestion: z.number().int(), problem: z.number().int(), complaint: z.number().int(), correction: z.number().int() });
export const SettingsView = z.object({
  replyLimits: limits,
  reviewRequired: z.boolean(),
  dueSoonDays: z.number().int(),
  /** Days after closing before contact details are erased; null = kept. */
  retentionDays: z.number().int().nullable(),
  /** 0: the defaults, nothing saved yet. */
  version: z.number().int(),
});

export const TemplateView = z.object({ id: z.string(), title: z.string(), body: z.string(), type: z.enum(MESSAGE_TYPES).nullable(), updatedAt: z.string(), updatedBy: z.string() });
export const TemplatesView = z.object({ templates: z.array(TemplateView) });

export const HotTopicsView = z.object({
  from: z.string(),
  to: z.string(),
  messages: z.number().int(),
  topics: z.array(
    z.object({ term: z.string(), messages: z.number().int(), previous: z.number().int(), examples: z.array(z.object({ id: z.string(), title: z.string(), trackingCode: z.string() })) }),
  ),
});

export type Submitted = z.infer<typeof SubmittedView>;
export type CitizenMessage = z.infer<typeof CitizenMessageView>;
export type QaEntry = z.infer<typeof QaEntryView>;
export type SimilarQuestions = z.infer<typeof SimilarQuestionsView>;
export type ListedMessage = z.infer<typeof ListedMessageView>;
export type Inbox = z.infer<typeof InboxView>;
export type MessageDetail = z.infer<typeof MessageDetailView>;
export type Template = z.infer<typeof TemplateView>;
export type HotTopics = z.infer<typeof HotTopicsView>;

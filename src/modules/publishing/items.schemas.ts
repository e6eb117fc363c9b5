import { z } from 'zod';
import { isCalendarDate } from '../../shared/dates.js';
import { requiredText } from '../../shared/validation.js';
import { isExemptionCode } from './reference/disclosure.js';
import { parseDocNumber } from './reference/doc-number.js';
import { GENRE_NAMES, isGenreName } from './reference/genres.js';
import { topicByCode, topicByName } from './reference/topics.js';
import { versionField } from '../../shared/versions.js';
import { ITEM_STATES } from './workflow.js';

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isCalendarDate(v), `${label}不存在或格式不正确（应为 YYYY-MM-DD）`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));
const optionalShort = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).optional().nullable().transform((v) => (v ? v : null));

export const DISCLOSURES = ['proactive', 'on-request', 'withheld'] as const;
export const VALIDITIES = ['valid', 'amended', 'expired', 'repealed'] as const;
export const POLICY_KINDS = ['规章', '规范性文件'] as const;

/** 发文字号 in any common spelling, stored in the canonical 〔〕 form. */
const docNumberField = z
  .string()
  .trim()
  .max(100, '发文字号不能超过 100 个字符')
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    const parsed = parseDocNumber(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.canonical;
  });

/** 主题分类 as a code (`02.01`) or a name (`综合政务/政务公开`), stored as the code. */
const topicField = z
  .string()
  .trim()
  .max(60)
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    const topic = topicByCode(v) ?? topicByName(v);
    if (!topic) {
      ctx.addIssue({ code: 'custom', message: '主题分类不存在' });
      return z.NEVER;
    }
    return topic.code;
  });

const genreField = z
  .string()
  .trim()
  .optional()
  .nullable()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isGenreName(v), `体裁分类应为 ${GENRE_NAMES.join('、')} 之一`);

const exemptionField = z
  .string()
  .trim()
  .optional()
  .nullable()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isExemptionCode(v), '不予公开理由代码不存在');

/** Content fields of an item, shared by create and edit. */
const contentFields = {
  title: requiredText(300, '标题'),
  summary: optionalShort(2000, '内容概述'),
  body: z.string({ error: '请填写正文' }).max(2_000_000, '正文过长').default(''),
  docNumber: docNumberField,
  issuingOrgan: optionalShort(200, '发文机关'),
  writtenAt: optionalDate('成文日期'),
  formedAt: optionalDate('形成或变更日期'),
  topic: topicField,
  genre: genreField,
  policyKind: z.enum(POLICY_KINDS, { error: '文件类型应为 规章 或 规范性文件' }).optional().nullable().transform((v) => v ?? null),
  disclosure: z.enum(DISCLOSURES, { error: '公开属性应为 proactive、on-request 或 withheld' }).default('proactive'),
  exemptionCode: exemptionField,
  validity: z.enum(VALIDITIES, { error: '有效性应为 valid、amended、expired 或 repealed' }).default('valid'),
  validityDate: optionalDate('有效性日期'),
  /** The item that amended or replaced this one (有效性 已修改 / 废止). */
  replacedBy: z.string().trim().max(64).optional().nullable().transform((v) => (v ? v : null)),
  keywords: z.array(z.string().trim().min(1).max(30)).max(20, '关键词最多 20 个').default([]),
  /** Values of the category's extra metadata fields. */
  extra: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.null()])).default({}),
};
/** The same without a default, for PATCH: a default would turn "not sent" into "cleared". */
const extraValues = z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.null()]));

export const CreateItemBody = z
  .object({
    org: z.string({ error: '请选择机构' }).trim().min(1).max(32),
    category: z.string({ error: '请选择目录类别' }).trim().min(1).max(40),
    interprets: z.string().trim().max(64).optional().nullable(),
    ...contentFields,
  })
  .refine((v) => v.disclosure !== 'withheld' || Boolean(v.exemptionCode), { message: '不予公开须选择理由', path: ['exemptionCode'] });
export type CreateItemInput = z.output<typeof CreateItemBody>;

/** Every field optional-wrapped: a field left out of a PATCH stays as it is (an inner transform would make it null). */
export const UpdateItemBody = z.object({
  category: z.string().trim().min(1).max(40).optional(),
  title: contentFields.title.optional(),
  summary: contentFields.summary.optional(),
  body: z.string().max(2_000_000, '正文过长').optional(),
  docNumber: contentFields.docNumber.optional(),
  issuingOrgan: contentFields.issuingOrgan.optional(),
  writtenAt: contentFields.writtenAt.optional(),
  formedAt: contentFields.formedAt.optional(),
  topic: contentFields.topic.optional(),
  genre: contentFields.genre.optional(),
  policyKind: contentFields.policyKind.optional(),
  disclosure: z.enum(DISCLOSURES).optional(),
  exemptionCode: contentFields.exemptionCode.optional(),
  validity: z.enum(VALIDITIES).optional(),
  validityDate: contentFields.validityDate.optional(),
  replacedBy: contentFields.replacedBy.optional(),
  keywords: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  extra: extraValues.optional(),
  changeNote: optionalShort(500, '修改说明').optional(),
  version: versionField(),
});
export type UpdateItemInput = z.output<typeof UpdateItemBody>;

export const ApproveBody = z.object({
  comment: optionalShort(1000, '审核意见'),
  override: optionalShort(1000, '放行理由'),
});
export const RejectBody = z.object({ comment: requiredText(1000, '退回意见') });
export const PublishBody = z.object({
  at: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)) && /[zZ]|[+-]\d{2}:\d{2}$/.test(v), '定时发布时间应为带时区的 ISO 8601 时间')
    .optional()
    .nullable(),
});
export const WithdrawBody = z.object({ reason: requiredText(500, '撤回理由') });

// ── Answers ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A file of a revision, as the item lists it (downloaded from /attachments/{id}/{name}). */
export const AttachmentView = z.object({ id: z.string(), name: z.string(), size: z.number(), type: z.string() });
export type AttachmentView = z.infer<typeof AttachmentView>;

/** What the signed-in staff member may do next (workflow.ts `itemAbilities`: the rule table the commands enforce). */
export const ItemAbilitiesView = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  review: z.boolean(),
  approve: z.boolean(),
  publish: z.boolean(),
  withdraw: z.boolean(),
});
/** Why four eyes takes away an action the member's roles allow: review (初审), approve (复审) or publish. */
export const DeniedView = z.object({ review: z.string().optional(), approve: z.string().optional(), publish: z.string().optional() });

/** The Item of docs/contract.md "HTTP API": a published item for the public; the current revision for its handlers. */
export const ItemView = z.object({
  id: z.string(),
  /** The agency (site) code. */
  org: z.string(),
  category: z.string(),
  indexNumber: z.string().nullable(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.string(),
  docNumber: z.string().nullable(),
  issuingOrgan: z.string().nullable(),
  writtenAt: z.string().nullable(),
  formedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  topic: z.string().nullable(),
  genre: z.string().nullable(),
  disclosure: z.string(),
  exemptionCode: z.string().nullable(),
  validity: z.string(),
  validityDate: z.string().nullable(),
  /** The item that amended or replaced this one (有效性 已修改 / 废止). */
  replacedBy: z.string().nullable(),
  keywords: z.array(z.string()),
  /** Values of the category's extra metadata fields. */
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  state: z.enum(ITEM_STATES),
  version: z.number().int(),
  revision: z.number().int(),
  changeNote: z.string().nullable(),
  rejectComment: z.string().nullable(),
  attachments: z.array(AttachmentView),
  /** Published 政策解读 of this item. */
  interpretations: z.array(z.string()),
  /** The item this one interprets. */
  interprets: z.string().optional(),
  /** Art. 26 timeliness: due date (20 working days after formedAt) and whether publication came later. */
  timeliness: z.object({ due: z.string().nullable(), late: z.boolean().nullable() }),
  policyKind: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  /** The unit whose editors and reviewers handle the item (staff view). */
  unit: z.object({ code: z.string(), name: z.string() }).optional(),
  can: ItemAbilitiesView.optional(),
  denied: DeniedView.optional(),
});
export type ItemView = z.infer<typeof ItemView>;

/** The answer of a workflow step: the item as it now is, and what its handlers should be told (a missing 政策解读). */
export const ItemStepView = ItemView.extend({ warnings: z.array(z.string()) });
export type ItemStepView = z.infer<typeof ItemStepView>;

export const ItemList = z.object({ total: z.number().int(), items: z.array(ItemView) });

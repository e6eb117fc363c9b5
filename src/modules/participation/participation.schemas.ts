import { z } from 'zod';
import { versionField } from '../../shared/versions.js';
import { isIsoDateOrInstant } from '../../shared/dates.js';
import { optionalText, pageQuery, requiredText } from '../../shared/validation.js';

/**
 * Requests of the FAQ and the solicitations. Everything a person types is plain text, trimmed and bounded with
 * a Chinese message per field; only a solicitation's body is HTML, sanitised by the command.
 */

export const FAQ_LIMITS = { category: 40, question: 500, answer: 5000 } as const;
export const COMMENT_LIMITS = { name: 50, contact: 100, content: 3000 } as const;

const orgCode = z.string({ error: '请指定机构' }).trim().min(1, '请指定机构').max(32, '机构代码不能超过 32 个字符');
const id = (label: string) => z.string({ error: `${label}无效` }).trim().min(1, `${label}无效`).max(64, `${label}无效`);
const version = versionField({ coerce: true, message: '缺少版本号' });

/** An instant with its offset: 2026-04-01T09:00:00+08:00 or …Z. */
const instant = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine((v) => v.includes('T') && isIsoDateOrInstant(v), `${label}应为带时区的 ISO 8601 时间，如 2026-04-01T09:00:00+08:00`);

export const FaqState = z.enum(['published', 'hidden'], { error: '状态只能是 published（公开）或 hidden（隐藏）' });

export const FaqListQuery = z.object({
  org: orgCode,
  category: z.string().trim().max(FAQ_LIMITS.category, `分类不能超过 ${FAQ_LIMITS.category} 个字符`).optional(),
  q: z.string().trim().max(200, '检索词不能超过 200 个字符').optional(),
  ...pageQuery,
});

export const ManageQuery = z.object({ org: orgCode });

export const CreateFaqBody = z
  .object({
    org: orgCode,
    category: requiredText(FAQ_LIMITS.category, '分类'),
    question: optionalText(FAQ_LIMITS.question, '问题'),
    answer: optionalText(FAQ_LIMITS.answer, '答案'),
    sourceMessageId: id('来源留言').optional().nullable(),
    state: FaqState.optional(),
  })
  .superRefine((v, c) => {
    if (v.sourceMessageId) return;
    if (!v.question) c.addIssue({ code: 'custom', path: ['question'], message: '请填写问题' });
    if (!v.answer) c.addIssue({ code: 'custom', path: ['answer'], message: '请填写答案' });
  });
export type CreateFaqInput = z.output<typeof CreateFaqBody>;

export const UpdateFaqBody = z.object({
  category: requiredText(FAQ_LIMITS.category, '分类').optional(),
  question: requiredText(FAQ_LIMITS.question, '问题').optional(),
  answer: requiredText(FAQ_LIMITS.answer, '答案').optional(),
  state: FaqState.optional(),
  sortOrder: z.number({ error: '排序号应为整数' }).int('排序号应为整数').min(-100000, '排序号超出范围').max(100000, '排序号超出范围').optional(),
  version,
});
export type UpdateFaqInput = z.output<typeof UpdateFaqBody>;

export const SolicitationStatus = z.enum(['upcoming', 'open', 'closed'], { error: '状态只能是 upcoming、open 或 closed' });
export type SolicitationStatus = z.output<typeof SolicitationStatus>;

const solicitationFields = {
  title: requiredText(200, '标题'),
  summary: requiredText(2000, '征集说明'),
  body: requiredText(1_000_000, '征求意见稿正文'),
  itemId: id('关联信息').optional().nullable(),
  opensAt: instant('开始时间'),
  closesAt: instant('截止时间'),
};

const closesAfterOpens = (v: { opensAt?: string | undefined; closesAt?: string | undefined }) =>
  !v.opensAt || !v.closesAt || Date.parse(v.closesAt) > Date.parse(v.opensAt);
const CLOSES_AFTER = { path: ['closesAt'], message: '截止时间须晚于开始时间' };

export const CreateSolicitationBody = z.object({ org: orgCode, ...solicitationFields }).refine(closesAfterOpens, CLOSES_AFTER);
export type CreateSolicitationInput = z.output<typeof CreateSolicitationBody>;

export const UpdateSolicitationBody = z
  .object({
    title: solicitationFields.title.optional(),
    summary: solicitationFields.summary.optional(),
    body: solicitationFields.body.optional(),
    itemId: solicitationFields.itemId,
    opensAt: solicitationFields.opensAt.optional(),
    closesAt: solicitationFields.closesAt.optional(),
    version,
  })
  .refine(closesAfterOpens, CLOSES_AFTER);
export type UpdateSolicitationInput = z.output<typeof UpdateSolicitationBody>;

export const SolicitationListQuery = z.object({ org: orgCode, status: SolicitationStatus.optional(), ...pageQuery });
export const SolicitationQuery = z.object({ page: pageQuery.page, pageSize: z.coerce.number().int().min(1).max(200).default(50) });

export const CommentState = z.enum(['pending', 'shown', 'hidden'], { error: '状态只能是 pending、shown 或 hidden' });
export const CommentsQuery = z.object({ state: CommentState.optional() });

export const CommentBody = z.object({
  name: optionalText(COMMENT_LIMITS.name, '姓名'),
  contact: optionalText(COMMENT_LIMITS.contact, '联系方式'),
  content: requiredText(COMMENT_LIMITS.content, '意见内容'),
  challengeToken: z.string().max(400, '验证信息无效').optional(),
  challengeAnswer: z.string().trim().max(20, '验证答案不能超过 20 个字符').optional(),
});
export type CommentInput = z.output<typeof CommentBody>;

export const ModerateBody = z
  .object({
    decision: z.enum(['show', 'hide'], { error: '请选择显示（show）或隐藏（hide）' }),
    reason: optionalText(500, '理由'),
  })
  .refine((v) => v.decision === 'show' || Boolean(v.reason), { path: ['reason'], message: '隐藏意见须填写理由' });

export const Adoption = z.enum(['adopted', 'partly', 'not-adopted'], { error: '采纳情况只能是 adopted（采纳）、partly（部分采纳）或 not-adopted（未采纳）' });
export type Adoption = z.output<typeof Adoption>;
export const AdoptionBody = z.object({ adoption: Adoption, reason: requiredText(1000, '理由') });

export const FeedbackBody = z.object({ feedback: requiredText(5000, '采纳情况说明') });

// The answers (the OpenAPI document; the presenters' types are inferred from them).

const nullableText = z.string().nullable();
const count = z.number().int();

export const PublicFaqView = z.object({ id: z.string(), category: z.string(), question: z.string(), answer: z.string(), updatedAt: z.string() });
export const ManagedFaqView = PublicFaqView.extend({
  state: FaqState,
  sortOrder: z.number().int(),
  /** The answered message it was promoted from. */
  sourceMessageId: nullableText,
  createdAt: z.string(),
  updatedBy: z.string(),
  version: z.number().int(),
});
export const FaqListView = z.object({ total: count, categories: z.array(z.object({ name: z.string(), count })), entries: z.array(PublicFaqView) });
export const ManagedFaqListView = z.object({ entries: z.array(ManagedFaqView) });

export const SolicitationSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  status: SolicitationStatus,
  opensAt: z.string(),
  closesAt: z.string(),
  itemId: nullableText,
  /** Shown comments. */
  commentCount: count,
  feedbackPublished: z.boolean(),
});
export const SolicitationListView = z.object({ total: count, solicitations: z.array(SolicitationSummaryView) });

/** A shown comment as the public sees it: never a contact; the decision once the feedback is published. */
const PublicCommentView = z.object({
  id: z.string(),
  /** As the citizen gave it, or 匿名. */
  name: z.string(),
  content: z.string(),
  submittedAt: z.string(),
  adoption: Adoption.nullable().optional(),
  adoptionReason: nullableText.optional(),
});

export const SolicitationView = SolicitationSummaryView.extend({
  body: z.string(),
  feedback: nullableText,
  feedbackPublishedAt: nullableText,
  counts: z.object({ shown: count, adopted: count.optional(), partly: count.optional(), notAdopted: count.optional() }),
  comments: z.array(PublicCommentView),
  commentsPage: z.object({ page: count, pageSize: count }),
  /** The agency's office only. */
  version: z.number().int().optional(),
  staff: z.object({ pending: count, hidden: count }).optional(),
});

export const CommentReceiptView = z.object({ id: z.string(), state: z.literal('pending') });

export const CommentCountsView = z.object({ pending: count, shown: count, hidden: count, adopted: count, partly: count, notAdopted: count });
export const StaffCommentsView = z.object({
  total: count,
  counts: CommentCountsView,
  comments: z.array(
    z.object({
      id: z.string(),
      name: nullableText,
      contact: nullableText,
      content: z.string(),
      state: CommentState,
      hiddenReason: nullableText,
      moderatedBy: nullableText,
      moderatedAt: nullableText,
      adoption: Adoption.nullable(),
      adoptionReason: nullableText,
      submittedAt: z.string(),
      version: z.number().int(),
    }),
  ),
});

export const OkView = z.object({ ok: z.literal(true) });

export type PublicFaq = z.infer<typeof PublicFaqView>;
export type ManagedFaq = z.infer<typeof ManagedFaqView>;
export type FaqList = z.infer<typeof FaqListView>;
export type SolicitationSummary = z.infer<typeof SolicitationSummaryView>;
export type SolicitationList = z.infer<typeof SolicitationListView>;
export type Solicitation = z.infer<typeof SolicitationView>;
export type CommentCounts = z.infer<typeof CommentCountsView>;
export type StaffComments = z.infer<typeof StaffCommentsView>;

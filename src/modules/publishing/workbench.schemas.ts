import { z } from 'zod';
import { pageQuery } from '../../shared/validation.js';
import { DeniedView, ItemAbilitiesView } from './items.schemas.js';
import { ITEM_STATES } from './workflow.js';

export const WorkbenchQuery = z.object({
  state: z.enum(ITEM_STATES).optional(),
  org: z.string().trim().max(32).optional(),
  q: z.string().trim().max(100).optional(),
  mine: z.enum(['1', '0']).optional(),
  ...pageQuery,
});
export type WorkbenchQuery = z.output<typeof WorkbenchQuery>;

export const BULK_ACTIONS = ['submit', 'approve', 'reject', 'publish', 'withdraw'] as const;

export const BulkBody = z
  .object({
    action: z.enum(BULK_ACTIONS, { error: '批量操作应为 submit、approve、reject、publish 或 withdraw' }),
    ids: z.array(z.string().min(1).max(64)).min(1, '请选择信息').max(200, '一次最多 200 条'),
    comment: z.string().trim().max(1000).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.action !== 'reject' || Boolean(b.comment), { message: '批量退回须填写意见', path: ['comment'] })
  .refine((b) => b.action !== 'withdraw' || Boolean(b.reason), { message: '批量撤回须填写理由', path: ['reason'] });
export type BulkInput = z.output<typeof BulkBody>;

/** A row of a workbench queue: the item at its current revision, and what this member may do next. */
export const WorkbenchRowView = z.object({
  id: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  category: z.string(),
  indexNumber: z.string().nullable(),
  unit: z.string(),
  unitName: z.string(),
  state: z.enum(ITEM_STATES),
  /** `published` or `withdrawn` when a version is (or was) public, else null. */
  live: z.enum(['published', 'withdrawn']).nullable(),
  revision: z.number().int(),
  version: z.number().int(),
  /** The member wrote this revision. */
  mine: z.boolean(),
  rejectComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  updatedAt: z.string(),
  can: ItemAbilitiesView,
  denied: DeniedView,
});
export type WorkbenchRowView = z.infer<typeof WorkbenchRowView>;
export const WorkbenchPageView = z.object({ total: z.number().int(), items: z.array(WorkbenchRowView) });

export const RevisionView = z.object({
  id: z.string(),
  revision: z.number().int(),
  state: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.string(),
  docNumber: z.string().nullable(),
  changeNote: z.string().nullable(),
  rejectComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  live: z.boolean(),
  working: z.boolean(),
});
export type RevisionView = z.infer<typeof RevisionView>;

export const ReviewView = z.object({
  id: z.string(),
  revisionId: z.string(),
  stage: z.string(),
  decision: z.string(),
  comment: z.string().nullable(),
  overrideReason: z.string().nullable(),
  /** The scan's findings when the decision was taken. */
  findings: z.array(z.unknown()),
  reviewer: z.string().nullable(),
  reviewerName: z.string().nullable(),
  at: z.string(),
});
export type ReviewView = z.infer<typeof ReviewView>;

/** The answer of a bulk action (shared/bulk.ts): each id's outcome in the order asked, the state it reached, and the counts. */
export const BulkItemsView = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.string(), ok: z.literal(true), result: z.object({ state: z.enum(ITEM_STATES) }) }),
      z.object({ id: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }) }),
    ]),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});

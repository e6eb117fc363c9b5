/** The states of an item and of its revisions, with their names (pure: the console reads them too; workflow.ts says how they change). */
export const REVISION_STATES = ['draft', 'submitted', 'unit-reviewed', 'approved', 'scheduled', 'published', 'superseded', 'rejected'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

export const ITEM_STATES = [...REVISION_STATES, 'withdrawn'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const STATE_LABELS: Record<ItemState, string> = {
  draft: '草稿',
  submitted: '待初审',
  'unit-reviewed': '待复审',
  approved: '待发布',
  scheduled: '定时发布',
  published: '已发布',
  superseded: '已被新版本替代',
  rejected: '已退回',
  withdrawn: '已撤回',
};

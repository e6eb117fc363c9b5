import type { RevisionState } from './reference/states.js';

/**
 * Four eyes over a revision, as a rule over data (docs/adr/0012): nobody who changed the content of a revision
 * may decide it — neither 初审, 复审 nor publication — and whoever passed its 初审 may not pass (or reject) its
 * 复审, whatever roles they hold. Roles say what a person may do in general; this says who must stay out of one
 * revision. There is no override: when nobody else may decide, the revision waits.
 */

/** The ways a person changes a revision's content; every path that writes it records one. */
export const CONTRIBUTION_KINDS = ['create', 'revise', 'edit', 'attachment', 'docx', 'import', 'mask'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/**
 * A mask is the one change that does not make its maker an author: the reviewer asks, and the system replaces
 * the personal data the scan found with asterisks — it can only take information out, never put words in, so
 * the reviewer who masks still decides their stage (the one-action 保密审查 of the ADR). It is recorded all the same.
 */
export function isAuthoring(kind: ContributionKind): boolean {
  return kind !== 'mask';
}

export interface Contribution {
  userId: string;
  kind: ContributionKind;
}

/** Who had a hand in a revision: its contributors, and who passed its 初审 in the current review round. */
export interface RevisionHands {
  contributions: readonly Contribution[];
  firstStageBy: string | null;
}

/** The decisions four eyes governs. */
export type Decision = 'unit-review' | 'office-review' | 'publish';

export type FourEyesRefusal = 'changed-content' | 'passed-first-stage';

/** Why `userId` may not take `decision` on a revision with these hands, or null when they may. */
export function fourEyesRefusal(userId: string, decision: Decision, hands: RevisionHands): FourEyesRefusal | null {
  if (hands.contributions.some((c) => c.userId === userId && isAuthoring(c.kind))) return 'changed-content';
  if (decision === 'office-review' && hands.firstStageBy === userId) return 'passed-first-stage';
  return null;
}

export function fourEyesMessage(refusal: FourEyesRefusal, decision: Decision): string {
  if (refusal === 'passed-first-stage') return '初审与复审须由不同人员完成：您已通过此稿件的初审，复审须由他人办理';
  return decision === 'publish' ? '您修改过此稿件，不能发布自己修改的内容，须由他人发布' : '您修改过此稿件，不能审核自己修改的内容，须由他人审核';
}

/** States after a passed 初审 in the current round: before it (or after a rejection) nobody has passed it yet. */
const PAST_FIRST_STAGE: readonly RevisionState[] = ['unit-reviewed', 'approved', 'scheduled', 'published', 'superseded'];

/** The revision's hands from its stored columns and contributor rows. */
export function handsOf(
  rev: { state: string; author_id: string | null; revision_no: number; unit_reviewed_by: string | null },
  contributions: readonly Contribution[],
): RevisionHands {
  // The author column is counted too, so a revision is never without its creator, whatever rows exist.
  const author: Contribution[] = rev.author_id ? [{ userId: rev.author_id, kind: rev.revision_no === 1 ? 'create' : 'revise' }] : [];
  return {
    contributions: [...author, ...contributions],
    firstStageBy: PAST_FIRST_STAGE.includes(rev.state as RevisionState) ? rev.unit_reviewed_by : null,
  };
}

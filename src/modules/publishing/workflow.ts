import type { Action } from '../accounts/index.js';
import type { Decision } from './four-eyes.js';
import type { RevisionState } from './reference/states.js';

/**
 * The publishing workflow of one revision of an item, in one place (docs/product.md M3; Whitehall's edition workflow):
 *
 *   draft ─submit→ submitted ─approve(初审)→ unit-reviewed ─approve(复审)→ approved ─publish→ published
 *                      │                         │                                  └─publish(at)→ scheduled ─(time)→ published
 *                      └──────reject────────────┴──→ rejected ─submit→ submitted …
 *   published ─(a newer revision is published)→ superseded
 *
 * Withdrawal acts on the item as a whole (its live revision leaves the public), not on a revision.
 * Transitions happen only through commands; this table says which are possible and who may do them.
 */
export { ITEM_STATES, REVISION_STATES, STATE_LABELS, type ItemState, type RevisionState } from './reference/states.js';

export type Transition = 'submit' | 'unit-review' | 'approve' | 'reject' | 'publish' | 'schedule' | 'fire-schedule' | 'supersede';

interface Rule {
  from: readonly RevisionState[];
  to: RevisionState;
  /** The permission needed on the item's unit; null for system-driven transitions. */
  action: Action | null;
  /**
   * The decision four eyes governs (four-eyes.ts): who changed the content, or passed 初审 before a 复审, may
   * not take it. A rejection is a decision of the stage it rejects; null for steps that decide nothing.
   */
  decision: Decision | 'stage' | null;
}

export const WORKFLOW: Record<Transition, Rule> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted', action: 'item.submit', decision: null },
  'unit-review': { from: ['submitted'], to: 'unit-reviewed', action: 'item.review-unit', decision: 'unit-review' },
  approve: { from: ['unit-reviewed'], to: 'approved', action: 'item.approve', decision: 'office-review' },
  reject: { from: ['submitted', 'unit-reviewed'], to: 'rejected', action: null, decision: 'stage' },
  publish: { from: ['approved'], to: 'published', action: 'item.publish', decision: 'publish' },
  schedule: { from: ['approved'], to: 'scheduled', action: 'item.publish', decision: 'publish' },
  'fire-schedule': { from: ['scheduled'], to: 'published', action: null, decision: null },
  supersede: { from: ['published'], to: 'superseded', action: null, decision: null },
};

/** Rejecting needs the permission of the stage being rejected. */
export function rejectAction(state: RevisionState): Action {
  return state === 'submitted' ? 'item.review-unit' : 'item.approve';
}

/** The four-eyes decision a transition from `state` takes, if any. */
export function decisionOf(t: Transition, state: RevisionState): Decision | null {
  const d = WORKFLOW[t].decision;
  if (d !== 'stage') return d;
  return state === 'submitted' ? 'unit-review' : 'office-review';
}

/** The API's single `approve` advances whichever review stage the revision is in. */
export function approvalTransition(state: RevisionState): Transition | null {
  if (state === 'submitted') return 'unit-review';
  if (state === 'unit-reviewed') return 'approve';
  return null;
}

export function canTransition(state: RevisionState, t: Transition): boolean {
  return WORKFLOW[t].from.includes(state);
}

/** Content can be edited only before review starts (or after a rejection). */
export function isEditable(state: RevisionState): boolean {
  return state === 'draft' || state === 'rejected';
}


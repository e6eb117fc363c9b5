import { can, type Action, type Principal } from '../accounts/index.js';
import { conflict, forbidden, type AppError } from '../../shared/errors.js';
import { Workflow, type Guard, type Refusal } from '../../shared/workflow.js';
import type { ApprovalCheck, Finding } from '../risk/index.js';
import { fourEyesMessage, fourEyesRefusal, type Decision, type RevisionHands } from './four-eyes.js';
import { ITEM_STATES, type ItemState } from './reference/states.js';

export { ITEM_STATES, REVISION_STATES, STATE_LABELS, type ItemState, type RevisionState } from './reference/states.js';

/**
 * The publishing workflow of an item, in one place (docs/product.md M3; Whitehall's edition workflow), on the shared
 * engine (src/shared/workflow.ts): what each action needs of the state, and its guards — the role's permission on
 * the item's unit and four eyes (four-eyes.ts). Commands ask `ITEM_WORKFLOW.require`, the `can`/`denied` flags of
 * the item view and the workbench rows ask `itemAbilities`: both decide with the same rules and the same facts.
 *
 *   draft ─submit→ submitted ─approve(初审)→ unit-reviewed ─approve(复审)→ approved ─publish→ published
 *                      │                         │                                  └─publish(at)→ scheduled ─(time)→ published
 *                      └──────reject────────────┴──→ rejected ─submit→ submitted …
 *   published ─(a newer revision is published)→ superseded
 *
 * The state an action is decided on is the item's as the API shows it: its working revision's, else its live
 * revision's (`published`), or `withdrawn`. Withdrawal acts on the live item whatever its working revision does.
 */
/**
 * The actions of the workflow. `edit` changes the content (of the working revision, or starts a new one of a
 * published item); `attach` changes the working revision's files or imports its body; `mask` is a reviewer's
 * masking of personal data during review; `fire-schedule` is the system publishing at the scheduled time.
 */
export const ITEM_ACTIONS = ['edit', 'attach', 'submit', 'unit-review', 'approve', 'reject', 'publish', 'schedule', 'fire-schedule', 'withdraw', 'mask'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** What the guards look at: who asks, about which item, with whose hands on its current revision. */
export interface ItemFacts {
  /** null: the command line or the system, on the operator's authority (no permission needed, not a person of four eyes). */
  principal: Principal | null;
  /** The materialised path of the item's unit, where the permissions are checked. */
  unitPath: string;
  state: ItemState;
  /** The item is published (live), whatever its working revision is doing: what withdrawal needs. */
  live: boolean;
  /** The number of the revision decided on (for the audit record of a refusal). */
  revision: number;
  hands: RevisionHands;
  /** An edit moves a published item to another category: what the public sees changes at once. */
  moving?: boolean;
  /** A review decision's 保密审查: the scan of the revision with this reviewer's override reason (checkApproval). */
  risk?: ApprovalCheck<Finding>;
}

/**
 * A refusal of this workflow: what the answer says, and — for a refused person (role or four eyes) — what the denied
 * audit record says (repeated attempts are what an auditor looks for). `extra` joins the error object (four eyes' `reason`).
 */
export interface ItemRefusal extends Refusal {
  denied?: { action: string; summary?: Record<string, unknown> };
}

const refusalOf = (err: AppError): Refusal => ({ status: err.status as Refusal['status'], code: err.code, message: err.message });

/** The stage a rejection or a mask acts in: 初审 while submitted, else 复审. */
const stageOf = (state: ItemState) => (state === 'submitted' ? ({ action: 'item.review-unit', decision: 'unit-review' } as const) : ({ action: 'item.approve', decision: 'office-review' } as const));

/** The role's permission on the item's unit. */
function permitted(action: Action | ((f: ItemFacts) => Action)): Guard<ItemFacts> {
  return (f): ItemRefusal | null => {
    const a = typeof action === 'function' ? action(f) : action;
    if (f.principal === null || can(f.principal, a, f.unitPath)) return null;
    return { ...refusalOf(forbidden()), denied: { action: a } };
  };
}

/** Four eyes (four-eyes.ts): nobody who changed the revision decides it; 初审 and 复审 by different people. */
function fourEyes(action: ItemAction, decision: Decision | ((f: ItemFacts) => Decision)): Guard<ItemFacts> {
  return (f): ItemRefusal | null => {
    if (f.principal === null) return null;
    const d = typeof decision === 'function' ? decision(f) : decision;
    const reason = fourEyesRefusal(f.principal.userId, d, f.hands);
    if (!reason) return null;
    return {
      status: 403,
      code: 'four_eyes',
      message: fourEyesMessage(reason, d),
      extra: { reason },
      denied: { action: `item.${action}`, summary: { revision: f.revision, state: f.state, rule: 'four-eyes', reason } },
    };
  };
}

/** 保密审查: a 较大 or 重大 finding blocks approval at either stage unless this reviewer records why it may pass. */
const riskCleared: Guard<ItemFacts> = (f) =>
  !f.risk || f.risk.allowed
    ? null
    : {
        status: 409,
        code: 'risk_blocked',
        message: `发现 ${f.risk.blocking.length} 处较大或重大风险：请先处理（可一键遮盖个人信息），或填写放行理由`,
        fields: { override: '存在较大或重大风险，须填写放行理由' },
        extra: { findings: f.risk.blocking },
      };

const isLive: Guard<ItemFacts> = (f) => (f.live ? null : refusalOf(conflict('只能撤回已发布的信息', 'invalid_state')));
/** Moving a published item's category changes the public catalog at once: only the office, which owns the catalog. */
const mayMove: Guard<ItemFacts> = (f) => (f.moving ? permitted('catalog.edit')(f) : null);

/** The editable states: a draft and a rejected revision (and a published item, which an edit gives a new revision). */
const EDITABLE: readonly ItemState[] = ['draft', 'rejected'];
const REVIEWING: readonly ItemState[] = ['submitted', 'unit-reviewed'];

function stateRefusal(state: ItemState, action: ItemAction): Refusal {
  const refuse = (message: string) => refusalOf(conflict(message, 'invalid_state'));
  if (action === 'edit' || action === 'attach') {
    if (state === 'withdrawn') return refuse('已撤回的信息不能修改');
    if (state === 'published') return refuse('已发布的信息须先起草新版本（填写修改说明）才能修改附件或正文');
    return refuse('审核中的信息不能修改，请先退回');
  }
  if (action === 'mask') return refuse('只有审核中的信息可以一键遮盖；草稿请编辑正文');
  if (state === 'published' || state === 'withdrawn') return refuse('该信息当前没有待处理的版本');
  return refuse(`当前状态（${state}）不允许此操作`);
}

export const ITEM_WORKFLOW = new Workflow<ItemState, ItemAction, ItemFacts>(
  {
    edit: { from: [...EDITABLE, 'published'], to: (f) => (f.state === 'published' ? 'draft' : f.state), guards: [permitted('item.edit'), mayMove] },
    attach: { from: EDITABLE, to: (f) => f.state, guards: [permitted('item.edit')] },
    submit: { from: EDITABLE, to: 'submitted', guards: [permitted('item.submit')] },
    'unit-review': { from: ['submitted'], to: 'unit-reviewed', guards: [permitted('item.review-unit'), fourEyes('unit-review', 'unit-review'), riskCleared] },
    approve: { from: ['unit-reviewed'], to: 'approved', guards: [permitted('item.approve'), fourEyes('approve', 'office-review'), riskCleared] },
    // A rejection is a decision of the stage it rejects: that stage's permission, that stage's four eyes.
    reject: { from: REVIEWING, to: 'rejected', guards: [permitted((f) => stageOf(f.state).action), fourEyes('reject', (f) => stageOf(f.state).decision)] },
    publish: { from: ['approved'], to: 'published', guards: [permitted('item.publish'), fourEyes('publish', 'publish')] },
    schedule: { from: ['approved'], to: 'scheduled', guards: [permitted('item.publish'), fourEyes('schedule', 'publish')] },
    'fire-schedule': { from: ['scheduled'], to: 'published' },
    withdraw: { from: ITEM_STATES, to: 'withdrawn', guards: [isLive, permitted('item.withdraw')] },
    // A mask only takes personal data out: the reviewer of the stage does it and still decides it (four-eyes.ts).
    mask: { from: REVIEWING, to: (f) => f.state, guards: [permitted((f) => stageOf(f.state).action)] },
  },
  stateRefusal,
);

/** The API's single `approve` advances whichever review stage the item is in. */
export function approvalAction(state: ItemState): 'unit-review' | 'approve' {
  return state === 'submitted' ? 'unit-review' : 'approve';
}

/** Content can be edited only before review starts (or after a rejection). */
export function isEditable(state: ItemState): boolean {
  return EDITABLE.includes(state);
}

/** The `can` flags of the item view and the workbench rows, and the workflow action each asks about. */
const FLAGS = { edit: 'edit', submit: 'submit', review: 'unit-review', approve: 'approve', publish: 'publish', withdraw: 'withdraw' } as const;
export type AbilityFlag = keyof typeof FLAGS;
/** The flags four eyes can take away, with the reason shown. */
type DeniedFlag = 'review' | 'approve' | 'publish';

export interface Abilities {
  can: Record<AbilityFlag, boolean>;
  /** For an action the person's roles allow but four eyes takes away: why, in the words of the refusal. */
  denied: Partial<Record<DeniedFlag, string>>;
}

/**
 * What the person may do with the item, by the rule table the commands enforce, decided on the same facts: a flag
 * is set when no person-refusal (403: the role, four eyes) stands in the way. The state is the queue's business
 * (the console offers an action in the state it belongs to), so a state refusal does not clear a flag.
 */
export function itemAbilities(facts: ItemFacts): Abilities {
  const out: Abilities = { can: { edit: false, submit: false, review: false, approve: false, publish: false, withdraw: false }, denied: {} };
  for (const flag of Object.keys(FLAGS) as AbilityFlag[]) {
    const decision = ITEM_WORKFLOW.decide(facts.state, FLAGS[flag], facts);
    const refusals = decision.ok ? [] : decision.refusals.filter((r) => r.status === 403);
    out.can[flag] = refusals.length === 0;
    const fourEyesOnly = refusals.length > 0 && refusals.every((r) => r.code === 'four_eyes');
    if (fourEyesOnly && flag !== 'edit' && flag !== 'submit' && flag !== 'withdraw') out.denied[flag] = refusals[0]!.message;
  }
  return out;
}

import { Workflow, type Guard, type Refusal } from '../../shared/workflow.js';
import type { StaffPrincipal } from '../accounts/index.js';
import { handles, isOffice } from './access.js';
import type { MessageWithContext } from './messages.repo.js';
import type { MessageType } from './types.js';

/**
 * The one workflow of a citizen's message (docs/adr/0014), on the shared engine (shared/workflow.ts): a rule per
 * action with the states it may be taken from, where it leads, and the guards it must pass — who may take it,
 * what it needs (a reason, a unit of the agency, a complete reply), the four eyes on a reply held for review.
 * Commands ask it before they change anything; the inbox asks it which actions to offer.
 *
 *   received ──assign──▶ assigned ──reply──▶ reviewing ──release──▶ answered ──publish/unpublish, rate
 *      ▲  │                │  ▲  │  (no review required) ────────────▲
 *      │  └─dismiss─▶ dismissed ◀─dismiss   └─send-back◀─ reviewing
 *      └──────return─────────┘  (transfer: assigned → assigned, another unit)
 */
export const MESSAGE_STATES = ['received', 'assigned', 'reviewing', 'answered', 'dismissed'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export const STATE_LABELS: Record<MessageState, string> = {
  received: '待分办',
  assigned: '办理中',
  reviewing: '待审核',
  answered: '已答复',
  dismissed: '不予受理',
};

export type MessageAction = 'assign' | 'transfer' | 'return' | 'reply' | 'release' | 'send-back' | 'dismiss' | 'publish' | 'unpublish' | 'rate';

export const ACTION_LABELS: Record<MessageAction, string> = {
  assign: '分办',
  transfer: '转办',
  return: '退回公开办',
  reply: '答复',
  release: '审核通过并发布答复',
  'send-back': '退回修改',
  dismiss: '不予受理',
  publish: '公开问答',
  unpublish: '撤下公开问答',
  rate: '评价',
};

export interface Accountability {
  investigation?: string | null | undefined;
  responsibleUnit?: string | null | undefined;
  measures?: string | null | undefined;
}

/** What a request brings to an action; each guard looks at the part its action needs. */
export interface HandlingInput {
  /** The reason of a transfer, a return or a dismissal; the note of a reply sent back. */
  reason?: string | null | undefined;
  /** The unit asked for, as found among the agency's units; null when it is not one of them. */
  unit?: { id: string } | null;
  /** The reply as it would go out, with the complaint's accountability. */
  reply?: string | null | undefined;
  accountability?: Accountability;
}

export interface MessageFacts {
  message: Pick<MessageWithContext, 'state' | 'type' | 'agency_path' | 'unit_path' | 'unit_id' | 'draft_by' | 'public_consent' | 'rating'>;
  /** Null: the system (the command line, the demo), which may do whatever the states allow. */
  principal: StaffPrincipal | null;
  /** The agency holds replies for the office's review. */
  reviewRequired: boolean;
  /** Absent when asking what the caller could do at all (the inbox's offer): only who and when are judged. */
  input?: HandlingInput;
}

const text = (s: string | null | undefined) => (s ?? '').trim();

/** The refusal of someone whose role does not cover the message; the command audits it (accounts' authorize). */
export const NOT_ALLOWED: Refusal = { status: 403, code: 'forbidden', message: '没有权限执行此操作' };

function fields(problems: Record<string, string>): Refusal | null {
  return Object.keys(problems).length ? { status: 400, code: 'validation_failed', message: '提交的内容有误，请检查标出的字段', fields: problems } : null;
}

/**
 * docs/plan.md ch.8 §1.1.44 (分类处理): a complaint is answered only with what the investigation found, who was responsible and
 * what was done. Returns the missing fields with their messages.
 */
export function accountabilityProblems(type: MessageType, a: Accountability): Record<string, string> {
  if (type !== 'complaint') return {};
  const out: Record<string, string> = {};
  if (!a.investigation?.trim()) out.investigation = '投诉件须填写调查核实情况';
  if (!a.responsibleUnit?.trim()) out.responsibleUnit = '投诉件须填写责任单位';
  if (!a.measures?.trim()) out.measures = '投诉件须填写处理措施';
  return out;
}

type MessageGuard = Guard<MessageFacts>;

/** The office of the agency: routing, review, dismissal, publication. */
const byOffice: MessageGuard = (f) => (isOffice(f.principal, f.message) ? null : NOT_ALLOWED);
/** The office, or the unit the message is with: its own work. */
const byHandler: MessageGuard = (f) => (handles(f.principal, f.message) ? null : NOT_ALLOWED);

const reasonGiven =
  (field: 'reason' | 'note', message: string): MessageGuard =>
  (f) =>
    !f.input || text(f.input.reason) ? null : fields({ [field]: message });

const unitOfAgency: MessageGuard = (f) => (!f.input || f.input.unit ? null : fields({ unitId: '承办单位不存在或不属于本机关' }));
const anotherUnit: MessageGuard = (f) => (f.input?.unit?.id === f.message.unit_id ? fields({ unitId: '已由该单位办理，请选择其他单位' }) : null);

/** A reply goes out with its text, and a complaint's with its accountability. */
const completeReply: MessageGuard = (f) => {
  if (!f.input) return null;
  const problems = accountabilityProblems(f.message.type as MessageType, f.input.accountability ?? {});
  if (!text(f.input.reply)) problems.reply = '请填写答复内容';
  return fields(problems);
};

/** Four eyes: whoever drafted a reply held for review does not release it. */
const notOwnDraft: MessageGuard = (f) =>
  f.principal && f.message.draft_by === f.principal.userId ? { status: 409, code: 'own_draft', message: '不能审核自己起草的答复，请由其他人员审核' } : null;

const consented: MessageGuard = (f) => (f.message.public_consent === 1 ? null : { status: 409, code: 'no_consent', message: '留言人未同意公开，不能公开' });
const notRated: MessageGuard = (f) => (f.message.rating === null ? null : { status: 409, code: 'already_rated', message: '您已评价过此答复，每条留言只能评价一次' });

/** Publication and rating do not move the message. */
const stays = (f: MessageFacts) => f.message.state as MessageState;

function stateRefusal(state: MessageState, action: MessageAction): Refusal {
  if (action === 'publish') return { status: 409, code: 'invalid_state', message: '只有已答复的留言才能公开' };
  if (action === 'rate') return { status: 409, code: 'invalid_state', message: '答复后才能评价' };
  return { status: 409, code: 'invalid_state', message: `留言当前为“${STATE_LABELS[state]}”，不能${ACTION_LABELS[action]}` };
}

export const MESSAGE_WORKFLOW = new Workflow<MessageState, MessageAction, MessageFacts>(
  {
    assign: { from: ['received'], to: 'assigned', guards: [unitOfAgency, byOffice] },
    transfer: { from: ['assigned'], to: 'assigned', guards: [reasonGiven('reason', '转办须说明理由'), unitOfAgency, anotherUnit, byHandler] },
    return: { from: ['assigned'], to: 'received', guards: [reasonGiven('reason', '退回须说明理由'), byHandler] },
    reply: { from: ['assigned'], to: (f) => (f.reviewRequired ? 'reviewing' : 'answered'), guards: [completeReply, byHandler] },
    release: { from: ['reviewing'], to: 'answered', guards: [notOwnDraft, completeReply, byOffice] },
    'send-back': { from: ['reviewing'], to: 'assigned', guards: [reasonGiven('note', '退回修改须说明理由'), byOffice] },
    dismiss: { from: ['received', 'assigned'], to: 'dismissed', guards: [reasonGiven('reason', '不予受理须说明理由'), byOffice] },
    publish: { from: ['answered'], to: stays, guards: [byOffice, consented] },
    unpublish: { from: MESSAGE_STATES, to: stays, guards: [byOffice] },
    rate: { from: ['answered'], to: stays, guards: [notRated] },
  },
  stateRefusal,
);

/**
 * The engine lists the state's refusal first; a message's refusals are reported in the order its checks have
 * always run — what was entered (and the four eyes), then who asks, then the state, then consent or a rating
 * already given — so that a request refused for one reason answers as it always did, and the first of several
 * reasons is the one it always was.
 */
export function inReportingOrder(refusals: readonly Refusal[]): Refusal[] {
  const rank = (r: Refusal) => (r.status === 400 || r.code === 'own_draft' ? 0 : r.status === 403 ? 1 : r.code === 'invalid_state' ? 2 : 3);
  return [...refusals].sort((a, b) => rank(a) - rank(b));
}

/** What the inbox offers on a message: the actions the table allows the caller now, before anything is entered. */
export function possibleActions(facts: Omit<MessageFacts, 'input'>) {
  const ok = (action: MessageAction) => MESSAGE_WORKFLOW.decide(facts.message.state as MessageState, action, facts).ok;
  return {
    assign: ok('assign'),
    transfer: ok('transfer'),
    return: ok('return'),
    reply: ok('reply'),
    review: ok('release'),
    dismiss: ok('dismiss'),
    publish: ok('publish'),
  };
}

export function isClosed(state: MessageState): boolean {
  return state === 'answered' || state === 'dismissed';
}

/** What a citizen sees of the state: no internal steps (a transfer or a review is still 办理中). */
export function publicStatus(state: MessageState): { status: 'received' | 'processing' | 'answered' | 'dismissed'; label: string } {
  switch (state) {
    case 'received':
      return { status: 'received', label: '已受理，待分办' };
    case 'assigned':
    case 'reviewing':
      return { status: 'processing', label: '办理中' };
    case 'answered':
      return { status: 'answered', label: '已答复' };
    case 'dismissed':
      return { status: 'dismissed', label: '不予受理' };
  }
}

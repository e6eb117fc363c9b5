import type { MessageType } from './types.js';

/**
 * The one state machine of a citizen's message (docs/adr/0014). Commands ask it whether an action is allowed
 * in the current state and where it leads; nothing else decides transitions.
 *
 *   received ──assign──▶ assigned ──reply──▶ reviewing ──release──▶ answered
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

export type MessageAction = 'assign' | 'transfer' | 'return' | 'reply' | 'release' | 'send-back' | 'dismiss';

export const ACTION_LABELS: Record<MessageAction, string> = {
  assign: '分办',
  transfer: '转办',
  return: '退回公开办',
  reply: '答复',
  release: '审核通过并发布答复',
  'send-back': '退回修改',
  dismiss: '不予受理',
};

const FROM: Record<MessageAction, readonly MessageState[]> = {
  assign: ['received'],
  transfer: ['assigned'],
  return: ['assigned'],
  reply: ['assigned'],
  release: ['reviewing'],
  'send-back': ['reviewing'],
  dismiss: ['received', 'assigned'],
};

export function allowedIn(state: MessageState, action: MessageAction): boolean {
  return FROM[action].includes(state);
}

export function nextState(state: MessageState, action: MessageAction, reviewRequired: boolean): MessageState | null {
  if (!allowedIn(state, action)) return null;
  switch (action) {
    case 'assign':
    case 'transfer':
    case 'send-back':
      return 'assigned';
    case 'return':
      return 'received';
    case 'reply':
      return reviewRequired ? 'reviewing' : 'answered';
    case 'release':
      return 'answered';
    case 'dismiss':
      return 'dismissed';
  }
}

export function isClosed(state: MessageState): boolean {
  return state === 'answered' || state === 'dismissed';
}

export interface Accountability {
  investigation?: string | null | undefined;
  responsibleUnit?: string | null | undefined;
  measures?: string | null | undefined;
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

import crypto from 'node:crypto';
import { withTransaction, type Tx } from '../../db/database.js';
import { conflict, validationFailed } from '../../shared/errors.js';
import { authorize, can, type Action, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { closeDeadline } from '../calendar/index.js';
import { notifyCitizenAnswered, notifyUnitAssigned } from '../mail/index.js';
import { loadMessage, messageDetail } from './message.queries.js';
import type { MessageDetail } from './messages.present.js';
import { findUnitOf, nextEventSeq, type MessageWithContext } from './messages.repo.js';
import { loadSettings } from './settings.js';
import type { MessageType } from './types.js';
import { ACTION_LABELS, STATE_LABELS, accountabilityProblems, isClosed, nextState, type MessageAction, type MessageState } from './workflow.js';

/** Who may take each action: the office on the agency, and for the unit's own work the unit as well. */
function allowedBy(action: MessageAction, m: MessageWithContext): [readonly Action[], string][] {
  const office: [readonly Action[], string] = [['message.route'], m.agency_path];
  const unit: [readonly Action[], string][] = m.unit_path ? [[['message.reply'], m.unit_path]] : [];
  switch (action) {
    case 'assign':
    case 'release':
    case 'send-back':
    case 'dismiss':
      return [office];
    case 'transfer':
    case 'return':
    case 'reply':
      return [office, ...unit];
  }
}

async function authorizeAction(d: PublicCaller, m: MessageWithContext, action: MessageAction): Promise<void> {
  const rules = allowedBy(action, m);
  if (!d.principal || rules.some(([actions, path]) => actions.some((a) => can(d.principal!, a, path)))) return;
  // Audited as denied on the first rule's terms.
  await authorize(d.ctx, d.principal, d.actor, rules[0]![0], rules[0]![1], { type: 'message', id: m.id });
}

/**
 * A step of the message's history, numbered after the last one: who took it, and the unit it leaves the message
 * with (unchanged unless `toUnitId` says otherwise).
 */
export async function recordEvent(
  trx: Tx,
  d: PublicCaller,
  m: Pick<MessageWithContext, 'id' | 'unit_id'>,
  type: string,
  at: string,
  event: { toUnitId?: string | null; note?: string | null } = {},
): Promise<void> {
  await trx
    .insertInto('message_events')
    .values({
      id: crypto.randomUUID(),
      message_id: m.id,
      seq: await nextEventSeq(trx, m.id),
      type,
      at,
      actor_id: d.actor.id,
      actor_name: d.principal?.displayName ?? d.actor.name,
      from_unit_id: m.unit_id,
      to_unit_id: event.toUnitId === undefined ? m.unit_id : event.toUnitId,
      note: event.note ?? null,
    })
    .execute();
}

interface Step {
  action: MessageAction;
  /** Columns to set besides state, version and updated_at. */
  set?: Record<string, unknown>;
  event: { type?: string; toUnitId?: string | null; note?: string | null };
  summary?: Record<string, unknown>;
  after?: (trx: Tx, m: MessageWithContext, next: MessageState) => Promise<void>;
}

/**
 * One transition: authorised, allowed by the state machine, applied only if nobody changed the message
 * meanwhile (version), recorded as a history event and an audit record, in one transaction. Closing states
 * close the legal deadline too.
 */
async function transition(d: PublicCaller, m: MessageWithContext, step: Step): Promise<MessageState> {
  await authorizeAction(d, m, step.action);
  const settings = await loadSettings(d.ctx.db.kysely, m.agency_id);
  const state = m.state as MessageState;
  const next = nextState(state, step.action, settings.reviewRequired);
  if (!next) throw conflict(`留言当前为“${STATE_LABELS[state]}”，不能${ACTION_LABELS[step.action]}`, 'invalid_state');
  const now = d.ctx.clock().toISOString();
  await withTransaction(d.ctx.db, async (trx) => {
    const res = await trx
      .updateTable('messages')
      .set({ ...(step.set ?? {}), state: next, updated_at: now, version: m.version + 1, ...(isClosed(next) ? { closed_at: now } : {}) })
      .where('id', '=', m.id)
      .where('version', '=', m.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('留言已被他人处理，请刷新后重试', 'version_conflict');
    await recordEvent(trx, d, m, step.event.type ?? step.action, now, step.event);
    await appendAudit(trx, d.ctx, d.actor, {
      action: `message.${step.action}`,
      objectType: 'message',
      objectId: m.id,
      orgPath: m.unit_path ?? m.agency_path,
      summary: { from: state, to: next, ...(step.summary ?? {}) },
    });
    if (isClosed(next) && m.deadline_id) await closeDeadline(trx, d.ctx, d.actor, m.deadline_id);
    await step.after?.(trx, m, next);
  });
  return next;
}

const text = (s: string | null | undefined) => (s ?? '').trim();

async function targetUnit(d: PublicCaller, m: MessageWithContext, unitId: string) {
  const unit = await findUnitOf(d.ctx.db.kysely, m.agency_id, unitId);
  if (!unit) throw validationFailed({ unitId: '承办单位不存在或不属于本机关' });
  return unit;
}

function notifyAssigned(d: PublicCaller, unitId: string) {
  return async (trx: Tx, m: MessageWithContext) => {
    await notifyUnitAssigned(trx, d.ctx, { id: m.id, trackingCode: m.tracking_code, title: m.title, type: m.type, dueDate: m.due_date, unitId, agencyId: m.agency_id });
  };
}

async function assign(d: PublicCaller, id: string, unitId: string, note?: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  const unit = await targetUnit(d, m, unitId);
  return transition(d, m, {
    action: 'assign',
    set: { unit_id: unit.id },
    event: { toUnitId: unit.id, note: text(note) || null },
    summary: { unit: unit.code },
    after: notifyAssigned(d, unit.id),
  });
}

async function transfer(d: PublicCaller, id: string, unitId: string, reason: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  if (!text(reason)) throw validationFailed({ reason: '转办须说明理由' });
  const unit = await targetUnit(d, m, unitId);
  if (unit.id === m.unit_id) throw validationFailed({ unitId: '已由该单位办理，请选择其他单位' });
  return transition(d, m, {
    action: 'transfer',
    set: { unit_id: unit.id },
    event: { toUnitId: unit.id, note: text(reason) },
    summary: { from: m.unit_code, unit: unit.code, reason: text(reason) },
    after: notifyAssigned(d, unit.id),
  });
}

async function returnToOffice(d: PublicCaller, id: string, reason: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  if (!text(reason)) throw validationFailed({ reason: '退回须说明理由' });
  return transition(d, m, { action: 'return', set: { unit_id: null }, event: { toUnitId: null, note: text(reason) }, summary: { reason: text(reason) } });
}

export interface ReplyInput {
  reply: string;
  investigation?: string | null | undefined;
  responsibleUnit?: string | null | undefined;
  measures?: string | null | undefined;
}

function replyProblems(type: MessageType, input: ReplyInput): Record<string, string> {
  const problems = accountabilityProblems(type, input);
  if (!text(input.reply)) problems.reply = '请填写答复内容';
  return problems;
}

const answered = (d: PublicCaller) => async (trx: Tx, m: MessageWithContext, next: MessageState) => {
  if (next !== 'answered') return;
  await notifyCitizenAnswered(trx, d.ctx, { id: m.id, trackingCode: m.tracking_code, title: m.title, contact: m.contact, agencyId: m.agency_id });
};

async function reply(d: PublicCaller, id: string, input: ReplyInput): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  const problems = replyProblems(m.type as MessageType, input);
  if (Object.keys(problems).length) throw validationFailed(problems);
  const settings = await loadSettings(d.ctx.db.kysely, m.agency_id);
  const now = d.ctx.clock().toISOString();
  const name = d.principal?.displayName ?? d.actor.name;
  const accountability = { investigation: text(input.investigation) || null, responsible_unit: text(input.responsibleUnit) || null, measures: text(input.measures) || null };
  const set = settings.reviewRequired
    ? { draft_reply: text(input.reply), draft_by: d.actor.id, ...accountability }
    : { reply: text(input.reply), draft_reply: null, replied_by: name, replied_at: now, reply_unit_id: m.unit_id, ...accountability };
  return transition(d, m, { action: 'reply', set, event: {}, summary: { review: settings.reviewRequired }, after: answered(d) });
}

export interface ReviewInput {
  decision: 'release' | 'send-back';
  note?: string | undefined;
  /** The office may correct the wording before releasing. */
  reply?: string | undefined;
}

async function review(d: PublicCaller, id: string, input: ReviewInput): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  if (input.decision === 'send-back') {
    if (!text(input.note)) throw validationFailed({ note: '退回修改须说明理由' });
    return transition(d, m, { action: 'send-back', event: { note: text(input.note) }, summary: { note: text(input.note) } });
  }
  if (d.principal && m.draft_by === d.principal.userId) throw conflict('不能审核自己起草的答复，请由其他人员审核', 'own_draft');
  const reply = text(input.reply) || text(m.draft_reply);
  const problems = replyProblems(m.type as MessageType, { reply, investigation: m.investigation, responsibleUnit: m.responsible_unit, measures: m.measures });
  if (Object.keys(problems).length) throw validationFailed(problems);
  const now = d.ctx.clock().toISOString();
  return transition(d, m, {
    action: 'release',
    set: { reply, draft_reply: null, replied_by: d.principal?.displayName ?? d.actor.name, replied_at: now, reply_unit_id: m.unit_id },
    event: { note: text(input.note) || null },
    summary: { edited: reply !== text(m.draft_reply) },
    after: answered(d),
  });
}

async function dismiss(d: PublicCaller, id: string, reason: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  if (!text(reason)) throw validationFailed({ reason: '不予受理须说明理由' });
  return transition(d, m, { action: 'dismiss', set: { dismiss_reason: text(reason) }, event: { note: text(reason) }, summary: { reason: text(reason) } });
}

/** The steps on their own, answering the new state: what bulk handling runs message by message. */
export const handlingSteps = { assign, transfer, reply };

/** The message after a step, as the caller now sees it: the answer of every handling command. */
async function thenShow(caller: PublicCaller, id: string, step: Promise<MessageState>): Promise<MessageDetail> {
  await step;
  return messageDetail(caller, id);
}

/** 分办: the office gives a received message to a unit of the agency. */
export const assignMessage = (caller: PublicCaller, id: string, unitId: string, note?: string) => thenShow(caller, id, assign(caller, id, unitId, note));
/** 转办: to another unit, with the reason. */
export const transferMessage = (caller: PublicCaller, id: string, unitId: string, reason: string) => thenShow(caller, id, transfer(caller, id, unitId, reason));
/** The unit gives the message back to the office, with the reason. */
export const returnMessage = (caller: PublicCaller, id: string, reason: string) => thenShow(caller, id, returnToOffice(caller, id, reason));
/** The unit's (or the office's) reply: released at once, or held for the office's review when the agency requires it. */
export const replyToMessage = (caller: PublicCaller, id: string, input: ReplyInput) => thenShow(caller, id, reply(caller, id, input));
/** The office's review of a held reply: released (possibly reworded) or sent back with a note. */
export const reviewReply = (caller: PublicCaller, id: string, input: ReviewInput) => thenShow(caller, id, review(caller, id, input));
/** 不予受理, with the reason. */
export const dismissMessage = (caller: PublicCaller, id: string, reason: string) => thenShow(caller, id, dismiss(caller, id, reason));

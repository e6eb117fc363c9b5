import crypto from 'node:crypto';
import { withTransaction, type Tx } from '../../db/database.js';
import { AppError, conflict } from '../../shared/errors.js';
import { refusalError, type Refusal } from '../../shared/workflow.js';
import { authorize, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { closeDeadline } from '../calendar/index.js';
import { loadMessage, messageDetail } from './message.queries.js';
import type { MessageDetail } from './messages.schemas.js';
import { findUnitOf, nextEventSeq, type MessageWithContext } from './messages.repo.js';
import { notifyCitizenAnswered, notifyUnitAssigned } from './notifications.js';
import { loadSettings } from './settings.js';
import { inReportingOrder, isClosed, MESSAGE_WORKFLOW, NOT_ALLOWED, type HandlingInput, type MessageAction, type MessageState } from './workflow.js';

/** The refusal of a caller whose role does not cover the message, audited as denied on the office's terms. */
async function deniedRefusal(caller: PublicCaller, m: MessageWithContext): Promise<Refusal> {
  try {
    await authorize(caller.ctx, caller.principal, caller.actor, 'message.route', m.agency_path, { type: 'message', id: m.id });
  } catch (err) {
    if (err instanceof AppError && err.status === 403) return { status: 403, code: err.code, message: err.message };
    throw err;
  }
  return NOT_ALLOWED;
}

/**
 * Where the action leads the message, or every reason it may not be taken (MESSAGE_WORKFLOW) as one error: the
 * first answers as that check always did, `reasons` lists them all. A caller refused for their role is audited.
 */
export async function requireAction(caller: PublicCaller, m: MessageWithContext, action: MessageAction, input: HandlingInput): Promise<MessageState> {
  const settings = await loadSettings(caller.ctx.db.kysely, m.agency_id);
  const decision = MESSAGE_WORKFLOW.decide(m.state as MessageState, action, { message: m, principal: caller.principal, reviewRequired: settings.reviewRequired, input });
  if (decision.ok) return decision.to;
  const refusals: Refusal[] = [];
  for (const r of decision.refusals) refusals.push(r === NOT_ALLOWED ? await deniedRefusal(caller, m) : r);
  throw refusalError(inReportingOrder(refusals));
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
  /** What the request brings, for the guards. */
  input: HandlingInput;
  /** Columns to set besides state, version and updated_at, by the state the action leads to. */
  set?: (next: MessageState) => Record<string, unknown>;
  event: { type?: string; toUnitId?: string | null; note?: string | null };
  summary?: (next: MessageState) => Record<string, unknown>;
  after?: (trx: Tx, m: MessageWithContext, next: MessageState) => Promise<void>;
}

/**
 * One transition: allowed by the workflow, applied only if nobody changed the message meanwhile (version),
 * recorded as a history event and an audit record, in one transaction. Closing states close the legal deadline too.
 */
async function transition(d: PublicCaller, m: MessageWithContext, step: Step): Promise<MessageState> {
  const next = await requireAction(d, m, step.action, step.input);
  const state = m.state as MessageState;
  const now = d.ctx.clock().toISOString();
  await withTransaction(d.ctx.db, async (trx) => {
    const res = await trx
      .updateTable('messages')
      .set({ ...(step.set?.(next) ?? {}), state: next, updated_at: now, version: m.version + 1, ...(isClosed(next) ? { closed_at: now } : {}) })
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
      summary: { from: state, to: next, ...(step.summary?.(next) ?? {}) },
    });
    if (isClosed(next) && m.deadline_id) await closeDeadline(trx, d.ctx, d.actor, m.deadline_id);
    await step.after?.(trx, m, next);
  });
  return next;
}

const text = (s: string | null | undefined) => (s ?? '').trim();

function notifyAssigned(d: PublicCaller, unitId: string) {
  return async (trx: Tx, m: MessageWithContext) => {
    await notifyUnitAssigned(trx, d.ctx, { id: m.id, trackingCode: m.tracking_code, title: m.title, type: m.type, dueDate: m.due_date, unitId, agencyId: m.agency_id });
  };
}

const answered = (d: PublicCaller) => async (trx: Tx, m: MessageWithContext, next: MessageState) => {
  if (next !== 'answered') return;
  await notifyCitizenAnswered(trx, d.ctx, { id: m.id, trackingCode: m.tracking_code, title: m.title, contact: m.contact, agencyId: m.agency_id });
};

async function assign(d: PublicCaller, id: string, unitId: string, note?: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  const unit = await findUnitOf(d.ctx.db.kysely, m.agency_id, unitId);
  return transition(d, m, {
    action: 'assign',
    input: { unit: unit ?? null },
    set: () => ({ unit_id: unit!.id }),
    event: { toUnitId: unitId, note: text(note) || null },
    summary: () => ({ unit: unit!.code }),
    after: notifyAssigned(d, unitId),
  });
}

async function transfer(d: PublicCaller, id: string, unitId: string, reason: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  const unit = await findUnitOf(d.ctx.db.kysely, m.agency_id, unitId);
  return transition(d, m, {
    action: 'transfer',
    input: { reason, unit: unit ?? null },
    set: () => ({ unit_id: unit!.id }),
    event: { toUnitId: unitId, note: text(reason) },
    summary: () => ({ from: m.unit_code, unit: unit!.code, reason: text(reason) }),
    after: notifyAssigned(d, unitId),
  });
}

async function returnToOffice(d: PublicCaller, id: string, reason: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  return transition(d, m, { action: 'return', input: { reason }, set: () => ({ unit_id: null }), event: { toUnitId: null, note: text(reason) }, summary: () => ({ reason: text(reason) }) });
}

export interface ReplyInput {
  reply: string;
  investigation?: string | null | undefined;
  responsibleUnit?: string | null | undefined;
  measures?: string | null | undefined;
}

async function reply(d: PublicCaller, id: string, input: ReplyInput): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  const now = d.ctx.clock().toISOString();
  const name = d.principal?.displayName ?? d.actor.name;
  const accountability = { investigation: text(input.investigation) || null, responsible_unit: text(input.responsibleUnit) || null, measures: text(input.measures) || null };
  return transition(d, m, {
    action: 'reply',
    input: { reply: input.reply, accountability: input },
    // Held for the office's review, or out at once.
    set: (next) =>
      next === 'reviewing'
        ? { draft_reply: text(input.reply), draft_by: d.actor.id, ...accountability }
        : { reply: text(input.reply), draft_reply: null, replied_by: name, replied_at: now, reply_unit_id: m.unit_id, ...accountability },
    event: {},
    summary: (next) => ({ review: next === 'reviewing' }),
    after: answered(d),
  });
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
    return transition(d, m, { action: 'send-back', input: { reason: input.note }, event: { note: text(input.note) }, summary: () => ({ note: text(input.note) }) });
  }
  const reply = text(input.reply) || text(m.draft_reply);
  const now = d.ctx.clock().toISOString();
  return transition(d, m, {
    action: 'release',
    input: { reply, accountability: { investigation: m.investigation, responsibleUnit: m.responsible_unit, measures: m.measures } },
    set: () => ({ reply, draft_reply: null, replied_by: d.principal?.displayName ?? d.actor.name, replied_at: now, reply_unit_id: m.unit_id }),
    event: { note: text(input.note) || null },
    summary: () => ({ edited: reply !== text(m.draft_reply) }),
    after: answered(d),
  });
}

async function dismiss(d: PublicCaller, id: string, reason: string): Promise<MessageState> {
  const m = await loadMessage(d.ctx, id);
  return transition(d, m, { action: 'dismiss', input: { reason }, set: () => ({ dismiss_reason: text(reason) }), event: { note: text(reason) }, summary: () => ({ reason: text(reason) }) });
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

import crypto from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Caller, PublicCaller } from '../accounts/index.js';
import { runBulk, type BulkResult } from '../../shared/bulk.js';
import type { Tx } from '../../db/database.js';
import type { ItemRevisionTable, ItemTable } from '../../db/schema.js';
import { conflict } from '../../shared/errors.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { loadCalendar, todayIn } from '../calendar/index.js';
import { agencyIndexNumber } from '../organisations/index.js';
import { checkApproval, type Finding } from '../risk/index.js';
import { changeItem, type ItemChange } from './item-change.js';
import { nextIndexSerial, type ItemRecord, type RevisionRow } from './items.repo.js';
import type { ItemStepView } from './items.schemas.js';
import type { BulkInput } from './workbench.schemas.js';
import { stepView } from './items.views.js';
import { scanRevision } from './risk.service.js';
import { approvalAction, type ItemAction, type ItemFacts, type ItemState } from './workflow.js';

/** What a step writes besides the state change every step makes (the revision's state, the item's version). */
interface StepWrites {
  revision?: Updateable<ItemRevisionTable>;
  item?: Updateable<ItemTable>;
  /** For the audit record. */
  summary?: Record<string, unknown>;
}

interface Step {
  action(state: ItemState): ItemAction;
  /** Scan the revision first (submission and the review decisions): the findings go to the record and the facts. */
  scan?: boolean;
  /** What the decision needs beyond the item's facts (the approval's 保密审查). */
  facts?(findings: Finding[]): Partial<ItemFacts>;
  write(change: ItemChange, to: ItemState, findings: Finding[]): Promise<StepWrites>;
}

/**
 * One workflow step of an item's current revision, in one transaction (item-change.ts): the workflow decides on the
 * item as read under its lock (state, role, four eyes, 保密审查), then the revision's state changes (guarded by the
 * state it was decided in), the step's own writes, the audit record, the index; the answer is the item as it now
 * is, from what the command holds.
 */
async function step(caller: PublicCaller, id: string, s: Step): Promise<{ view: ItemStepView; item: ItemRecord; to: ItemState }> {
  const { ctx, principal, actor } = caller;
  return changeItem(caller, id, async (change) => {
    const { trx, item, rev, now } = change;
    const action = s.action(change.facts.state);
    const findings = s.scan ? await scanRevision(trx, item.agency_id, rev) : [];
    const to = change.require(action, s.facts?.(findings));
    const writes = await s.write(change, to, findings);
    const revision = { ...writes.revision, state: to, updated_at: now };
    const moved = await trx.updateTable('item_revisions').set(revision).where('id', '=', rev.id).where('state', '=', rev.state).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
    const itemChanges = { ...writes.item, state: item.live_revision_id ? item.state : to, version: item.version + 1, updated_at: now };
    await trx.updateTable('items').set(itemChanges).where('id', '=', id).execute();
    await appendAudit(trx, ctx, actor, {
      action: `item.${action}`,
      objectType: 'item',
      objectId: id,
      orgPath: item.unit_path,
      summary: { revision: rev.revision_no, from: rev.state, to, ...writes.summary },
    });
    await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
    const after = { ...item, ...itemChanges };
    return { view: await stepView(trx, principal, after, { ...rev, ...revision }, change.contributions), item: after, to };
  });
}

const riskSummary = (findings: readonly Finding[]) => ({ findings: findings.length, blocking: findings.filter((f) => f.level === '较大' || f.level === '重大').length });

/** Submits the working revision for 初审; the scan runs now too, so the author learns at once what the reviewers will see. */
export async function submitItem(caller: PublicCaller, id: string): Promise<ItemStepView> {
  const done = await step(caller, id, {
    action: () => 'submit',
    scan: true,
    write: async (_c, _to, findings) => ({ revision: { reject_comment: null }, summary: { risk: riskSummary(findings) } }),
  });
  return done.view;
}

export interface ApproveInput {
  comment: string | null;
  override: string | null;
}

/** 初审 by the unit's reviewer, then 复审 by the office, which also gives the item its index number. */
export async function approveItem(caller: PublicCaller, id: string, input: ApproveInput): Promise<ItemStepView> {
  const { principal, actor } = caller;
  const done = await step(caller, id, {
    action: approvalAction,
    scan: true,
    // 保密审查: a 较大 or 重大 finding blocks approval at either stage unless this reviewer records why it may pass.
    facts: (findings) => ({ risk: checkApproval(findings, input.override) }),
    write: async ({ trx, item, rev, now }, to, findings) => {
      const stage = to === 'unit-reviewed' ? 'unit' : 'office';
      const check = checkApproval(findings, input.override);
      await recordReview(trx, item.id, rev.id, stage, 'approved', input.comment, check.overridden ? input.override : null, actor, now, findings);
      const risk = { findings: findings.length, blocking: check.blocking.length, overridden: check.overridden };
      const by = principal?.userId ?? null;
      const revision = stage === 'unit' ? { unit_reviewed_by: by } : { approved_by: by };
      if (stage === 'office' && !item.index_number) {
        const indexNumber = await allocateIndexNumber(trx, item, now);
        return { revision, item: { index_number: indexNumber }, summary: { stage, indexNumber, risk } };
      }
      return { revision, summary: { stage, risk } };
    },
  });
  return done.view;
}

/** Returns the revision to its author with the reviewer's comment, from either review stage. */
export async function rejectItem(caller: PublicCaller, id: string, comment: string): Promise<ItemStepView> {
  const done = await step(caller, id, {
    action: () => 'reject',
    scan: true,
    write: async ({ trx, item, rev, now }, _to, findings) => {
      await recordReview(trx, item.id, rev.id, rev.state === 'submitted' ? 'unit' : 'office', 'rejected', comment, null, caller.actor, now, findings);
      return { revision: { reject_comment: comment }, summary: { comment } };
    },
  });
  return done.view;
}

/** Publishes now, or schedules for `at` when it lies in the future. */
export async function publishItem(caller: PublicCaller, id: string, at: string | null): Promise<ItemStepView> {
  const when = at ? new Date(at) : null;
  const scheduledAt = when && when.getTime() > caller.ctx.clock().getTime() ? when.toISOString() : null;
  const done = await step(caller, id, {
    action: () => (scheduledAt ? 'schedule' : 'publish'),
    write: async (change) => (scheduledAt ? { item: { scheduled_at: scheduledAt }, summary: { scheduledAt } } : makeLive(change)),
  });
  if (done.to === 'published') announce(caller, done.item);
  return done.view;
}

/**
 * Publishes a scheduled revision whose time has come, as the system. Every instance may try; the item's lock and
 * the state decided under it let exactly one succeed, the others get a conflict and leave it.
 */
export async function fireScheduledPublication(caller: PublicCaller, id: string): Promise<ItemStepView> {
  const done = await step(caller, id, {
    action: () => 'fire-schedule',
    write: async (change) => ({ ...(await makeLive(change)), summary: { scheduledAt: change.item.scheduled_at } }),
  });
  announce(caller, done.item);
  return done.view;
}

/** Withdrawal by the office, with a reason: the item leaves every public list at once. */
export async function withdrawItem(caller: Caller | PublicCaller, id: string, reason: string): Promise<ItemStepView> {
  const { ctx, principal, actor } = caller;
  const { view, item } = await changeItem(caller, id, async ({ trx, item, rev, contributions, now, require }) => {
    require('withdraw');
    const changes = { state: 'withdrawn', withdrawn_at: now, withdrawn_reason: reason, withdrawn_by: actor.name, version: item.version + 1, updated_at: now };
    const done = await trx.updateTable('items').set(changes).where('id', '=', id).where('state', '=', 'published').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
    await appendAudit(trx, ctx, actor, { action: 'item.withdraw', objectType: 'item', objectId: id, orgPath: item.unit_path, summary: { reason } });
    await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
    const after = { ...item, ...changes };
    return { view: await stepView(trx, principal, after, rev, contributions), item: after };
  });
  announce(caller, item);
  return view;
}

/** One step for each id, each its own transaction with its own checks and record (shared/bulk.ts): the state each reached. */
export function bulkItems(caller: Caller, input: BulkInput): Promise<BulkResult<{ state: ItemState }>> {
  const one = (id: string): Promise<ItemStepView> => {
    switch (input.action) {
      case 'submit':
        return submitItem(caller, id);
      case 'approve':
        return approveItem(caller, id, { comment: input.comment ?? null, override: null });
      case 'reject':
        return rejectItem(caller, id, input.comment!);
      case 'publish':
        return publishItem(caller, id, null);
      case 'withdraw':
        return withdrawItem(caller, id, input.reason!);
    }
  };
  return runBulk(input.ids, async (id) => ({ state: (await one(id)).state }));
}

/** Tells the rest of the system (page caches, feeds, search) that the public view of an item changed. */
function announce({ ctx }: PublicCaller, item: Pick<ItemRecord, 'id' | 'agency_id' | 'category_code' | 'interprets_item_id'>): void {
  ctx.events.emit('item.changed', { agencyId: item.agency_id, itemId: item.id, categoryCode: item.category_code, interpretedItemId: item.interprets_item_id });
}

/** 条例 Art. 26: 20 working days from forming or changing the information to publishing it. */
export const TIMELINESS_WORKING_DAYS = 20;

/**
 * Art. 26: information is published within 20 working days of being formed or changed. Measured at first
 * publication against the agency's calendar; a date the calendar cannot answer leaves it unmeasured.
 */
async function timeliness(trx: Tx, item: ItemRecord, rev: RevisionRow, now: string): Promise<{ timeliness_due: string | null; late: number | null }> {
  if (item.published_at || !rev.formed_at) return { timeliness_due: item.timeliness_due, late: item.late };
  try {
    const due = (await loadCalendar(trx, item.agency_id)).add(rev.formed_at, TIMELINESS_WORKING_DAYS);
    return { timeliness_due: due, late: todayIn(item.agency_timezone, new Date(now)) > due ? 1 : 0 };
  } catch {
    return { timeliness_due: null, late: null };
  }
}

/** The revision becomes the live one; the previous live revision is superseded. */
async function makeLive({ trx, item, rev, now }: ItemChange): Promise<StepWrites> {
  if (item.live_revision_id) {
    await trx.updateTable('item_revisions').set({ state: 'superseded', updated_at: now }).where('id', '=', item.live_revision_id).execute();
  }
  return {
    revision: { published_at: now },
    item: { live_revision_id: rev.id, working_revision_id: null, scheduled_at: null, published_at: item.published_at ?? now, ...(await timeliness(trx, item, rev, now)) },
  };
}

async function recordReview(
  trx: Tx,
  itemId: string,
  revisionId: string,
  stage: 'unit' | 'office',
  decision: 'approved' | 'rejected',
  comment: string | null,
  override: string | null,
  actor: Actor,
  at: string,
  findings: readonly Finding[],
): Promise<void> {
  await trx
    .insertInto('item_reviews')
    .values({
      id: crypto.randomUUID(),
      item_id: itemId,
      revision_id: revisionId,
      stage,
      decision,
      comment,
      override_reason: override,
      findings: JSON.stringify(findings),
      reviewer_id: actor.id,
      reviewer_name: actor.name,
      at,
    })
    .execute();
}

/** `{orgCode}/{YYYY}-{serial:05}`: unique per agency and year, also under concurrent approvals. */
async function allocateIndexNumber(trx: Tx, item: ItemRecord, now: string): Promise<string> {
  const year = Number(todayIn(item.agency_timezone, new Date(now)).slice(0, 4));
  const serial = await nextIndexSerial(trx, item.agency_id, year);
  const agency = { index_template: item.agency_index_template, org_code: item.agency_org_code, credit_code: item.agency_credit_code, code: item.agency_code };
  return agencyIndexNumber(agency, { year, serial, category: item.category_code });
}

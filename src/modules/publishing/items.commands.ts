import crypto from 'node:crypto';
import type { StaffPrincipal } from '../accounts/index.js';
import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, conflict, notFound, validationFailed } from '../../shared/errors.js';
import { authorize } from '../accounts/index.js';
import { carryAttachments } from '../attachments/index.js';
import { appendAudit, recordAudit, type Actor } from '../audit/index.js';
import { findOrgByCode, findOrgById } from '../organisations/index.js';
import { loadCalendar } from '../calendar/index.js';
import { todayIn } from '../calendar/index.js';
import { fourEyesMessage, fourEyesRefusal, type Decision, type FourEyesRefusal } from './four-eyes.js';
import {
  categoryExists,
  findItem,
  findRevision,
  newItemRow,
  newRevisionRow,
  nextIndexSerial,
  recordContribution,
  revisionHands,
  type ItemWithContext,
  type RevisionRow,
} from './items.repo.js';
import type { CreateItemInput, UpdateItemInput } from './items.schemas.js';
import { indexOrgCode } from './import.commands.js';
import { docNumberSearchKey } from './reference/doc-number.js';
import { DEFAULT_INDEX_TEMPLATE, formatIndexNumber } from './reference/index-number.js';
import { checkApproval, type Finding } from '../risk/index.js';
import { scanRevision } from './risk.service.js';
import { extraFieldProblems } from './catalog.js';
import { workingCatalog } from './catalog.commands.js';
import { sanitizeBody } from './sanitize.js';
import { approvalTransition, canTransition, decisionOf, isEditable, rejectAction, WORKFLOW, type RevisionState, type Transition } from './workflow.js';

type ContentColumns = Pick<
  RevisionRow,
  | 'title' | 'summary' | 'body' | 'doc_number' | 'issuing_organ' | 'written_at' | 'formed_at' | 'topic' | 'genre'
  | 'disclosure' | 'exemption_code' | 'validity' | 'validity_date' | 'keywords' | 'doc_number_key' | 'policy_kind'
  | 'replaced_by_item_id' | 'extra'
>;

function contentColumns(input: Partial<CreateItemInput & UpdateItemInput>): Partial<ContentColumns> {
  const out: Partial<ContentColumns> = {};
  if (input.title !== undefined) out.title = input.title;
  if (input.summary !== undefined) out.summary = input.summary;
  if (input.body !== undefined) out.body = sanitizeBody(input.body);
  if (input.docNumber !== undefined) {
    out.doc_number = input.docNumber;
    out.doc_number_key = input.docNumber ? docNumberSearchKey(input.docNumber) : null;
  }
  if (input.policyKind !== undefined) out.policy_kind = input.policyKind;
  if (input.issuingOrgan !== undefined) out.issuing_organ = input.issuingOrgan;
  if (input.writtenAt !== undefined) out.written_at = input.writtenAt;
  if (input.formedAt !== undefined) out.formed_at = input.formedAt;
  if (input.topic !== undefined) out.topic = input.topic;
  if (input.genre !== undefined) out.genre = input.genre;
  if (input.disclosure !== undefined) out.disclosure = input.disclosure;
  if (input.exemptionCode !== undefined) out.exemption_code = input.exemptionCode;
  if (input.validity !== undefined) out.validity = input.validity;
  if (input.validityDate !== undefined) out.validity_date = input.validityDate;
  if (input.replacedBy !== undefined) out.replaced_by_item_id = input.replacedBy;
  if (input.keywords !== undefined) out.keywords = JSON.stringify(input.keywords);
  if (input.extra !== undefined) out.extra = JSON.stringify(input.extra);
  return out;
}

/** Creates an item with its first revision, a draft, in the author's unit. */
export async function createItem(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, input: CreateItemInput, sourceKey?: string): Promise<string> {
  const org = await findOrgByCode(ctx.db.kysely, input.org);
  if (!org) throw validationFailed({ org: '机构不存在' });
  // An item belongs to a unit (whose editors and reviewers handle it) and to that unit's agency (its site).
  const unit = org.kind === 'unit' || !principal ? org : ((await findOrgById(ctx.db.kysely, principal.orgId)) ?? org);
  if (unit.agency_id !== org.agency_id) throw validationFailed({ org: '您不属于该机关' });
  await authorize(ctx, principal, actor, 'item.create', unit.path, { type: 'item' });
  if (!(await categoryExists(ctx.db.kysely, org.agency_id, input.category))) throw validationFailed({ category: '目录类别不存在' });
  await checkExtra(ctx, org.agency_id, input.category, input.extra);
  if (input.interprets) {
    const target = await findItem(ctx.db.kysely, input.interprets);
    if (!target || target.agency_id !== org.agency_id) throw validationFailed({ interprets: '被解读的文件不存在' });
  }
  await checkReplacement(ctx, org.agency_id, null, input.replacedBy);
  const id = crypto.randomUUID();
  const revId = crypto.randomUUID();
  const now = ctx.clock().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('items')
      .values(
        newItemRow({
          id,
          agency_id: org.agency_id,
          unit_id: unit.id,
          category_code: input.category,
          working_revision_id: revId,
          interprets_item_id: input.interprets ?? null,
          author_id: principal?.userId ?? null,
          source_key: sourceKey ?? null,
          created_at: now,
        }),
      )
      .execute();
    await trx
      .insertInto('item_revisions')
      .values(newRevisionRow({ id: revId, item_id: id, title: input.title, author_id: principal?.userId ?? null, created_at: now, ...contentColumns(input) }))
      .execute();
    await recordContribution(trx, revId, principal?.userId, 'create', now);
    await appendAudit(trx, ctx, actor, {
      action: 'item.create',
      objectType: 'item',
      objectId: id,
      orgPath: unit.path,
      summary: { title: input.title, category: input.category },
    });
    await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
  });
  return id;
}

/**
 * Edits the working revision, or — for a published item without one — starts a new revision (with a change
 * note) that goes through review while the published one stays live. A stale `version` answers 409.
 */
export async function updateItem(ctx: AppContext, principal: StaffPrincipal, actor: Actor, id: string, input: UpdateItemInput): Promise<void> {
  const item = await loadItem(ctx, id);
  await authorize(ctx, principal, actor, 'item.edit', item.unit_path, { type: 'item', id });
  if (item.state === 'withdrawn') throw conflict('已撤回的信息不能修改', 'invalid_state');
  const moving = input.category !== undefined && input.category !== item.category_code;
  if (moving && !(await categoryExists(ctx.db.kysely, item.agency_id, input.category!))) {
    throw validationFailed({ category: '目录类别不存在' });
  }
  // The category is a property of the document, not of a revision: once published, moving it changes what the
  // public sees at once, so only the office (which owns the catalog) may do it.
  if (moving && item.live_revision_id) await authorize(ctx, principal, actor, 'catalog.edit', item.unit_path, { type: 'item', id });
  const working = await findRevision(ctx.db.kysely, item.working_revision_id);
  if (working && !isEditable(working.state as RevisionState)) throw conflict('审核中的信息不能修改，请先退回', 'invalid_state');
  await checkReplacement(ctx, item.agency_id, item.id, input.replacedBy);
  if (input.extra !== undefined || moving) {
    const current = working ?? (await findRevision(ctx.db.kysely, item.live_revision_id));
    await checkExtra(ctx, item.agency_id, input.category ?? item.category_code, input.extra ?? (JSON.parse(current?.extra ?? '{}') as Record<string, unknown>));
  }
  const now = ctx.clock().toISOString();
  const fields = Object.keys(input).filter((k) => k !== 'version');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await bumpVersion(trx, item, input.version, now, input.category ? { category_code: input.category } : {});
    if (working) {
      await trx.updateTable('item_revisions').set({ ...contentColumns(input), change_note: input.changeNote ?? working.change_note, updated_at: now }).where('id', '=', working.id).execute();
      // Any edit of the revision makes its maker one of its authors (four eyes), whatever the field.
      await recordContribution(trx, working.id, principal.userId, 'edit', now);
    } else if (Object.keys(contentColumns(input)).length > 0) {
      if (!input.changeNote) throw validationFailed({ changeNote: '修改已发布的信息须填写修改说明' });
      const live = (await findRevision(trx, item.live_revision_id))!;
      const revId = crypto.randomUUID();
      await trx
        .insertInto('item_revisions')
        .values({
          ...live,
          id: revId,
          revision_no: live.revision_no + 1,
          state: 'draft',
          change_note: input.changeNote,
          reject_comment: null,
          author_id: principal.userId,
          unit_reviewed_by: null,
          approved_by: null,
          published_at: null,
          created_at: now,
          updated_at: now,
          ...contentColumns(input),
        })
        .execute();
      await carryAttachments(trx, live.id, revId);
      await trx.updateTable('items').set({ working_revision_id: revId }).where('id', '=', id).execute();
      await recordContribution(trx, revId, principal.userId, 'revise', now);
    }
    await appendAudit(trx, ctx, actor, {
      action: working ? 'item.edit' : 'item.revise',
      objectType: 'item',
      objectId: id,
      orgPath: item.unit_path,
      summary: {
        fields,
        changeNote: input.changeNote ?? null,
        ...(moving ? { category: { before: item.category_code, after: input.category } } : {}),
      },
    });
    await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
  });
  if (moving && item.live_revision_id) {
    ctx.events.emit('item.changed', { agencyId: item.agency_id, itemId: id, categoryCode: input.category!, previousCategoryCode: item.category_code });
  }
}

/** Extra values must match the category's extra fields (types, required ones present, no unknown keys). */
async function checkExtra(ctx: AppContext, agencyId: string, category: string, values: Readonly<Record<string, unknown>>): Promise<void> {
  const fields = (await workingCatalog(ctx.db.kysely, agencyId)).find((c) => c.code === category)?.extraFields ?? [];
  const problems = extraFieldProblems(fields, values);
  if (Object.keys(problems).length) throw validationFailed(problems);
}

/** The replacing item must be another item of the same agency. */
async function checkReplacement(ctx: AppContext, agencyId: string, selfId: string | null, replacedBy: string | null | undefined): Promise<void> {
  if (!replacedBy) return;
  const target = await findItem(ctx.db.kysely, replacedBy);
  if (!target || target.agency_id !== agencyId || target.id === selfId) throw validationFailed({ replacedBy: '替代它的文件不存在' });
}

async function loadItem(ctx: AppContext, id: string): Promise<ItemWithContext> {
  const item = await findItem(ctx.db.kysely, id);
  if (!item) throw notFound('信息不存在');
  return item;
}

async function bumpVersion(trx: Tx, item: ItemWithContext, version: number, now: string, extra: Record<string, unknown> = {}): Promise<void> {
  const done = await trx
    .updateTable('items')
    .set({ version: version + 1, updated_at: now, ...extra })
    .where('id', '=', item.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict('该信息已被他人修改，请刷新后重试', 'stale_version');
}

interface TransitionContext {
  item: ItemWithContext;
  rev: RevisionRow;
  trx: Tx;
  now: string;
}

/** Four eyes refused a decision inside the transition's transaction; turned into an audited 403 after rollback. */
class FourEyesDenied extends Error {
  constructor(
    readonly refusal: FourEyesRefusal,
    readonly decision: Decision,
  ) {
    super(refusal);
  }
}

/**
 * Runs one workflow transition of the item's working revision: state check, permission on the item's unit,
 * then — in one transaction — the guarded state change, four eyes over the revision as it now is, the change
 * and its audit record. A concurrent transition of the same revision makes the state guard fail (409); four
 * eyes is checked after the guard holds the revision, so no change between a check and the decision escapes it.
 */
async function transition(
  ctx: AppContext,
  principal: StaffPrincipal | null,
  actor: Actor,
  id: string,
  pick: (state: RevisionState) => Transition | null,
  apply: (t: TransitionContext, to: RevisionState) => Promise<Record<string, unknown>>,
): Promise<RevisionState> {
  const item = await loadItem(ctx, id);
  const rev = await findRevision(ctx.db.kysely, item.working_revision_id);
  if (!rev || item.state === 'withdrawn') throw conflict('该信息当前没有待处理的版本', 'invalid_state');
  const state = rev.state as RevisionState;
  const t = pick(state);
  if (!t || !canTransition(state, t)) throw conflict(`当前状态（${state}）不允许此操作`, 'invalid_state');
  const rule = WORKFLOW[t];
  const action = t === 'reject' ? rejectAction(state) : rule.action;
  if (action) await authorize(ctx, principal, actor, action, item.unit_path, { type: 'item', id });
  // The command line (no principal) acts on the operator's authority and is not a person of the workflow.
  const decision = principal ? decisionOf(t, state) : null;
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('item_revisions')
        .set({ state: rule.to, updated_at: now })
        .where('id', '=', rev.id)
        .where('state', '=', state)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
      if (decision) {
        const refusal = fourEyesRefusal(principal!.userId, decision, await revisionHands(trx, { ...(await findRevision(trx, rev.id))!, state }));
        if (refusal) throw new FourEyesDenied(refusal, decision);
      }
      const summary = await apply({ item, rev, trx, now }, rule.to);
      const itemState = item.live_revision_id ? item.state : rule.to;
      await trx.updateTable('items').set({ state: itemState, version: item.version + 1, updated_at: now }).where('id', '=', id).execute();
      await appendAudit(trx, ctx, actor, {
        action: `item.${t}`,
        objectType: 'item',
        objectId: id,
        orgPath: item.unit_path,
        summary: { revision: rev.revision_no, from: state, to: rule.to, ...summary },
      });
      await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
    });
  } catch (err) {
    if (!(err instanceof FourEyesDenied)) throw err;
    // Audited as denied like any refused permission: repeated attempts are what an auditor looks for.
    await recordAudit(ctx, actor, {
      action: `item.${t}`,
      outcome: 'denied',
      objectType: 'item',
      objectId: id,
      orgPath: item.unit_path,
      summary: { revision: rev.revision_no, state, rule: 'four-eyes', reason: err.refusal },
    });
    throw new AppError(403, 'four_eyes', fourEyesMessage(err.refusal, err.decision), undefined, undefined, { reason: err.refusal });
  }
  return rule.to;
}

export function submitItem(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string) {
  return transition(ctx, principal, actor, id, () => 'submit', async ({ trx, rev, item }) => {
    await trx.updateTable('item_revisions').set({ reject_comment: null }).where('id', '=', rev.id).execute();
    // The scan runs at submission too, so the author learns at once what the reviewers will see.
    const findings = await scanRevision(trx, item.agency_id, rev);
    return { risk: { findings: findings.length, blocking: findings.filter((f) => f.level === '较大' || f.level === '重大').length } };
  });
}

export interface ApproveInput {
  comment: string | null;
  override: string | null;
}

/** 初审 by the unit's reviewer, then 复审 by the office, which also gives the item its index number. */
export function approveItem(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string, input: ApproveInput) {
  return transition(ctx, principal, actor, id, approvalTransition, async ({ trx, item, rev, now }, to) => {
    const stage = to === 'unit-reviewed' ? 'unit' : 'office';
    // 保密审查: a 较大 or 重大 finding blocks approval at either stage unless this reviewer records why it may pass.
    const findings = await scanRevision(trx, item.agency_id, rev);
    const check = checkApproval(findings, input.override);
    if (!check.allowed) {
      throw new AppError(
        409,
        'risk_blocked',
        `发现 ${check.blocking.length} 处较大或重大风险：请先处理（可一键遮盖个人信息），或填写放行理由`,
        { override: '存在较大或重大风险，须填写放行理由' },
        undefined,
        { findings: check.blocking },
      );
    }
    await trx
      .updateTable('item_revisions')
      .set(stage === 'unit' ? { unit_reviewed_by: principal?.userId ?? null } : { approved_by: principal?.userId ?? null })
      .where('id', '=', rev.id)
      .execute();
    await recordReview(trx, item.id, rev.id, stage, 'approved', input.comment, check.overridden ? input.override : null, actor, now, findings);
    const risk = { findings: findings.length, blocking: check.blocking.length, overridden: check.overridden };
    if (stage === 'office' && !item.index_number) {
      const indexNumber = await allocateIndexNumber(ctx, trx, item, now);
      await trx.updateTable('items').set({ index_number: indexNumber }).where('id', '=', item.id).execute();
      return { stage, indexNumber, risk };
    }
    return { stage, risk };
  });
}

export function rejectItem(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string, comment: string) {
  return transition(
    ctx,
    principal,
    actor,
    id,
    () => 'reject',
    async ({ trx, item, rev, now }) => {
      await trx.updateTable('item_revisions').set({ reject_comment: comment }).where('id', '=', rev.id).execute();
      await recordReview(trx, item.id, rev.id, rev.state === 'submitted' ? 'unit' : 'office', 'rejected', comment, null, actor, now, await scanRevision(trx, item.agency_id, rev));
      return { comment };
    },
  );
}

/** Publishes now, or schedules for `at` when it lies in the future. */
export async function publishItem(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string, at: string | null) {
  const when = at ? new Date(at) : null;
  const later = when !== null && when.getTime() > ctx.clock().getTime();
  const to = await transition(
    ctx,
    principal,
    actor,
    id,
    () => (later ? 'schedule' : 'publish'),
    async (t) => {
      if (later) {
        await t.trx.updateTable('items').set({ scheduled_at: when.toISOString() }).where('id', '=', t.item.id).execute();
        return { scheduledAt: when.toISOString() };
      }
      await makeLive(t);
      return {};
    },
  );
  if (to === 'published') await announce(ctx, id);
  return to;
}

/**
 * Publishes a scheduled revision whose time has come. Every instance may try; the state guard in
 * `transition` lets exactly one succeed, the others get a conflict and leave it.
 */
export async function fireScheduledPublication(ctx: AppContext, actor: Actor, id: string) {
  const to = await transition(ctx, null, actor, id, () => 'fire-schedule', async (t) => {
    await makeLive(t);
    return { scheduledAt: t.item.scheduled_at };
  });
  await announce(ctx, id);
  return to;
}

/** Tells the rest of the system (page caches, feeds, search) that the public view of an item changed. */
async function announce(ctx: AppContext, id: string): Promise<void> {
  const item = await findItem(ctx.db.kysely, id);
  if (item) ctx.events.emit('item.changed', { agencyId: item.agency_id, itemId: id, categoryCode: item.category_code });
}

/**
 * Art. 26: information is published within 20 working days of being formed or changed. Measured at first
 * publication against the agency's calendar; a date the calendar cannot answer leaves it unmeasured.
 */
async function timeliness(trx: Tx, item: ItemWithContext, rev: RevisionRow, now: string): Promise<{ timeliness_due: string | null; late: number | null }> {
  if (item.published_at || !rev.formed_at) return { timeliness_due: item.timeliness_due, late: item.late };
  const agency = (await findOrgById(trx, item.agency_id))!;
  try {
    const due = (await loadCalendar(trx, item.agency_id)).add(rev.formed_at, TIMELINESS_WORKING_DAYS);
    return { timeliness_due: due, late: todayIn(agency.timezone, new Date(now)) > due ? 1 : 0 };
  } catch {
    return { timeliness_due: null, late: null };
  }
}

/** 条例 Art. 26: 20 working days from forming or changing the information to publishing it. */
export const TIMELINESS_WORKING_DAYS = 20;

/** The revision becomes the live one; the previous live revision is superseded. */
async function makeLive({ trx, item, rev, now }: TransitionContext): Promise<void> {
  if (item.live_revision_id) {
    await trx.updateTable('item_revisions').set({ state: 'superseded', updated_at: now }).where('id', '=', item.live_revision_id).execute();
  }
  await trx.updateTable('item_revisions').set({ state: 'published', published_at: now }).where('id', '=', rev.id).execute();
  await trx
    .updateTable('items')
    .set({ live_revision_id: rev.id, working_revision_id: null, scheduled_at: null, published_at: item.published_at ?? now, ...(await timeliness(trx, item, rev, now)) })
    .where('id', '=', item.id)
    .execute();
}

/** Withdrawal by the office, with a reason: the item leaves every public list at once. */
export async function withdrawItem(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string, reason: string): Promise<void> {
  const item = await loadItem(ctx, id);
  if (item.state !== 'published') throw conflict('只能撤回已发布的信息', 'invalid_state');
  await authorize(ctx, principal, actor, 'item.withdraw', item.unit_path, { type: 'item', id });
  const now = ctx.clock().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('items')
      .set({ state: 'withdrawn', withdrawn_at: now, withdrawn_reason: reason, withdrawn_by: actor.name, version: item.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'published')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
    await appendAudit(trx, ctx, actor, { action: 'item.withdraw', objectType: 'item', objectId: id, orgPath: item.unit_path, summary: { reason } });
    await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
  });
  ctx.events.emit('item.changed', { agencyId: item.agency_id, itemId: id, categoryCode: item.category_code });
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
  findings: readonly Finding[] = [],
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
async function allocateIndexNumber(ctx: AppContext, trx: Tx, item: ItemWithContext, now: string): Promise<string> {
  const agency = (await findOrgById(trx, item.agency_id))!;
  const year = Number(todayIn(agency.timezone, new Date(now)).slice(0, 4));
  const serial = await nextIndexSerial(trx, agency.id, year);
  return formatIndexNumber(agency.index_template ?? DEFAULT_INDEX_TEMPLATE, { orgCode: indexOrgCode(agency), creditCode: agency.credit_code, year, serial, category: item.category_code });
}

import crypto from 'node:crypto';
import { withTransaction, type Tx } from '../../db/database.js';
import { conflict, validationFailed } from '../../shared/errors.js';
import { authorize, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { agencyOf } from '../organisations/index.js';
import { sanitizeBody } from '../publishing/index.js';
import { changedBy } from './common.js';
import type { CreateSolicitationInput, UpdateSolicitationInput } from './participation.schemas.js';
import type { Solicitation } from './participation.schemas.js';
import { managedSolicitation, solicitationView } from './solicitations.queries.js';
import { commentCounts, itemOfAgency, statusAt, type SolicitationRow } from './solicitations.repo.js';

/**
 * 意见征集 (docs/product.md M5): the office puts a draft policy out for comment between two instants, moderates the
 * comments, decides on each after closing and publishes the adoption summary (采纳情况). Every change is
 * authorised on the agency (`interaction.manage`), audited in its transaction, and answers the solicitation as
 * the office sees it.
 */

const iso = (instant: string) => new Date(instant).toISOString();

function cleanBody(body: string): string {
  const clean = sanitizeBody(body);
  if (!clean) throw validationFailed({ body: '征求意见稿正文不能为空（不能只含脚本等不允许的内容）' });
  return clean;
}

async function checkItem(caller: PublicCaller, agencyId: string, itemId: string | null | undefined): Promise<void> {
  if (itemId && !(await itemOfAgency(caller.ctx.db.kysely, agencyId, itemId))) throw validationFailed({ itemId: '关联的信息不存在' });
}

/** Bumps the version if it is still `version`: 409 when someone changed the solicitation meanwhile. */
async function bumpSolicitation(trx: Tx, id: string, version: number, set: Partial<SolicitationRow>, now: string): Promise<void> {
  const done = await trx
    .updateTable('solicitations')
    .set({ ...set, updated_at: now, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict('该意见征集已被他人修改，请刷新后重试', 'stale_version');
}

export async function createSolicitation(caller: PublicCaller, input: CreateSolicitationInput): Promise<Solicitation> {
  const { ctx, actor } = caller;
  const agency = await agencyOf(ctx.db.kysely, input.org, { field: 'org' });
  await authorize(ctx, caller.principal, actor, 'interaction.manage', agency.path, { type: 'solicitation' });
  await checkItem(caller, agency.id, input.itemId);
  const body = cleanBody(input.body);
  const id = crypto.randomUUID();
  const now = ctx.clock().toISOString();
  await withTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto('solicitations')
      .values({
        id,
        agency_id: agency.id,
        title: input.title,
        summary: input.summary,
        body,
        item_id: input.itemId ?? null,
        opens_at: iso(input.opensAt),
        closes_at: iso(input.closesAt),
        feedback: null,
        feedback_published_at: null,
        created_by: changedBy(actor),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx, actor, {
      action: 'solicitation.create',
      objectType: 'solicitation',
      objectId: id,
      orgPath: agency.path,
      summary: { title: input.title, opensAt: iso(input.opensAt), closesAt: iso(input.closesAt) },
    });
  });
  return solicitationView(caller, id);
}

/** Edits the text or the period; once the feedback is published the period is fixed. A stale `version` is a 409. */
export async function updateSolicitation(caller: PublicCaller, id: string, input: UpdateSolicitationInput): Promise<Solicitation> {
  const { ctx, actor } = caller;
  const row = await managedSolicitation(caller, id);
  const set: Partial<SolicitationRow> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.summary !== undefined) set.summary = input.summary;
  if (input.body !== undefined) set.body = cleanBody(input.body);
  if (input.itemId !== undefined) {
    await checkItem(caller, row.agency_id, input.itemId);
    set.item_id = input.itemId;
  }
  if (input.opensAt !== undefined) set.opens_at = iso(input.opensAt);
  if (input.closesAt !== undefined) set.closes_at = iso(input.closesAt);
  const moving = (set.opens_at !== undefined && set.opens_at !== row.opens_at) || (set.closes_at !== undefined && set.closes_at !== row.closes_at);
  if (moving && row.feedback_published_at) throw conflict('采纳情况已公布，不能再修改征集时间', 'feedback_published');
  if (Date.parse(set.closes_at ?? row.closes_at) <= Date.parse(set.opens_at ?? row.opens_at)) {
    throw validationFailed({ closesAt: '截止时间须晚于开始时间' });
  }
  const now = ctx.clock().toISOString();
  await withTransaction(ctx.db, async (trx) => {
    await bumpSolicitation(trx, id, input.version, set, now);
    await appendAudit(trx, ctx, actor, {
      action: 'solicitation.update',
      objectType: 'solicitation',
      objectId: id,
      orgPath: row.agency_path,
      summary: {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        ...(moving ? { period: { before: [row.opens_at, row.closes_at], after: [set.opens_at ?? row.opens_at, set.closes_at ?? row.closes_at] } } : {}),
      },
    });
  });
  return solicitationView(caller, id);
}

/** 409 unless the solicitation has closed. */
export function requireClosed(now: Date, row: SolicitationRow, what: string): void {
  if (statusAt(row, now) !== 'closed') throw conflict(`征集尚未结束，结束后才能${what}`, 'not_closed');
}

/**
 * Publishes the adoption summary (采纳情况反馈) after closing: every comment moderated and every shown one
 * decided. Publishing again replaces the text and keeps the first publication date.
 */
export async function publishFeedback(caller: PublicCaller, id: string, feedback: string): Promise<Solicitation> {
  const { ctx, actor } = caller;
  const row = await managedSolicitation(caller, id);
  requireClosed(ctx.clock(), row, '公布采纳情况');
  const counts = (await commentCounts(ctx, [id])).get(id)!;
  if (counts.pending) throw conflict(`还有 ${counts.pending} 条意见未审核，请先审核`, 'comments_pending');
  const undecided = counts.shown - counts.adopted - counts.partly - counts.notAdopted;
  if (undecided) throw conflict(`还有 ${undecided} 条意见未作采纳决定`, 'adoption_pending');
  const now = ctx.clock().toISOString();
  await withTransaction(ctx.db, async (trx) => {
    await bumpSolicitation(trx, id, row.version, { feedback, feedback_published_at: row.feedback_published_at ?? now }, now);
    await appendAudit(trx, ctx, actor, {
      action: 'solicitation.feedback',
      objectType: 'solicitation',
      objectId: id,
      orgPath: row.agency_path,
      summary: { republished: row.feedback_published_at !== null, shown: counts.shown, adopted: counts.adopted, partly: counts.partly, notAdopted: counts.notAdopted },
    });
  });
  return solicitationView(caller, id);
}

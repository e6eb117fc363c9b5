import crypto from 'node:crypto';
import type { StaffPrincipal } from '../accounts/index.js';
import { guardSubmission } from '../../shared/abuse.js';
import type { AppContext } from '../../shared/context.js';
import { conflict } from '../../shared/errors.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { contactKey } from '../messages/index.js';
import type { Adoption, CommentInput } from './participation.schemas.js';
import { findComment, findSolicitation, statusAt, type CommentRow } from './solicitations.repo.js';
import { managedSolicitation, requireClosed } from './solicitations.commands.js';

/**
 * Comments on a solicitation: a citizen's comment arrives pending; the office shows it or hides it with a
 * reason, and after closing records whether it was adopted. Decisions are fixed once the feedback is out.
 */

/**
 * A citizen's comment: only while open (`opens_at ≤ now < closes_at`), within the submission limits (429) and
 * with the challenge answered when asked (428). Stored as plain text, pending moderation.
 */
export async function submitComment(ctx: AppContext, actor: Actor, solicitationId: string, input: CommentInput, address: string): Promise<string> {
  const row = await findSolicitation(ctx, solicitationId);
  const status = statusAt(row, ctx.clock());
  if (status !== 'open') {
    throw conflict(status === 'upcoming' ? '意见征集尚未开始，暂不能提交意见' : '意见征集已结束，不再接受意见', 'not_open');
  }
  await guardSubmission(ctx, {
    kind: 'comment',
    address,
    // The same normalisation as messages': `138 0013 8000` and `+86 13800138000` are one contact.
    contactKey: input.contact ? contactKey(input.contact) : null,
    challengeToken: input.challengeToken,
    challengeAnswer: input.challengeAnswer,
  });
  const id = crypto.randomUUID();
  const now = ctx.clock().toISOString();
  const agency = await ctx.db.kysely.selectFrom('organisations').select('path').where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('solicitation_comments')
      .values({
        id,
        solicitation_id: row.id,
        name: input.name,
        contact: input.contact,
        address,
        content: input.content,
        state: 'pending',
        hidden_reason: null,
        moderated_by: null,
        moderated_at: null,
        adoption: null,
        adoption_reason: null,
        submitted_at: now,
        version: 1,
      })
      .execute();
    // No personal data in the audit record: the comment's id is enough to find it.
    await appendAudit(trx, ctx, actor, {
      action: 'solicitation.comment.submit',
      objectType: 'solicitation-comment',
      objectId: id,
      orgPath: agency.path,
      summary: { solicitationId: row.id },
    });
  });
  return id;
}

async function managedComment(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string) {
  const comment = await findComment(ctx, id);
  const { row, agency } = await managedSolicitation(ctx, principal, actor, comment.solicitation_id);
  if (row.feedback_published_at) throw conflict('采纳情况已公布，意见的审核和采纳决定不能再改', 'feedback_published');
  return { comment, row, agency };
}

/** Updates the comment if nobody changed it meanwhile (409 otherwise), with its audit record. */
async function changeComment(ctx: AppContext, actor: Actor, comment: CommentRow, orgPath: string, set: Partial<CommentRow>, action: string, summary: Record<string, unknown>) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('solicitation_comments')
      .set({ ...set, version: comment.version + 1 })
      .where('id', '=', comment.id)
      .where('version', '=', comment.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该意见已被他人处理，请刷新后重试', 'stale_version');
    await appendAudit(trx, ctx, actor, { action, objectType: 'solicitation-comment', objectId: comment.id, orgPath, summary });
  });
}

/** Shows a comment, or hides it with a reason (the schema requires one for hiding). */
export async function moderateComment(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string, decision: 'show' | 'hide', reason: string | null): Promise<void> {
  const { comment, row, agency } = await managedComment(ctx, principal, actor, id);
  const to = decision === 'show' ? 'shown' : 'hidden';
  await changeComment(
    ctx,
    actor,
    comment,
    agency.path,
    { state: to, hidden_reason: to === 'hidden' ? reason : null, moderated_by: actor.id ?? actor.name, moderated_at: ctx.clock().toISOString() },
    'solicitation.comment.moderate',
    { solicitationId: row.id, from: comment.state, to, reason },
  );
}

/** 采纳情况 of one shown comment, after closing. */
export async function recordAdoption(ctx: AppContext, principal: StaffPrincipal | null, actor: Actor, id: string, adoption: Adoption, reason: string): Promise<void> {
  const { comment, row, agency } = await managedComment(ctx, principal, actor, id);
  requireClosed(ctx, row, '作采纳决定');
  if (comment.state !== 'shown') throw conflict('只能对已显示的意见作采纳决定', 'invalid_state');
  await changeComment(ctx, actor, comment, agency.path, { adoption, adoption_reason: reason }, 'solicitation.comment.adoption', {
    solicitationId: row.id,
    before: comment.adoption,
    after: adoption,
  });
}

import crypto from 'node:crypto';
import { withTransaction } from '../../db/database.js';
import { guardSubmission } from '../../shared/abuse.js';
import { contactKey } from '../../shared/contact.js';
import { conflict } from '../../shared/errors.js';
import type { PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import type { Adoption, CommentInput } from './participation.schemas.js';
import { requireClosed } from './solicitations.commands.js';
import { managedSolicitation } from './solicitations.queries.js';
import { findComment, findSolicitation, statusAt, type CommentRow, type SolicitationWithAgency } from './solicitations.repo.js';

/**
 * Comments on a solicitation: a citizen's comment arrives pending; the office shows it or hides it with a
 * reason, and after closing records whether it was adopted. Decisions are fixed once the feedback is out.
 */

/**
 * A citizen's comment: only while open (`opens_at ≤ now < closes_at`), within the submission limits (429) and
 * with the challenge answered when asked (428). Stored as plain text, pending moderation; the address is the
 * caller's.
 */
export async function submitComment(caller: PublicCaller, solicitationId: string, input: CommentInput): Promise<{ id: string; state: 'pending' }> {
  const { ctx, actor } = caller;
  const address = actor.ip ?? 'unknown';
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
  await withTransaction(ctx.db, async (trx) => {
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
      orgPath: row.agency_path,
      summary: { solicitationId: row.id },
    });
  });
  return { id, state: 'pending' };
}

async function managedComment(caller: PublicCaller, id: string): Promise<{ comment: CommentRow; row: SolicitationWithAgency }> {
  const comment = await findComment(caller.ctx, id);
  const row = await managedSolicitation(caller, comment.solicitation_id);
  if (row.feedback_published_at) throw conflict('采纳情况已公布，意见的审核和采纳决定不能再改', 'feedback_published');
  return { comment, row };
}

/** Updates the comment if nobody changed it meanwhile (409 otherwise), with its audit record. */
async function changeComment(caller: PublicCaller, comment: CommentRow, orgPath: string, set: Partial<CommentRow>, action: string, summary: Record<string, unknown>): Promise<{ ok: true }> {
  await withTransaction(caller.ctx.db, async (trx) => {
    const done = await trx
      .updateTable('solicitation_comments')
      .set({ ...set, version: comment.version + 1 })
      .where('id', '=', comment.id)
      .where('version', '=', comment.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该意见已被他人处理，请刷新后重试', 'stale_version');
    await appendAudit(trx, caller.ctx, caller.actor, { action, objectType: 'solicitation-comment', objectId: comment.id, orgPath, summary });
  });
  return { ok: true };
}

/** Shows a comment, or hides it with a reason (the schema requires one for hiding). */
export async function moderateComment(caller: PublicCaller, id: string, decision: 'show' | 'hide', reason: string | null): Promise<{ ok: true }> {
  const { actor } = caller;
  const { comment, row } = await managedComment(caller, id);
  const to = decision === 'show' ? 'shown' : 'hidden';
  return changeComment(
    caller,
    comment,
    row.agency_path,
    { state: to, hidden_reason: to === 'hidden' ? reason : null, moderated_by: actor.id ?? actor.name, moderated_at: caller.ctx.clock().toISOString() },
    'solicitation.comment.moderate',
    { solicitationId: row.id, from: comment.state, to, reason },
  );
}

/** 采纳情况 of one shown comment, after closing. */
export async function recordAdoption(caller: PublicCaller, id: string, adoption: Adoption, reason: string): Promise<{ ok: true }> {
  const { comment, row } = await managedComment(caller, id);
  requireClosed(caller.ctx.clock(), row, '作采纳决定');
  if (comment.state !== 'shown') throw conflict('只能对已显示的意见作采纳决定', 'invalid_state');
  return changeComment(caller, comment, row.agency_path, { adoption, adoption_reason: reason }, 'solicitation.comment.adoption', {
    solicitationId: row.id,
    before: comment.adoption,
    after: adoption,
  });
}

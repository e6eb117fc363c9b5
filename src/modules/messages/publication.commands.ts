import { withTransaction } from '../../db/database.js';
import { conflict, validationFailed } from '../../shared/errors.js';
import { appendAudit } from '../audit/index.js';
import { detectPersonalData } from '../risk/index.js';
import { maskText } from '../risk/index.js';
import type { PublicCaller } from '../accounts/index.js';
import { recordEvent, requireAction } from './handling.commands.js';
import { loadMessage, messageByCode, messageDetail } from './message.queries.js';
import type { MessageDetail } from './messages.schemas.js';

/**
 * The public copy of a question and its answer: ID numbers, phones, cards, e-mail addresses masked by the
 * risk detectors, and the asker's own name wherever it appears reduced to its first character. Made when the
 * office publishes (Alaveteli #5966: redaction is checked before publishing, not at display time).
 */
export function maskForPublic(text: string, askerName: string | null): string {
  let out = maskText(text, detectPersonalData(text));
  const name = askerName?.trim();
  if (name && name.length >= 2) out = out.split(name).join(`${name[0]}${'*'.repeat(name.length - 1)}`);
  return out;
}

export interface PublishInput {
  publish: boolean;
  /** The office may edit the masked copy further (shorten, remove details the detectors cannot know). */
  title?: string | undefined;
  content?: string | undefined;
  reply?: string | undefined;
}

/** Publishes (or withdraws) an answered message in the public Q&A — only with the citizen's consent. */
export async function publishAnswer(d: PublicCaller, id: string, input: PublishInput): Promise<MessageDetail> {
  const m = await loadMessage(d.ctx, id);
  await requireAction(d, m, input.publish ? 'publish' : 'unpublish', {});
  const now = d.ctx.clock().toISOString();
  const values = input.publish
    ? {
        published_at: m.published_at ?? now,
        public_title: maskForPublic(input.title?.trim() || m.title, m.name),
        public_content: maskForPublic(input.content?.trim() || m.content, m.name),
        public_reply: maskForPublic(input.reply?.trim() || m.reply || '', m.name),
      }
    : { published_at: null, public_title: null, public_content: null, public_reply: null };
  await withTransaction(d.ctx.db, async (trx) => {
    const res = await trx.updateTable('messages').set({ ...values, updated_at: now, version: m.version + 1 }).where('id', '=', id).where('version', '=', m.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('留言已被他人处理，请刷新后重试', 'version_conflict');
    await recordEvent(trx, d, m, input.publish ? 'published' : 'unpublished', now);
    await appendAudit(trx, d.ctx, d.actor, { action: input.publish ? 'message.publish' : 'message.unpublish', objectType: 'message', objectId: id, orgPath: m.agency_path });
  });
  return messageDetail(d, id);
}

/** The citizen's one rating of the answer (1–5, an optional comment), by whoever holds the tracking code. */
export async function rateMessage(d: PublicCaller, trackingCode: string, rating: number, comment: string | undefined): Promise<{ rating: number }> {
  const m = await messageByCode(d.ctx, trackingCode);
  await requireAction(d, m, 'rate', {});
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw validationFailed({ rating: '请选择 1 至 5 分' });
  const now = d.ctx.clock().toISOString();
  await withTransaction(d.ctx.db, async (trx) => {
    const res = await trx
      .updateTable('messages')
      .set({ rating, rating_comment: comment?.trim() || null, rated_at: now, updated_at: now, version: m.version + 1 })
      .where('id', '=', m.id)
      .where('rating', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('您已评价过此答复，每条留言只能评价一次', 'already_rated');
    await recordEvent(trx, d, m, 'rated', now, { note: String(rating) });
    await appendAudit(trx, d.ctx, d.actor, { action: 'message.rate', objectType: 'message', objectId: m.id, orgPath: m.agency_path, summary: { rating } });
  });
  return { rating };
}

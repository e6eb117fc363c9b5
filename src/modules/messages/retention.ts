import { withTransaction } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { appendAudit, SYSTEM_ACTOR } from '../audit/index.js';
import { eraseCommentContacts } from '../participation/index.js';

/**
 * The retention setting (docs/adr/0014): once a message has been closed for the agency's `retention_days`, the
 * asker's name, contact, address and attachments are erased; the question, the answer and the history stay,
 * for statistics and the public record. Comments on solicitations closed that long ago lose their contact and
 * address the same way. Idempotent, so every instance may run it; one audit record per agency and run.
 */
export async function eraseExpiredPersonalData(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  const agencies = await ctx.db.kysely
    .selectFrom('interaction_settings as s')
    .innerJoin('organisations as a', 'a.id', 's.agency_id')
    .select(['s.agency_id', 's.retention_days', 'a.path'])
    .where('s.retention_days', 'is not', null)
    .execute();
  let erased = 0;
  for (const a of agencies) {
    const cutoff = new Date(now.getTime() - a.retention_days! * 86_400_000).toISOString();
    const at = now.toISOString();
    erased += await withTransaction(ctx.db, async (trx) => {
      const due = await trx
        .selectFrom('messages')
        .select('id')
        .where('agency_id', '=', a.agency_id)
        .where('erased_at', 'is', null)
        .where('closed_at', 'is not', null)
        .where('closed_at', '<', cutoff)
        .limit(1000)
        .execute();
      const ids = due.map((r) => r.id);
      if (ids.length) {
        await trx.deleteFrom('message_attachments').where('message_id', 'in', ids).execute();
        await trx.updateTable('messages').set({ name: null, contact: null, contact_key: null, address: null, erased_at: at }).where('id', 'in', ids).execute();
      }
      const commentCount = await eraseCommentContacts(trx, a.agency_id, cutoff);
      if (ids.length || commentCount) {
        await appendAudit(trx, ctx, SYSTEM_ACTOR, {
          action: 'interaction.retention',
          objectType: 'organisation',
          objectId: a.agency_id,
          orgPath: a.path,
          summary: { messages: ids.length, comments: commentCount, retentionDays: a.retention_days, closedBefore: cutoff },
        });
      }
      return ids.length;
    });
  }
  return erased;
}

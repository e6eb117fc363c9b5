import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { Job } from '../../shared/jobs.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { fireScheduledPublication } from './items.commands.js';

/**
 * Publishes every scheduled revision whose time has come. Safe to run on every instance at once: each
 * publication happens exactly once (the loser of a race gets a state conflict and skips the item).
 */
export async function publishDueItems(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock().toISOString();
  const due = await ctx.db.kysely
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.working_revision_id')
    .select('i.id')
    .where('r.state', '=', 'scheduled')
    .where('i.scheduled_at', '<=', now)
    .orderBy('i.scheduled_at')
    .limit(100)
    .execute();
  const published: string[] = [];
  for (const { id } of due) {
    try {
      await fireScheduledPublication(ctx, SYSTEM_ACTOR, id);
      published.push(id);
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
    }
  }
  return published;
}

/** Publishes the items whose time has come, every 5 seconds on every instance (each exactly once). */
export const scheduledPublishingJob: Job = {
  name: 'scheduled publishing',
  everyMs: 5_000,
  run: (ctx) => publishDueItems(ctx),
};

import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { Job } from '../../shared/jobs.js';
import { systemCaller } from '../accounts/index.js';
import { dueScheduledItems } from './items.queries.js';
import { fireScheduledPublication } from './workflow.commands.js';

/**
 * Publishes every scheduled revision whose time has come, as the system. Safe to run on every instance at once:
 * each publication happens exactly once (the loser of a race gets a state conflict and skips the item).
 */
export async function publishDueItems(ctx: AppContext): Promise<string[]> {
  const caller = systemCaller(ctx);
  const published: string[] = [];
  for (const id of await dueScheduledItems(ctx.db.kysely, ctx.clock().toISOString(), 100)) {
    try {
      await fireScheduledPublication(caller, id);
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

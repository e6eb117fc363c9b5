import { runBulk, type BulkResult } from '../../shared/bulk.js';
import type { PublicCaller } from '../accounts/index.js';
import { handlingSteps } from './handling.commands.js';
import { listedMessage, loadMessage } from './message.queries.js';
import type { ListedMessage } from './messages.schemas.js';

export interface BulkInput {
  action: 'assign' | 'reply';
  ids: string[];
  unitId?: string | undefined;
  /** For messages already with a unit: the reason they are moved (a reassignment is a transfer). */
  reason?: string | undefined;
  reply?: string | undefined;
}

/**
 * Bulk routing and reassignment (messages already with a unit are transferred, with the reason given) and bulk
 * reply (Decidim #12359, NYC OpenRecords #549), in the one bulk shape (shared/bulk.ts): each message is its own
 * transaction with its own checks and audit record, so one refusal does not undo the others; each succeeded
 * message answers its row of the inbox, each failed one the refusal.
 */
export async function bulkHandle(caller: PublicCaller, input: BulkInput): Promise<BulkResult<ListedMessage>> {
  return runBulk(input.ids, async (id) => {
    if (input.action === 'reply') await handlingSteps.reply(caller, id, { reply: input.reply ?? '' });
    else if ((await loadMessage(caller.ctx, id)).state === 'assigned') await handlingSteps.transfer(caller, id, input.unitId ?? '', input.reason ?? '');
    else await handlingSteps.assign(caller, id, input.unitId ?? '');
    return listedMessage(caller.ctx, id);
  });
}

import { AppError } from '../../shared/errors.js';
import type { PublicCaller } from '../accounts/index.js';
import { handlingSteps } from './handling.commands.js';
import { loadMessage } from './message.queries.js';

export interface BulkInput {
  action: 'assign' | 'reply';
  ids: string[];
  unitId?: string | undefined;
  /** For messages already with a unit: the reason they are moved (a reassignment is a transfer). */
  reason?: string | undefined;
  reply?: string | undefined;
}

export interface BulkResult {
  done: string[];
  failed: { id: string; message: string }[];
}

/**
 * Bulk routing and reassignment (messages already with a unit are transferred, with the reason given) and bulk reply (Decidim #12359, NYC OpenRecords #549): each message is its own transaction
 * with its own checks and audit record, so one refusal does not undo the others, and the answer lists both.
 */
export async function bulkHandle(d: PublicCaller, input: BulkInput): Promise<BulkResult> {
  const out: BulkResult = { done: [], failed: [] };
  for (const id of [...new Set(input.ids)]) {
    try {
      if (input.action === 'reply') await handlingSteps.reply(d, id, { reply: input.reply ?? '' });
      else if ((await loadMessage(d.ctx, id)).state === 'assigned') await handlingSteps.transfer(d, id, input.unitId ?? '', input.reason ?? '');
      else await handlingSteps.assign(d, id, input.unitId ?? '');
      out.done.push(id);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const detail = err.fields ? Object.values(err.fields).join('；') : '';
      out.failed.push({ id, message: detail || err.message });
    }
  }
  return out;
}

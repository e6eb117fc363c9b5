import { AppError } from '../../http/errors.js';
import { assignMessage, replyToMessage, type Deps } from './handling.commands.js';

export interface BulkInput {
  action: 'assign' | 'reply';
  ids: string[];
  unitId?: string | undefined;
  reply?: string | undefined;
}

export interface BulkResult {
  done: string[];
  failed: { id: string; message: string }[];
}

/**
 * Bulk reassignment and bulk reply (Decidim #12359, NYC OpenRecords #549): each message is its own transaction
 * with its own checks and audit record, so one refusal does not undo the others, and the answer lists both.
 */
export async function bulkHandle(d: Deps, input: BulkInput): Promise<BulkResult> {
  const out: BulkResult = { done: [], failed: [] };
  for (const id of [...new Set(input.ids)]) {
    try {
      if (input.action === 'assign') await assignMessage(d, id, input.unitId ?? '');
      else await replyToMessage(d, id, { reply: input.reply ?? '' });
      out.done.push(id);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const detail = err.fields ? Object.values(err.fields).join('；') : '';
      out.failed.push({ id, message: detail || err.message });
    }
  }
  return out;
}

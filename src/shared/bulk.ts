import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * The one answer of a bulk action (items, messages, and whatever comes): each id is its own transaction with its
 * own checks and audit record, so one refusal does not undo the others, and the answer lists every outcome in the
 * order asked, with counts.
 */
export type BulkOutcome<V> = { id: string; ok: true; result: V } | { id: string; ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

export interface BulkResult<V> {
  results: BulkOutcome<V>[];
  succeeded: number;
  failed: number;
}

/** The answer's schema, for a route's `responses` (the OpenAPI document): every outcome with `result` as `view`. */
export function bulkResultSchema<V extends z.ZodType>(view: V) {
  const error = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() });
  return z.object({
    results: z.array(z.discriminatedUnion('ok', [z.object({ id: z.string(), ok: z.literal(true), result: view }), z.object({ id: z.string(), ok: z.literal(false), error })])),
    succeeded: z.number().int(),
    failed: z.number().int(),
  });
}

/**
 * Runs `one` for each distinct id in turn. A refusal the client can act on (a 4xx AppError) becomes that id's
 * failure; anything else (a 5xx, a bug) stops the batch and is thrown, as the remaining ids are then unsafe to run.
 */
export async function runBulk<V>(ids: readonly string[], one: (id: string) => Promise<V>): Promise<BulkResult<V>> {
  const results: BulkOutcome<V>[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      results.push({ id, ok: true, result: await one(id) });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ id, ok: false, error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

import { failureLog, repeatInBackground, type FailureLog } from './background.js';
import type { AppContext } from './context.js';

/**
 * Work a module runs on its own schedule on every instance (reminders, mail delivery, scheduled publication,
 * housekeeping). Each run must be safe on several instances at once (claims, unique keys, idempotent deletes).
 */
export interface Job {
  name: string;
  everyMs: number;
  /** The first run this soon after start instead of after `everyMs`. */
  firstAfterMs?: number;
  /** One run. A failure of one part that must not stop the rest (one mail of many) goes to `log`. */
  run(ctx: AppContext, log: FailureLog): Promise<unknown>;
  /** Releases what the runs kept open (a mail transport) when the jobs stop. */
  stop?(ctx: AppContext): void;
}

/** Starts every module's jobs on this instance; failures are logged (never thrown). Returns the stop. */
export function startJobs(
  ctx: AppContext,
  modules: readonly { jobs?: readonly Job[] }[],
  /** Tests run the jobs faster and collect their failures. */
  options: { everyMs?: number; log?: FailureLog } = {},
): () => void {
  const jobs = modules.flatMap((m) => m.jobs ?? []);
  const stops = jobs.map((job) => {
    const log = options.log ?? failureLog(job.name);
    const everyMs = options.everyMs ?? job.everyMs;
    const firstAfterMs = job.firstAfterMs !== undefined ? Math.min(job.firstAfterMs, everyMs) : undefined;
    return repeatInBackground(job.name, everyMs, () => job.run(ctx, log), { log, ...(firstAfterMs !== undefined ? { firstAfterMs } : {}) });
  });
  return () => {
    for (const stop of stops) stop();
    for (const job of jobs) job.stop?.(ctx);
  };
}

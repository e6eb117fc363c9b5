import { inspect } from 'node:util';

/**
 * Work that runs apart from any request (timers, jobs, write-behind counters). A rejected promise nobody awaits
 * ends a Node process, so every background task goes through here: each failure is caught and logged, and
 * nothing here ever throws. Timers are unref'd, so they never keep a stopping process alive.
 */

/** The part of the app's (pino) logger used here. */
export interface BackgroundLogger {
  error(obj: object, msg: string): void;
}

export type FailureLog = (err: unknown) => void;

/** Until an application sets its own, failures go to stderr as a JSON line, never nowhere. */
const stderrLogger: BackgroundLogger = {
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg, ...describe(obj) })}\n`),
};
let logger: BackgroundLogger = stderrLogger;

/**
 * The process's sink for background failures (buildApp points it at the app's logger). Process-wide like the
 * timers it serves; with several applications in one process (tests) the last one built receives them.
 */
export function setBackgroundLogger(next: BackgroundLogger | null): void {
  logger = next ?? stderrLogger;
}

/** The failure log of a named task: an error line with the task's name and the error. It never throws. */
export function failureLog(task: string): FailureLog {
  return (err) => {
    try {
      logger.error({ err, task }, `${task} failed`);
    } catch {
      // A broken logger must not turn a logged failure into an unhandled one.
    }
  };
}

/** Runs `work` once, now, in the background; the promise resolves when it is done and never rejects. */
export async function runInBackground(task: string, work: () => Promise<unknown>, log: FailureLog = failureLog(task)): Promise<void> {
  try {
    await work();
  } catch (err) {
    log(err);
  }
}

/** Runs `work` once after `ms`; clearTimeout on the returned timer cancels it. */
export function laterInBackground(task: string, ms: number, work: () => Promise<unknown>, log?: FailureLog): NodeJS.Timeout {
  return setTimeout(() => void runInBackground(task, work, log), ms).unref();
}

/**
 * Runs `work` every `everyMs` (first after `firstAfterMs`, default `everyMs`), never two runs at once on this
 * instance, until the returned stop.
 */
export function repeatInBackground(
  task: string,
  everyMs: number,
  work: () => Promise<unknown>,
  options: { firstAfterMs?: number; log?: FailureLog } = {},
): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void runInBackground(task, work, options.log).finally(() => {
      running = false;
    });
  };
  const first = options.firstAfterMs !== undefined ? setTimeout(run, options.firstAfterMs).unref() : undefined;
  const timer = setInterval(run, everyMs).unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * The serve command's last resort: a rejection that escaped every handler is logged and the server keeps
 * serving (Node would otherwise end the process, taking every citizen's request with it for one stray
 * promise). An uncaught exception still ends it, as the process's state is then unknown. Returns the remover.
 */
export function logUnhandledRejections(log: BackgroundLogger): () => void {
  const onRejection = (reason: unknown) => {
    try {
      log.error({ err: reason }, 'unhandled promise rejection');
    } catch {
      // nothing left to tell
    }
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}

function describe(obj: object): object {
  const { err, ...rest } = obj as { err?: unknown };
  if (err === undefined) return rest;
  return { ...rest, err: err instanceof Error ? { type: err.name, message: err.message, stack: err.stack } : inspect(err) };
}

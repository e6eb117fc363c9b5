import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createAppContext } from '../http/context.js';
import type { AppContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';

export type Config = AppContext['config'];

/** A failure the operator can act on: printed as one line, exit code 1. */
export class CliError extends Error {}

/** One command of `gongkai`: its name (the first word), its lines of the usage text, and what it does. */
export interface CliCommand {
  name: string;
  usage: readonly string[];
  /** `args` are the words after the command's name. */
  run(config: Config, args: string[]): Promise<void>;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Runs a command against the (migrated) database. With REDIS_URL set, the command's domain events reach running
 * servers, so a unit added here shows on the portal at once.
 */
export async function withDb<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const db = openDatabase(config.databaseUrl);
  const ctx = createAppContext({
    db,
    config,
    onAuditError: (err, message) => console.warn(`warning: ${message} (${err instanceof Error ? err.message : String(err)})`),
  });
  try {
    await migrate(db);
    if (config.redisUrl) {
      await ctx.events.connect(config.redisUrl).catch(async (err: unknown) => {
        await ctx.events.close().catch(() => undefined);
        console.warn(`warning: Redis unreachable, running servers learn of this change within 10 minutes (${String(err)})`);
      });
    }
    return await fn(ctx);
  } finally {
    // What the command appended is checkpointed outside the database before it ends.
    await ctx.auditSeal.close();
    await ctx.events.close();
    await db.close();
  }
}

/** One line on stderr: the message of an expected failure, or the first field error of bad input. */
export function describeFailure(err: unknown): string {
  if (err instanceof AppError) {
    const fields = err.fields ? Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : '';
    return fields ? `${err.message} (${fields})` : err.message;
  }
  if (err instanceof Error) return err.message.split('\n')[0]!;
  return String(err);
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Redis } from 'ioredis';
import type { AuditSettings } from '../../config.js';
import type { Db } from '../../db/database.js';
import { laterInBackground, repeatInBackground } from '../../shared/background.js';
import { auditKey, checkpointLine, sealedHash, type AuditKey } from './chain.js';

/** The audit key is missing or unreadable: an operator's problem, reported in one line. */
export class AuditKeyError extends Error {}

const KEY_BYTES = 32;

/** The key from AUDIT_KEY, else from the key file, which is created (0600) when `create` and missing. */
export function loadAuditKey(settings: AuditSettings, create: boolean): AuditKey {
  if (settings.key) return auditKey(Buffer.from(settings.key, 'base64'));
  const file = settings.keyFile;
  if (create && !fs.existsSync(file)) createKeyFile(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : String(err);
    throw new AuditKeyError(`audit key ${file}: ${why} (set AUDIT_KEY_FILE or AUDIT_KEY to the key the servers use)`);
  }
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length < KEY_BYTES || !/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    throw new AuditKeyError(`audit key ${file}: not a base64 key of at least ${KEY_BYTES} bytes`);
  }
  return auditKey(secret);
}

/**
 * Writes a fresh key beside the target and links it into place: link() fails if the file exists, so of several
 * instances starting together on a shared DATA_DIR exactly one key wins, and nobody reads a half-written file.
 */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, crypto.randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface SealOptions {
  settings: AuditSettings;
  db: Db;
  clock: () => Date;
  redisUrl?: string | undefined;
  /** Where failures of background checkpoint writes go: they are logged, never thrown. */
  onError: (err: unknown, message: string) => void;
}

/** How many checkpoints Redis keeps per key; the file keeps them all. */
const REDIS_KEEP = 10_000;

/**
 * The audit log's custody outside the database: the HMAC key, and the checkpoint log where the chain's head is
 * written now and then (docs/adr/0006-audit-log.md). Appends only count; a timer or a burst of appends writes
 * the committed head as one O_APPEND line, so several instances can share the file and the hot path stays cheap.
 */
export class AuditSeal {
  private cached: AuditKey | undefined;
  private stopTimer: (() => void) | undefined;
  private sinceCheckpoint = 0;
  private highestAppended = 0;
  private checkpointed = 0;
  private running: Promise<void> | undefined;
  private retries = 0;
  private closed = false;
  private redis: Redis | undefined;

  constructor(private readonly options: SealOptions) {}

  /** The key for sealing; created on first use when missing (first start of a new deployment). */
  key(): AuditKey {
    return (this.cached ??= loadAuditKey(this.options.settings, true));
  }

  /** The key for verifying: never created, since a new key could only call every sealed record altered. */
  existingKey(): AuditKey {
    return (this.cached ??= loadAuditKey(this.options.settings, false));
  }

  /** Loads (or creates) the key, anchors the current head, and checkpoints every few seconds while appends come. */
  start(): void {
    this.key();
    this.stopTimer = repeatInBackground('audit checkpoint', this.options.settings.checkpointSeconds * 1000, async () => {
      if (this.highestAppended > this.checkpointed) await this.checkpoint();
    });
    void this.checkpoint();
  }

  /** Called by appenders (inside their transaction): counts only, so appending costs no I/O. */
  appended(lastSeq: number, count: number): void {
    this.highestAppended = Math.max(this.highestAppended, lastSeq);
    this.sinceCheckpoint += count;
    if (this.sinceCheckpoint >= this.options.settings.checkpointRecords) {
      this.sinceCheckpoint = 0;
      this.retries = 0;
      this.afterCommit();
    }
  }

  /**
   * The appender's transaction commits after appended() returns: the checkpoint reads the committed head a
   * moment later and, while that is behind what was appended, tries again a few times (then the timer does).
   */
  private afterCommit(): void {
    laterInBackground('audit checkpoint', 20 * 2 ** this.retries, async () => {
      if (this.closed) return;
      await this.checkpoint();
      if (this.highestAppended > this.checkpointed && ++this.retries < 5) this.afterCommit();
    });
  }

  /**
   * Writes the given head (verified by the caller) or the database's current head to the checkpoint log.
   * Never throws: a failed write is reported to onError and the next one tries again.
   */
  checkpoint(head?: { seq: number; hash: string }): Promise<void> {
    if (!head && this.running) return this.running;
    const run = this.write(head).catch((err: unknown) => this.options.onError(err, 'audit checkpoint failed'));
    if (!head) this.running = run.finally(() => (this.running = undefined));
    return run;
  }

  private async write(given?: { seq: number; hash: string }): Promise<void> {
    this.sinceCheckpoint = 0;
    const key = this.key();
    const head = given ?? (await this.sealedHead(key));
    if (!head) return;
    const line = checkpointLine(key, head, this.options.clock().toISOString());
    const file = this.options.settings.checkpointFile;
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // One write of one short line with O_APPEND: lines of several instances never interleave (local file systems).
    await fs.promises.appendFile(file, line + '\n', { mode: 0o600, flag: 'a' });
    this.checkpointed = Math.max(this.checkpointed, head.seq);
    if (this.options.redisUrl) await this.pushToRedis(key, line);
  }

  /** The committed head, if its seal holds: a head already tampered with is reported, never vouched for. */
  private async sealedHead(key: AuditKey): Promise<{ seq: number; hash: string } | undefined> {
    const head = await this.options.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (!head || head.seq <= this.checkpointed) return undefined;
    if (head.key_id !== null && (head.key_id !== key.id || sealedHash(key, head) !== head.hash)) {
      throw new Error(`audit record ${head.seq} does not match its seal: not checkpointed (run gongkai audit verify)`);
    }
    return { seq: head.seq, hash: head.hash };
  }

  private redisKey(key: AuditKey): string {
    return `gongkai:audit:checkpoints:${key.id}`;
  }

  private client(): Redis {
    if (!this.redis) {
      this.redis = new Redis(this.options.redisUrl!, { maxRetriesPerRequest: 1, lazyConnect: true });
      // Errors surface through the commands, which report them; ioredis reconnects by itself.
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  private async pushToRedis(key: AuditKey, line: string): Promise<void> {
    await this.client().multi().rpush(this.redisKey(key), line).ltrim(this.redisKey(key), -REDIS_KEEP, -1).exec();
  }

  /** Every checkpoint line of the file and, with Redis, of Redis; an unreachable Redis is reported and skipped. */
  async readCheckpoints(key: AuditKey): Promise<string[]> {
    const lines: string[] = [];
    try {
      const input = fs.createReadStream(this.options.settings.checkpointFile, 'utf8');
      for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) if (line.trim()) lines.push(line);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (this.options.redisUrl) {
      try {
        lines.push(...(await this.client().lrange(this.redisKey(key), 0, -1)));
      } catch (err) {
        this.options.onError(err, 'audit checkpoints in Redis unreadable: verified against the file only');
      }
    }
    return lines;
  }

  /** Stops the timer and anchors what was appended since the last checkpoint (shutdown). */
  async close(): Promise<void> {
    this.stopTimer?.();
    this.closed = true;
    if (this.highestAppended > this.checkpointed) await this.checkpoint();
    await this.running;
    this.redis?.disconnect();
    this.redis = undefined;
  }
}

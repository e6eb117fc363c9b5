import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Queryable } from '../../db/database.js';

export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

export interface Received {
  key: string;
  tmpPath: string;
  size: number;
  sha256: string;
}

/**
 * Files of attachments under `<dataDir>/attachments/<first two hex digits>/<uuid>`: never the uploader's
 * name on disk. A file is written to a temporary name in its final directory and renamed when accepted, so
 * a reader never sees half a file; it is deleted only when no row refers to its key any more.
 */
export class AttachmentStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'attachments');
  }

  static newKey(): string {
    return crypto.randomUUID().replaceAll('-', '');
  }

  pathOf(key: string): string {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  private async tmpFor(key: string): Promise<string> {
    const dir = path.dirname(this.pathOf(key));
    await fs.promises.mkdir(dir, { recursive: true });
    return path.join(dir, `.${key}.${process.pid}.tmp`);
  }

  /** Streams an upload to a temporary file, hashing and counting; more than `limit` bytes throws TooLarge and leaves nothing. */
  async receive(source: Readable, limit: number): Promise<Received> {
    const key = AttachmentStore.newKey();
    const tmpPath = await this.tmpFor(key);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) return done(new TooLarge(limit));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o640 }));
    } catch (err) {
      await fs.promises.rm(tmpPath, { force: true });
      // Drain what is left of the part so the multipart parser can finish the request.
      if (!source.destroyed) source.resume();
      throw err;
    }
    return { key, tmpPath, size, sha256: hash.digest('hex') };
  }

  /** Writes bytes already in memory (images inside a .docx) under a new key. */
  async put(bytes: Buffer): Promise<{ key: string; sha256: string }> {
    const key = AttachmentStore.newKey();
    const tmpPath = await this.tmpFor(key);
    await fs.promises.writeFile(tmpPath, bytes, { flag: 'wx', mode: 0o640 });
    await fs.promises.rename(tmpPath, this.pathOf(key));
    return { key, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
  }

  async accept(received: Received): Promise<void> {
    await fs.promises.rename(received.tmpPath, this.pathOf(received.key));
  }

  async discardTmp(received: Received): Promise<void> {
    await fs.promises.rm(received.tmpPath, { force: true });
  }

  /** Removes a stored file that no committed row refers to (a failed transaction's, or the last reference gone). */
  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async removeIfUnreferenced(q: Queryable, keys: Iterable<string>): Promise<void> {
    for (const key of new Set(keys)) {
      if (!(await isReferenced(q, key))) await this.remove(key);
    }
  }

  /**
   * Deletes files that no row refers to and temporary files, older than `graceMs` (a crash between storing a
   * file and committing its row leaves one behind). For a housekeeping job; returns how many went.
   */
  async sweep(q: Queryable, now: Date, graceMs = 24 * 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const dirs = await fs.promises.readdir(this.root).catch(() => [] as string[]);
    for (const dir of dirs.filter((d) => /^[0-9a-f]{2}$/.test(d))) {
      for (const name of await fs.promises.readdir(path.join(this.root, dir))) {
        const file = path.join(this.root, dir, name);
        const stat = await fs.promises.stat(file).catch(() => null);
        if (!stat?.isFile() || now.getTime() - stat.mtimeMs < graceMs) continue;
        const isKey = /^[0-9a-f]{32}$/.test(name) && name.startsWith(dir);
        if (isKey && (await isReferenced(q, name))) continue;
        await fs.promises.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

/** A stored file is in use while an item's or a citizen's message's attachment row names it. */
async function isReferenced(q: Queryable, key: string): Promise<boolean> {
  const item = await q.selectFrom('item_attachments').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst();
  if (item) return true;
  const message = await q.selectFrom('message_attachments').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst();
  return !!message;
}

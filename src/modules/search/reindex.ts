/**
 * Rebuilding the whole index (`gongkai search reindex`, and at start when INDEX_VERSION changed). Items are
 * re-indexed in batches, each in its own short transaction, so a running server keeps serving and keeps
 * indexing its own changes in between: a batch reads the items as they are when it runs, and a later change
 * re-indexes that item again in its own transaction. Documents of items that no longer exist are removed last.
 */
import { sql } from 'kysely';
import type { Db, Queryable } from '../../db/database.js';
import { countItems, existingItemIds, itemIdsAfter } from '../publishing/index.js';
import { INDEX_VERSION, syncSearchIndex } from './indexer.js';

export interface ReindexProgress {
  done: number;
  total: number;
}

const BATCH = 500;

export async function reindexAll(db: Db, onProgress: (p: ReindexProgress) => void = () => {}, clock: () => Date = () => new Date()): Promise<ReindexProgress> {
  const total = await countItems(db.kysely);
  let done = 0;
  let after = '';
  onProgress({ done, total });
  for (;;) {
    const ids = await itemIdsAfter(db.kysely, after, BATCH);
    if (ids.length === 0) break;
    await db.kysely.transaction().execute((trx) => syncSearchIndex(trx, db.dialect, ids, clock().toISOString()));
    done += ids.length;
    after = ids[ids.length - 1]!;
    onProgress({ done, total: Math.max(total, done) });
  }
  await db.kysely.transaction().execute(async (trx) => {
    const indexed = (await trx.selectFrom('search_documents').select('item_id').distinct().execute()).map((r) => r.item_id);
    const existing = await existingItemIds(trx, indexed);
    const orphans = indexed.filter((id) => !existing.has(id));
    if (orphans.length) await syncSearchIndex(trx, db.dialect, orphans, clock().toISOString());
    await setIndexVersion(trx, INDEX_VERSION);
  });
  if (db.dialect === 'sqlite') await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(db.kysely);
  else await sql`ANALYZE search_documents`.execute(db.kysely);
  return { done, total: Math.max(total, done) };
}

async function setIndexVersion(q: Queryable, version: string): Promise<void> {
  await q
    .insertInto('search_meta')
    .values({ key: 'version', value: version })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: version }))
    .execute();
}

/** True when the index was built by another version of the tokenisation (or never) and items exist. */
export async function indexIsStale(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('search_meta').select('value').where('key', '=', 'version').executeTakeFirst();
  if (row?.value === INDEX_VERSION) return false;
  if ((await countItems(db.kysely)) === 0) {
    await setIndexVersion(db.kysely, INDEX_VERSION);
    return false;
  }
  return true;
}

import crypto from 'node:crypto';
import type { Db } from '../db/database.js';

const cache = new WeakMap<Db, Map<string, Promise<Buffer>>>();

/**
 * A key shared by every instance (HMAC of challenges and form tokens): made at first use and kept in
 * `app_secrets`. Two instances racing to make it both read back the one that was inserted first.
 */
export function appSecret(db: Db, name: string): Promise<Buffer> {
  let byName = cache.get(db);
  if (!byName) cache.set(db, (byName = new Map<string, Promise<Buffer>>()));
  let entry = byName.get(name);
  if (!entry) {
    entry = (async () => {
      await db.kysely
        .insertInto('app_secrets')
        .values({ name, value: crypto.randomBytes(32).toString('base64') })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.kysely.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64');
    })();
    entry.catch(() => byName.delete(name));
    byName.set(name, entry);
  }
  return entry;
}

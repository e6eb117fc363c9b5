import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database. */
  open(): Promise<Db & { url: string }>;
}

const PG_URL = process.env.TEST_DATABASE_URL;

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it, so nothing is skipped there). */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', open: openSqlite }];
  if (PG_URL) list.push({ name: 'postgres', open: openPostgres });
  else if (!warned) {
    warned = true;
    console.warn('TEST_DATABASE_URL is not set: the PostgreSQL suites are skipped (CI sets it).');
  }
  return list;
}
let warned = false;

async function openSqlite(): Promise<Db & { url: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
  const url = path.join(dir, 'test.db');
  const db = openDatabase(url);
  await migrate(db);
  return {
    ...db,
    url,
    close: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each PostgreSQL test database is a schema of its own in the test database, dropped afterwards. */
async function openPostgres(): Promise<Db & { url: string }> {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = openDatabase(PG_URL!, { schema, poolSize: 5 });
  await migrate(db);
  const url = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    ...db,
    url,
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Tx = Transaction<Database>;
export type Queryable = Kysely<Database> | Tx;

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (counts, sums, bigint columns) arrives as a string from pg; every value we keep fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
// Numeric stays exact text from pg; we turn it into a number in the repos that need one.

export interface OpenOptions {
  /** PostgreSQL schema to use instead of public (test isolation). */
  schema?: string;
  poolSize?: number;
}

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(url), { recursive: true });
  const sqlite = new SqliteDatabase(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache instead of 2: full-text queries and the rows they join stay in memory (docs/adr/0013).
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/** How many prepared statements one SQLite connection keeps (by SQL text, least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing is a tenth of the CPU of a short write such as a citizen's
 * message. The queries of the application are few and fixed, so the connection keeps them prepared. Statements
 * are only run with all()/run() (never iterated), so one can serve every later use of the same SQL.
 */
function withStatementCache(db: InstanceType<typeof SqliteDatabase>) {
  const cache = new Map<string, ReturnType<typeof db.prepare>>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: they take the write lock at once and wait (busy_timeout)
 * for another process's writer — the command line beside a running server — instead of failing with
 * "database is locked" when a deferred reader tries to become a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/**
 * Runs `fn` in a transaction. On PostgreSQL the transaction can take a named advisory lock
 * so that work which must be serial across app instances (the audit chain) is.
 */
export async function withTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(fn);
}

/** Serialises writers of one resource until the transaction ends (no-op on SQLite, whose writers are serial). */
export async function lockForTransaction(trx: Tx, dialect: Dialect, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Text to put inside a LIKE pattern, without the characters LIKE would read as wildcards or escapes: SQLite has
 * no default escape character, so they are dropped rather than escaped (on both engines alike).
 */
export function withoutLikeWildcards(text: string): string {
  return text.replace(/[%_\\]/g, '');
}

import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db, Dialect } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_calendar.js';
import * as m0003 from './migrations/0003_publishing.js';
import * as m0004 from './migrations/0004_attachments.js';
import * as m0005 from './migrations/0005_publishing_checks.js';
import * as m0006 from './migrations/0006_item_extra_fields.js';
import * as m0007 from './migrations/0007_index_template.js';
import * as m0008 from './migrations/0008_search.js';
import * as m0009 from './migrations/0009_interaction.js';
import * as m0010 from './migrations/0010_account_security.js';
import * as m0011 from './migrations/0011_audit_keyed_chain.js';
import * as m0012 from './migrations/0012_revision_contributors.js';

/** Migrations in order. One list for both engines; a migration branches on the dialect where DDL differs. */
const MIGRATIONS: Record<string, { up: (db: import('kysely').Kysely<unknown>, dialect: Dialect) => Promise<void> }> = {
  '0001_foundation': m0001,
  '0002_calendar': m0002,
  '0003_publishing': m0003,
  '0004_attachments': m0004,
  '0005_publishing_checks': m0005,
  '0006_item_extra_fields': m0006,
  '0007_index_template': m0007,
  '0008_search': m0008,
  '0009_interaction': m0009,
  '0010_account_security': m0010,
  '0011_audit_keyed_chain': m0011,
  '0012_revision_contributors': m0012,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => m.up(db, this.dialect) };
    }
    return out;
  }
}

export interface MigrateResult {
  applied: string[];
}

export async function migrate(db: Db): Promise<MigrateResult> {
  // Named explicitly: Kysely would otherwise find another schema's migration tables on the same server.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(db.dialect),
    migrationTableName: 'gongkai_migrations',
    migrationLockTableName: 'gongkai_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Keyed audit chain (docs/adr/0006-audit-log.md): each record names the HMAC key that sealed it. Records from
 * before this migration keep null — they were chained with plain SHA-256 and are verified that way; the first
 * sealed record covers their tail hash, so rewriting them is still detected.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // A nullable column without a default: neither engine rewrites rows, so the append-only triggers are not fired.
  await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** An agency's own 索引号 format (docs/product.md M3: configurable, default `{orgCode}/{YYYY}-{serial:05}`). */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('index_template', 'text').execute();
}

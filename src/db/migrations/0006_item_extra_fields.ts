import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Values of a category's extra metadata fields (docs/product.md M2), kept with each revision. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('item_revisions').addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}

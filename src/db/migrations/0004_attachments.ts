import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Attachments of item revisions (docs/adr/0011-attachments.md). An attachment keeps its id across the revisions
 * it is carried into, so links in a body (`/attachments/<id>/<name>`) survive a new revision: the key is
 * (revision_id, id). The stored file is shared by every row with the same storage_key.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('item_attachments')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('revision_id', 'text', (c) => c.notNull().references('item_revisions.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('upload'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_attachments_pk', ['revision_id', 'id'])
    .execute();
  await db.schema.createIndex('item_attachments_id').on('item_attachments').column('id').execute();
  await db.schema.createIndex('item_attachments_item').on('item_attachments').column('item_id').execute();
  await db.schema.createIndex('item_attachments_storage').on('item_attachments').column('storage_key').execute();
}

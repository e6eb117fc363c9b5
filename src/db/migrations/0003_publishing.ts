import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** The disclosure catalog, items with their revisions, index-number counters and review records. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // The working copy of an agency's catalog; the public sees the latest published snapshot.
  await db.schema
    .createTable('catalog_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('responsible_unit_id', 'text')
    .addColumn('disclosure_mode', 'text', (c) => c.notNull().defaultTo('proactive'))
    .addColumn('update_interval', 'text')
    .addColumn('extra_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_categories_code', ['agency_id', 'code'])
    .execute();

  await db.schema
    .createTable('catalog_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_versions_version', ['agency_id', 'version'])
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('index_number', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('live_revision_id', 'text')
    .addColumn('working_revision_id', 'text')
    .addColumn('interprets_item_id', 'text')
    .addColumn('author_id', 'text')
    .addColumn('published_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('items_index_number', ['agency_id', 'index_number'])
    .addUniqueConstraint('items_source_key', ['agency_id', 'source_key'])
    .execute();
  await db.schema.createIndex('items_public').on('items').columns(['agency_id', 'state', 'category_code', 'published_at']).execute();
  await db.schema.createIndex('items_unit').on('items').columns(['unit_id', 'state']).execute();
  await db.schema.createIndex('items_scheduled').on('items').columns(['state', 'scheduled_at']).execute();

  await db.schema
    .createTable('item_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision_no', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('issuing_organ', 'text')
    .addColumn('written_at', 'text')
    .addColumn('formed_at', 'text')
    .addColumn('topic', 'text')
    .addColumn('genre', 'text')
    .addColumn('disclosure', 'text', (c) => c.notNull().defaultTo('proactive'))
    .addColumn('exemption_code', 'text')
    .addColumn('validity', 'text', (c) => c.notNull().defaultTo('valid'))
    .addColumn('validity_date', 'text')
    .addColumn('replaced_by_item_id', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('change_note', 'text')
    .addColumn('reject_comment', 'text')
    .addColumn('author_id', 'text')
    .addColumn('unit_reviewed_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('item_revisions_no', ['item_id', 'revision_no'])
    .execute();

  await db.schema
    .createTable('index_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_counters_pk', ['agency_id', 'year'])
    .execute();

  // Each review decision with its reasons: the printable 保密审查 record is built from these.
  await db.schema
    .createTable('item_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reviewer_id', 'text')
    .addColumn('reviewer_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('item_reviews_item').on('item_reviews').column('item_id').execute();
}

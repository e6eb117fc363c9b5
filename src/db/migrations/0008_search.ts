import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The search index (docs/adr/0013-search.md). One row per searchable version of an item — its live revision
 * (`kind` 'live', what the public sees) and its working revision (`kind` 'draft', for staff whose policy covers
 * the unit). Facet values and the plain text for snippets live in `search_documents`; the tokens (grams.ts) live
 * in an FTS5 table on SQLite and in a weighted tsvector with a GIN index on PostgreSQL.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('doc_id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('doc_key', 'text', (c) => c.notNull().unique())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('revision_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('organ', 'text')
    .addColumn('genre', 'text')
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('sort_at', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('doc_number_key', 'text')
    .addColumn('index_number', 'text')
    .addColumn('summary', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_documents_item').on('search_documents').column('item_id').execute();
  await db.schema.createIndex('search_documents_number').on('search_documents').column('doc_number_key').execute();
  await db.schema.createIndex('search_documents_agency_sort').on('search_documents').columns(['agency_id', 'sort_at']).execute();
  await db.schema.createIndex('search_documents_sort').on('search_documents').column('sort_at').execute();

  if (dialect === 'postgres') {
    await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
    // Documents too long for tsvector positions keep their token stream, to check phrases by text (ADR 0013).
    await sql`ALTER TABLE search_documents ADD COLUMN norm text`.execute(db);
    await sql`CREATE INDEX search_documents_tsv_long ON search_documents USING gin (tsv) WHERE norm IS NOT NULL`.execute(db);
  } else {
    // Contentless: the text is in search_documents already; contentless_delete lets a re-index replace rows.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, number, organ, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }

  // Search analytics: counts per agency, day and normalised query; nothing about who asked (docs/product.md M4).
  await db.schema
    .createTable('search_query_stats')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('zero_results', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('search_query_stats_pk', ['agency_id', 'day', 'query'])
    .execute();
  await db.schema.createIndex('search_query_stats_day').on('search_query_stats').columns(['agency_id', 'day']).execute();

  // Which version of the tokenisation the index was built with: a newer release re-indexes at start.
  await db.schema
    .createTable('search_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Search key of 发文字号, the Art. 26 timeliness of publication, and the sensitive-word lists of the risk scan. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('item_revisions').addColumn('doc_number_key', 'text').execute();
  await db.schema.createIndex('item_revisions_doc_number_key').on('item_revisions').column('doc_number_key').execute();
  // 规章 / 规范性文件: publishing one without a 政策解读 warns (docs/product.md M3).
  await db.schema.alterTable('item_revisions').addColumn('policy_kind', 'text').execute();
  // Set at first publication: the 20-working-day limit from formed/changed date, and whether it was missed.
  await db.schema.alterTable('items').addColumn('timeliness_due', 'text').execute();
  await db.schema.alterTable('items').addColumn('late', 'integer').execute();

  await db.schema
    .createTable('sensitive_words')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // '*' for every agency, otherwise the agency's id
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sensitive_words_scope_word', ['scope', 'word'])
    .execute();
}

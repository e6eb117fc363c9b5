import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Citizen interaction and participation (docs/product.md M5, docs/adr/0014-interaction.md): messages with their
 * handling history, reply templates, the FAQ, opinion solicitations with their comments, the mail outbox
 * that every notification passes through, and single-use challenge answers.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // Per-agency settings; absent row = the defaults in messages/limits.ts.
  await db.schema
    .createTable('interaction_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    /** JSON {consultation: 5, …}: reply limits in working days per message type. */
    .addColumn('reply_limits', 'text', (c) => c.notNull())
    .addColumn('review_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_soon_days', 'integer', (c) => c.notNull())
    /** Days after a message is closed before its contact details and address are erased; null = kept. */
    .addColumn('retention_days', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    /** The contact normalised (lower case, digits only for phones): the key of the per-contact limit. */
    .addColumn('contact_key', 'text')
    .addColumn('address', 'text')
    .addColumn('public_consent', 'integer', (c) => c.notNull())
    .addColumn('correction_item_id', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_date', 'text', (c) => c.notNull())
    .addColumn('deadline_id', 'text')
    .addColumn('due_date', 'text')
    .addColumn('draft_reply', 'text')
    .addColumn('draft_by', 'text')
    .addColumn('reply', 'text')
    .addColumn('reply_unit_id', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('replied_at', 'text')
    /** Complaints (docs/plan.md ch.8 §1.1.44 分类处理): what the investigation found, who was responsible, what was done. */
    .addColumn('investigation', 'text')
    .addColumn('responsible_unit', 'text')
    .addColumn('measures', 'text')
    .addColumn('dismiss_reason', 'text')
    .addColumn('closed_at', 'text')
    /** The masked copy shown in the public Q&A, made when the office publishes it; null = not published. */
    .addColumn('published_at', 'text')
    .addColumn('public_title', 'text')
    .addColumn('public_content', 'text')
    .addColumn('public_reply', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('erased_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('messages_agency_state').on('messages').columns(['agency_id', 'state', 'due_date']).execute();
  await db.schema.createIndex('messages_unit_state').on('messages').columns(['unit_id', 'state']).execute();
  await db.schema.createIndex('messages_agency_submitted').on('messages').columns(['agency_id', 'submitted_at']).execute();
  await db.schema.createIndex('messages_published').on('messages').columns(['agency_id', 'published_at']).execute();

  // The handling history: who did what, when, from which unit to which, and why.
  await db.schema
    .createTable('message_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('from_unit_id', 'text')
    .addColumn('to_unit_id', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('message_events_seq', ['message_id', 'seq'])
    .execute();

  await db.schema
    .createTable('message_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_attachments_message').on('message_attachments').column('message_id').execute();

  await db.schema
    .createTable('reply_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** Message type it suits, or null for any. */
    .addColumn('type', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reply_templates_agency').on('reply_templates').column('agency_id').execute();

  await db.schema
    .createTable('faq_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('source_message_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('faq_entries_agency').on('faq_entries').columns(['agency_id', 'state', 'category']).execute();

  await db.schema
    .createTable('solicitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    /** The draft policy's text, sanitised HTML. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    /** Open/closed is derived from the clock and these instants, never stored. */
    .addColumn('feedback', 'text')
    .addColumn('feedback_published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('solicitations_agency').on('solicitations').columns(['agency_id', 'opens_at']).execute();

  await db.schema
    .createTable('solicitation_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('solicitation_id', 'text', (c) => c.notNull().references('solicitations.id'))
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    .addColumn('address', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('hidden_reason', 'text')
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    /** 采纳情况: adopted, partly, not-adopted; with the reason. */
    .addColumn('adoption', 'text')
    .addColumn('adoption_reason', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('solicitation_comments_state').on('solicitation_comments').columns(['solicitation_id', 'state']).execute();

  // Every mail goes through here; `dedupe_key` makes a reminder exactly-once across instances.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_state').on('mail_outbox').columns(['state', 'created_at']).execute();

  // Keys the instances share (HMAC of challenges and portal form tokens), made once at first use.
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // Answers to the self-hosted challenge are single-use: the first to insert a token wins.
  await db.schema
    .createTable('challenge_uses')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Working-day calendars (imported notices, agency overrides) and deadlines with their event history. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('calendar_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // '*' for the whole deployment, otherwise the agency's id
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('papers', 'text', (c) => c.notNull())
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('calendar_notices_scope_year', ['scope', 'year'])
    .execute();

  await db.schema
    .createTable('calendar_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('is_off_day', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('calendar_overrides_agency_date', ['agency_id', 'date'])
    .execute();

  await db.schema
    .createTable('deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('deadlines_agency_state').on('deadlines').columns(['agency_id', 'state', 'due_date']).execute();
  await db.schema.createIndex('deadlines_subject').on('deadlines').columns(['subject_type', 'subject_id']).execute();

  await db.schema
    .createTable('deadline_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('deadlines.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deadline_events_seq', ['deadline_id', 'seq'])
    .execute();

  // Every change of a due date that was not caused by the deadline's own events (a calendar change).
  await db.schema
    .createTable('deadline_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('deadlines.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('before_due', 'text')
    .addColumn('after_due', 'text')
    .execute();
  await db.schema.createIndex('deadline_changes_deadline').on('deadline_changes').column('deadline_id').execute();
}

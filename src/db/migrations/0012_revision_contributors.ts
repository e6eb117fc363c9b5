import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Everyone who changed the content of a revision (docs/adr/0012-publishing-workflow-and-review.md, four eyes):
 * one row per revision, person and kind of change, kept for the revision's whole life so that nobody who
 * wrote any of it can pass its review or publish it.
 *
 * Existing revisions are filled from what the database already knows: the revision's author (its creator),
 * and the audit log's successful content changes of the item, each attributed to the revision that was the
 * item's newest when it happened (revisions of an item are sequential, edits touch only the newest one).
 * Revisions under review whose 初审 reviewer was not recorded get it from their review records.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('item_revision_contributors')
    .addColumn('revision_id', 'text', (c) => c.notNull().references('item_revisions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** create | revise | edit | attachment | docx | import | mask (publishing/four-eyes.ts). */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** When this person first made this kind of change to the revision. */
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_revision_contributors_pk', ['revision_id', 'user_id', 'kind'])
    .execute();
  await db.schema.createIndex('item_revision_contributors_user').on('item_revision_contributors').column('user_id').execute();

  await sql`
    INSERT INTO item_revision_contributors (revision_id, user_id, kind, at)
    SELECT r.id, r.author_id, CASE WHEN r.revision_no = 1 THEN 'create' ELSE 'revise' END, r.created_at
    FROM item_revisions r
    INNER JOIN users u ON u.id = r.author_id
  `.execute(db);

  await sql`
    INSERT INTO item_revision_contributors (revision_id, user_id, kind, at)
    SELECT r.id, a.actor_id,
      CASE a.action
        WHEN 'item.edit' THEN 'edit'
        WHEN 'item.import-docx' THEN 'docx'
        WHEN 'item.mask' THEN 'mask'
        ELSE 'attachment'
      END AS kind,
      MIN(a.at)
    FROM audit_log a
    INNER JOIN users u ON u.id = a.actor_id
    INNER JOIN item_revisions r ON r.item_id = a.object_id AND r.created_at <= a.at
    WHERE a.object_type = 'item'
      AND a.outcome = 'success'
      AND a.action IN ('item.edit', 'item.import-docx', 'item.mask', 'item.attachment.add', 'item.attachment.remove')
      AND NOT EXISTS (
        SELECT 1 FROM item_revisions n WHERE n.item_id = r.item_id AND n.created_at > r.created_at AND n.created_at <= a.at
      )
    GROUP BY r.id, a.actor_id,
      CASE a.action
        WHEN 'item.edit' THEN 'edit'
        WHEN 'item.import-docx' THEN 'docx'
        WHEN 'item.mask' THEN 'mask'
        ELSE 'attachment'
      END
  `.execute(db);

  await sql`
    UPDATE item_revisions SET unit_reviewed_by = (
      SELECT v.reviewer_id FROM item_reviews v
      WHERE v.revision_id = item_revisions.id AND v.stage = 'unit' AND v.decision = 'approved'
      ORDER BY v.at DESC LIMIT 1
    )
    WHERE unit_reviewed_by IS NULL AND state IN ('unit-reviewed', 'approved', 'scheduled')
  `.execute(db);
}

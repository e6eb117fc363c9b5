import type { Selectable } from 'kysely';
import type { Queryable, Tx } from '../../db/database.js';
import type { ItemAttachmentTable } from '../../db/schema.js';
import type { AttachmentView } from './items.schemas.js';

/** The files of items' revisions (their bytes are in the attachments module's store, by storage key). */
export type AttachmentRow = Selectable<ItemAttachmentTable>;

export function presentAttachment(row: Pick<AttachmentRow, 'id' | 'name' | 'size' | 'type'>): AttachmentView {
  return { id: row.id, name: row.name, size: Number(row.size), type: row.type };
}

/** The attachments of a revision in their order, for the item presenter. */
export async function listAttachments(q: Queryable, revisionId: string): Promise<AttachmentView[]> {
  const rows = await q
    .selectFrom('item_attachments')
    .select(['id', 'name', 'size', 'type'])
    .where('revision_id', '=', revisionId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(presentAttachment);
}

/** Extracted text of a revision's attachments, each after its name, for the search index. */
export async function attachmentText(q: Queryable, revisionId: string): Promise<string> {
  const rows = await q
    .selectFrom('item_attachments')
    .select(['name', 'text'])
    .where('revision_id', '=', revisionId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => (r.text ? `${r.name}\n${r.text}` : r.name)).join('\n\n');
}

/**
 * Carries the attachments of one revision into another (a published item's new revision): same ids, same
 * stored files, new rows. Call it in the transaction that creates the revision. Rows already present in the
 * target are left alone, so calling it twice does no harm.
 */
export async function carryAttachments(trx: Tx, fromRevisionId: string, toRevisionId: string): Promise<number> {
  const rows = await trx.selectFrom('item_attachments').selectAll().where('revision_id', '=', fromRevisionId).execute();
  const present = new Set(
    (await trx.selectFrom('item_attachments').select('id').where('revision_id', '=', toRevisionId).execute()).map((r) => r.id),
  );
  const copies = rows.filter((r) => !present.has(r.id)).map((r) => ({ ...r, revision_id: toRevisionId }));
  if (copies.length) await trx.insertInto('item_attachments').values(copies).execute();
  return copies.length;
}

export async function insertAttachments(q: Queryable, rows: readonly AttachmentRow[]): Promise<void> {
  if (rows.length) await q.insertInto('item_attachments').values([...rows]).execute();
}

/** Removes one file of a revision; false when it was not there. */
export async function deleteAttachment(q: Queryable, revisionId: string, id: string): Promise<boolean> {
  const done = await q.deleteFrom('item_attachments').where('revision_id', '=', revisionId).where('id', '=', id).executeTakeFirst();
  return Number(done.numDeletedRows) === 1;
}

/** Removes the images an earlier .docx import brought into the revision. */
export async function deleteDocxImages(q: Queryable, revisionId: string): Promise<void> {
  await q.deleteFrom('item_attachments').where('revision_id', '=', revisionId).where('origin', '=', 'docx').execute();
}

export function revisionAttachments(q: Queryable, revisionId: string): Promise<AttachmentRow[]> {
  return q.selectFrom('item_attachments').selectAll().where('revision_id', '=', revisionId).execute();
}

export async function revisionUsage(q: Queryable, revisionId: string): Promise<{ bytes: number; files: number; maxOrder: number }> {
  const row = await q
    .selectFrom('item_attachments')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'), eb.fn.countAll<number>().as('files'), eb.fn.coalesce(eb.fn.max<number>('sort_order'), eb.lit(-1)).as('max_order')])
    .where('revision_id', '=', revisionId)
    .executeTakeFirstOrThrow();
  return { bytes: Number(row.bytes), files: Number(row.files), maxOrder: Number(row.max_order) };
}

/** Every row of an attachment id (one per revision it is carried into), with what decides who may read it. */
export function attachmentRows(q: Queryable, id: string) {
  return q
    .selectFrom('item_attachments as f')
    .innerJoin('items as i', 'i.id', 'f.item_id')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .select([
      'f.id',
      'f.revision_id',
      'f.item_id',
      'f.name',
      'f.storage_key',
      'f.size',
      'f.type',
      'f.sha256',
      'f.created_at',
      'i.state as item_state',
      'i.live_revision_id',
      'i.working_revision_id',
      'u.path as unit_path',
    ])
    .where('f.id', '=', id)
    .execute();
}

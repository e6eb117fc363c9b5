import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type { MessageTable } from '../../db/schema.js';

export type MessageRow = Selectable<MessageTable>;

/** A message with the paths and names authorisation and presentation need. */
export interface MessageWithContext extends MessageRow {
  agency_code: string;
  agency_path: string;
  agency_name: string;
  agency_timezone: string;
  unit_code: string | null;
  unit_name: string | null;
  unit_path: string | null;
}

function withContext(q: Queryable) {
  return q
    .selectFrom('messages as m')
    .innerJoin('organisations as a', 'a.id', 'm.agency_id')
    .leftJoin('organisations as u', 'u.id', 'm.unit_id')
    .selectAll('m')
    .select([
      'a.code as agency_code',
      'a.path as agency_path',
      'a.name as agency_name',
      'a.timezone as agency_timezone',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
    ]);
}

export function findMessage(q: Queryable, id: string): Promise<MessageWithContext | undefined> {
  return withContext(q).where('m.id', '=', id).executeTakeFirst();
}

export function findByTrackingCode(q: Queryable, code: string): Promise<MessageWithContext | undefined> {
  return withContext(q).where('m.tracking_code', '=', code).executeTakeFirst();
}

export function messageEvents(q: Queryable, messageId: string) {
  return q
    .selectFrom('message_events as e')
    .leftJoin('organisations as f', 'f.id', 'e.from_unit_id')
    .leftJoin('organisations as t', 't.id', 'e.to_unit_id')
    .select(['e.seq', 'e.type', 'e.at', 'e.actor_name', 'e.note', 'f.name as from_unit', 't.name as to_unit'])
    .where('e.message_id', '=', messageId)
    .orderBy('e.seq')
    .execute();
}

export function messageAttachments(q: Queryable, messageId: string) {
  return q.selectFrom('message_attachments').select(['id', 'name', 'type', 'size', 'storage_key']).where('message_id', '=', messageId).orderBy('name').execute();
}

export async function nextEventSeq(q: Queryable, messageId: string): Promise<number> {
  const row = await q
    .selectFrom('message_events')
    .select((eb) => eb.fn.max<number>('seq').as('seq'))
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/** A unit of the agency (any organisation below it), by id. */
export function findUnitOf(q: Queryable, agencyId: string, unitId: string) {
  return q
    .selectFrom('organisations')
    .select(['id', 'code', 'name', 'path'])
    .where('id', '=', unitId)
    .where('agency_id', '=', agencyId)
    .where('kind', '!=', 'agency')
    .executeTakeFirst();
}

/** An item the agency has published, with its title: what a citizen may report an error in (纠错). */
export async function publishedItemOf(q: Queryable, agencyId: string, itemId: string): Promise<{ id: string; title: string } | null> {
  const row = await q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
    .select(['i.id', 'r.title'])
    .where('i.id', '=', itemId)
    .where('i.agency_id', '=', agencyId)
    .where('i.state', '=', 'published')
    .executeTakeFirst();
  return row ?? null;
}

/** The item a correction is about, as it reads now (its live version), whatever became of it since. */
export async function liveItemTitle(q: Queryable, itemId: string): Promise<{ id: string; title: string } | null> {
  const row = await q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
    .select(['i.id', 'r.title'])
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  return row ?? null;
}

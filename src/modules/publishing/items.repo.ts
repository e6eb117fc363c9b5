import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type { ItemRevisionTable, ItemTable } from '../../db/schema.js';
import { handsOf, type Contribution, type ContributionKind, type RevisionHands } from './four-eyes.js';

export type ItemRow = Selectable<ItemTable>;
export type RevisionRow = Selectable<ItemRevisionTable>;

export interface ItemWithContext extends ItemRow {
  agency_code: string;
  unit_path: string;
  unit_code: string;
  unit_name: string;
}

export function findItem(q: Queryable, id: string): Promise<ItemWithContext | undefined> {
  return q
    .selectFrom('items as i')
    .innerJoin('organisations as a', 'a.id', 'i.agency_id')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .selectAll('i')
    .select(['a.code as agency_code', 'u.path as unit_path', 'u.code as unit_code', 'u.name as unit_name'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export function findRevision(q: Queryable, id: string | null): Promise<RevisionRow | undefined> {
  if (!id) return Promise.resolve(undefined);
  return q.selectFrom('item_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Records that `userId` changed the content of a revision, in the transaction of the change. Every path that
 * writes a revision's content calls it; a change by the command line (no account) has nobody to record.
 */
export async function recordContribution(q: Queryable, revisionId: string, userId: string | null | undefined, kind: ContributionKind, at: string): Promise<void> {
  if (!userId) return;
  await q
    .insertInto('item_revision_contributors')
    .values({ revision_id: revisionId, user_id: userId, kind, at })
    .onConflict((oc) => oc.columns(['revision_id', 'user_id', 'kind']).doNothing())
    .execute();
}

/** The contributions to each of these revisions. */
export async function revisionContributions(q: Queryable, revisionIds: readonly string[]): Promise<Map<string, Contribution[]>> {
  const out = new Map<string, Contribution[]>(revisionIds.map((id) => [id, []]));
  if (revisionIds.length === 0) return out;
  const rows = await q.selectFrom('item_revision_contributors').select(['revision_id', 'user_id', 'kind']).where('revision_id', 'in', [...new Set(revisionIds)]).execute();
  for (const r of rows) out.get(r.revision_id)?.push({ userId: r.user_id, kind: r.kind as ContributionKind });
  return out;
}

/** Who had a hand in one revision (four eyes), read through `q` — inside a transaction, as it now is. */
export async function revisionHands(q: Queryable, rev: Pick<RevisionRow, 'id' | 'state' | 'author_id' | 'revision_no' | 'unit_reviewed_by'>): Promise<RevisionHands> {
  return handsOf(rev, (await revisionContributions(q, [rev.id])).get(rev.id)!);
}

export function categoryExists(q: Queryable, agencyId: string, code: string) {
  return q.selectFrom('catalog_categories').select('id').where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
}

/** Ids of items that interpret `itemId` and are published. */
export async function publishedInterpretations(q: Queryable, itemId: string): Promise<string[]> {
  const rows = await q
    .selectFrom('items')
    .select('id')
    .where('interprets_item_id', '=', itemId)
    .where('state', '=', 'published')
    .execute();
  return rows.map((r) => r.id);
}

/** Allocates the next serial of an agency's index numbers for a year, atomically on both engines. */
export async function nextIndexSerial(q: Queryable, agencyId: string, year: number): Promise<number> {
  return reserveIndexSerials(q, agencyId, year, 1);
}

/** Reserves `count` consecutive serials and returns the first (an import numbers a whole batch at once). */
export async function reserveIndexSerials(q: Queryable, agencyId: string, year: number, count: number): Promise<number> {
  const row = await q
    .insertInto('index_counters')
    .values({ agency_id: agencyId, year, last_serial: count })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet((eb) => ({ last_serial: eb('index_counters.last_serial', '+', count) })))
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial - count + 1;
}

/** A new item row: a draft of `agencyId`/`unitId` in `category`, with every optional column empty. */
export function newItemRow(values: Pick<ItemRow, 'id' | 'agency_id' | 'unit_id' | 'category_code' | 'created_at'> & Partial<ItemRow>): ItemRow {
  return {
    index_number: null,
    state: 'draft',
    live_revision_id: null,
    working_revision_id: null,
    interprets_item_id: null,
    author_id: null,
    published_at: null,
    scheduled_at: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    withdrawn_by: null,
    source_key: null,
    timeliness_due: null,
    late: null,
    updated_at: values.created_at,
    version: 1,
    ...values,
  };
}

/** A first revision row (a draft), with every optional content column empty. */
export function newRevisionRow(values: Pick<RevisionRow, 'id' | 'item_id' | 'title' | 'created_at'> & Partial<RevisionRow>): RevisionRow {
  return {
    revision_no: 1,
    state: 'draft',
    summary: null,
    body: '',
    doc_number: null,
    doc_number_key: null,
    policy_kind: null,
    issuing_organ: null,
    written_at: null,
    formed_at: null,
    topic: null,
    genre: null,
    disclosure: 'proactive',
    exemption_code: null,
    validity: 'valid',
    validity_date: null,
    replaced_by_item_id: null,
    keywords: '[]',
    extra: '{}',
    change_note: null,
    reject_comment: null,
    author_id: null,
    unit_reviewed_by: null,
    approved_by: null,
    published_at: null,
    updated_at: values.created_at,
    ...values,
  };
}

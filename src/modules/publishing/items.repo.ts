import type { Selectable } from 'kysely';
import type { Dialect, Queryable, Tx } from '../../db/database.js';
import type { ItemRevisionTable, ItemTable } from '../../db/schema.js';
import type { Contribution, ContributionKind } from './four-eyes.js';

export type ItemRow = Selectable<ItemTable>;
export type RevisionRow = Selectable<ItemRevisionTable>;

/** An item with what its checks, numbers and views need of its agency and unit. */
export interface ItemRecord extends ItemRow {
  agency_code: string;
  agency_timezone: string;
  agency_index_template: string | null;
  agency_org_code: string | null;
  agency_credit_code: string | null;
  unit_path: string;
  unit_code: string;
  unit_name: string;
}

/** An item and the revision a request is about: the working one (else the live one), or the live one for the public. */
export interface LoadedItem {
  item: ItemRecord;
  rev: RevisionRow;
}

/** Every column of item_revisions, read with the item in one statement (the compiler checks none is missing). */
const REVISION_COLUMNS = [
  'id', 'item_id', 'revision_no', 'state', 'title', 'summary', 'body', 'doc_number', 'issuing_organ', 'written_at', 'formed_at', 'topic',
  'genre', 'disclosure', 'exemption_code', 'validity', 'validity_date', 'replaced_by_item_id', 'keywords', 'change_note', 'reject_comment',
  'doc_number_key', 'policy_kind', 'extra', 'author_id', 'unit_reviewed_by', 'approved_by', 'published_at', 'created_at', 'updated_at',
] as const satisfies readonly (keyof RevisionRow)[];
const _everyRevisionColumn: [Exclude<keyof RevisionRow, (typeof REVISION_COLUMNS)[number]>] extends [never] ? true : never = true;

/**
 * One item with its agency, unit and revision, in one statement: `current` is the working revision, else the live
 * one (what staff handle); `live` is the live revision only (what the public sees; none before publication).
 */
export async function loadItem(q: Queryable, id: string, revision: 'current' | 'live' = 'current'): Promise<LoadedItem | undefined> {
  const row = await q
    .selectFrom('items as i')
    .innerJoin('organisations as a', 'a.id', 'i.agency_id')
    .innerJoin('organisations as u', 'u.id', 'i.unit_id')
    .innerJoin('item_revisions as r', (j) =>
      j.on((eb) => eb('r.id', '=', revision === 'live' ? eb.ref('i.live_revision_id') : eb.fn.coalesce('i.working_revision_id', 'i.live_revision_id'))),
    )
    .selectAll('i')
    .select([
      'a.code as agency_code',
      'a.timezone as agency_timezone',
      'a.index_template as agency_index_template',
      'a.org_code as agency_org_code',
      'a.credit_code as agency_credit_code',
      'u.path as unit_path',
      'u.code as unit_code',
      'u.name as unit_name',
    ])
    .select((eb) => REVISION_COLUMNS.map((c) => eb.ref(`r.${c}`).as(`rev_${c}`)))
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const item: Record<string, unknown> = {};
  const rev: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith('rev_')) rev[key.slice(4)] = value;
    else item[key] = value;
  }
  return { item: item as unknown as ItemRecord, rev: rev as unknown as RevisionRow };
}

/**
 * Holds the item's row until the transaction ends, before anything about it is read: every change of an item
 * (its state, its content, its files) writes that row, so what is read next stays true until the commit. SQLite's
 * writers are serial already (BEGIN IMMEDIATE).
 */
export async function lockItem(trx: Tx, dialect: Dialect, id: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('items').select('id').where('id', '=', id).forUpdate().execute();
}

/** A revision by id (the live one a new revision copies). */
export function findRevision(q: Queryable, id: string | null): Promise<RevisionRow | undefined> {
  if (!id) return Promise.resolve(undefined);
  return q.selectFrom('item_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The agency of an item, for checks that an item names another of the same agency. */
export async function itemAgency(q: Queryable, id: string): Promise<string | undefined> {
  return (await q.selectFrom('items').select('agency_id').where('id', '=', id).executeTakeFirst())?.agency_id;
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

/** The contributions to one revision (four eyes), read through `q` — inside a transaction, as they now are. */
export async function contributionsTo(q: Queryable, revisionId: string): Promise<Contribution[]> {
  return (await revisionContributions(q, [revisionId])).get(revisionId)!;
}

export function categoryExists(q: Queryable, agencyId: string, code: string) {
  return q.selectFrom('catalog_categories').select('id').where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
}

/** The items that interpret `itemId` and are not withdrawn, oldest first: the published ones are its 政策解读. */
export async function interpretationsOf(q: Queryable, itemId: string): Promise<{ id: string; state: string }[]> {
  return q.selectFrom('items').select(['id', 'state']).where('interprets_item_id', '=', itemId).where('state', '!=', 'withdrawn').orderBy('created_at').orderBy('id').execute();
}

/** Which of these source keys of imported documents the agency already holds (an import is idempotent). */
export async function existingSourceKeys(q: Queryable, agencyId: string, keys: readonly string[]): Promise<Set<string | null>> {
  if (keys.length === 0) return new Set();
  const rows = await q.selectFrom('items').select('source_key').where('agency_id', '=', agencyId).where('source_key', 'in', [...keys]).execute();
  return new Set(rows.map((r) => r.source_key));
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

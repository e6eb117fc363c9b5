import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type { SolicitationCommentTable, SolicitationTable } from '../../db/schema.js';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import type { Adoption, CommentCounts, SolicitationList, SolicitationStatus, SolicitationSummary, StaffComments } from './participation.schemas.js';

export type { SolicitationSummary } from './participation.schemas.js';

export type SolicitationRow = Selectable<SolicitationTable>;
export type CommentRow = Selectable<SolicitationCommentTable>;

/** Open is `opens_at ≤ now < closes_at`, derived from the clock on every read and never stored (docs/adr/0014). */
export function statusAt(row: Pick<SolicitationRow, 'opens_at' | 'closes_at'>, now: Date): SolicitationStatus {
  const t = now.getTime();
  if (t < Date.parse(row.opens_at)) return 'upcoming';
  if (t < Date.parse(row.closes_at)) return 'open';
  return 'closed';
}

/** A solicitation with the path of its agency, which every permission is checked on. */
export interface SolicitationWithAgency extends SolicitationRow {
  agency_path: string;
}

export async function findSolicitation(ctx: AppContext, id: string): Promise<SolicitationWithAgency> {
  const row = await ctx.db.kysely
    .selectFrom('solicitations as s')
    .innerJoin('organisations as a', 'a.id', 's.agency_id')
    .selectAll('s')
    .select('a.path as agency_path')
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('意见征集不存在');
  return row;
}

/** The published item a solicitation is about, with its title, for the portal page. */
export async function publishedItemTitle(q: Queryable, itemId: string): Promise<{ id: string; title: string } | null> {
  const row = await q
    .selectFrom('items as i')
    .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
    .select(['i.id', 'r.title'])
    .where('i.id', '=', itemId)
    .where('i.state', '=', 'published')
    .executeTakeFirst();
  return row ?? null;
}

/** Whether an item (any state) belongs to the agency: what a solicitation may be linked to. */
export async function itemOfAgency(q: Queryable, agencyId: string, itemId: string): Promise<boolean> {
  const item = await q.selectFrom('items').select('agency_id').where('id', '=', itemId).executeTakeFirst();
  return item?.agency_id === agencyId;
}

/**
 * Retention (docs/adr/0014): comments on the agency's solicitations closed before `cutoff` lose their contact and
 * address, in the caller's transaction. Returns the number of comments changed.
 */
export async function eraseCommentContacts(trx: Queryable, agencyId: string, cutoff: string): Promise<number> {
  const res = await trx
    .updateTable('solicitation_comments')
    .set({ contact: null, address: null })
    .where('solicitation_id', 'in', (eb) => eb.selectFrom('solicitations').select('id').where('agency_id', '=', agencyId).where('closes_at', '<', cutoff))
    .where((eb) => eb.or([eb('contact', 'is not', null), eb('address', 'is not', null)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function findComment(ctx: AppContext, id: string): Promise<CommentRow> {
  const row = await ctx.db.kysely.selectFrom('solicitation_comments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('意见不存在');
  return row;
}


const ZERO: CommentCounts = { pending: 0, shown: 0, hidden: 0, adopted: 0, partly: 0, notAdopted: 0 };
const ADOPTION_KEY: Record<Adoption, 'adopted' | 'partly' | 'notAdopted'> = { adopted: 'adopted', partly: 'partly', 'not-adopted': 'notAdopted' };

/** The comments of each solicitation by state, and the adoption decisions on the shown ones. */
export async function commentCounts(ctx: AppContext, ids: readonly string[]): Promise<Map<string, CommentCounts>> {
  const out = new Map<string, CommentCounts>(ids.map((id) => [id, { ...ZERO }]));
  if (!ids.length) return out;
  const rows = await ctx.db.kysely
    .selectFrom('solicitation_comments')
    .select(['solicitation_id', 'state', 'adoption', (eb) => eb.fn.countAll<number>().as('n')])
    .where('solicitation_id', 'in', ids)
    .groupBy(['solicitation_id', 'state', 'adoption'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.solicitation_id)!;
    const n = Number(r.n);
    c[r.state] += n;
    if (r.state === 'shown' && r.adoption) c[ADOPTION_KEY[r.adoption]] += n;
  }
  return out;
}


export function presentSummary(row: SolicitationRow, counts: CommentCounts, now: Date): SolicitationSummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: statusAt(row, now),
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    itemId: row.item_id,
    commentCount: counts.shown,
    feedbackPublished: row.feedback_published_at !== null,
  };
}

export interface SolicitationListFilter {
  status?: SolicitationStatus | undefined;
  page: number;
  pageSize: number;
}

/** An agency's solicitations, open and upcoming ones first by the status filter, newest opening first. */
export async function listSolicitations(ctx: AppContext, agencyId: string, filter: SolicitationListFilter): Promise<SolicitationList> {
  const now = ctx.clock();
  const iso = now.toISOString();
  let q = ctx.db.kysely.selectFrom('solicitations').where('agency_id', '=', agencyId);
  // Stored instants are all `toISOString()` (UTC, milliseconds), so comparing the text compares the instants.
  if (filter.status === 'upcoming') q = q.where('opens_at', '>', iso);
  if (filter.status === 'open') q = q.where('opens_at', '<=', iso).where('closes_at', '>', iso);
  if (filter.status === 'closed') q = q.where('closes_at', '<=', iso);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('opens_at', 'desc')
    .orderBy('id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const counts = await commentCounts(ctx, rows.map((r) => r.id));
  return { total: Number(total.n), solicitations: rows.map((r) => presentSummary(r, counts.get(r.id)!, now)) };
}

export interface PublicComment {
  id: string;
  /** As the citizen gave it; null: anonymous. */
  name: string | null;
  content: string;
  submittedAt: string;
  /** Only once the feedback is published. */
  adoption?: Adoption | null;
  adoptionReason?: string | null;
}

export interface SolicitationDetail extends SolicitationSummary {
  body: string;
  feedback: string | null;
  feedbackPublishedAt: string | null;
  counts: { shown: number; adopted?: number; partly?: number; notAdopted?: number };
  comments: PublicComment[];
  commentsPage: { page: number; pageSize: number };
}

/** What the public sees: shown comments only (never a contact), and the decisions once the feedback is out. */
export async function solicitationDetail(ctx: AppContext, row: SolicitationRow, page: number, pageSize: number): Promise<SolicitationDetail> {
  const now = ctx.clock();
  const counts = (await commentCounts(ctx, [row.id])).get(row.id)!;
  const published = row.feedback_published_at !== null;
  const comments = await ctx.db.kysely
    .selectFrom('solicitation_comments')
    .select(['id', 'name', 'content', 'submitted_at', 'adoption', 'adoption_reason'])
    .where('solicitation_id', '=', row.id)
    .where('state', '=', 'shown')
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    ...presentSummary(row, counts, now),
    body: row.body,
    feedback: published ? row.feedback : null,
    feedbackPublishedAt: row.feedback_published_at,
    counts: published ? { shown: counts.shown, adopted: counts.adopted, partly: counts.partly, notAdopted: counts.notAdopted } : { shown: counts.shown },
    comments: comments.map((c) => ({
      id: c.id,
      name: c.name,
      content: c.content,
      submittedAt: c.submitted_at,
      ...(published ? { adoption: c.adoption, adoptionReason: c.adoption_reason } : {}),
    })),
    commentsPage: { page, pageSize },
  };
}

/** The office's view of the comments: every state, with the contact. */
export async function staffComments(ctx: AppContext, solicitationId: string, state: CommentRow['state'] | undefined, page: number, pageSize: number): Promise<StaffComments> {
  let q = ctx.db.kysely.selectFrom('solicitation_comments').where('solicitation_id', '=', solicitationId);
  if (state) q = q.where('state', '=', state);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const counts = (await commentCounts(ctx, [solicitationId])).get(solicitationId)!;
  return {
    total: Number(total.n),
    counts,
    comments: rows.map((c) => ({
      id: c.id,
      name: c.name,
      contact: c.contact,
      content: c.content,
      state: c.state,
      hiddenReason: c.hidden_reason,
      moderatedBy: c.moderated_by,
      moderatedAt: c.moderated_at,
      adoption: c.adoption,
      adoptionReason: c.adoption_reason,
      submittedAt: c.submitted_at,
      version: c.version,
    })),
  };
}

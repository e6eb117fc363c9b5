import type { Selectable } from 'kysely';
import type { FaqEntryTable } from '../../db/schema.js';
import { withoutLikeWildcards } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { likeOp } from './common.js';
import type { FaqList, ManagedFaq, PublicFaq } from './participation.schemas.js';

export type FaqRow = Selectable<FaqEntryTable>;

export type { FaqList, ManagedFaq, PublicFaq } from './participation.schemas.js';

export function presentFaq(row: FaqRow): PublicFaq {
  return { id: row.id, category: row.category, question: row.question, answer: row.answer, updatedAt: row.updated_at };
}

export function presentManagedFaq(row: FaqRow): ManagedFaq {
  return {
    ...presentFaq(row),
    state: row.state,
    sortOrder: row.sort_order,
    sourceMessageId: row.source_message_id,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    version: row.version,
  };
}

export interface FaqFilter {
  category?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}


/**
 * The published FAQ of an agency: the categories with their counts (under the words searched, whatever the
 * category chosen, so the reader can move between them) and one page of entries, by category and order.
 */
export async function listPublishedFaq(ctx: AppContext, agencyId: string, filter: FaqFilter): Promise<FaqList> {
  const op = likeOp(ctx);
  const terms = (filter.q ?? '')
    .split(/\s+/)
    .map(withoutLikeWildcards)
    .filter(Boolean)
    .slice(0, 8);
  let base = ctx.db.kysely.selectFrom('faq_entries').where('agency_id', '=', agencyId).where('state', '=', 'published');
  for (const term of terms) {
    base = base.where((eb) => eb.or([eb('question', op, `%${term}%`), eb('answer', op, `%${term}%`), eb('category', op, `%${term}%`)]));
  }
  const categories = await base
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('category')
    .orderBy('category')
    .execute();
  const listed = filter.category ? base.where('category', '=', filter.category) : base;
  const total = await listed.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await listed
    .selectAll()
    .orderBy('category')
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    total: Number(total.n),
    categories: categories.map((c) => ({ name: c.category, count: Number(c.n) })),
    entries: rows.map(presentFaq),
  };
}

/** Every entry of an agency, hidden ones too, for the office. */
export async function listAllFaq(ctx: AppContext, agencyId: string): Promise<ManagedFaq[]> {
  const rows = await ctx.db.kysely
    .selectFrom('faq_entries')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('category')
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(presentManagedFaq);
}

/** An entry with the path of its agency, which every permission is checked on. */
export function findFaq(ctx: AppContext, id: string): Promise<(FaqRow & { agency_path: string }) | undefined> {
  return ctx.db.kysely
    .selectFrom('faq_entries as f')
    .innerJoin('organisations as a', 'a.id', 'f.agency_id')
    .selectAll('f')
    .select('a.path as agency_path')
    .where('f.id', '=', id)
    .executeTakeFirst();
}

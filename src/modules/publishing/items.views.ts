import type { Principal, PublicCaller } from '../accounts/index.js';
import type { AppContext } from '../../shared/context.js';
import { agencyOf } from '../organisations/index.js';
import type { Queryable } from '../../db/database.js';
import { AppError, notFound } from '../../shared/errors.js';
import type { StoredFile } from '../attachments/index.js';
import { attachmentRows, listAttachments } from './attachments.repo.js';
import type { Contribution } from './four-eyes.js';
import { handles } from './handling.js';
import type { CatalogCategory } from './catalog.js';
import { PAGE_SIZE, publishedInterpretations, publishedItems, publishedRevisions, publishedSummaries, publishedTitles, type SortKey } from './items.queries.js';
import { contributionsTo, findRevision, interpretationsOf, loadItem, type ItemRecord, type RevisionRow } from './items.repo.js';
import { presentItem, presentPublicItem, presentStaffItem, presentSummary, presentWithdrawnItem, type ItemRelations, type ItemSummary, type PublicItem } from './items.present.js';
import type { ItemStepView, ItemView } from './items.schemas.js';

/** What an item's view shows besides itself, and whether anything (published or not yet) interprets it. */
export async function relationsOf(q: Queryable, itemId: string, revisionId: string): Promise<{ related: ItemRelations; interpreted: boolean }> {
  const [attachments, interpretations] = await Promise.all([listAttachments(q, revisionId), interpretationsOf(q, itemId)]);
  return {
    related: { attachments, interpretations: interpretations.filter((i) => i.state === 'published').map((i) => i.id) },
    interpreted: interpretations.length > 0,
  };
}

/**
 * docs/product.md M3: a 规章 or 规范性文件 should be published with its 政策解读. Not a block — the interpretation may
 * follow — but the people handling it are told at each step.
 */
function interpretationWarnings(rev: Pick<RevisionRow, 'policy_kind'>, interpreted: boolean): string[] {
  return rev.policy_kind && !interpreted ? [`该${rev.policy_kind}还没有政策解读：请同步起草解读材料并关联本文件`] : [];
}

/** The answer of a change, from what the command holds (nothing reloaded): the staff view of the item as it now is. */
export async function changedView(q: Queryable, principal: Principal | null, item: ItemRecord, rev: RevisionRow, contributions: readonly Contribution[]): Promise<ItemView> {
  const { related } = await relationsOf(q, item.id, rev.id);
  return presentStaffItem(principal, item, rev, contributions, related);
}

/** The answer of a workflow step: the item as it now is, with the warnings for its handlers. */
export async function stepView(q: Queryable, principal: Principal | null, item: ItemRecord, rev: RevisionRow, contributions: readonly Contribution[]): Promise<ItemStepView> {
  const { related, interpreted } = await relationsOf(q, item.id, rev.id);
  return { ...presentStaffItem(principal, item, rev, contributions, related), warnings: interpretationWarnings(rev, interpreted) };
}

/**
 * One item as the caller may see it: staff who handle its unit see its current revision (a draft too) with what
 * they may do; everyone else only a published item (a withdrawn one answers 410 with the reason).
 */
export async function itemView(caller: PublicCaller, id: string): Promise<ItemView> {
  const q = caller.ctx.db.kysely;
  const loaded = await loadItem(q, id, caller.principal ? 'current' : 'live');
  if (!loaded) throw notFound('信息不存在');
  const { item } = loaded;
  if (handles(caller.principal, item.unit_path)) {
    const [contributions, { related }] = await Promise.all([contributionsTo(q, loaded.rev.id), relationsOf(q, item.id, loaded.rev.id)]);
    return presentStaffItem(caller.principal, item, loaded.rev, contributions, related);
  }
  if (item.state === 'withdrawn') {
    throw new AppError(410, 'withdrawn', `该信息已于 ${item.withdrawn_at!.slice(0, 10)} 撤回：${item.withdrawn_reason}`, undefined, undefined, {
      withdrawnAt: item.withdrawn_at,
      reason: item.withdrawn_reason,
    });
  }
  if (item.state !== 'published' || !item.live_revision_id) throw notFound('信息不存在');
  const live = loaded.rev.id === item.live_revision_id ? loaded.rev : (await findRevision(q, item.live_revision_id))!;
  return presentItem(item, live, 'published', (await relationsOf(q, item.id, live.id)).related);
}

/** Published items, newest first, of an agency (a unit's code names its agency) and a category with those below it. */
export async function publishedList(
  ctx: Pick<AppContext, 'db'>,
  query: { org?: string; category?: string; page: number; pageSize: number },
): Promise<{ total: number; items: ItemView[] }> {
  const agencyId = query.org ? (await agencyOf(ctx.db.kysely, query.org)).id : undefined;
  const { total, rows } = await publishedItems(ctx.db.kysely, { agencyId, category: query.category, page: query.page, pageSize: query.pageSize });
  // A list shows each item's own text; its files and interpretations are on its page.
  return { total, items: rows.map(({ item, rev }) => presentItem(item, rev, 'published', { attachments: [], interpretations: [] })) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A file of an item as the asker may download it: a file of a published item's live revision is public; a
 * draft's file only for those who handle the item's unit (`principal` is asked only then); a withdrawn item's files
 * answer 410.
 */
export async function attachmentFile(ctx: Pick<AppContext, 'db'>, id: string, principal: () => Promise<Principal | null>): Promise<StoredFile> {
  if (!UUID.test(id)) throw notFound('附件不存在');
  const rows = await attachmentRows(ctx.db.kysely, id);
  let row = rows.find((r) => r.item_state === 'published' && r.revision_id === r.live_revision_id);
  const isPublic = row !== undefined;
  if (!row && rows.length) {
    if (handles(await principal(), rows[0]!.unit_path)) {
      row = rows.find((r) => r.revision_id === r.working_revision_id) ?? rows.find((r) => r.revision_id === r.live_revision_id) ?? rows.at(-1);
    } else if (rows.some((r) => r.item_state === 'withdrawn')) {
      throw new AppError(410, 'withdrawn', '该信息已撤回，附件不再提供下载');
    }
  }
  if (!row) throw notFound('附件不存在');
  return { id: row.id, storageKey: row.storage_key, name: row.name, type: row.type, sha256: row.sha256, public: isPublic };
}

// ── The public portal ─────────────────────────────────────────────────────────────────────────────────────────

/** The published items of a category and those below it (all of the agency's for null): one page of rows. */
export async function publicList(
  q: Queryable,
  agencyId: string,
  code: string | null,
  options: { page: number; sort: SortKey; pageSize?: number },
): Promise<{ total: number; items: ItemSummary[] }> {
  const { total, rows } = await publishedSummaries(q, agencyId, code, { page: options.page, sort: options.sort, pageSize: options.pageSize ?? PAGE_SIZE });
  return { total, items: rows.map(presentSummary) };
}

/** The newest published items of an agency (or of a category and below): home page and feeds. */
export async function newestItems(q: Queryable, agencyId: string, code: string | null, limit: number): Promise<ItemSummary[]> {
  return (await publicList(q, agencyId, code, { page: 1, sort: 'published', pageSize: limit })).items;
}

/**
 * One item of this agency's site as the public sees it: published (its live revision, with its files, history,
 * interpretations and linked items), withdrawn (the notice), or not at all — an item of another agency is 'none'
 * here. `categories` is the published catalog, whose fields label the item's extra values.
 */
export async function publicItem(q: Queryable, agencyId: string, id: string, categories: readonly CatalogCategory[]): Promise<PublicItem> {
  const loaded = await loadItem(q, id, 'live');
  if (!loaded || loaded.item.agency_id !== agencyId) return { kind: 'none' };
  const { item, rev } = loaded;
  if (item.state === 'withdrawn') return presentWithdrawnItem(item, rev);
  if (item.state !== 'published') return { kind: 'none' };
  const [revisions, interpretations, attachments] = await Promise.all([
    publishedRevisions(q, item.id),
    publishedInterpretations(q, agencyId, item.id),
    listAttachments(q, rev.id),
  ]);
  const titles = await publishedTitles(q, agencyId, [item.interprets_item_id, rev.replaced_by_item_id].filter((x): x is string => Boolean(x)));
  return presentPublicItem(item, rev, {
    attachments,
    revisions: revisions.map((r) => ({ revision: r.revision_no, publishedAt: r.published_at, changeNote: r.change_note })),
    interpretations,
    titles,
    extraFields: categories.find((c) => c.code === item.category_code)?.extraFields ?? [],
  });
}

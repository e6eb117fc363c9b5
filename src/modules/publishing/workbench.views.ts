import { ANYWHERE, authorize, type Caller } from '../accounts/index.js';
import { notFound } from '../../shared/errors.js';
import { findOrgByCode } from '../organisations/index.js';
import { HANDLING, handlingScope } from './handling.js';
import { itemReviews, itemRevisions, workbenchItems, type WorkbenchItemRow } from './items.queries.js';
import { loadItem, revisionContributions, type ItemRecord } from './items.repo.js';
import type { Contribution } from './four-eyes.js';
import { itemFacts } from './items.present.js';
import { itemAbilities } from './workflow.js';
import type { ReviewView, RevisionView, WorkbenchQuery, WorkbenchRowView } from './workbench.schemas.js';

/** A queue's row, with what this member may do next — the rule table the commands enforce, on the row's facts. */
function presentRow(caller: Caller, r: WorkbenchItemRow, contributions: readonly Contribution[]): WorkbenchRowView {
  const facts = itemFacts(caller.principal, { state: r.item_state, unit_path: r.unit_path }, { ...r, state: r.revision_state }, contributions);
  return {
    id: r.id,
    title: r.title,
    docNumber: r.doc_number,
    category: r.category_code,
    indexNumber: r.index_number,
    unit: r.unit_code,
    unitName: r.unit_name,
    state: facts.state,
    live: r.item_state === 'published' || r.item_state === 'withdrawn' ? r.item_state : null,
    revision: r.revision_no,
    version: r.version,
    mine: r.author_id === caller.principal.userId,
    rejectComment: r.reject_comment,
    publishedAt: r.published_at,
    scheduledAt: r.scheduled_at,
    updatedAt: r.updated_at,
    // What this member could do next (four eyes applied), so a queue offers only the actions that will work.
    ...itemAbilities(facts),
  };
}

/** The workbench: the items of the units the member handles, a queue by state, newest change first. */
export async function workbenchPage(caller: Caller, query: WorkbenchQuery): Promise<{ total: number; items: WorkbenchRowView[] }> {
  const { ctx, principal, actor } = caller;
  await authorize(ctx, principal, actor, HANDLING, ANYWHERE, { type: 'item' });
  const org = query.org ? await findOrgByCode(ctx.db.kysely, query.org) : null;
  if (query.org && !org) throw notFound('机构不存在');
  const { total, rows } = await workbenchItems(ctx.db.kysely, handlingScope(principal), {
    state: query.state,
    orgPath: org?.path,
    q: query.q,
    authorId: query.mine === '1' ? principal.userId : undefined,
    page: query.page,
    pageSize: query.pageSize,
  });
  const contributions = await revisionContributions(ctx.db.kysely, rows.map((r) => r.revision_id));
  return { total, items: rows.map((r) => presentRow(caller, r, contributions.get(r.revision_id) ?? [])) };
}

/** The item, for those who handle its unit (its history and review record are theirs to read). */
async function handledItem(caller: Caller, id: string): Promise<ItemRecord> {
  const loaded = await loadItem(caller.ctx.db.kysely, id);
  if (!loaded) throw notFound('信息不存在');
  await authorize(caller.ctx, caller.principal, caller.actor, HANDLING, loaded.item.unit_path, { type: 'item', id });
  return loaded.item;
}

/** Every revision of an item with its change note and state: the history and the comparison of versions. */
export async function revisionsView(caller: Caller, id: string): Promise<{ revisions: RevisionView[] }> {
  const item = await handledItem(caller, id);
  const revisions = await itemRevisions(caller.ctx.db.kysely, item.id);
  return {
    revisions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision_no,
      state: r.state,
      title: r.title,
      summary: r.summary,
      body: r.body,
      docNumber: r.doc_number,
      changeNote: r.change_note,
      rejectComment: r.reject_comment,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      live: r.id === item.live_revision_id,
      working: r.id === item.working_revision_id,
    })),
  };
}

/** The review record: each decision of 初审, 复审 and 保密审查 with comments, override reasons and findings. */
export async function reviewsView(caller: Caller, id: string): Promise<{ reviews: ReviewView[] }> {
  const item = await handledItem(caller, id);
  const rows = await itemReviews(caller.ctx.db.kysely, item.id);
  return {
    reviews: rows.map((r) => ({
      id: r.id,
      revisionId: r.revision_id,
      stage: r.stage,
      decision: r.decision,
      comment: r.comment,
      overrideReason: r.override_reason,
      findings: JSON.parse(r.findings) as unknown[],
      reviewer: r.reviewer_name,
      reviewerName: r.display_name ?? r.reviewer_name,
      at: r.at,
    })),
  };
}

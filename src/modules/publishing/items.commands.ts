import crypto from 'node:crypto';
import type { Caller, PublicCaller } from '../accounts/index.js';
import type { Queryable, Tx } from '../../db/database.js';
import { conflict, validationFailed } from '../../shared/errors.js';
import { authorize } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { findOrgByCode, findOrgById, type OrgRow } from '../organisations/index.js';
import { carryAttachments } from './attachments.repo.js';
import { extraFieldProblems } from './catalog.js';
import { workingCatalog } from './catalog.repo.js';
import type { Contribution } from './four-eyes.js';
import { changeItem } from './item-change.js';
import { categoryExists, itemAgency, newItemRow, newRevisionRow, recordContribution, type ItemRecord, type ItemRow, type RevisionRow } from './items.repo.js';
import { presentStaffItem } from './items.present.js';
import type { CreateItemInput, ItemView, UpdateItemInput } from './items.schemas.js';
import { changedView } from './items.views.js';
import { docNumberSearchKey } from './reference/doc-number.js';
import { sanitizeBody } from './sanitize.js';

type ContentColumns = Pick<
  RevisionRow,
  | 'title' | 'summary' | 'body' | 'doc_number' | 'issuing_organ' | 'written_at' | 'formed_at' | 'topic' | 'genre'
  | 'disclosure' | 'exemption_code' | 'validity' | 'validity_date' | 'keywords' | 'doc_number_key' | 'policy_kind'
  | 'replaced_by_item_id' | 'extra'
>;

function contentColumns(input: Partial<CreateItemInput & UpdateItemInput>): Partial<ContentColumns> {
  const out: Partial<ContentColumns> = {};
  if (input.title !== undefined) out.title = input.title;
  if (input.summary !== undefined) out.summary = input.summary;
  if (input.body !== undefined) out.body = sanitizeBody(input.body);
  if (input.docNumber !== undefined) {
    out.doc_number = input.docNumber;
    out.doc_number_key = input.docNumber ? docNumberSearchKey(input.docNumber) : null;
  }
  if (input.policyKind !== undefined) out.policy_kind = input.policyKind;
  if (input.issuingOrgan !== undefined) out.issuing_organ = input.issuingOrgan;
  if (input.writtenAt !== undefined) out.written_at = input.writtenAt;
  if (input.formedAt !== undefined) out.formed_at = input.formedAt;
  if (input.topic !== undefined) out.topic = input.topic;
  if (input.genre !== undefined) out.genre = input.genre;
  if (input.disclosure !== undefined) out.disclosure = input.disclosure;
  if (input.exemptionCode !== undefined) out.exemption_code = input.exemptionCode;
  if (input.validity !== undefined) out.validity = input.validity;
  if (input.validityDate !== undefined) out.validity_date = input.validityDate;
  if (input.replacedBy !== undefined) out.replaced_by_item_id = input.replacedBy;
  if (input.keywords !== undefined) out.keywords = JSON.stringify(input.keywords);
  if (input.extra !== undefined) out.extra = JSON.stringify(input.extra);
  return out;
}

/** The item row with what its view and checks need of its agency and unit. */
function itemRecord(row: ItemRow, agency: OrgRow, unit: OrgRow): ItemRecord {
  return {
    ...row,
    agency_code: agency.code,
    agency_timezone: agency.timezone,
    agency_index_template: agency.index_template,
    agency_org_code: agency.org_code,
    agency_credit_code: agency.credit_code,
    unit_path: unit.path,
    unit_code: unit.code,
    unit_name: unit.name,
  };
}

/** Creates an item with its first revision, a draft, in the author's unit; answers it as its handlers see it. */
export async function createItem(caller: PublicCaller, input: CreateItemInput): Promise<ItemView> {
  const { ctx, principal, actor } = caller;
  const q = ctx.db.kysely;
  const org = await findOrgByCode(q, input.org);
  if (!org) throw validationFailed({ org: '机构不存在' });
  // An item belongs to a unit (whose editors and reviewers handle it) and to that unit's agency (its site).
  const unit = org.kind === 'unit' || !principal ? org : ((await findOrgById(q, principal.orgId)) ?? org);
  if (unit.agency_id !== org.agency_id) throw validationFailed({ org: '您不属于该机关' });
  await authorize(ctx, principal, actor, 'item.create', unit.path, { type: 'item' });
  if (!(await categoryExists(q, org.agency_id, input.category))) throw validationFailed({ category: '目录类别不存在' });
  await checkExtra(q, org.agency_id, input.category, input.extra);
  if (input.interprets && (await itemAgency(q, input.interprets)) !== org.agency_id) throw validationFailed({ interprets: '被解读的文件不存在' });
  await checkReplacement(q, org.agency_id, null, input.replacedBy);
  const agency = org.kind === 'agency' ? org : (await findOrgById(q, org.agency_id))!;
  const now = ctx.clock().toISOString();
  const item = newItemRow({
    id: crypto.randomUUID(),
    agency_id: org.agency_id,
    unit_id: unit.id,
    category_code: input.category,
    interprets_item_id: input.interprets ?? null,
    author_id: principal?.userId ?? null,
    created_at: now,
  });
  const rev = newRevisionRow({ id: crypto.randomUUID(), item_id: item.id, title: input.title, author_id: principal?.userId ?? null, created_at: now, ...contentColumns(input) });
  item.working_revision_id = rev.id;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('items').values(item).execute();
    await trx.insertInto('item_revisions').values(rev).execute();
    await recordContribution(trx, rev.id, principal?.userId, 'create', now);
    await appendAudit(trx, ctx, actor, {
      action: 'item.create',
      objectType: 'item',
      objectId: item.id,
      orgPath: unit.path,
      summary: { title: input.title, category: input.category },
    });
    await ctx.hooks.run('itemsChanged', trx, ctx, [item.id]);
  });
  const contributions: Contribution[] = principal ? [{ userId: principal.userId, kind: 'create' }] : [];
  return presentStaffItem(principal, itemRecord(item, agency, unit), rev, contributions, { attachments: [], interpretations: [] });
}

/**
 * Edits the working revision, or — for a published item without one — starts a new revision (with a change
 * note) that goes through review while the published one stays live. A stale `version` answers 409.
 */
export async function updateItem(caller: Caller, id: string, input: UpdateItemInput): Promise<ItemView> {
  const { ctx, principal, actor } = caller;
  const fields = Object.keys(input).filter((k) => k !== 'version');
  const { view, moved } = await changeItem(caller, id, async ({ trx, item, rev, contributions, now, require }) => {
    const moving = input.category !== undefined && input.category !== item.category_code;
    // The category is a property of the document, not of a revision: once published, moving it changes what the
    // public sees at once, so only the office (which owns the catalog) may do it (workflow.ts).
    require('edit', { moving: moving && item.live_revision_id !== null });
    if (moving && !(await categoryExists(trx, item.agency_id, input.category!))) throw validationFailed({ category: '目录类别不存在' });
    await checkReplacement(trx, item.agency_id, item.id, input.replacedBy);
    if (input.extra !== undefined || moving) {
      await checkExtra(trx, item.agency_id, input.category ?? item.category_code, input.extra ?? (JSON.parse(rev.extra) as Record<string, unknown>));
    }
    await bumpVersion(trx, item, input.version, now, input.category ? { category_code: input.category } : {});
    const working = item.working_revision_id !== null;
    let current = rev;
    let hands = contributions;
    if (working) {
      const changes = { ...contentColumns(input), change_note: input.changeNote ?? rev.change_note, updated_at: now };
      await trx.updateTable('item_revisions').set(changes).where('id', '=', rev.id).execute();
      // Any edit of the revision makes its maker one of its authors (four eyes), whatever the field.
      await recordContribution(trx, rev.id, principal.userId, 'edit', now);
      current = { ...rev, ...changes };
      hands = [...contributions, { userId: principal.userId, kind: 'edit' }];
    } else if (Object.keys(contentColumns(input)).length > 0) {
      if (!input.changeNote) throw validationFailed({ changeNote: '修改已发布的信息须填写修改说明' });
      current = await startRevision(trx, rev, principal.userId, input.changeNote, contentColumns(input), now);
      hands = [{ userId: principal.userId, kind: 'revise' }];
    }
    await appendAudit(trx, ctx, actor, {
      action: working ? 'item.edit' : 'item.revise',
      objectType: 'item',
      objectId: id,
      orgPath: item.unit_path,
      summary: {
        fields,
        changeNote: input.changeNote ?? null,
        ...(moving ? { category: { before: item.category_code, after: input.category } } : {}),
      },
    });
    await ctx.hooks.run('itemsChanged', trx, ctx, [id]);
    const after: ItemRecord = {
      ...item,
      version: input.version + 1,
      updated_at: now,
      category_code: input.category ?? item.category_code,
      working_revision_id: current === rev ? item.working_revision_id : current.id,
    };
    return { view: await changedView(trx, principal, after, current, hands), moved: moving && item.live_revision_id !== null ? item : null };
  });
  if (moved) {
    ctx.events.emit('item.changed', { agencyId: moved.agency_id, itemId: id, categoryCode: input.category!, previousCategoryCode: moved.category_code, interpretedItemId: moved.interprets_item_id });
  }
  return view;
}

/** A new working revision of a published item: the live one with the changes, its files carried over. */
async function startRevision(trx: Tx, live: RevisionRow, userId: string, changeNote: string, changes: Partial<ContentColumns>, now: string): Promise<RevisionRow> {
  const revision: RevisionRow = {
    ...live,
    id: crypto.randomUUID(),
    revision_no: live.revision_no + 1,
    state: 'draft',
    change_note: changeNote,
    reject_comment: null,
    author_id: userId,
    unit_reviewed_by: null,
    approved_by: null,
    published_at: null,
    created_at: now,
    updated_at: now,
    ...changes,
  };
  await trx.insertInto('item_revisions').values(revision).execute();
  await carryAttachments(trx, live.id, revision.id);
  await trx.updateTable('items').set({ working_revision_id: revision.id }).where('id', '=', live.item_id).execute();
  await recordContribution(trx, revision.id, userId, 'revise', now);
  return revision;
}

/** Extra values must match the category's extra fields (types, required ones present, no unknown keys). */
async function checkExtra(q: Queryable, agencyId: string, category: string, values: Readonly<Record<string, unknown>>): Promise<void> {
  const fields = (await workingCatalog(q, agencyId)).find((c) => c.code === category)?.extraFields ?? [];
  const problems = extraFieldProblems(fields, values);
  if (Object.keys(problems).length) throw validationFailed(problems);
}

/** The replacing item must be another item of the same agency. */
async function checkReplacement(q: Queryable, agencyId: string, selfId: string | null, replacedBy: string | null | undefined): Promise<void> {
  if (!replacedBy) return;
  if (replacedBy === selfId || (await itemAgency(q, replacedBy)) !== agencyId) throw validationFailed({ replacedBy: '替代它的文件不存在' });
}

async function bumpVersion(trx: Tx, item: ItemRow, version: number, now: string, extra: Partial<ItemRow> = {}): Promise<void> {
  const done = await trx
    .updateTable('items')
    .set({ version: version + 1, updated_at: now, ...extra })
    .where('id', '=', item.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict('该信息已被他人修改，请刷新后重试', 'stale_version');
}

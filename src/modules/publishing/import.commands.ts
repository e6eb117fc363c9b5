import crypto from 'node:crypto';
import type { Tx } from '../../db/database.js';
import type { PublicCaller } from '../accounts/index.js';
import type { AppContext } from '../../shared/context.js';
import { validationFailed } from '../../shared/errors.js';
import { appendAudits, type Actor, type AuditEntry } from '../audit/index.js';
import { todayIn } from '../calendar/index.js';
import { agencyIndexNumber, findOrgByCode, findOrgById, type OrgRow } from '../organisations/index.js';
import { workingCatalog } from './catalog.repo.js';
import { existingSourceKeys, newItemRow, newRevisionRow, reserveIndexSerials, type ItemRow, type RevisionRow } from './items.repo.js';
import { docNumberSearchKey, parseDocNumber } from './reference/doc-number.js';
import type { ImportedDocument } from './reference/import-format.js';

export interface ImportOptions {
  /** The unit (or agency) the documents belong to. */
  orgCode: string;
  /** Category for documents that do not name one (Markdown never does). */
  category: string | null;
  /** Publish at once: a bulk migration of documents already public elsewhere, on the operator's authority. */
  publish: boolean;
  /** Documents per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportOutcome {
  imported: number;
  skipped: number;
  errors: { source: string; message: string }[];
}

/**
 * Imports parsed documents as items. Idempotent: a document whose source key the agency already holds is
 * skipped, so importing the same files twice imports nothing new. With `publish`, items go live directly
 * (no review: they are already public documents being migrated) with an index number of their year, and each
 * publication is in the audit log as `item.import-publish`.
 */
export async function importDocuments(caller: PublicCaller, documents: readonly ImportedDocument[], options: ImportOptions): Promise<ImportOutcome> {
  const { ctx, actor } = caller;
  const org = await findOrgByCode(ctx.db.kysely, options.orgCode);
  if (!org) throw validationFailed({ org: `机构 ${options.orgCode} 不存在` });
  const agency = (await findOrgById(ctx.db.kysely, org.agency_id))!;
  const categories = new Set((await workingCatalog(ctx.db.kysely, agency.id)).map((c) => c.code));
  if (options.category && !categories.has(options.category)) throw validationFailed({ category: `目录类别 ${options.category} 不存在` });

  const outcome: ImportOutcome = { imported: 0, skipped: 0, errors: [] };
  const batchSize = options.batchSize ?? 200;
  const seen = new Set<string>();
  for (let i = 0; i < documents.length; i += batchSize) {
    const batch = documents.slice(i, i + batchSize);
    const keys = batch.map((d) => d.sourceKey);
    const existing = await existingSourceKeys(ctx.db.kysely, agency.id, keys);
    const accepted: { doc: ImportedDocument; category: string }[] = [];
    for (const doc of batch) {
      if (existing.has(doc.sourceKey) || seen.has(doc.sourceKey)) {
        outcome.skipped++;
        continue;
      }
      const category = doc.category ?? options.category;
      if (!category || !categories.has(category)) {
        outcome.errors.push({ source: sourceOf(doc), message: category ? `目录类别 ${category} 不存在` : '未指定目录类别（--category）' });
        continue;
      }
      seen.add(doc.sourceKey);
      accepted.push({ doc, category });
    }
    if (accepted.length) {
      await ctx.db.kysely.transaction().execute((trx) => insertBatch(trx, ctx, actor, org, agency, accepted, options.publish));
      outcome.imported += accepted.length;
    }
    options.onProgress?.(Math.min(i + batchSize, documents.length), documents.length);
  }
  if (outcome.imported > 0 && options.publish) ctx.events.emit('catalog.changed', { agencyId: agency.id });
  return outcome;
}

function sourceOf(doc: ImportedDocument): string {
  return doc.line ? `${doc.sourcePath}:${doc.line}` : doc.sourcePath;
}

/** Midnight China Standard Time of a calendar date, as the instant of a publication known only by its date. */
function instantOfDate(date: string, timezoneOffset = '+08:00'): string {
  return new Date(`${date}T00:00:00${timezoneOffset}`).toISOString();
}

/**
 * Writes a batch in a few statements: one insert of items, one of revisions, the audit records in one append,
 * and index numbers reserved per year in one step each.
 */
async function insertBatch(
  trx: Tx,
  ctx: AppContext,
  actor: Actor,
  unit: OrgRow,
  agency: OrgRow,
  batch: readonly { doc: ImportedDocument; category: string }[],
  publish: boolean,
): Promise<void> {
  const now = ctx.clock().toISOString();
  const state = publish ? 'published' : 'draft';
  const yearOf = (doc: ImportedDocument) => Number((doc.publishedAt ?? todayIn(agency.timezone, new Date(now))).slice(0, 4));
  const nextSerial = new Map<number, number>();
  if (publish) {
    const perYear = new Map<number, number>();
    for (const { doc } of batch) perYear.set(yearOf(doc), (perYear.get(yearOf(doc)) ?? 0) + 1);
    for (const [year, count] of perYear) nextSerial.set(year, await reserveIndexSerials(trx, agency.id, year, count));
  }
  const items: ItemRow[] = [];
  const revisions: RevisionRow[] = [];
  const audits: AuditEntry[] = [];
  for (const { doc, category } of batch) {
    const id = crypto.randomUUID();
    const revId = crypto.randomUUID();
    const parsed = doc.docNumber ? parseDocNumber(doc.docNumber) : null;
    const docNumber = parsed?.ok ? parsed.canonical : doc.docNumber;
    const publishedAt = publish ? (doc.publishedAt ? (doc.publishedAt.length === 10 ? instantOfDate(doc.publishedAt) : new Date(doc.publishedAt).toISOString()) : now) : null;
    let indexNumber: string | null = null;
    if (publish) {
      const year = yearOf(doc);
      const serial = nextSerial.get(year)!;
      nextSerial.set(year, serial + 1);
      indexNumber = agencyIndexNumber(agency, { year, serial, category });
    }
    items.push(
      newItemRow({
        id,
        agency_id: agency.id,
        unit_id: unit.id,
        category_code: category,
        index_number: indexNumber,
        state,
        live_revision_id: publish ? revId : null,
        working_revision_id: publish ? null : revId,
        published_at: publishedAt,
        source_key: doc.sourceKey,
        created_at: now,
      }),
    );
    revisions.push(
      newRevisionRow({
        id: revId,
        item_id: id,
        state,
        title: doc.title,
        // The parsers build the body from escaped text with only <h2>, <h3> and <p> of their own: safe as it is.
        body: doc.body,
        doc_number: docNumber,
        doc_number_key: docNumber ? docNumberSearchKey(docNumber) : null,
        issuing_organ: doc.issuingOrgan,
        written_at: doc.writtenAt,
        formed_at: doc.writtenAt,
        topic: doc.topic,
        published_at: publishedAt,
        created_at: now,
      }),
    );
    audits.push({ action: publish ? 'item.import-publish' : 'item.import', objectType: 'item', objectId: id, orgPath: unit.path, summary: { title: doc.title, source: sourceOf(doc), indexNumber } });
  }
  // Bounded statements: both engines limit the bound parameters of one statement.
  for (let i = 0; i < items.length; i += 250) await trx.insertInto('items').values(items.slice(i, i + 250)).execute();
  for (let i = 0; i < revisions.length; i += 250) await trx.insertInto('item_revisions').values(revisions.slice(i, i + 250)).execute();
  // An import on behalf of an account makes it the author of what it imported (the command line has none).
  if (actor.id) {
    const rows = revisions.map((r) => ({ revision_id: r.id, user_id: actor.id!, kind: 'import' as const, at: now }));
    for (let i = 0; i < rows.length; i += 250) await trx.insertInto('item_revision_contributors').values(rows.slice(i, i + 250)).execute();
  }
  await appendAudits(trx, ctx, actor, audits);
  await ctx.hooks.run('itemsChanged', trx, ctx, items.map((i) => i.id));
}

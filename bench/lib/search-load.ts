// Bulk loading of a generated search corpus (search-corpus.ts) into a migrated database: one synthetic agency
// (a real organisations row, with one unit) per copy of the articles, then items and item_revisions rows written
// directly with SQL — the same columns `gongkai import --publish` writes (newItemRow / newRevisionRow), without
// the audit records and without indexing, so that the index can be built afterwards by reindexAll and timed alone.
import crypto from 'node:crypto';
import type { Db } from '../../src/db/database.js';
import { newOrgRow } from '../../src/modules/organisations/orgs.repo.js';
import { newItemRow, newRevisionRow, type ItemRow, type RevisionRow } from '../../src/modules/publishing/items.repo.js';
import { docNumberSearchKey } from '../../src/modules/publishing/reference/doc-number.js';
import { generated, type Article } from './search-corpus.js';

export interface LoadedCorpus {
  documents: number;
  agencies: { id: string; unitId: string; code: string }[];
  seconds: number;
}

const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 10_000;

/** Agencies `bench-search-<k>` with a unit each, then `count` published items. */
export async function loadCorpus(db: Db, articles: readonly Article[], count: number, onProgress: (done: number) => void = () => {}): Promise<LoadedCorpus> {
  const started = performance.now();
  const now = new Date().toISOString();
  const copies = Math.ceil(count / articles.length);
  const agencies: LoadedCorpus['agencies'] = [];
  for (let k = 0; k < copies; k++) {
    const id = crypto.randomUUID();
    const unitId = crypto.randomUUID();
    const code = `bench-search-${k + 1}`;
    await db.kysely
      .insertInto('organisations')
      .values([
        newOrgRow({ id, code, name: `基准检索第${k + 1}机关`, kind: 'agency', agency_id: id, path: `/${id}/`, created_at: now }),
        newOrgRow({ id: unitId, code: `${code}-office`, name: `基准检索第${k + 1}机关办公室`, kind: 'unit', parent_id: id, agency_id: id, path: `/${id}/${unitId}/`, created_at: now }),
      ])
      .execute();
    agencies.push({ id, unitId, code });
  }

  for (let from = 0; from < count; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(count, from + ROWS_PER_TRANSACTION);
    const items: ItemRow[] = [];
    const revisions: RevisionRow[] = [];
    for (let n = from; n < to; n++) {
      const g = generated(articles, n);
      const agency = agencies[g.copy]!;
      const id = crypto.randomUUID();
      const revId = crypto.randomUUID();
      items.push(
        newItemRow({
          id,
          agency_id: agency.id,
          unit_id: agency.unitId,
          category_code: g.category,
          state: 'published',
          live_revision_id: revId,
          published_at: g.publishedAt,
          created_at: now,
        }),
      );
      revisions.push(
        newRevisionRow({
          id: revId,
          item_id: id,
          state: 'published',
          title: g.article.title,
          body: g.article.body,
          doc_number: g.article.docNumber,
          doc_number_key: g.article.docNumber ? docNumberSearchKey(g.article.docNumber) : null,
          issuing_organ: g.article.organ,
          written_at: g.publishedAt.slice(0, 10),
          formed_at: g.publishedAt.slice(0, 10),
          topic: g.topic,
          genre: g.genre,
          validity: g.validity,
          published_at: g.publishedAt,
          created_at: now,
        }),
      );
    }
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) await trx.insertInto('items').values(items.slice(i, i + ROWS_PER_STATEMENT)).execute();
      for (let i = 0; i < revisions.length; i += ROWS_PER_STATEMENT) await trx.insertInto('item_revisions').values(revisions.slice(i, i + ROWS_PER_STATEMENT)).execute();
    });
    onProgress(to);
  }
  return { documents: count, agencies, seconds: (performance.now() - started) / 1000 };
}

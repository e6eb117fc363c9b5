/**
 * Keeps the search index equal to the items, inside the transaction that changes them (issue 5: a withdrawn
 * item is never found again, not even for a second). Every command that changes what an item says, where it
 * is filed or whether it is public calls `syncSearchIndex` with the ids it touched, after its own writes.
 */
import { sql } from 'kysely';
import type { Dialect, Queryable } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { searchableVersions, type SearchableVersion } from '../publishing/index.js';
import { buildDocument, tokenStream, tsvectorLiteral, type IndexDocument, type IndexSource } from './document.js';

/** Raised whenever tokenisation or the document shape changes: the index is rebuilt at the next start. */
export const INDEX_VERSION = '4';

const BATCH = 200;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of a stored body. Bodies are sanitised when they are saved (publishing/sanitize.ts), so tags and
 * entities are all there is to take away: a regular expression does it several times faster than parsing, which
 * matters when thousands of documents are imported. Every tag becomes a space, so paragraphs stay apart.
 */
export function storedHtmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the index holds of an item's version: its text as plain text, its keywords and files' text joined. */
function sourceOf(v: SearchableVersion): IndexSource {
  const { keywords, body, attachmentTexts, ...rest } = v;
  return { ...rest, keywords: keywords.join(' '), bodyText: storedHtmlText(body), attachmentText: attachmentTexts.join('\n') };
}

async function removeDocuments(q: Queryable, dialect: Dialect, itemIds: readonly string[]): Promise<void> {
  if (dialect === 'sqlite') {
    const ids = (await q.selectFrom('search_documents').select('doc_id').where('item_id', 'in', itemIds).execute()).map((r) => r.doc_id);
    for (const part of chunks(ids, 500)) await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(part)})`.execute(q);
  }
  await q.deleteFrom('search_documents').where('item_id', 'in', itemIds).execute();
}

async function insertDocuments(q: Queryable, dialect: Dialect, docs: readonly IndexDocument[], now: string): Promise<void> {
  for (const part of chunks(docs, BATCH)) {
    if (dialect === 'postgres') {
      await q
        .insertInto('search_documents')
        .values(
          part.map((d) => {
            const { literal, clamped } = tsvectorLiteral(d.tokens);
            return { ...d.row, indexed_at: now, tsv: sql`${literal}::tsvector`, norm: clamped ? tokenStream(d.tokens) : null } as never;
          }),
        )
        .execute();
      continue;
    }
    const inserted = await q
      .insertInto('search_documents')
      .values(part.map((d) => ({ ...d.row, indexed_at: now })))
      .returning(['doc_id', 'doc_key'])
      .execute();
    const idOf = new Map(inserted.map((r) => [r.doc_key, r.doc_id]));
    const rows = part.map((d) => sql`(${idOf.get(d.row.doc_key)!}, ${d.tokens.title}, ${d.tokens.number}, ${d.tokens.organ}, ${d.tokens.body})`);
    await sql`INSERT INTO search_fts (rowid, title, number, organ, body) VALUES ${sql.join(rows)}`.execute(q);
  }
}

/** Re-indexes the items: their old documents go, their current searchable versions come in. */
export async function syncSearchIndex(q: Queryable, dialect: Dialect, itemIds: readonly string[], now: string): Promise<void> {
  const ids = [...new Set(itemIds)];
  for (const part of chunks(ids, 500)) {
    const docs = (await searchableVersions(q, part)).map((v) => buildDocument(sourceOf(v)));
    await removeDocuments(q, dialect, part);
    await insertDocuments(q, dialect, docs, now);
  }
}

/** The call every item-changing transaction makes (same transaction, so the index never disagrees). */
export function indexItems(trx: Queryable, ctx: Pick<AppContext, 'db' | 'clock'>, itemIds: readonly string[]): Promise<void> {
  return syncSearchIndex(trx, ctx.db.dialect, itemIds, ctx.clock().toISOString());
}

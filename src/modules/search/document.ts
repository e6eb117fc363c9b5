/**
 * What the index holds for one version of an item (pure): facet values, the plain text for snippets, and the
 * token text of the four ranked fields. The same document feeds both engines (indexer.ts).
 */
import type { Insertable } from 'kysely';
import type { SearchDocumentTable } from '../../db/schema.js';
import type { SearchableVersion } from '../publishing/index.js';
import { FTS_COLUMNS, TS_WEIGHT } from './compile.js';
import { gramText } from './grams.js';

/** A searchable version of an item (publishing's), with its text as the index reads it. */
export interface IndexSource extends Omit<SearchableVersion, 'keywords' | 'body' | 'attachmentTexts'> {
  /** Keywords joined by spaces. */
  keywords: string;
  /** Plain text of the body. */
  bodyText: string;
  /** The text of its files, one after another. */
  attachmentText: string;
}

export type FieldTokens = Record<(typeof FTS_COLUMNS)[number], string>;

export interface IndexDocument {
  /** The search_documents row, but for its generated id and the time of indexing. */
  row: Omit<Insertable<SearchDocumentTable>, 'doc_id' | 'indexed_at'> & { doc_key: string };
  tokens: FieldTokens;
}

export const docKey = (itemId: string, kind: 'live' | 'draft') => `${itemId}:${kind}`;

/** The plain text kept for snippets: summary, keywords, body and attachments' text, in reading order. */
function plainText(s: IndexSource): string {
  return [s.summary, s.keywords, s.bodyText, s.attachmentText].filter((t) => t && t.trim()).join('\n');
}

export function buildDocument(s: IndexSource): IndexDocument {
  const sortAt = s.publishedAt ?? s.updatedAt;
  // 年份 facet: the year of publication; drafts by the date they were written, else when last changed.
  const yearSource = s.publishedAt ?? s.writtenAt ?? s.updatedAt;
  const text = plainText(s);
  return {
    row: {
      doc_key: docKey(s.itemId, s.kind),
      item_id: s.itemId,
      kind: s.kind,
      revision_id: s.revisionId,
      state: s.state,
      agency_id: s.agencyId,
      unit_path: s.unitPath,
      category_code: s.categoryCode,
      topic: s.topic,
      organ: s.organ,
      genre: s.genre,
      validity: s.validity,
      year: Number(yearSource.slice(0, 4)) || null,
      published_at: s.publishedAt,
      sort_at: sortAt,
      title: s.title,
      doc_number: s.docNumber,
      doc_number_key: s.docNumberKey,
      index_number: s.indexNumber,
      summary: s.summary,
      text,
    },
    tokens: {
      title: gramText(s.title),
      number: [gramText(s.docNumber), gramText(s.indexNumber)].filter(Boolean).join(' '),
      organ: gramText(s.organ),
      body: gramText(text),
    },
  };
}

/**
 * PostgreSQL limits a tsvector to positions 1–16383 and 256 positions per lexeme; beyond that a phrase can
 * no longer be matched by position. Positions are clamped the way PostgreSQL would clamp them.
 */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

/**
 * The weighted tsvector literal of a document: same tokens, same order as the FTS5 row; `clamped` when a
 * position was lost to PostgreSQL's limits (the document then also keeps its `tokenStream`).
 */
export function tsvectorLiteral(tokens: FieldTokens): { literal: string; clamped: boolean } {
  let clamped = false;
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const column of FTS_COLUMNS) {
    const weight = TS_WEIGHT[column];
    for (const token of tokens[column].split(' ')) {
      if (!token) continue;
      if (pos + 1 > MAX_POSITION) clamped = true;
      pos = Math.min(pos + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`);
      else clamped = true;
      positions.set(token, list);
    }
    // A gap between fields: a phrase never runs from the end of the title into the document number.
    pos = Math.min(pos + 1, MAX_POSITION);
  }
  return { literal: [...positions].map(([token, list]) => `'${token}':${list.join(',')}`).join(' '), clamped };
}

/**
 * The fields' tokens as one text, each field between spaces and fields on lines of their own: a phrase's
 * tokens are adjacent exactly where ` t1 t2 … ` occurs in it (compile.ts `streamNeedle`), never across fields.
 */
export function tokenStream(tokens: FieldTokens): string {
  return FTS_COLUMNS.map((c) => ` ${tokens[c]} `).join('\n');
}

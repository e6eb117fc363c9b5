import type { Queryable } from '../../db/database.js';
import { DEFAULT_SENSITIVE_WORDS, isRiskLevel, scanItem, type Finding, type ScanInput, type ScanOptions, type SensitiveWord } from '../risk/index.js';
import type { RevisionRow } from './items.repo.js';

/**
 * The pre-publication scan of a revision (docs/product.md M9): personal data, sensitive words (the built-in list plus
 * the deployment's and the agency's own), and missing metadata. Title and body are essential; 成文日期 and
 * 发文机关 are reported when missing but do not block (not every item is a formal document).
 */
const REQUIRED: ScanOptions['required'] = [
  { field: 'title' },
  { field: 'body' },
  { field: 'writtenAt', label: '成文日期', level: '一般' },
  { field: 'issuingOrgan', label: '发文机关', level: '一般' },
];

export async function sensitiveWordsFor(q: Queryable, agencyId: string): Promise<SensitiveWord[]> {
  const rows = await q.selectFrom('sensitive_words').select(['word', 'level', 'note']).where('scope', 'in', ['*', agencyId]).execute();
  const own = rows.filter((r) => isRiskLevel(r.level)).map((r) => ({ word: r.word, level: r.level as SensitiveWord['level'], ...(r.note ? { note: r.note } : {}) }));
  return [...DEFAULT_SENSITIVE_WORDS, ...own];
}

export function scanInput(rev: RevisionRow): ScanInput {
  return {
    title: rev.title,
    summary: rev.summary,
    body: rev.body,
    docNumber: rev.doc_number,
    issuingOrgan: rev.issuing_organ,
    writtenAt: rev.written_at,
  };
}

export async function scanRevision(q: Queryable, agencyId: string, rev: RevisionRow): Promise<Finding[]> {
  // Only text fields are searched for personal data and words; the metadata fields are checked for presence.
  return scanItem(scanInput(rev), {
    sensitiveWords: await sensitiveWordsFor(q, agencyId),
    required: REQUIRED,
    fields: ['title', 'docNumber', 'summary', 'body'],
  });
}

export function scanOptions(words: SensitiveWord[]): ScanOptions {
  return { sensitiveWords: words, required: REQUIRED, fields: ['title', 'docNumber', 'summary', 'body'] };
}

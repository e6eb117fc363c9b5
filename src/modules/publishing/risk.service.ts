import { authorize, type Caller } from '../accounts/index.js';
import type { Queryable } from '../../db/database.js';
import { notFound } from '../../shared/errors.js';
import { findOrgByCode } from '../organisations/index.js';
import { DEFAULT_SENSITIVE_WORDS, isRiskLevel, scanItem, type Finding, type ScanInput, type ScanOptions, type SensitiveWord } from '../risk/index.js';
import { loadItem, type RevisionRow } from './items.repo.js';
import { wordsOf } from './risk.repo.js';
import type { WordView } from './risk.schemas.js';

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

/** The built-in list with the deployment's and the agency's own words. */
export async function sensitiveWordsFor(q: Queryable, agencyId: string): Promise<SensitiveWord[]> {
  const rows = await wordsOf(q, agencyId);
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

/** Only text fields are searched for personal data and words; the metadata fields are checked for presence. */
export function scanOptions(words: SensitiveWord[]): ScanOptions {
  return { sensitiveWords: words, required: REQUIRED, fields: ['title', 'docNumber', 'summary', 'body'] };
}

export async function scanRevision(q: Queryable, agencyId: string, rev: RevisionRow): Promise<Finding[]> {
  return scanItem(scanInput(rev), scanOptions(await sensitiveWordsFor(q, agencyId)));
}

/** The scan of an item's current revision, for those who write or review it (excerpts masked). */
export async function itemRisks(caller: Caller, id: string): Promise<Finding[]> {
  const loaded = await loadItem(caller.ctx.db.kysely, id);
  if (!loaded) throw notFound('信息不存在');
  await authorize(caller.ctx, caller.principal, caller.actor, ['item.edit', 'item.review-unit', 'item.approve'], loaded.item.unit_path, { type: 'item', id });
  return scanRevision(caller.ctx.db.kysely, loaded.item.agency_id, loaded.rev);
}

/** An organisation named in a word request (`*`: the whole deployment): where the permission is checked. */
export async function wordsOrg(caller: Caller, code: string) {
  if (code === '*') return null;
  const org = await findOrgByCode(caller.ctx.db.kysely, code);
  if (!org) throw notFound('机构不存在');
  return org;
}

/** The sensitive words of the deployment and of the organisation's agency (not the built-in list). */
export async function listWords(caller: Caller, code: string): Promise<{ words: WordView[] }> {
  const org = await wordsOrg(caller, code);
  await authorize(caller.ctx, caller.principal, caller.actor, ['item.review-unit', 'item.approve', 'catalog.edit'], org?.path, { type: 'risk' });
  const rows = await wordsOf(caller.ctx.db.kysely, org?.agency_id ?? null);
  return { words: rows.map((r) => ({ id: r.id, scope: r.scope === '*' ? '*' : code, word: r.word, level: r.level, note: r.note })) };
}

// The real-document corpus (the laws corpus of docs/engineering.md §7) as the relevance suite and its generator read it.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { parseMarkdownDocument, type ImportedDocument } from '../../src/modules/publishing/reference/import-format.js';

export const CORPUS = path.join(PROJECT_ROOT, '..', 'shared', 'corpus', 'laws');
export const HAVE_CORPUS = fs.existsSync(CORPUS);

export type QueryKind = 'title' | 'phrase' | 'docNumber' | 'traditional' | 'twoChar' | 'partialTitle';
export const KINDS: readonly QueryKind[] = ['title', 'partialTitle', 'phrase', 'docNumber', 'traditional', 'twoChar'];

/** One judged query: any of the `expect` files (paths relative to the laws folder) in the first three results is a find. */
export interface JudgedQuery {
  query: string;
  kind: QueryKind;
  expect: string | string[];
  /** For the reader: the title of the (first) expected file. */
  title?: string;
}

/** Every Markdown file below the folder, as relative paths in a stable order. */
export function corpusFiles(root = CORPUS): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

/** The files that parse, parsed (the few the parser refuses are left out, as `gongkai import` leaves them out). */
export function parseCorpus(root = CORPUS): ImportedDocument[] {
  return corpusFiles(root).flatMap((rel) => {
    const r = parseMarkdownDocument(fs.readFileSync(path.join(root, rel), 'utf8'), rel);
    return r.ok ? [r.document] : [];
  });
}

export const expectedFiles = (q: JudgedQuery): string[] => (Array.isArray(q.expect) ? q.expect : [q.expect]);

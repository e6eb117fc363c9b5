import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type { SensitiveWordTable } from '../../db/schema.js';

/** The sensitive-word lists: the deployment's (scope `*`) and each agency's (scope = its id). */
export type WordRow = Selectable<SensitiveWordTable>;

/** The words of the deployment and of one agency (`*` alone when none). */
export function wordsOf(q: Queryable, agencyId: string | null): Promise<WordRow[]> {
  return q.selectFrom('sensitive_words').selectAll().where('scope', 'in', ['*', agencyId ?? '*']).orderBy('word').execute();
}

export function findWord(q: Queryable, id: string): Promise<WordRow | undefined> {
  return q.selectFrom('sensitive_words').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function wordTaken(q: Queryable, scope: string, word: string): Promise<boolean> {
  return (await q.selectFrom('sensitive_words').select('id').where('scope', '=', scope).where('word', '=', word).executeTakeFirst()) !== undefined;
}

export async function insertWord(q: Queryable, row: WordRow): Promise<void> {
  await q.insertInto('sensitive_words').values(row).execute();
}

export async function deleteWord(q: Queryable, id: string): Promise<void> {
  await q.deleteFrom('sensitive_words').where('id', '=', id).execute();
}

import crypto from 'node:crypto';
import { authorize, type Caller } from '../accounts/index.js';
import { conflict, notFound } from '../../shared/errors.js';
import { appendAudit } from '../audit/index.js';
import { findOrgById } from '../organisations/index.js';
import { maskItem as maskFields, scanItem } from '../risk/index.js';
import { changeItem } from './item-change.js';
import { recordContribution } from './items.repo.js';
import { deleteWord, findWord, insertWord, wordTaken } from './risk.repo.js';
import type { AddWordInput } from './risk.schemas.js';
import { scanInput, scanOptions, sensitiveWordsFor, wordsOrg } from './risk.service.js';

/**
 * The reviewer's one-action 保密审查 (docs/product.md M9): the personal data the scan finds in the revision under
 * review is replaced by asterisks. Answers how many values were masked and what the scan still finds.
 */
export async function maskItem(caller: Caller, id: string, version: number) {
  const { ctx, principal, actor } = caller;
  return changeItem(caller, id, async ({ trx, item, rev, now, require }) => {
    require('mask');
    const options = scanOptions(await sensitiveWordsFor(trx, item.agency_id));
    const { fields, masked } = maskFields(scanInput(rev), options);
    const done = await trx.updateTable('items').set({ version: version + 1, updated_at: now }).where('id', '=', item.id).where('version', '=', version).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该信息已被他人修改，请刷新后重试', 'stale_version');
    const changes = {
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.summary !== undefined ? { summary: fields.summary } : {}),
      ...(fields.body !== undefined ? { body: fields.body } : {}),
      ...(fields.docNumber !== undefined ? { doc_number: fields.docNumber } : {}),
      updated_at: now,
    };
    await trx.updateTable('item_revisions').set(changes).where('id', '=', rev.id).execute();
    // Recorded like every change; a mask alone does not make the reviewer an author (four-eyes.ts).
    await recordContribution(trx, rev.id, principal.userId, 'mask', now);
    await appendAudit(trx, ctx, actor, { action: 'item.mask', objectType: 'item', objectId: item.id, orgPath: item.unit_path, summary: { masked, fields: Object.keys(fields) } });
    await ctx.hooks.run('itemsChanged', trx, ctx, [item.id]);
    return { masked, findings: scanItem(scanInput({ ...rev, ...changes }), options) };
  });
}

/** Adds a sensitive word to the deployment's list (`*`) or the agency's. */
export async function addWord(caller: Caller, input: AddWordInput): Promise<{ id: string }> {
  const { ctx, principal, actor } = caller;
  const org = await wordsOrg(caller, input.org);
  await authorize(ctx, principal, actor, 'catalog.edit', org?.path, { type: 'risk' });
  const scope = org?.agency_id ?? '*';
  const id = crypto.randomUUID();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await wordTaken(trx, scope, input.word)) throw conflict('该敏感词已存在', 'duplicate', { word: '该敏感词已存在' });
    await insertWord(trx, { id, scope, word: input.word, level: input.level, note: input.note ?? null, created_by: actor.name, created_at: ctx.clock().toISOString() });
    await appendAudit(trx, ctx, actor, { action: 'risk.word.add', objectType: 'risk', objectId: id, orgPath: org?.path ?? null, summary: { word: input.word, level: input.level, scope: input.org } });
  });
  return { id };
}

/** Removes a sensitive word. */
export async function removeWord(caller: Caller, id: string): Promise<void> {
  const { ctx, principal, actor } = caller;
  const row = await findWord(ctx.db.kysely, id);
  if (!row) throw notFound('敏感词不存在');
  const org = row.scope === '*' ? null : await findOrgById(ctx.db.kysely, row.scope);
  await authorize(ctx, principal, actor, 'catalog.edit', org?.path, { type: 'risk', id: row.id });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deleteWord(trx, row.id);
    await appendAudit(trx, ctx, actor, { action: 'risk.word.remove', objectType: 'risk', objectId: row.id, orgPath: org?.path ?? null, summary: { word: row.word, level: row.level } });
  });
}

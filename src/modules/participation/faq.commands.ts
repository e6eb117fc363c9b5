import crypto from 'node:crypto';
import { withTransaction } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import type { FaqSource } from '../../shared/hooks.js';
import { conflict, notFound, validationFailed } from '../../shared/errors.js';
import { authorize, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { agencyOf } from '../organisations/index.js';
import { changedBy } from './common.js';
import { findFaq, presentManagedFaq, type FaqRow, type ManagedFaq } from './faq.repo.js';
import { FAQ_LIMITS, type CreateFaqInput, type UpdateFaqInput } from './participation.schemas.js';

/**
 * 在线问答: the office curates questions and answers per category, writes them or promotes an answered
 * message. Each change is authorised on the agency (`interaction.manage`), audited in its transaction, and answers
 * the entry as the office sees it.
 */

interface Defaults {
  question: string | null;
  answer: string | null;
  /** The text came from the message as the citizen wrote it (not its published, masked copy). */
  raw: boolean;
}

/**
 * The question and answer an answered message offers: its published copy if there is one, else the original. The
 * messages module answers through the `answerForFaq` hook (shared/hooks.ts), so the FAQ does not read messages.
 */
async function fromMessage(ctx: AppContext, agencyId: string, messageId: string): Promise<Defaults> {
  const found: { source?: FaqSource } = {};
  await ctx.hooks.run('answerForFaq', ctx.db.kysely, { agencyId, messageId }, (offered) => (found.source = offered));
  const source = found.source;
  if (!source) throw validationFailed({ sourceMessageId: '来源留言不存在' });
  if (!source.answered) throw validationFailed({ sourceMessageId: '只能选用已答复的留言' });
  return { question: source.question?.trim() || null, answer: source.answer?.trim() || null, raw: !source.published };
}

export async function createFaq(caller: PublicCaller, input: CreateFaqInput): Promise<ManagedFaq> {
  const { ctx, actor } = caller;
  const agency = await agencyOf(ctx.db.kysely, input.org, { field: 'org' });
  await authorize(ctx, caller.principal, actor, 'interaction.manage', agency.path, { type: 'faq' });
  const source = input.sourceMessageId ? await fromMessage(ctx, agency.id, input.sourceMessageId) : null;
  const question = input.question ?? source?.question ?? null;
  const answer = input.answer ?? source?.answer ?? null;
  const problems: Record<string, string> = {};
  if (!question) problems.question = '请填写问题';
  else if (question.length > FAQ_LIMITS.question) problems.question = `问题不能超过 ${FAQ_LIMITS.question} 个字符，请改写留言标题`;
  if (!answer) problems.answer = '请填写答案';
  else if (answer.length > FAQ_LIMITS.answer) problems.answer = `答案不能超过 ${FAQ_LIMITS.answer} 个字符，请精简答复`;
  if (Object.keys(problems).length) throw validationFailed(problems);
  // Text taken unmasked from a message that was never published may hold personal data: it stays hidden
  // until someone has read it, unless the office says otherwise.
  const tookRaw = Boolean(source?.raw && (!input.question || !input.answer));
  const state = input.state ?? (tookRaw ? 'hidden' : 'published');
  const now = ctx.clock().toISOString();
  const row: FaqRow = {
    id: crypto.randomUUID(),
    agency_id: agency.id,
    category: input.category,
    question: question!,
    answer: answer!,
    source_message_id: input.sourceMessageId ?? null,
    state,
    sort_order: 0,
    created_at: now,
    updated_at: now,
    updated_by: changedBy(actor),
    version: 1,
  };
  await withTransaction(ctx.db, async (trx) => {
    await trx.insertInto('faq_entries').values(row).execute();
    await appendAudit(trx, ctx, actor, {
      action: 'faq.create',
      objectType: 'faq',
      objectId: row.id,
      orgPath: agency.path,
      summary: { category: input.category, state, sourceMessageId: input.sourceMessageId ?? null },
    });
  });
  return presentManagedFaq(row);
}

/** Edits an entry; a stale `version` answers 409. */
export async function updateFaq(caller: PublicCaller, id: string, input: UpdateFaqInput): Promise<ManagedFaq> {
  const { ctx, actor } = caller;
  const entry = await findFaq(ctx, id);
  if (!entry) throw notFound('问答不存在');
  await authorize(ctx, caller.principal, actor, 'interaction.manage', entry.agency_path, { type: 'faq', id });
  const set = {
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.question !== undefined ? { question: input.question } : {}),
    ...(input.answer !== undefined ? { answer: input.answer } : {}),
    ...(input.state !== undefined ? { state: input.state } : {}),
    ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
  };
  const now = ctx.clock().toISOString();
  const changed = { ...set, updated_at: now, updated_by: changedBy(actor), version: input.version + 1 };
  await withTransaction(ctx.db, async (trx) => {
    const done = await trx
      .updateTable('faq_entries')
      .set(changed)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该问答已被他人修改，请刷新后重试', 'stale_version');
    await appendAudit(trx, ctx, actor, {
      action: 'faq.update',
      objectType: 'faq',
      objectId: id,
      orgPath: entry.agency_path,
      summary: {
        fields: Object.keys(set),
        ...(input.state !== undefined && input.state !== entry.state ? { state: { before: entry.state, after: input.state } } : {}),
      },
    });
  });
  const { agency_path: _path, ...row } = entry;
  return presentManagedFaq({ ...row, ...changed });
}

import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { withTransaction, type Queryable } from '../../db/database.js';
import type { ReplyTemplateTable } from '../../db/schema.js';
import { notFound } from '../../shared/errors.js';
import { authorize, type Caller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { agencyOf } from '../organisations/index.js';
import { authorizeWithin } from './access.js';
import type { Template as TemplateView } from './messages.schemas.js';
import type { MessageType } from './types.js';

/**
 * An agency's reply templates: read by everyone who replies to its messages, written by its office
 * (`interaction.manage`); every change audited in its transaction.
 */

type TemplateRow = Selectable<ReplyTemplateTable>;

export interface TemplateInput {
  title: string;
  body: string;
  type?: MessageType | null | undefined;
}

function presentTemplate(t: Pick<TemplateRow, 'id' | 'title' | 'body' | 'type' | 'updated_at' | 'updated_by'>): TemplateView {
  return { id: t.id, title: t.title, body: t.body, type: t.type as MessageType | null, updatedAt: t.updated_at, updatedBy: t.updated_by };
}

async function findTemplate(q: Queryable, id: string): Promise<TemplateRow & { agency_path: string }> {
  const row = await q
    .selectFrom('reply_templates as t')
    .innerJoin('organisations as a', 'a.id', 't.agency_id')
    .selectAll('t')
    .select('a.path as agency_path')
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('模板不存在');
  return row;
}

/** A template the caller's office may change. */
async function managedTemplate(caller: Caller, id: string) {
  const t = await findTemplate(caller.ctx.db.kysely, id);
  await authorize(caller.ctx, caller.principal, caller.actor, 'interaction.manage', t.agency_path);
  return t;
}

export async function listTemplates(caller: Caller, org: string): Promise<{ templates: TemplateView[] }> {
  const q = caller.ctx.db.kysely;
  const agency = await agencyOf(q, org, { refuseUnits: '机关不存在' });
  await authorizeWithin(caller, ['message.reply', 'interaction.manage'], agency.path);
  const rows = await q.selectFrom('reply_templates').selectAll().where('agency_id', '=', agency.id).orderBy('title').execute();
  return { templates: rows.map(presentTemplate) };
}

export async function createTemplate(caller: Caller, org: string, input: TemplateInput): Promise<TemplateView> {
  const { ctx, principal, actor } = caller;
  const agency = await agencyOf(ctx.db.kysely, org, { refuseUnits: '机关不存在' });
  await authorize(ctx, principal, actor, 'interaction.manage', agency.path);
  const row = { id: crypto.randomUUID(), agency_id: agency.id, title: input.title, body: input.body, type: input.type ?? null, updated_by: principal.displayName, updated_at: ctx.clock().toISOString() };
  await withTransaction(ctx.db, async (trx) => {
    await trx.insertInto('reply_templates').values(row).execute();
    await appendAudit(trx, ctx, actor, { action: 'reply-template.create', objectType: 'reply-template', objectId: row.id, orgPath: agency.path, summary: { title: row.title } });
  });
  return presentTemplate(row);
}

export async function updateTemplate(caller: Caller, id: string, input: TemplateInput): Promise<TemplateView> {
  const { ctx, principal, actor } = caller;
  const t = await managedTemplate(caller, id);
  const set = { title: input.title, body: input.body, type: input.type ?? null, updated_by: principal.displayName, updated_at: ctx.clock().toISOString() };
  await withTransaction(ctx.db, async (trx) => {
    await trx.updateTable('reply_templates').set(set).where('id', '=', t.id).execute();
    await appendAudit(trx, ctx, actor, { action: 'reply-template.update', objectType: 'reply-template', objectId: t.id, orgPath: t.agency_path, summary: { title: set.title } });
  });
  return presentTemplate({ ...t, ...set });
}

export async function deleteTemplate(caller: Caller, id: string): Promise<void> {
  const { ctx, actor } = caller;
  const t = await managedTemplate(caller, id);
  await withTransaction(ctx.db, async (trx) => {
    await trx.deleteFrom('reply_templates').where('id', '=', t.id).execute();
    await appendAudit(trx, ctx, actor, { action: 'reply-template.delete', objectType: 'reply-template', objectId: t.id, orgPath: t.agency_path, summary: { title: t.title } });
  });
}

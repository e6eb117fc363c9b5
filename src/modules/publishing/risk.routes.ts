import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { conflict, notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { requiredText } from '../../shared/validation.js';
import { authorize } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { findOrgByCode } from '../organisations/index.js';
import { maskItem, RISK_LEVELS } from '../risk/index.js';
import { findItem, findRevision, recordContribution } from './items.repo.js';
import { scanInput, scanOptions, scanRevision, sensitiveWordsFor } from './risk.service.js';
import type { RevisionState } from './workflow.js';
import { versionField } from '../../shared/versions.js';

const tags = ['risk'];
const IdParams = z.object({ id: z.string().min(1).max(64) });
const REVIEWING: readonly RevisionState[] = ['submitted', 'unit-reviewed'];

export function registerRiskRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id/risks',
    summary: '发布前风险扫描结果（个人信息、敏感词、缺少的元数据），摘录已遮盖',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: '[{kind, level, field, excerpt, start, end}]' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => {
      const item = await findItem(ctx.db.kysely, params.id);
      if (!item) throw notFound('信息不存在');
      await authorize(ctx, principal, actor, ['item.edit', 'item.review-unit', 'item.approve'], item.unit_path, { type: 'item', id: item.id });
      const rev = (await findRevision(ctx.db.kysely, item.working_revision_id)) ?? (await findRevision(ctx.db.kysely, item.live_revision_id));
      return rev ? scanRevision(ctx.db.kysely, item.agency_id, rev) : [];
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/items/:id/mask',
    summary: '一键遮盖正文中的个人信息（身份证号、手机号、银行卡号等），审核中由审核人执行',
    tags,
    auth: 'staff',
    params: IdParams,
    body: z.object({ version: versionField() }),
    responses: { 200: { description: '{masked, findings}' }, 403: errorResponse('forbidden'), 409: errorResponse('stale or not under review') },
    handler: async ({ params, body, principal, actor }) => {
      const item = await findItem(ctx.db.kysely, params.id);
      if (!item) throw notFound('信息不存在');
      const rev = await findRevision(ctx.db.kysely, item.working_revision_id);
      if (!rev || !REVIEWING.includes(rev.state as RevisionState)) throw conflict('只有审核中的信息可以一键遮盖；草稿请编辑正文', 'invalid_state');
      await authorize(ctx, principal, actor, rev.state === 'submitted' ? 'item.review-unit' : 'item.approve', item.unit_path, { type: 'item', id: item.id });
      const words = await sensitiveWordsFor(ctx.db.kysely, item.agency_id);
      const { fields, masked } = maskItem(scanInput(rev), scanOptions(words));
      const now = ctx.clock().toISOString();
      await ctx.db.kysely.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable('items')
          .set({ version: body.version + 1, updated_at: now })
          .where('id', '=', item.id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw conflict('该信息已被他人修改，请刷新后重试', 'stale_version');
        await trx
          .updateTable('item_revisions')
          .set({
            ...(fields.title !== undefined ? { title: fields.title } : {}),
            ...(fields.summary !== undefined ? { summary: fields.summary } : {}),
            ...(fields.body !== undefined ? { body: fields.body } : {}),
            ...(fields.docNumber !== undefined ? { doc_number: fields.docNumber } : {}),
            updated_at: now,
          })
          .where('id', '=', rev.id)
          .execute();
        // Recorded like every change; a mask alone does not make the reviewer an author (four-eyes.ts).
        await recordContribution(trx, rev.id, principal.userId, 'mask', now);
        await appendAudit(trx, ctx, actor, { action: 'item.mask', objectType: 'item', objectId: item.id, orgPath: item.unit_path, summary: { masked, fields: Object.keys(fields) } });
        await ctx.hooks.run('itemsChanged', trx, ctx, [item.id]);
      });
      const after = (await findRevision(ctx.db.kysely, rev.id))!;
      return { masked, findings: await scanRevision(ctx.db.kysely, item.agency_id, after) };
    },
  });

  const WordsQuery = z.object({ org: z.string().trim().min(1).max(32) });
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/risk/words',
    summary: '敏感词表（内置、全平台和本机关）',
    tags,
    auth: 'staff',
    query: WordsQuery,
    responses: { 200: { description: 'words' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const org = query.org === '*' ? null : await findOrgByCode(ctx.db.kysely, query.org);
      if (query.org !== '*' && !org) throw notFound('机构不存在');
      await authorize(ctx, principal, actor, ['item.review-unit', 'item.approve', 'catalog.edit'], org?.path, { type: 'risk' });
      const rows = await ctx.db.kysely
        .selectFrom('sensitive_words')
        .selectAll()
        .where('scope', 'in', ['*', org?.agency_id ?? '*'])
        .orderBy('word')
        .execute();
      return { words: rows.map((r) => ({ id: r.id, scope: r.scope === '*' ? '*' : query.org, word: r.word, level: r.level, note: r.note })) };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/risk/words',
    summary: '增加敏感词（org 为 * 表示全平台）',
    tags,
    auth: 'staff',
    body: z.object({
      org: z.string().trim().min(1).max(32),
      word: requiredText(40, '敏感词'),
      level: z.enum(RISK_LEVELS, { error: `级别应为 ${RISK_LEVELS.join('、')} 之一` }),
      note: z.string().trim().max(200).optional().nullable(),
    }),
    responses: { 201: { description: 'added' }, 403: errorResponse('forbidden'), 409: errorResponse('duplicate') },
    handler: async ({ body, principal, actor, reply }) => {
      const org = body.org === '*' ? null : await findOrgByCode(ctx.db.kysely, body.org);
      if (body.org !== '*' && !org) throw notFound('机构不存在');
      await authorize(ctx, principal, actor, 'catalog.edit', org?.path, { type: 'risk' });
      const scope = org?.agency_id ?? '*';
      const id = crypto.randomUUID();
      await ctx.db.kysely.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom('sensitive_words').select('id').where('scope', '=', scope).where('word', '=', body.word).executeTakeFirst();
        if (taken) throw conflict('该敏感词已存在', 'duplicate', { word: '该敏感词已存在' });
        await trx
          .insertInto('sensitive_words')
          .values({ id, scope, word: body.word, level: body.level, note: body.note ?? null, created_by: actor.name, created_at: ctx.clock().toISOString() })
          .execute();
        await appendAudit(trx, ctx, actor, { action: 'risk.word.add', objectType: 'risk', objectId: id, orgPath: org?.path ?? null, summary: { word: body.word, level: body.level, scope: body.org } });
      });
      reply.code(201);
      return { id };
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/risk/words/:id',
    summary: '删除敏感词',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 204: { description: 'removed' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor, reply }) => {
      const row = await ctx.db.kysely.selectFrom('sensitive_words').selectAll().where('id', '=', params.id).executeTakeFirst();
      if (!row) throw notFound('敏感词不存在');
      const org = row.scope === '*' ? null : await ctx.db.kysely.selectFrom('organisations').select('path').where('id', '=', row.scope).executeTakeFirst();
      await authorize(ctx, principal, actor, 'catalog.edit', org?.path, { type: 'risk', id: row.id });
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await trx.deleteFrom('sensitive_words').where('id', '=', row.id).execute();
        await appendAudit(trx, ctx, actor, { action: 'risk.word.remove', objectType: 'risk', objectId: row.id, orgPath: org?.path ?? null, summary: { word: row.word, level: row.level } });
      });
      reply.code(204);
      return null;
    },
  });
}

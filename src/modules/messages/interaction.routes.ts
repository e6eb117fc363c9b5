import crypto from 'node:crypto';
import type { StaffPrincipal } from '../accounts/index.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { withTransaction } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { authorize } from '../accounts/index.js';
import { scopeFor, type Action } from '../accounts/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { agencyByCode } from './agency.js';
import { hotTopics } from './hot-topics.js';
import { SettingsBody, SettingsQuery, TemplateBody } from './messages.schemas.js';
import { loadSettings, saveSettings } from './settings.js';

const tags = ['interaction'];

/**
 * Reading the agency's settings and reply templates is part of handling its messages, whether the handler's role
 * covers the whole agency (the office) or one unit of it (a unit's editor): allowed when an assignment allowing
 * one of `actions` lies on the agency's path, above it or below it. Refusals are audited like any other.
 */
async function authorizeWithin(ctx: AppContext, principal: StaffPrincipal, actor: Actor, actions: readonly Action[], agencyPath: string) {
  const within = actions.some((a) => {
    const scope = scopeFor(principal, a);
    return scope.all || scope.paths.some((p) => p.startsWith(agencyPath) || agencyPath.startsWith(p));
  });
  if (!within) await authorize(ctx, principal, actor, actions, agencyPath);
}
const TemplateParams = z.object({ id: z.string().uuid('模板编号无效') });

function presentTemplate(t: { id: string; title: string; body: string; type: string | null; updated_at: string; updated_by: string }) {
  return { id: t.id, title: t.title, body: t.body, type: t.type, updatedAt: t.updated_at, updatedBy: t.updated_by };
}

/** The office's settings of interaction, its reply templates and the hot topics of recent messages. */
export function registerInteractionRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/interaction/settings',
    summary: '互动交流设置：各类留言答复时限（工作日）、是否审核、临期提醒、个人信息保留期限',
    tags,
    auth: 'staff',
    query: SettingsQuery,
    responses: { 200: { description: 'settings' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const agency = await agencyByCode(ctx, query.org);
      await authorizeWithin(ctx, principal, actor, ['message.read', 'interaction.manage'], agency.path);
      return loadSettings(ctx.db.kysely, agency.id);
    },
  });

  route(app, ctx, {
    method: 'PUT',
    url: '/api/v1/interaction/settings',
    summary: '修改互动交流设置（新留言按新时限计算；已受理的留言时限不变）',
    tags,
    auth: 'staff',
    query: SettingsQuery,
    body: SettingsBody,
    responses: { 200: { description: 'settings' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('version') },
    handler: async ({ query, body, principal, actor }) => {
      const agency = await agencyByCode(ctx, query.org);
      await authorize(ctx, principal, actor, 'interaction.manage', agency.path);
      return withTransaction(ctx.db, (trx) => saveSettings(trx, ctx, actor, agency, body));
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/reply-templates',
    summary: '答复模板',
    tags,
    auth: 'staff',
    query: SettingsQuery,
    responses: { 200: { description: '{templates}' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const agency = await agencyByCode(ctx, query.org);
      await authorizeWithin(ctx, principal, actor, ['message.reply', 'interaction.manage'], agency.path);
      const rows = await ctx.db.kysely.selectFrom('reply_templates').selectAll().where('agency_id', '=', agency.id).orderBy('title').execute();
      return { templates: rows.map(presentTemplate) };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/reply-templates',
    summary: '新建答复模板',
    tags,
    auth: 'staff',
    body: TemplateBody,
    responses: { 201: { description: 'template' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ body, principal, actor, reply }) => {
      const agency = await agencyByCode(ctx, body.org);
      await authorize(ctx, principal, actor, 'interaction.manage', agency.path);
      const row = { id: crypto.randomUUID(), agency_id: agency.id, title: body.title, body: body.body, type: body.type ?? null, updated_by: principal.displayName, updated_at: ctx.clock().toISOString() };
      await withTransaction(ctx.db, async (trx) => {
        await trx.insertInto('reply_templates').values(row).execute();
        await appendAudit(trx, ctx, actor, { action: 'reply-template.create', objectType: 'reply-template', objectId: row.id, orgPath: agency.path, summary: { title: row.title } });
      });
      reply.code(201);
      return presentTemplate(row);
    },
  });

  const existing = async (id: string) => {
    const row = await ctx.db.kysely
      .selectFrom('reply_templates as t')
      .innerJoin('organisations as a', 'a.id', 't.agency_id')
      .selectAll('t')
      .select('a.path as agency_path')
      .where('t.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('模板不存在');
    return row;
  };

  route(app, ctx, {
    method: 'PUT',
    url: '/api/v1/reply-templates/:id',
    summary: '修改答复模板',
    tags,
    auth: 'staff',
    params: TemplateParams,
    body: TemplateBody.omit({ org: true }),
    responses: { 200: { description: 'template' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, body, principal, actor }) => {
      const t = await existing(params.id);
      await authorize(ctx, principal, actor, 'interaction.manage', t.agency_path);
      const set = { title: body.title, body: body.body, type: body.type ?? null, updated_by: principal.displayName, updated_at: ctx.clock().toISOString() };
      await withTransaction(ctx.db, async (trx) => {
        await trx.updateTable('reply_templates').set(set).where('id', '=', t.id).execute();
        await appendAudit(trx, ctx, actor, { action: 'reply-template.update', objectType: 'reply-template', objectId: t.id, orgPath: t.agency_path, summary: { title: set.title } });
      });
      return presentTemplate({ ...t, ...set });
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/reply-templates/:id',
    summary: '删除答复模板',
    tags,
    auth: 'staff',
    params: TemplateParams,
    responses: { 204: { description: 'deleted' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor, reply }) => {
      const t = await existing(params.id);
      await authorize(ctx, principal, actor, 'interaction.manage', t.agency_path);
      await withTransaction(ctx.db, async (trx) => {
        await trx.deleteFrom('reply_templates').where('id', '=', t.id).execute();
        await appendAudit(trx, ctx, actor, { action: 'reply-template.delete', objectType: 'reply-template', objectId: t.id, orgPath: t.agency_path, summary: { title: t.title } });
      });
      return reply.code(204).send();
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/interaction/hot-topics',
    summary: '近期留言热点：分词后去除停用词，按涉及的留言数排序，附上一周期的数量',
    tags,
    auth: 'staff',
    query: z.object({ org: SettingsQuery.shape.org, days: z.coerce.number().int().min(1, '至少 1 天').max(365, '不超过 365 天').default(30) }),
    responses: { 200: { description: '{from, to, messages, topics:[{term, messages, previous, examples}]}' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const agency = await agencyByCode(ctx, query.org);
      await authorize(ctx, principal, actor, ['message.route', 'stats.read'], agency.path);
      return hotTopics(ctx, agency, query.days);
    },
  });
}

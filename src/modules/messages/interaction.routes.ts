import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { hotTopicsOf } from './hot-topics.js';
import { HotTopicsView, SettingsBody, SettingsQuery, SettingsView, TemplateBody, TemplatesView, TemplateView } from './messages.schemas.js';
import { readSettings, updateSettings } from './settings.js';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.js';

const tags = ['interaction'];
const TemplateParams = z.object({ id: z.string().uuid('模板编号无效') });

/** The office's settings of interaction, its reply templates and the hot topics of recent messages. */
export function registerInteractionRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/interaction/settings',
    summary: '互动交流设置：各类留言答复时限（工作日）、是否审核、临期提醒、个人信息保留期限',
    tags,
    auth: 'staff',
    query: SettingsQuery,
    responses: { 200: { description: 'settings', schema: SettingsView }, 403: errorResponse('forbidden') },
    handler: ({ caller, query }) => readSettings(caller, query.org),
  });

  route(app, ctx, {
    method: 'PUT',
    url: '/api/v1/interaction/settings',
    summary: '修改互动交流设置（新留言按新时限计算；已受理的留言时限不变）',
    tags,
    auth: 'staff',
    query: SettingsQuery,
    body: SettingsBody,
    responses: { 200: { description: 'settings', schema: SettingsView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('version') },
    handler: ({ caller, query, body }) => updateSettings(caller, query.org, body),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/reply-templates',
    summary: '答复模板',
    tags,
    auth: 'staff',
    query: SettingsQuery,
    responses: { 200: { description: 'the templates', schema: TemplatesView }, 403: errorResponse('forbidden') },
    handler: ({ caller, query }) => listTemplates(caller, query.org),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/reply-templates',
    summary: '新建答复模板',
    tags,
    auth: 'staff',
    body: TemplateBody,
    responses: { 201: { description: 'the template', schema: TemplateView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ caller, body, reply }) => {
      const template = await createTemplate(caller, body.org, body);
      reply.code(201);
      return template;
    },
  });

  route(app, ctx, {
    method: 'PUT',
    url: '/api/v1/reply-templates/:id',
    summary: '修改答复模板',
    tags,
    auth: 'staff',
    params: TemplateParams,
    body: TemplateBody.omit({ org: true }),
    responses: { 200: { description: 'the template', schema: TemplateView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: ({ caller, params, body }) => updateTemplate(caller, params.id, body),
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/reply-templates/:id',
    summary: '删除答复模板',
    tags,
    auth: 'staff',
    params: TemplateParams,
    responses: { 204: { description: 'deleted' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ caller, params, reply }) => {
      await deleteTemplate(caller, params.id);
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
    responses: { 200: { description: 'the terms of the period by messages, with the period before', schema: HotTopicsView }, 403: errorResponse('forbidden') },
    handler: ({ caller, query }) => hotTopicsOf(caller, query.org, query.days),
  });
}

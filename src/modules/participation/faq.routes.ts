import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { idParam } from '../../shared/validation.js';
import { createFaq, updateFaq } from './faq.commands.js';
import { managedFaqOf, publishedFaqOf } from './faq.queries.js';
import { CreateFaqBody, FaqListQuery, FaqListView, ManagedFaqListView, ManagedFaqView, ManageQuery, UpdateFaqBody } from './participation.schemas.js';

const tags = ['faq'];

export function registerFaqRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/faq',
    summary: '在线问答：已公开的常见问题，按分类，可检索',
    tags,
    auth: 'public',
    query: FaqListQuery,
    responses: { 200: { description: 'categories with their counts and one page of entries', schema: FaqListView }, 400: errorResponse('invalid'), 404: errorResponse('unknown org') },
    handler: ({ query }) => publishedFaqOf(ctx, query.org, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/faq/manage',
    summary: '在线问答管理：机关的全部问答（含隐藏的）',
    tags,
    auth: 'staff',
    query: ManageQuery,
    responses: { 200: { description: 'every entry of the agency', schema: ManagedFaqListView }, 403: errorResponse('forbidden'), 404: errorResponse('unknown org') },
    handler: ({ caller, query }) => managedFaqOf(caller, query.org),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/faq',
    summary: '新增问答；带 sourceMessageId 时由已答复的留言转为问答（未公开的留言转来的默认隐藏，核对后再公开）',
    tags,
    auth: 'staff',
    body: CreateFaqBody,
    responses: { 201: { description: 'the entry', schema: ManagedFaqView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ caller, body, reply }) => {
      const entry = await createFaq(caller, body);
      reply.code(201);
      return entry;
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/faq/:id',
    summary: '修改问答、公开或隐藏、调整排序；version 过期返回 409',
    tags,
    auth: 'staff',
    params: idParam,
    body: UpdateFaqBody,
    responses: { 200: { description: 'the entry', schema: ManagedFaqView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found'), 409: errorResponse('stale version') },
    handler: ({ caller, params, body }) => updateFaq(caller, params.id, body),
  });
}

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { idParam } from '../../shared/validation.js';
import {
  DeadlineCreatedOut,
  DeadlineEventBody,
  DeadlineListOut,
  DeadlineListQuery,
  DeadlineOut,
  DeadlineResultOut,
  OpenDeadlineBody,
  PreviewBody,
} from './calendar.schemas.js';
import { createDeadline, endDeadline, recordDeadlineEvent } from './deadlines.commands.js';
import { listDeadlines, previewDeadline, readDeadline } from './deadlines.queries.js';

const tags = ['deadlines'];

export function registerDeadlineRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines/preview',
    summary: '办理时限计算器：按起算日、时限和暂停/延长事件计算截止日期并说明',
    tags,
    auth: 'public',
    body: PreviewBody,
    responses: {
      200: { description: 'the computed deadline with its explanation', schema: DeadlineResultOut },
      400: errorResponse('bad input'),
      404: errorResponse('unknown org'),
      422: errorResponse('no calendar'),
    },
    handler: ({ body }) => previewDeadline(ctx, body),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/deadlines',
    summary: '办理时限列表（限于本人可见机构），按截止日期排序',
    tags,
    auth: 'staff',
    query: DeadlineListQuery,
    responses: { 200: { description: 'deadlines', schema: DeadlineListOut }, 403: errorResponse('forbidden') },
    handler: ({ query, caller }) => listDeadlines(caller, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/deadlines/:id',
    summary: '一个办理时限：事件、截止日期、计算说明和因日历变更产生的调整',
    tags,
    auth: 'staff',
    params: idParam,
    responses: { 200: { description: 'deadline', schema: DeadlineOut }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: ({ params, caller }) => readDeadline(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines',
    summary: '新建办理时限（如督办事项）',
    tags,
    auth: 'staff',
    body: OpenDeadlineBody,
    responses: {
      201: { description: 'created', schema: DeadlineCreatedOut },
      400: errorResponse('invalid'),
      403: errorResponse('forbidden'),
      404: errorResponse('unknown org'),
      422: errorResponse('no calendar'),
    },
    handler: async ({ body, caller, reply }) => {
      const created = await createDeadline(caller, body);
      reply.code(201);
      return created;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines/:id/events',
    summary: '记录暂停、恢复、延长或重新起算',
    tags,
    auth: 'staff',
    params: idParam,
    body: DeadlineEventBody,
    responses: { 200: { description: 'recomputed deadline', schema: DeadlineResultOut }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('closed') },
    handler: ({ params, body, caller }) => recordDeadlineEvent(caller, params.id, body),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines/:id/close',
    summary: '结束办理时限',
    tags,
    auth: 'staff',
    params: idParam,
    responses: { 204: noContent('closed'), 403: errorResponse('forbidden'), 409: errorResponse('already closed') },
    handler: async ({ params, caller, reply }) => {
      await endDeadline(caller, params.id);
      reply.code(204);
      return null;
    },
  });
}

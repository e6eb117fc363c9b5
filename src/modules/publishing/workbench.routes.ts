import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { BulkBody, BulkItemsView, ReviewView, RevisionView, WorkbenchPageView, WorkbenchQuery } from './workbench.schemas.js';
import { reviewsView, revisionsView, workbenchPage } from './workbench.views.js';
import { bulkItems } from './workflow.commands.js';

const tags = ['workbench'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function registerWorkbenchRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/workbench/items',
    summary: '工作台：本人经办范围内的信息（草稿、待初审、待复审、待发布、已发布…），审核队列按状态筛选',
    tags,
    auth: 'staff',
    query: WorkbenchQuery,
    responses: { 200: { description: '{total, items:[…]}', schema: WorkbenchPageView }, 403: errorResponse('forbidden') },
    handler: async ({ query, caller }) => workbenchPage(caller, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id/revisions',
    summary: '信息的全部版本（含修改说明和状态），用于修订历史和比较',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'revisions', schema: z.object({ revisions: z.array(RevisionView) }) }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, caller }) => revisionsView(caller, params.id),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id/reviews',
    summary: '审核记录（初审、复审、保密审查的意见、放行理由和发现的风险）',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'reviews', schema: z.object({ reviews: z.array(ReviewView) }) }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, caller }) => reviewsView(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/items/bulk',
    summary: '批量提交、审核、退回、发布或撤回；逐条办理，返回每条的结果（成功时为其状态）及成功、失败条数',
    tags,
    auth: 'staff',
    body: BulkBody,
    responses: { 200: { description: '{results:[{id, ok:true, result:{state}} | {id, ok:false, error}], succeeded, failed}', schema: BulkItemsView }, 400: errorResponse('invalid') },
    handler: async ({ body, caller }) => bulkItems(caller, body),
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../accounts/index.js';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { pageQuery } from '../../shared/validation.js';
import { createItem, updateItem } from './items.commands.js';
import { itemView, publishedList } from './items.views.js';
import { ApproveBody, CreateItemBody, ItemList, ItemStepView, ItemView, PublishBody, RejectBody, UpdateItemBody, WithdrawBody } from './items.schemas.js';
import { approveItem, publishItem, rejectItem, submitItem, withdrawItem } from './workflow.commands.js';

const tags = ['items'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function registerItemRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items',
    summary: '已发布的信息，最新在前',
    tags,
    auth: 'public',
    query: z.object({ org: z.string().trim().max(32).optional(), category: z.string().trim().max(40).optional(), ...pageQuery }),
    responses: { 200: { description: '{total, items:[Item]}', schema: ItemList }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => publishedList(ctx, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id',
    summary: '一条信息：公众只能看到已发布的（撤回的返回 410 及理由）；经办人员可看到草稿',
    tags,
    auth: 'public',
    params: IdParams,
    responses: { 200: { description: 'Item', schema: ItemView }, 404: errorResponse('not found or not published'), 410: errorResponse('withdrawn, with the reason') },
    handler: async ({ params, caller }) => itemView(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/items',
    summary: '起草一条信息（草稿）',
    tags,
    auth: 'staff',
    body: CreateItemBody,
    bodyLimit: 4 * 1024 * 1024,
    responses: { 201: { description: 'Item', schema: ItemView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ body, caller, reply }) => {
      const view = await createItem(caller, body);
      reply.code(201);
      return view;
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/items/:id',
    summary: '修改草稿，或为已发布的信息起草新版本（需修改说明）；version 过期返回 409',
    tags,
    auth: 'staff',
    params: IdParams,
    body: UpdateItemBody,
    bodyLimit: 4 * 1024 * 1024,
    responses: { 200: { description: 'Item', schema: ItemView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('stale version or state') },
    handler: async ({ params, body, caller }) => updateItem(caller, params.id, body),
  });

  /** The workflow steps: the same shape, each its command, each answering the item as it now is with its warnings. */
  const workflowRoute = <B extends z.ZodType>(path: string, summary: string, body: B, run: (caller: Caller, id: string, body: z.output<B>) => Promise<ItemStepView>) =>
    route(app, ctx, {
      method: 'POST',
      url: `/api/v1/items/:id/${path}`,
      summary,
      tags,
      auth: 'staff',
      params: IdParams,
      body,
      responses: {
        200: { description: 'Item, with warnings for its handlers', schema: ItemStepView },
        403: errorResponse('role or four-eyes rule forbids it'),
        409: errorResponse('state does not allow it'),
      },
      handler: async ({ params, body: input, caller }) => run(caller, params.id, input as z.output<B>),
    });
  workflowRoute('submit', '提交审核（规章、规范性文件没有政策解读时附警告）', z.object({}), (c, id) => submitItem(c, id));
  workflowRoute('approve', '审核通过：待初审→初审通过；待复审→复审通过并编制索引号', ApproveBody, (c, id, b) => approveItem(c, id, b));
  workflowRoute('reject', '退回（须填写意见）', RejectBody, (c, id, b) => rejectItem(c, id, b.comment));
  workflowRoute('publish', '发布；at 为将来时间则定时发布', PublishBody, (c, id, b) => publishItem(c, id, b.at ?? null));
  workflowRoute('withdraw', '撤回（须填写理由）', WithdrawBody, (c, id, b) => withdrawItem(c, id, b.reason));
}

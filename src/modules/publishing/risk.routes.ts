import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { addWord, maskItem, removeWord } from './risk.commands.js';
import { AddWordBody, FindingView, MaskBody, MaskView, WordsQuery, WordView } from './risk.schemas.js';
import { itemRisks, listWords } from './risk.service.js';

const tags = ['risk'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function registerRiskRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id/risks',
    summary: '发布前风险扫描结果（个人信息、敏感词、缺少的元数据），摘录已遮盖',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: '[{kind, level, field, excerpt, start, end}]', schema: z.array(FindingView) }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, caller }) => itemRisks(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/items/:id/mask',
    summary: '一键遮盖正文中的个人信息（身份证号、手机号、银行卡号等），审核中由审核人执行',
    tags,
    auth: 'staff',
    params: IdParams,
    body: MaskBody,
    responses: { 200: { description: '{masked, findings}', schema: MaskView }, 403: errorResponse('forbidden'), 409: errorResponse('stale or not under review') },
    handler: async ({ params, body, caller }) => maskItem(caller, params.id, body.version),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/risk/words',
    summary: '敏感词表（内置、全平台和本机关）',
    tags,
    auth: 'staff',
    query: WordsQuery,
    responses: { 200: { description: 'words', schema: z.object({ words: z.array(WordView) }) }, 403: errorResponse('forbidden') },
    handler: async ({ query, caller }) => listWords(caller, query.org),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/risk/words',
    summary: '增加敏感词（org 为 * 表示全平台）',
    tags,
    auth: 'staff',
    body: AddWordBody,
    responses: { 201: { description: 'added', schema: z.object({ id: z.string() }) }, 403: errorResponse('forbidden'), 409: errorResponse('duplicate') },
    handler: async ({ body, caller, reply }) => {
      const added = await addWord(caller, body);
      reply.code(201);
      return added;
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/risk/words/:id',
    summary: '删除敏感词',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 204: noContent('removed'), 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, caller, reply }) => {
      await removeWord(caller, params.id);
      reply.code(204);
      return null;
    },
  });
}

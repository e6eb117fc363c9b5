import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { searchStats } from './analytics.js';
import { AnalyticsQuery, AnalyticsView, ClickBody, SearchQuery, SearchView, SuggestQuery, SuggestView } from './search.schemas.js';
import { countClick, runSearch, searchAnalytics, suggestions } from './search.run.js';

const tags = ['search'];

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onClose', async () => searchStats(ctx.db, ctx.clock).flush());

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/search',
    summary: '全文检索：标题、文号、索引号、摘要、关键词、正文与附件文字；分面（类别、主题、发文机关、年份、体裁、有效性）、日期范围、排序与分页',
    tags,
    auth: 'public',
    query: SearchQuery,
    responses: {
      200: { description: '{total, tookMs, hits:[…], facets:{category, topic, organ, year, genre, validity}, didYouMean, convertedQuery, ignored:[words not searched]}', schema: SearchView },
      400: errorResponse('invalid query'),
      404: errorResponse('unknown org'),
    },
    handler: async ({ query, principal }) => runSearch(ctx, query, principal),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/search/suggest',
    summary: '检索词联想：匹配的标题与热门检索词',
    tags,
    auth: 'public',
    query: SuggestQuery,
    responses: { 200: { description: '{suggestions:[{text, kind, id?}]}', schema: SuggestView }, 400: errorResponse('invalid query') },
    handler: async ({ query }) => suggestions(ctx, query.q, query.org),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/search/clicks',
    summary: '记录检索结果的点击（用于点击率统计，不记录个人信息）',
    tags,
    auth: 'public',
    body: ClickBody,
    responses: { 204: noContent('counted'), 400: errorResponse('invalid body') },
    handler: async ({ body, reply }) => {
      await countClick(ctx, body.q, body.org);
      reply.code(204);
      return null;
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/search/analytics',
    summary: '检索分析：热门检索词、无结果检索词（内容缺口）与点击率',
    tags,
    auth: 'staff',
    query: AnalyticsQuery,
    responses: { 200: { description: '{from, to, totals, top:[…], zeroResults:[…]}', schema: AnalyticsView }, 403: errorResponse('forbidden') },
    handler: async ({ query, caller }) => searchAnalytics(caller, query),
  });
}

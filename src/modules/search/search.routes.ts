import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { authorize } from '../accounts/index.js';
import { todayIn } from '../calendar/index.js';
import { findOrgByCode } from '../organisations/index.js';
import { ALL_AGENCIES, readAnalytics, searchStats } from './analytics.js';
import { AnalyticsQuery, ClickBody, SearchQuery, SuggestQuery } from './search.schemas.js';
import { runSearch } from './search.run.js';
import { autocomplete } from './suggest.js';

const tags = ['search'];
const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;

function daysAgo(ctx: AppContext, days: number): string {
  return todayIn(TIME_ZONE, new Date(ctx.clock().getTime() - days * DAY_MS));
}

async function agencyIdOf(ctx: AppContext, code: string | undefined): Promise<string | null> {
  if (!code) return null;
  const org = await findOrgByCode(ctx.db.kysely, code);
  if (!org) throw notFound('机构不存在');
  return org.agency_id;
}

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onClose', async () => searchStats(ctx.db, ctx.clock).flush());

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/search',
    summary: '全文检索：标题、文号、索引号、摘要、关键词、正文与附件文字；分面（类别、主题、发文机关、年份、体裁、有效性）、日期范围、排序与分页',
    tags,
    auth: 'public',
    query: SearchQuery,
    responses: { 200: { description: '{total, tookMs, hits:[…], facets:{category, topic, organ, year, genre, validity}, didYouMean, convertedQuery, ignored:[words not searched]}' }, 400: errorResponse('invalid query'), 404: errorResponse('unknown org') },
    handler: async ({ query, principal }) => runSearch(ctx, query, principal),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/search/suggest',
    summary: '检索词联想：匹配的标题与热门检索词',
    tags,
    auth: 'public',
    query: SuggestQuery,
    responses: { 200: { description: '{suggestions:[{text, kind, id?}]}' }, 400: errorResponse('invalid query') },
    handler: async ({ query }) => ({ suggestions: await autocomplete(ctx.db, query.q, await agencyIdOf(ctx, query.org), daysAgo(ctx, 90)) }),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/search/clicks',
    summary: '记录检索结果的点击（用于点击率统计，不记录个人信息）',
    tags,
    auth: 'public',
    body: ClickBody,
    responses: { 204: { description: 'counted' }, 400: errorResponse('invalid body') },
    handler: async ({ body, reply }) => {
      searchStats(ctx.db, ctx.clock).clicked(await agencyIdOf(ctx, body.org), body.q);
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
    responses: { 200: { description: '{from, to, totals, top:[…], zeroResults:[…]}' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const org = query.org ? await findOrgByCode(ctx.db.kysely, query.org) : null;
      if (query.org && !org) throw notFound('机构不存在');
      const agencyPath = org ? (await ctx.db.kysely.selectFrom('organisations').select('path').where('id', '=', org.agency_id).executeTakeFirstOrThrow()).path : undefined;
      await authorize(ctx, principal, actor, 'stats.read', agencyPath, { type: 'search-analytics' });
      await searchStats(ctx.db, ctx.clock).flush();
      return readAnalytics(ctx.db, org?.agency_id ?? ALL_AGENCIES, query.from ?? daysAgo(ctx, 30), query.to ?? daysAgo(ctx, 0));
    },
  });
}

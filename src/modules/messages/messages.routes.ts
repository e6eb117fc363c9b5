import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issueChallenge } from '../../shared/abuse.js';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { presentForCitizen } from './messages.present.js';
import { findByTrackingCode, messageEvents } from './messages.repo.js';
import { QaQuery, RatingBody, SubmitBody, TrackingParams } from './messages.schemas.js';
import { rateMessage } from './publication.commands.js';
import { listPublishedQa, publishedQa } from './qa.js';
import { submitMessage } from './submit.commands.js';
import { canonicalTrackingCode } from './tracking.js';

const tags = ['messages'];

/** The message of a tracking code as typed; 404 for a malformed or unknown code alike. */
export async function messageByCode(ctx: AppContext, typed: string) {
  const code = canonicalTrackingCode(typed);
  const m = code ? await findByTrackingCode(ctx.db.kysely, code) : undefined;
  if (!m) throw notFound('查询码不存在，请核对后重新输入');
  return m;
}

/** The citizens' side of messages (docs/contract.md "HTTP API"): submit, look up by tracking code, rate; the public Q&A; the challenge. */
export function registerMessageRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/messages',
    summary: '提交留言（咨询、建议、问题、投诉、纠错）：返回查询码和按工作日计算的答复期限',
    tags,
    auth: 'public',
    body: SubmitBody,
    responses: {
      201: { description: '{trackingCode, dueDate, workingDays, state}' },
      400: errorResponse('invalid field'),
      404: errorResponse('unknown org'),
      428: errorResponse('challenge required: error.challenge {token, question}'),
      429: errorResponse('too many submissions; Retry-After'),
    },
    handler: async ({ body, actor, reply }) => {
      const out = await submitMessage(ctx, actor, body);
      reply.code(201);
      return { trackingCode: out.trackingCode, dueDate: out.dueDate, workingDays: out.workingDays, state: out.state };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/messages/:trackingCode',
    summary: '凭查询码查看留言的办理状态、答复期限和答复',
    tags,
    auth: 'public',
    params: TrackingParams,
    responses: { 200: { description: '{status, type, title, submittedAt, dueDate, reply?, repliedAt?, timeline, canRate}' }, 404: errorResponse('unknown code') },
    handler: async ({ params, reply }) => {
      const m = await messageByCode(ctx, params.trackingCode);
      reply.header('cache-control', 'no-store');
      return presentForCitizen(m, await messageEvents(ctx.db.kysely, m.id));
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/messages/:trackingCode/rating',
    summary: '对答复评价（1–5 分，可附意见），每条留言一次',
    tags,
    auth: 'public',
    params: TrackingParams,
    body: RatingBody,
    rateLimit: { max: 30, timeWindow: 60_000 },
    responses: { 200: { description: '{rating}' }, 404: errorResponse('unknown code'), 409: errorResponse('not answered or already rated') },
    handler: async ({ params, body, principal, actor }) => {
      const m = await messageByCode(ctx, params.trackingCode);
      await rateMessage({ ctx, principal, actor }, m, body.rating, body.comment);
      return { rating: body.rating };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/qa',
    summary: '公开的留言答复（经留言人同意，个人信息已遮蔽）：受理日期、答复日期、答复部门',
    tags,
    auth: 'public',
    query: QaQuery,
    responses: { 200: { description: '{total, entries}' }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => listPublishedQa(ctx, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/qa/:id',
    summary: '一条公开的留言答复',
    tags,
    auth: 'public',
    params: z.object({ id: z.string().uuid('编号无效') }),
    responses: { 200: { description: 'entry' }, 404: errorResponse('not published') },
    handler: async ({ params }) => {
      const entry = await publishedQa(ctx, params.id);
      if (!entry) throw notFound('该问答不存在或未公开');
      return entry;
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/challenge',
    summary: '验证问题（自托管，无第三方服务）：提交频繁时随留言或评论提交 challengeToken 和 challengeAnswer',
    tags,
    auth: 'public',
    responses: { 200: { description: '{token, question}' } },
    handler: async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return issueChallenge(ctx);
    },
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issueChallenge } from '../../shared/abuse.js';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { trackMessage } from './message.queries.js';
import {
  ChallengeView,
  CitizenMessageView,
  QaEntryView,
  QaListView,
  QaQuery,
  RatingBody,
  RatingView,
  SimilarQuestionsView,
  SimilarQuery,
  SubmitBody,
  SubmittedView,
  TrackingParams,
} from './messages.schemas.js';
import { similarQuestionsOf } from './similar.js';
import { rateMessage } from './publication.commands.js';
import { listPublishedQa, requirePublishedQa } from './qa.js';
import { submitMessage } from './submit.commands.js';

const tags = ['messages'];

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
      201: { description: 'the tracking code and the due date', schema: SubmittedView },
      400: errorResponse('invalid field'),
      404: errorResponse('unknown org'),
      428: errorResponse('challenge required: error.challenge {token, question}'),
      429: errorResponse('too many submissions; Retry-After'),
    },
    handler: async ({ caller, body, reply }) => {
      const { id: _id, ...submitted } = await submitMessage(caller, body);
      reply.code(201);
      return submitted;
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/messages/:trackingCode',
    summary: '凭查询码查看留言的办理状态、答复期限和答复',
    tags,
    auth: 'public',
    params: TrackingParams,
    responses: { 200: { description: 'the message as its citizen sees it', schema: CitizenMessageView }, 404: errorResponse('unknown code') },
    handler: ({ params, reply }) => {
      reply.header('cache-control', 'no-store');
      return trackMessage(ctx, params.trackingCode);
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
    responses: { 200: { description: 'the rating', schema: RatingView }, 404: errorResponse('unknown code'), 409: errorResponse('not answered or already rated') },
    handler: ({ caller, params, body }) => rateMessage(caller, params.trackingCode, body.rating, body.comment),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/qa',
    summary: '公开的留言答复（经留言人同意，个人信息已遮蔽）：受理日期、答复日期、答复部门',
    tags,
    auth: 'public',
    query: QaQuery,
    responses: { 200: { description: 'published answers', schema: QaListView }, 404: errorResponse('unknown org') },
    handler: ({ query }) => listPublishedQa(ctx, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/qa/:id',
    summary: '一条公开的留言答复',
    tags,
    auth: 'public',
    params: z.object({ id: z.string().uuid('编号无效') }),
    responses: { 200: { description: 'a published answer', schema: QaEntryView }, 404: errorResponse('not published') },
    handler: ({ params }) => requirePublishedQa(ctx, params.id),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/faq/similar',
    summary: '相似问题：与正在填写的留言相近的常见问题和已公开的答复',
    tags: ['faq'],
    auth: 'public',
    query: SimilarQuery,
    responses: { 200: { description: 'FAQ entries and published answers like the text', schema: SimilarQuestionsView }, 400: errorResponse('invalid'), 404: errorResponse('unknown org') },
    handler: ({ query }) => similarQuestionsOf(ctx, query.org, query.text),
  });


  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/challenge',
    summary: '验证问题（自托管，无第三方服务）：提交频繁时随留言或评论提交 challengeToken 和 challengeAnswer',
    tags,
    auth: 'public',
    responses: { 200: { description: 'the question to answer', schema: ChallengeView } },
    handler: ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return issueChallenge(ctx);
    },
  });
}

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { idParam, pageQuery } from '../../shared/validation.js';
import { moderateComment, recordAdoption, submitComment } from './comments.commands.js';
import {
  AdoptionBody,
  CommentBody,
  CommentsQuery,
  CreateSolicitationBody,
  FeedbackBody,
  CommentReceiptView,
  ModerateBody,
  OkView,
  SolicitationListQuery,
  SolicitationListView,
  SolicitationView,
  StaffCommentsView,
  SolicitationQuery,
  UpdateSolicitationBody,
} from './participation.schemas.js';
import { createSolicitation, publishFeedback, updateSolicitation } from './solicitations.commands.js';
import { commentQueue, solicitationsOf, solicitationView } from './solicitations.queries.js';

const tags = ['solicitations'];

export function registerSolicitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/solicitations',
    summary: '意见征集列表；状态（即将开始、正在征集、已结束）由当前时间和起止时间得出',
    tags,
    auth: 'public',
    query: SolicitationListQuery,
    responses: { 200: { description: 'one page of solicitations', schema: SolicitationListView }, 404: errorResponse('unknown org') },
    handler: ({ query }) => solicitationsOf(ctx, query.org, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/solicitations/:id',
    summary: '一次意见征集：征求意见稿、状态、已显示的意见（不含联系方式）；公布采纳情况后含各类采纳数量和说明',
    tags,
    auth: 'public',
    params: idParam,
    query: SolicitationQuery,
    responses: { 200: { description: 'the solicitation', schema: SolicitationView }, 404: errorResponse('not found') },
    handler: ({ caller, params, query }) => solicitationView(caller, params.id, query.page, query.pageSize),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/solicitations/:id/comments',
    summary: '提交意见（审核后显示）；未在征集期内返回 409，过于频繁返回 429，需回答验证问题时返回 428',
    tags,
    auth: 'public',
    params: idParam,
    body: CommentBody,
    responses: {
      201: { description: 'the comment, pending moderation', schema: CommentReceiptView },
      400: errorResponse('invalid'),
      404: errorResponse('not found'),
      409: errorResponse('not open'),
      428: errorResponse('challenge_required, with error.challenge {token, question}'),
      429: errorResponse('too many submissions, with Retry-After'),
    },
    handler: async ({ caller, params, body, reply }) => {
      const comment = await submitComment(caller, params.id, body);
      reply.code(201);
      return comment;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/solicitations',
    summary: '发起意见征集（正文为 HTML，保存前净化）',
    tags,
    auth: 'staff',
    body: CreateSolicitationBody,
    bodyLimit: 4 * 1024 * 1024,
    responses: { 201: { description: 'the solicitation', schema: SolicitationView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ caller, body, reply }) => {
      const solicitation = await createSolicitation(caller, body);
      reply.code(201);
      return solicitation;
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/solicitations/:id',
    summary: '修改意见征集；version 过期返回 409；公布采纳情况后不能修改征集时间',
    tags,
    auth: 'staff',
    params: idParam,
    body: UpdateSolicitationBody,
    bodyLimit: 4 * 1024 * 1024,
    responses: { 200: { description: 'the solicitation', schema: SolicitationView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found'), 409: errorResponse('stale version') },
    handler: ({ caller, params, body }) => updateSolicitation(caller, params.id, body),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/solicitations/:id/comments',
    summary: '意见审核：全部意见（含联系方式），可按状态筛选',
    tags,
    auth: 'staff',
    params: idParam,
    query: CommentsQuery.extend(pageQuery),
    responses: { 200: { description: 'one page of comments, with contacts, and the counts', schema: StaffCommentsView }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: ({ caller, params, query }) => commentQueue(caller, params.id, query),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/solicitation-comments/:id/moderate',
    summary: '审核意见：显示，或隐藏（须填写理由）',
    tags,
    auth: 'staff',
    params: idParam,
    body: ModerateBody,
    responses: { 200: { description: 'done', schema: OkView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found'), 409: errorResponse('feedback published') },
    handler: ({ caller, params, body }) => moderateComment(caller, params.id, body.decision, body.reason),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/solicitation-comments/:id/adoption',
    summary: '采纳决定（征集结束后，只对已显示的意见）：采纳、部分采纳、未采纳，附理由',
    tags,
    auth: 'staff',
    params: idParam,
    body: AdoptionBody,
    responses: { 200: { description: 'done', schema: OkView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found'), 409: errorResponse('not closed, not shown or feedback published') },
    handler: ({ caller, params, body }) => recordAdoption(caller, params.id, body.adoption, body.reason),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/solicitations/:id/feedback',
    summary: '公布采纳情况反馈（征集结束、意见均已审核并作出采纳决定后）',
    tags,
    auth: 'staff',
    params: idParam,
    body: FeedbackBody,
    responses: { 200: { description: 'the solicitation', schema: SolicitationView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 404: errorResponse('not found'), 409: errorResponse('not closed or comments undecided') },
    handler: ({ caller, params, body }) => publishFeedback(caller, params.id, body.feedback),
  });
}

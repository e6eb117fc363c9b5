import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { idParam } from '../../shared/validation.js';
import { approveReset, listResetRequests, refuseReset, requestReset } from './resets.commands.js';
import { ApprovedResetOut, RefuseResetBody, RequestResetBody, ResetListOut, ResetListQuery, ResetRequestOut } from './resets.schemas.js';

const tags = ['users'];

/** Two-person resets of administrators' passwords and second factors (resets.commands.ts). */
export function registerResetRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/reset-requests',
    summary: '申请重置管理员账号的密码或动态验证码（须另一名管理员批准）',
    tags,
    auth: 'staff',
    params: idParam,
    body: RequestResetBody,
    responses: {
      201: { description: 'requested', schema: ResetRequestOut },
      403: errorResponse('forbidden'),
      404: errorResponse('not found'),
      409: errorResponse('own account, not an administrator account (single_person_reset), or already pending'),
    },
    handler: async ({ params, body, caller, reply }) => {
      const request = await requestReset(caller, params.id, body);
      reply.code(201);
      return request;
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/reset-requests',
    summary: '管理员账号重置申请（限于本人权限范围，最新在前）',
    tags,
    auth: 'staff',
    query: ResetListQuery,
    responses: { 200: { description: 'requests', schema: ResetListOut }, 403: errorResponse('forbidden') },
    handler: ({ query, caller }) => listResetRequests(caller, query.state),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/reset-requests/:id/approve',
    summary: '批准重置申请（申请人与账号本人以外的管理员）；密码重置返回一次性密码，仅显示这一次',
    tags,
    auth: 'staff',
    params: idParam,
    responses: {
      200: { description: 'approved and applied', schema: ApprovedResetOut },
      403: errorResponse('forbidden'),
      404: errorResponse('not found'),
      409: errorResponse('requester_approval, self_approval, or not_pending (decided or expired)'),
    },
    handler: ({ params, caller }) => approveReset(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/reset-requests/:id/refuse',
    summary: '驳回重置申请（申请人也可撤回）',
    tags,
    auth: 'staff',
    params: idParam,
    body: RefuseResetBody,
    responses: {
      200: { description: 'refused', schema: ResetRequestOut },
      403: errorResponse('forbidden'),
      404: errorResponse('not found'),
      409: errorResponse('self_approval or not_pending'),
    },
    handler: ({ params, body, caller }) => refuseReset(caller, params.id, body.comment),
  });
}

import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from './roles.js';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { ANYWHERE, authorize } from './authorize.js';
import { decisionRefusal } from './credentials.js';
import { approveReset, expireOverdueResets, refuseReset, requestReset } from './resets.commands.js';
import { listResets, type ResetRow } from './resets.repo.js';
import { ApprovedResetOut, RefuseResetBody, RequestResetBody, ResetListQuery, ResetRequestOut } from './resets.schemas.js';
import { can, scopeFor } from './roles.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['users'];

function present(r: ResetRow, reader: StaffPrincipal): ResetRequestOut {
  const decider = r.decided_by && r.decider_username ? { id: r.decided_by, username: r.decider_username, displayName: r.decider_display_name! } : null;
  return {
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    state: r.state,
    user: { id: r.user_id, username: r.user_username, displayName: r.user_display_name },
    requestedBy: { id: r.requested_by, username: r.requester_username, displayName: r.requester_display_name },
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    decidedBy: decider,
    decidedAt: r.decided_at,
    comment: r.comment,
    canDecide:
      r.state === 'pending' && can(reader, 'user.reset-admin', r.org_path) && decisionRefusal(reader.userId, r, 'approve') === null,
  };
}

/** Two-person resets of administrators' passwords and second factors (resets.commands.ts). */
export function registerResetRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/reset-requests',
    summary: '申请重置管理员账号的密码或动态验证码（须另一名管理员批准）',
    tags,
    auth: 'staff',
    params: IdParams,
    body: RequestResetBody,
    responses: {
      201: { description: 'requested', schema: ResetRequestOut },
      403: errorResponse('forbidden'),
      404: errorResponse('not found'),
      409: errorResponse('own account, not an administrator account (single_person_reset), or already pending'),
    },
    handler: async ({ params, body, principal, actor, reply }) => {
      const r = await requestReset(ctx, principal, actor, params.id, body);
      reply.code(201);
      return present(r, principal);
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/reset-requests',
    summary: '管理员账号重置申请（限于本人权限范围，最新在前）',
    tags,
    auth: 'staff',
    query: ResetListQuery,
    responses: { 200: { description: 'requests', schema: z.object({ requests: z.array(ResetRequestOut) }) }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      await authorize(ctx, principal, actor, 'user.reset-admin', ANYWHERE, { type: 'reset-request' });
      await expireOverdueResets(ctx);
      const rows = await listResets(ctx.db.kysely, scopeFor(principal, 'user.reset-admin'), query.state);
      return { requests: rows.map((r) => present(r, principal)) };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/reset-requests/:id/approve',
    summary: '批准重置申请（申请人与账号本人以外的管理员）；密码重置返回一次性密码，仅显示这一次',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: {
      200: { description: 'approved and applied', schema: ApprovedResetOut },
      403: errorResponse('forbidden'),
      404: errorResponse('not found'),
      409: errorResponse('requester_approval, self_approval, or not_pending (decided or expired)'),
    },
    handler: async ({ params, principal, actor }) => {
      const { request, oneTimePassword } = await approveReset(ctx, principal, actor, params.id);
      return { request: present(request, principal), oneTimePassword };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/reset-requests/:id/refuse',
    summary: '驳回重置申请（申请人也可撤回）',
    tags,
    auth: 'staff',
    params: IdParams,
    body: RefuseResetBody,
    responses: {
      200: { description: 'refused', schema: ResetRequestOut },
      403: errorResponse('forbidden'),
      404: errorResponse('not found'),
      409: errorResponse('self_approval or not_pending'),
    },
    handler: async ({ params, body, principal, actor }) => present(await refuseReset(ctx, principal, actor, params.id, body.comment), principal),
  });
}

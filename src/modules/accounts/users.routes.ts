import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { idParam } from '../../shared/validation.js';
import { grantRole, revokeRole } from './grants.commands.js';
import { createUser, resetPassword, resetSecondFactor, setUserStatus, updateUser } from './users.commands.js';
import { listUsersFor, readUser } from './users.queries.js';
import {
  CreateUserBody,
  GrantRoleBody,
  OneTimePasswordOut,
  SetPasswordBody,
  UpdateUserBody,
  UserListOut,
  UserListQuery,
  UserOut,
} from './users.schemas.js';

const tags = ['users'];

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/users',
    summary: '工作人员列表（限于本人权限范围）',
    tags,
    auth: 'staff',
    query: UserListQuery,
    responses: { 200: { description: 'users', schema: UserListOut }, 404: errorResponse('unknown organisation') },
    handler: ({ query, caller }) => listUsersFor(caller, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/users/:id',
    summary: '一位工作人员',
    tags,
    auth: 'staff',
    params: idParam,
    responses: { 200: { description: 'user', schema: UserOut }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: ({ params, caller }) => readUser(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users',
    summary: '新建工作人员账号（系统管理员；角色由安全管理员授予）',
    tags,
    auth: 'staff',
    body: CreateUserBody,
    responses: { 201: { description: 'created', schema: UserOut }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('duplicate') },
    handler: async ({ body, caller, reply }) => {
      const user = await createUser(caller, body);
      reply.code(201);
      return user;
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    summary: '修改工作人员信息（需带 version）',
    tags,
    auth: 'staff',
    params: idParam,
    body: UpdateUserBody,
    responses: { 200: { description: 'updated', schema: UserOut }, 403: errorResponse('forbidden'), 409: errorResponse('stale version') },
    handler: ({ params, body, caller }) => updateUser(caller, params.id, body),
  });

  for (const [suffix, status, summary] of [
    ['disable', 'disabled', '停用账号（立即结束其所有会话）'],
    ['enable', 'active', '启用账号'],
  ] as const) {
    route(app, ctx, {
      method: 'POST',
      url: `/api/v1/users/:id/${suffix}`,
      summary,
      tags,
      auth: 'staff',
      params: idParam,
      responses: { 200: { description: 'done', schema: UserOut }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
      handler: ({ params, caller }) => setUserStatus(caller, params.id, status),
    });
  }

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/password',
    summary: '重置密码（安全管理员）：生成一次性密码，本人下次登录时须改为自己的密码；管理员账号须两人办理（reset-requests）',
    tags,
    auth: 'staff',
    params: idParam,
    body: SetPasswordBody,
    responses: {
      200: { description: 'the one-time password, shown once', schema: OneTimePasswordOut },
      400: errorResponse('a password was given'),
      403: errorResponse('forbidden'),
      409: errorResponse('two_person_required for an administrator account'),
    },
    handler: ({ params, caller }) => resetPassword(caller, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/totp-reset',
    summary: '重置动态验证码（下次登录重新绑定）；管理员账号须两人办理（reset-requests）',
    tags,
    auth: 'staff',
    params: idParam,
    responses: {
      204: noContent('reset'),
      403: errorResponse('forbidden'),
      409: errorResponse('two_person_required for an administrator account'),
    },
    handler: async ({ params, caller, reply }) => {
      await resetSecondFactor(caller, params.id);
      reply.code(204);
      return null;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/roles',
    summary: '授予角色（安全管理员；三员分立）',
    tags,
    auth: 'staff',
    params: idParam,
    body: GrantRoleBody,
    responses: { 201: { description: 'granted', schema: UserOut }, 403: errorResponse('forbidden'), 409: errorResponse('separation of duties') },
    handler: async ({ params, body, caller, reply }) => {
      const user = await grantRole(caller, params.id, body.role, body.org);
      reply.code(201);
      return user;
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/users/:id/roles/:assignmentId',
    summary: '撤销角色',
    tags,
    auth: 'staff',
    params: z.object({ id: z.string().min(1).max(64), assignmentId: z.string().min(1).max(64) }),
    responses: { 204: noContent('revoked'), 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, caller, reply }) => {
      await revokeRole(caller, params.id, params.assignmentId);
      reply.code(204);
      return null;
    },
  });
}

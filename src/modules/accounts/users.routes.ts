import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { pageQuery } from '../../shared/validation.js';
import { findOrgByCode } from '../organisations/index.js';
import { listAssignmentsDetailed } from './accounts.repo.js';
import { authorize } from './authorize.js';
import { scopeFor } from './roles.js';
import {
  createUser,
  grantRole,
  presentUser,
  presentUserWith,
  resetCredential,
  revokeRole,
  setUserStatus,
  updateUser,
} from './users.commands.js';
import { listUsers, findUserWithOrg } from './users.repo.js';
import { CreateUserBody, GrantRoleBody, OneTimePasswordOut, SetPasswordBody, UpdateUserBody, UserOut } from './users.schemas.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['users'];

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/users',
    summary: '工作人员列表（限于本人权限范围）',
    tags,
    auth: 'staff',
    query: z.object({
      org: z.string().max(32).optional(),
      q: z.string().trim().max(50).optional(),
      status: z.enum(['active', 'disabled']).optional(),
      ...pageQuery,
    }),
    responses: { 200: { description: 'users', schema: z.object({ total: z.number(), users: z.array(UserOut) }) } },
    handler: async ({ query, principal }) => {
      const org = query.org ? await findOrgByCode(ctx.db.kysely, query.org) : undefined;
      if (query.org && !org) throw notFound('机构不存在');
      const { total, rows } = await listUsers(ctx.db.kysely, {
        scope: scopeFor(principal, 'user.read'),
        ...(org ? { orgPath: org.path } : {}),
        ...(query.q ? { search: query.q } : {}),
        ...(query.status ? { status: query.status } : {}),
        page: query.page,
        pageSize: query.pageSize,
      });
      const roles = await listAssignmentsDetailed(ctx.db.kysely, rows.map((r) => r.id));
      return { total, users: rows.map((r) => presentUserWith(r, roles)) };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/users/:id',
    summary: '一位工作人员',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'user', schema: UserOut }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => {
      const u = await findUserWithOrg(ctx.db.kysely, params.id);
      if (!u) throw notFound('用户不存在');
      await authorize(ctx, principal, actor, 'user.read', u.org_path, { type: 'user', id: u.id });
      return presentUser(ctx, u);
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users',
    summary: '新建工作人员账号（系统管理员；角色由安全管理员授予）',
    tags,
    auth: 'staff',
    body: CreateUserBody,
    responses: { 201: { description: 'created', schema: UserOut }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('duplicate') },
    handler: async ({ body, principal, actor, reply }) => {
      const u = await createUser(ctx, principal, actor, body);
      reply.code(201);
      return presentUser(ctx, u);
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    summary: '修改工作人员信息（需带 version）',
    tags,
    auth: 'staff',
    params: IdParams,
    body: UpdateUserBody,
    responses: { 200: { description: 'updated', schema: UserOut }, 403: errorResponse('forbidden'), 409: errorResponse('stale version') },
    handler: async ({ params, body, principal, actor }) => presentUser(ctx, await updateUser(ctx, principal, actor, params.id, body)),
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
      params: IdParams,
      responses: { 200: { description: 'done', schema: UserOut }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
      handler: async ({ params, principal, actor }) => presentUser(ctx, await setUserStatus(ctx, principal, actor, params.id, status)),
    });
  }

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/password',
    summary: '重置密码（安全管理员）：生成一次性密码，本人下次登录时须改为自己的密码；管理员账号须两人办理（reset-requests）',
    tags,
    auth: 'staff',
    params: IdParams,
    body: SetPasswordBody,
    responses: {
      200: { description: 'the one-time password, shown once', schema: OneTimePasswordOut },
      400: errorResponse('a password was given'),
      403: errorResponse('forbidden'),
      409: errorResponse('two_person_required for an administrator account'),
    },
    handler: async ({ params, principal, actor }) => {
      const { oneTimePassword } = await resetCredential(ctx, principal, actor, params.id, 'password');
      return { oneTimePassword: oneTimePassword!, mustChangePassword: true as const };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/users/:id/totp-reset',
    summary: '重置动态验证码（下次登录重新绑定）；管理员账号须两人办理（reset-requests）',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: {
      204: { description: 'reset' },
      403: errorResponse('forbidden'),
      409: errorResponse('two_person_required for an administrator account'),
    },
    handler: async ({ params, principal, actor, reply }) => {
      await resetCredential(ctx, principal, actor, params.id, 'totp');
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
    params: IdParams,
    body: GrantRoleBody,
    responses: { 201: { description: 'granted', schema: UserOut }, 403: errorResponse('forbidden'), 409: errorResponse('separation of duties') },
    handler: async ({ params, body, principal, actor, reply }) => {
      await grantRole(ctx, principal, actor, params.id, body.role, body.org);
      reply.code(201);
      return presentUser(ctx, (await findUserWithOrg(ctx.db.kysely, params.id))!);
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/users/:id/roles/:assignmentId',
    summary: '撤销角色',
    tags,
    auth: 'staff',
    params: z.object({ id: z.string().min(1).max(64), assignmentId: z.string().min(1).max(64) }),
    responses: { 204: { description: 'revoked' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor, reply }) => {
      await revokeRole(ctx, principal, actor, params.id, params.assignmentId);
      reply.code(204);
      return null;
    },
  });
}

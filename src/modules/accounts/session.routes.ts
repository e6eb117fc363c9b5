import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { cookieSecure } from '../../http/security.js';
import { login, logout } from './login.commands.js';
import { rolesView, sessionView } from './session.present.js';
import { ChangeOwnPasswordBody, LoginBody, RolesOut, SessionOut } from './session.schemas.js';
import { SESSION_COOKIE } from './sessions.js';
import { changeOwnPassword } from './users.commands.js';

function setSessionCookie(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(ctx, req),
    maxAge: ctx.config.sessionMaxHours * 3600,
  });
}

export function registerSessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/session',
    summary: '工作人员登录（管理员需动态验证码）',
    tags: ['session'],
    auth: 'public',
    body: LoginBody,
    rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 },
    responses: {
      200: { description: 'signed in', schema: SessionOut },
      400: errorResponse('a newPassword that breaks the password rules'),
      401: errorResponse(
        'bad credentials; code totp_required or totp_enrollment_required when a second factor is needed; ' +
          'password_change_required when the password is a one-time password from a reset (send newPassword)',
      ),
      429: errorResponse('locked out'),
    },
    handler: async ({ body, caller, req, reply }) => {
      const result = await login(caller, body, req.headers['user-agent'] ?? null);
      setSessionCookie(ctx, req, reply, result.token);
      return result.session;
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/session',
    summary: '当前登录的工作人员、权限和 CSRF 令牌',
    tags: ['session'],
    auth: 'staff',
    responses: { 200: { description: 'current session', schema: SessionOut }, 401: errorResponse('not signed in') },
    handler: ({ caller }) => sessionView(caller),
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/session',
    summary: '退出登录',
    tags: ['session'],
    auth: 'staff',
    responses: { 204: noContent('signed out') },
    handler: async ({ caller, reply }) => {
      await logout(caller);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.code(204);
      return null;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/me/password',
    summary: '修改自己的密码（其他会话随之失效）',
    tags: ['session'],
    auth: 'staff',
    body: ChangeOwnPasswordBody,
    responses: { 204: noContent('changed'), 400: errorResponse('invalid') },
    handler: async ({ body, caller, reply }) => {
      await changeOwnPassword(caller, body.currentPassword, body.newPassword);
      reply.code(204);
      return null;
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/roles',
    summary: '角色及其权限（策略矩阵）',
    tags: ['session'],
    auth: 'public',
    responses: { 200: { description: 'roles', schema: RolesOut } },
    handler: async () => rolesView(),
  });
}

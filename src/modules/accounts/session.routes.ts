import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { cookieSecure } from '../../http/security.js';
import { appendAudit } from '../audit/index.js';
import { login } from './login.commands.js';
import { ACTIONS, ALL_ORGS, canAny, POLICY, ROLE_LABELS, ROLES } from './roles.js';
import { destroySession, SESSION_COOKIE } from './sessions.js';
import { ChangeOwnPasswordBody, LoginBody } from './users.schemas.js';
import { changeOwnPassword } from './users.commands.js';

const SessionOut = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    assignments: z
      .array(z.object({ role: z.string(), scopeOrgId: z.string(), orgCode: z.string(), orgName: z.string() }))
      .optional(),
    permissions: z.array(z.string()).optional(),
    /** Roles held but not effective on this session, and what to do: sign in again with the code, or enrol. */
    withheld: z
      .object({ roles: z.array(z.string()), code: z.enum(['totp_required', 'totp_enrollment_required']) })
      .nullable()
      .optional(),
  }),
  csrfToken: z.string(),
});

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
    handler: async ({ body, req, reply }) => {
      // A new session on every sign-in: an old cookie (fixation) is discarded.
      if (req.principal) await destroySession(ctx.db.kysely, req.principal.sessionId);
      const result = await login(ctx, body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: String(req.id),
      });
      setSessionCookie(ctx, req, reply, result.token);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/session',
    summary: '当前登录的工作人员、权限和 CSRF 令牌',
    tags: ['session'],
    auth: 'staff',
    responses: { 200: { description: 'current session', schema: SessionOut }, 401: errorResponse('not signed in') },
    handler: async ({ principal }) => {
      const scopeIds = principal.assignments.map((a) => a.scopeOrgId).filter((id) => id !== ALL_ORGS);
      const orgs = scopeIds.length
        ? await ctx.db.kysely.selectFrom('organisations').select(['id', 'code', 'name']).where('id', 'in', scopeIds).execute()
        : [];
      const byId = new Map(orgs.map((o) => [o.id, o]));
      return {
        user: {
          id: principal.userId,
          username: principal.username,
          displayName: principal.displayName,
          roles: [...new Set(principal.assignments.map((a) => a.role))],
          assignments: principal.assignments.map((a) => ({
            role: a.role,
            scopeOrgId: a.scopeOrgId,
            orgCode: a.scopeOrgId === ALL_ORGS ? ALL_ORGS : (byId.get(a.scopeOrgId)?.code ?? ''),
            orgName: a.scopeOrgId === ALL_ORGS ? '全平台' : (byId.get(a.scopeOrgId)?.name ?? ''),
          })),
          permissions: ACTIONS.filter((a) => canAny(principal, a)),
          withheld: principal.withheld,
        },
        csrfToken: principal.csrfToken,
      };
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/session',
    summary: '退出登录',
    tags: ['session'],
    auth: 'staff',
    responses: { 204: { description: 'signed out' } },
    handler: async ({ principal, actor, reply }) => {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await destroySession(trx, principal.sessionId);
        await appendAudit(trx, ctx, actor, { action: 'auth.logout', objectType: 'user', objectId: principal.userId });
      });
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
    responses: { 204: { description: 'changed' }, 400: errorResponse('invalid') },
    handler: async ({ body, principal, actor, reply }) => {
      await changeOwnPassword(ctx, principal, actor, body.currentPassword, body.newPassword);
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
    responses: {
      200: {
        description: 'roles',
        schema: z.object({ roles: z.array(z.object({ role: z.string(), label: z.string(), actions: z.array(z.string()) })) }),
      },
    },
    handler: async () => ({ roles: ROLES.map((r) => ({ role: r, label: ROLE_LABELS[r], actions: [...POLICY[r]] })) }),
  });
}

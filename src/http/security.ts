import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession, SESSION_COOKIE } from '../modules/accounts/index.js';
import type { AppContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security on every request: response headers, the staff session behind the cookie,
 * and CSRF protection of every state change made with that cookie.
 */
export function registerSecurity(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req, reply) => {
    const secure = req.protocol === 'https' || ctx.config.cookieSecure === 'true';
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (secure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Ant Design writes its styles at run time, hence 'unsafe-inline' for styles only; no inline scripts anywhere.
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.principal = await resolveSession(ctx, token);
    if (!UNSAFE.has(req.method)) return;
    // An API client without a browser may send no Origin at all; a browser always does on these methods.
    const origin = req.headers.origin;
    if (origin && !sameOrigin(req, origin)) throw new AppError(403, 'cross_origin', '拒绝跨站请求');
    if (req.principal && req.headers['x-csrf-token'] !== req.principal.csrfToken) {
      throw new AppError(403, 'csrf', '缺少或无效的 CSRF 令牌，请刷新页面后重试');
    }
  });
}

/**
 * Whether a claimed origin (an Origin header, or the URL of a Referer) is this request's own: the same scheme,
 * host and port, so an https page cannot post to the plain-http site, nor another port's. The request's scheme
 * and host are what the trusted proxy says they are (TRUST_PROXY); default ports compare equal to none.
 */
export function sameOrigin(req: FastifyRequest, claimed: string): boolean {
  if (!claimed || claimed === 'null') return false;
  try {
    return new URL(claimed).origin === new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return false;
  }
}

/** Whether cookies are sent with `Secure`: as configured, or (auto) when the request came over HTTPS. */
export function cookieSecure(ctx: AppContext, req: FastifyRequest): boolean {
  if (ctx.config.cookieSecure === 'auto') return req.protocol === 'https';
  return ctx.config.cookieSecure === 'true';
}

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { AppContext } from '../shared/context.js';

/**
 * Per-address limits on everything, shared across instances through Redis when REDIS_URL is set.
 * Sign-in has its own, stricter limit on top of the account lockout.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const redis = ctx.config.redisUrl
    ? new Redis(ctx.config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: true })
    : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'gongkai-rl:' } : {}),
    // If Redis is unreachable, serve rather than fail every request.
    skipOnError: true,
    // Static files are immutable and cached by browsers and proxies; counting them would only make one page
    // view cost several requests of a visitor's allowance.
    allowList: (req) => req.url.startsWith('/assets/') || req.url.startsWith('/console/assets/'),
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
    }),
  });
}

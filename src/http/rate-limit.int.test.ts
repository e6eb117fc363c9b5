import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { REDIS_URL, redisAvailable } from '../../test/support/redis.js';

describe.skipIf(!redisAvailable())('rate limits shared across instances through Redis', () => {
  let one: TestApp;
  let two: TestApp;
  const sqlite = testDatabases()[0]!;
  beforeAll(async () => {
    const config = { redisUrl: REDIS_URL, loginRateLimitPerMinute: 3, trustProxy: ['127.0.0.1'] };
    one = await startTestApp(sqlite, { config });
    two = await startTestApp(sqlite, { config });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('counts requests from one address on every instance together', async () => {
    // A fresh documentation address per run, so earlier runs' counters do not interfere.
    const ip = `198.51.100.${crypto.randomInt(1, 254)}`;
    const attempt = (t: TestApp) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'x-forwarded-for': ip },
        remoteAddress: '127.0.0.1',
        payload: { username: `nobody-${ip}`, password: 'Wrong-pass-1' },
      });
    const codes = [await attempt(one), await attempt(two), await attempt(one), await attempt(two)].map((r) => r.statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await attempt(one);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('too_many_requests');
  });
});

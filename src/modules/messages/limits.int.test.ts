import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { REDIS_URL, redisAvailable } from '../../../test/support/redis.js';

const body = (contact: string) => ({ org: 'jiangchuan', type: 'consultation', title: '限额测试', content: '提交次数限额测试内容', name: '测试', contact, public: false });
const send = (t: TestApp, ip: string, contact = '13800138000') =>
  t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body(contact), remoteAddress: ip });

describe('submission limits with the default settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDatabases()[0]!, { demo: true });
  });
  afterAll(() => t.close());

  it('lets an address send 20 messages an hour (CONTRACT), asks the challenge after that, and answers 429 with Retry-After beyond the limit', async () => {
    const ip = '203.0.113.77';
    let n = 0;
    const next = () => send(t, ip, `1390000${String(n++).padStart(4, '0')}`);
    for (let i = 0; i < 20; i++) expect((await next()).statusCode).toBe(201);
    expect((await next()).statusCode).toBe(428);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await next()).statusCode);
    expect(statuses.slice(0, 9).every((s) => s === 428)).toBe(true);
    expect(statuses.slice(9)).toEqual([429, 429, 429]);
    const limited = await next();
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // An hour later the address starts afresh.
    t.clock.advance(3600_000 + 1000);
    expect((await next()).statusCode).toBe(201);
  });

  it('lets one contact send 20 messages an hour from anywhere, then 429', async () => {
    for (let i = 0; i < 20; i++) expect((await send(t, `192.0.2.${i + 1}`, 'same@example.cn')).statusCode).toBe(201);
    expect((await send(t, '192.0.2.99', 'SAME@example.cn')).statusCode).toBe(429);
  });
});

describe.skipIf(!redisAvailable())('submission limits shared across instances through Redis', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const config = { redisUrl: REDIS_URL, messageLimitPerHour: 4, messageLimitPerContact: 3, challengeAfter: 0 };
    one = await startTestApp(testDatabases()[0]!, { demo: true, config });
    two = await startTestApp(testDatabases()[0]!, { demo: true, config });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('counts one address and one contact on every instance together', async () => {
    // Fresh address and contact per run: the counters outlive the test in Redis for an hour.
    const ip = `198.51.100.${crypto.randomInt(1, 254)}`;
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await send(i % 2 ? two : one, ip, `u${crypto.randomUUID().slice(0, 8)}@example.cn`)).statusCode);
    expect(seen).toEqual([201, 201, 201, 201]);
    expect((await send(one, ip, 'other@example.cn')).statusCode).toBe(429);
    const contact = `c${crypto.randomUUID().slice(0, 8)}@example.cn`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(i % 2 ? one : two, `192.0.2.${crypto.randomInt(1, 254)}`, contact)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

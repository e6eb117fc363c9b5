import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, startTestApp, type TestApp } from '../../../test/support/app.js';
import { answerChallenge } from '../../../test/support/participation.js';
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

  it('lets an address send 20 messages an hour (docs/contract.md POST /api/v1/messages), asks the challenge after that, and answers 429 with Retry-After beyond the limit', async () => {
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

describe.each(testDatabases())('the challenge on $name', (database) => {
  let t: TestApp;
  let peer: TestApp;
  let other: TestApp;
  const config = { messageLimitPerHour: 100, messageLimitPerContact: 100, challengeAfter: 1 };
  let n = 0;
  const submit = (app: TestApp, ip: string, challenge?: { token: string; answer: string }) =>
    app.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      payload: { ...body(`1370000${String(n++).padStart(4, '0')}`), ...(challenge ? { challengeToken: challenge.token, challengeAnswer: challenge.answer } : {}) },
      remoteAddress: ip,
    });
  /** A fresh challenge for the address, as the 428 hands it out. */
  const asked = async (app: TestApp, ip: string) => {
    const res = await submit(app, ip);
    expect(res.statusCode).toBe(428);
    return res.json().error.challenge as { token: string; question: string };
  };

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config });
    peer = await startPeer(t);
    other = await startTestApp(database, { demo: true, config });
  });
  afterAll(async () => {
    await peer.close();
    await t.close();
    await other.close();
  });

  it('hands out a token that holds a random id, the expiry and a MAC — no operand, no answer', async () => {
    const { token, question } = (await t.app.inject({ method: 'GET', url: '/api/v1/challenge' })).json<{ token: string; question: string }>();
    expect(answerChallenge(question)).toMatch(/^\d+$/);
    const [id, exp, mac, ...rest] = token.split('.');
    expect(rest).toEqual([]);
    expect(Buffer.from(id!, 'base64url')).toHaveLength(12);
    expect(Number(exp)).toBe(t.clock.now().getTime() + 10 * 60_000);
    expect(Buffer.from(mac!, 'base64url')).toHaveLength(32);
    // What the earlier token held (`{"a":37,"b":16,…}` in base64url) is gone: 12 random bytes, 13 digits, 32 MAC bytes.
    for (const part of [id!, mac!, token]) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toMatch(/"a":|"b":/);
    // Two questions asked at the same moment share nothing but the expiry.
    const again = (await t.app.inject({ method: 'GET', url: '/api/v1/challenge' })).json<{ token: string }>().token.split('.');
    expect(again[0]).not.toBe(id);
    expect(again[1]).toBe(exp);
  });

  it('refuses a wrong answer and uses the token up; takes a right answer once, on any instance; refuses a replay', async () => {
    const ip = '203.0.113.90';
    expect((await submit(t, ip)).statusCode).toBe(201);
    const first = await asked(t, ip);
    const right = answerChallenge(first.question);
    const wrong = await submit(t, ip, { token: first.token, answer: String(Number(right) + 1) });
    expect(wrong.statusCode).toBe(428);
    expect(wrong.json().error.message).toBe('验证答案不正确或已过期，请回答新的问题');
    // The wrong guess spent the token: the right answer no longer opens it.
    expect((await submit(t, ip, { token: first.token, answer: right })).statusCode).toBe(428);

    // Issued by one instance, answered on another (the key is shared); full-width digits are read as digits.
    const second = await asked(t, ip);
    expect((await submit(peer, ip)).statusCode).toBe(201);
    const fullWidth = answerChallenge(second.question).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await submit(peer, ip, { token: second.token, answer: fullWidth })).statusCode).toBe(201);
    for (const app of [t, peer]) expect((await submit(app, ip, { token: second.token, answer: answerChallenge(second.question) })).statusCode).toBe(428);
  });

  it('refuses a token made under another deployment’s key, or altered, or with a far expiry', async () => {
    const ip = '203.0.113.91';
    expect((await submit(t, ip)).statusCode).toBe(201);
    const foreign = (await other.app.inject({ method: 'GET', url: '/api/v1/challenge' })).json<{ token: string; question: string }>();
    expect((await submit(t, ip, { token: foreign.token, answer: answerChallenge(foreign.question) })).statusCode).toBe(428);
    const mine = await asked(t, ip);
    const [id, exp, mac] = mine.token.split('.') as [string, string, string];
    const answer = answerChallenge(mine.question);
    for (const token of [`${id}.${Number(exp) + 1}.${mac}`, `${id}.${Number(exp) + 86_400_000}.${mac}`, `${id.slice(1)}A.${exp}.${mac}`]) {
      expect((await submit(t, ip, { token, answer })).statusCode, token).toBe(428);
    }
    expect(await t.db.kysely.selectFrom('challenge_uses').select('expires_at').where('expires_at', '>', new Date(Number(exp) + 1000).toISOString()).execute()).toEqual([]);
    // Unaltered, the token still works: none of the above touched it.
    expect((await submit(t, ip, { token: mine.token, answer })).statusCode).toBe(201);
    t.clock.advance(10 * 60_000 + 1);
    const late = await asked(t, ip);
    t.clock.advance(10 * 60_000 + 1);
    expect((await submit(t, ip, { token: late.token, answer: answerChallenge(late.question) })).statusCode).toBe(428);
  });
});

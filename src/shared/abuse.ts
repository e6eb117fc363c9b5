import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { appSecret } from './secrets.js';
import type { AppContext } from './context.js';
import { AppError, tooManyRequests } from './errors.js';

/**
 * Limits on what citizens submit (messages, comments), per address and per contact, and the self-hosted
 * challenge asked after repeated submissions (docs/adr/0014). Counters are shared by every instance through
 * Redis when REDIS_URL is set, otherwise kept in this process.
 */
export interface Counter {
  /** Counts one hit of `key` in a window starting at its first hit; returns the count and the window's rest. */
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Takes one hit back (a submission refused for a reason of its own should not use up the allowance). */
  undo(key: string): Promise<void>;
}

class MemoryCounter implements Counter {
  private readonly windows = new Map<string, { count: number; until: number }>();
  constructor(private readonly clock: () => Date) {}
  async hit(key: string, windowMs: number) {
    const now = this.clock().getTime();
    if (this.windows.size > 100_000) for (const [k, w] of this.windows) if (w.until <= now) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || w.until <= now) this.windows.set(key, (w = { count: 0, until: now + windowMs }));
    w.count++;
    return { count: w.count, ttlMs: w.until - now };
  }
  async undo(key: string) {
    const w = this.windows.get(key);
    if (w && w.count > 0) w.count--;
  }
}

class RedisCounter implements Counter {
  constructor(private readonly redis: Redis) {}
  async hit(key: string, windowMs: number) {
    const res = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
    const count = Number(res?.[0]?.[1] ?? 0);
    const ttl = Number(res?.[2]?.[1] ?? windowMs);
    return { count, ttlMs: ttl > 0 ? ttl : windowMs };
  }
  async undo(key: string) {
    await this.redis.decr(key);
  }
}

const counters = new WeakMap<AppContext, { counter: Counter; close(): Promise<void> }>();

export function counterFor(ctx: AppContext): Counter {
  let entry = counters.get(ctx);
  if (!entry) {
    if (ctx.config.redisUrl) {
      const redis = new Redis(ctx.config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: false });
      redis.on('error', () => undefined);
      entry = { counter: new RedisCounter(redis), close: async () => void (await redis.quit().catch(() => undefined)) };
    } else {
      entry = { counter: new MemoryCounter(ctx.clock), close: async () => undefined };
    }
    counters.set(ctx, entry);
  }
  return entry.counter;
}

export async function closeCounter(ctx: AppContext): Promise<void> {
  const entry = counters.get(ctx);
  counters.delete(ctx);
  await entry?.close();
}

const HOUR = 3600_000;
const CHALLENGE_TTL_MS = 10 * 60_000;

export interface SubmissionCheck {
  /** What is submitted ('message', 'comment'): each has its own allowance. */
  kind: string;
  address: string;
  /** The normalised contact, when one was given. */
  contactKey?: string | null;
  challengeToken?: string | undefined;
  challengeAnswer?: string | undefined;
}

/**
 * Counts a submission and decides whether it may go ahead: 429 (with Retry-After) beyond the limits, 428 with a
 * fresh challenge when this address has submitted often this hour and no right answer came with it.
 */
export async function guardSubmission(ctx: AppContext, check: SubmissionCheck): Promise<void> {
  const counter = counterFor(ctx);
  const addrKey = `gongkai-sub:${check.kind}:addr:${check.address}`;
  const addr = await safeHit(counter, addrKey);
  if (addr && addr.count > ctx.config.messageLimitPerHour) {
    throw tooManyRequests(`提交过于频繁，请 ${minutes(addr.ttlMs)} 分钟后再试`, Math.ceil(addr.ttlMs / 1000));
  }
  const contactKey = check.contactKey ? `gongkai-sub:${check.kind}:contact:${check.contactKey}` : null;
  if (contactKey) {
    const contact = await safeHit(counter, contactKey);
    if (contact && contact.count > ctx.config.messageLimitPerContact) {
      await counter.undo(addrKey).catch(() => undefined);
      throw tooManyRequests(`同一联系方式提交过于频繁，请 ${minutes(contact.ttlMs)} 分钟后再试`, Math.ceil(contact.ttlMs / 1000));
    }
  }
  if (ctx.config.challengeAfter > 0 && addr && addr.count > ctx.config.challengeAfter) {
    const ok = check.challengeToken && check.challengeAnswer !== undefined && (await redeemChallenge(ctx, check.challengeToken, check.challengeAnswer));
    if (!ok) {
      // A refused attempt still counts: a client that never answers reaches the limit (429) like any other.
      const challenge = await issueChallenge(ctx);
      const message = check.challengeToken ? '验证答案不正确或已过期，请回答新的问题' : '您本小时提交次数较多，请先回答验证问题';
      throw new AppError(428, 'challenge_required', message, { challengeAnswer: message }, undefined, { challenge });
    }
  }
}

/** If the counter store is down, submissions are served rather than refused (like the global rate limit). */
async function safeHit(counter: Counter, key: string) {
  try {
    return await counter.hit(key, HOUR);
  } catch {
    return null;
  }
}

function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 0–99 in Chinese numerals: 十二, 二十, 三十七. */
export function chineseNumber(n: number): string {
  if (n <= 10) return DIGITS[n]!;
  if (n < 20) return `十${DIGITS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export interface Challenge {
  token: string;
  question: string;
}

/**
 * A challenge token is `<id>.<expiry>.<mac>`: a random id, the expiry (ms since the epoch) and an HMAC under the
 * deployment's key (`app_secrets`, shared by every instance) over the id, the expiry and the answer. It holds
 * nothing the answer can be read or derived from — only the server, holding the key, can check a guess — and the
 * question travels beside it (the 428 body, `GET /challenge`, the portal form), never inside it.
 */
const TOKEN = /^([A-Za-z0-9_-]{16})\.(\d{13})\.([A-Za-z0-9_-]{43})$/;

function challengeMac(key: Buffer, id: string, expires: number, answer: string): Buffer {
  return crypto.createHmac('sha256', key).update(`challenge|${id}|${expires}|${answer}`).digest();
}

/** The answer as compared: full-width digits folded, spaces and leading zeros dropped ("０７ " is 7). */
function normalisedAnswer(answer: string): string | null {
  const digits = answer.normalize('NFKC').trim();
  return /^\d{1,6}$/.test(digits) ? String(Number(digits)) : null;
}

/** A question only a reader of the page answers: two numbers in Chinese words to add, valid 10 minutes. */
export async function issueChallenge(ctx: AppContext): Promise<Challenge> {
  const a = crypto.randomInt(2, 50);
  const b = crypto.randomInt(2, 50);
  const id = crypto.randomBytes(12).toString('base64url');
  const expires = ctx.clock().getTime() + CHALLENGE_TTL_MS;
  const mac = challengeMac(await appSecret(ctx.db, 'challenge'), id, expires, String(a + b)).toString('base64url');
  return { token: `${id}.${expires}.${mac}`, question: `请计算：${chineseNumber(a)}加${chineseNumber(b)}等于多少？（请填写阿拉伯数字）` };
}

/**
 * True for a right answer to an unexpired challenge. Every attempt with a genuine token uses it up, right or
 * wrong, on any instance (`challenge_uses`): a token is never accepted twice, and its answer cannot be found by
 * trying the few possible sums one after another.
 */
export async function redeemChallenge(ctx: AppContext, token: string, answer: string): Promise<boolean> {
  const m = TOKEN.exec(token);
  if (!m) return false;
  const [, id, exp, mac] = m as unknown as [string, string, string, string];
  const expires = Number(exp);
  const now = ctx.clock().getTime();
  // Never issued with more than the TTL left: a made-up far expiry is no token (and leaves no row behind).
  if (!(expires > now && expires <= now + CHALLENGE_TTL_MS)) return false;
  const key = await appSecret(ctx.db, 'challenge');
  const given = normalisedAnswer(answer);
  const right = given !== null && crypto.timingSafeEqual(challengeMac(key, id, expires, given), Buffer.from(mac, 'base64url'));
  // A forged token cannot be told from a genuine one with a wrong answer, so every well-formed unexpired one is
  // recorded: one row per attempt (attempts are counted and limited per address), removed at its expiry.
  const res = await ctx.db.kysely
    .insertInto('challenge_uses')
    .values({ token_hash: crypto.createHash('sha256').update(`${id}.${exp}`).digest('hex'), expires_at: new Date(expires).toISOString() })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .executeTakeFirst();
  return right && Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Used challenge answers need keeping only while the challenge itself is valid (the platform's housekeeping job). */
export async function forgetUsedChallenges(ctx: AppContext): Promise<number> {
  const result = await ctx.db.kysely.deleteFrom('challenge_uses').where('expires_at', '<', ctx.clock().toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

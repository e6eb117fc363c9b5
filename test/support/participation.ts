import crypto from 'node:crypto';
import type { TestApp } from './app.js';

/**
 * Test data for the participation suites: answered messages written straight into the table (the messages
 * module owns how they get there), so the FAQ's promotion and suggestions can be tested on their own.
 */
export interface MessageSeed {
  agencyId: string;
  title: string;
  content: string;
  reply: string | null;
  state?: string;
  /** The masked public copy; absent: not published. */
  published?: { title: string; content: string; reply: string };
}

export async function insertMessage(t: TestApp, seed: MessageSeed): Promise<string> {
  const id = crypto.randomUUID();
  const now = t.clock.now().toISOString();
  await t.db.kysely
    .insertInto('messages')
    .values({
      id,
      agency_id: seed.agencyId,
      tracking_code: crypto.randomBytes(10).toString('hex').toUpperCase(),
      type: 'consultation',
      state: seed.state ?? 'answered',
      title: seed.title,
      content: seed.content,
      name: '张三',
      contact: '13812345678',
      contact_key: '13812345678',
      public_consent: seed.published ? 1 : 0,
      submitted_at: now,
      submitted_date: now.slice(0, 10),
      reply: seed.reply,
      replied_at: seed.reply ? now : null,
      published_at: seed.published ? now : null,
      public_title: seed.published?.title ?? null,
      public_content: seed.published?.content ?? null,
      public_reply: seed.published?.reply ?? null,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

export async function agencyIdOf(t: TestApp, code = 'jiangchuan'): Promise<string> {
  const row = await t.db.kysely.selectFrom('organisations').select('agency_id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.agency_id;
}

export async function auditActions(t: TestApp, objectId: string): Promise<string[]> {
  const rows = await t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', objectId).where('outcome', '=', 'success').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

/** 二 → 2 … 九十九 → 99: the challenge's numbers in Chinese words. */
function chineseToNumber(words: string): number {
  const digit = (c: string | undefined) => (c ? '零一二三四五六七八九'.indexOf(c) : 0);
  if (!words.includes('十')) return digit(words);
  const [tens, ones] = words.split('十');
  return (tens ? digit(tens) : 1) * 10 + digit(ones || undefined);
}

/** The answer to a challenge question of http/abuse.ts, as a reader would work it out. */
export function answerChallenge(question: string): string {
  const m = /请计算：(.+)加(.+)等于多少/.exec(question);
  if (!m) throw new Error(`unexpected challenge: ${question}`);
  return String(chineseToNumber(m[1]!) + chineseToNumber(m[2]!));
}

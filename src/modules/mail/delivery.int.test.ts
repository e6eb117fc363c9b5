import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPeer, startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { withTransaction } from '../../db/database.js';
import { startJobs } from '../../shared/jobs.js';
import { CLAIM_LEASE_MS, deliverPendingMail, mailDeliveryJob, MAX_ATTEMPTS, retryDelayMs } from './delivery.js';
import { enqueueMail } from './outbox.js';
import { createMailTransport, outboxFolder } from './transport.js';

/** A real SMTP server on a random local port that keeps what it receives, or refuses it with a 451 when told to. */
class SmtpSink {
  received: { to: string[]; raw: Buffer }[] = [];
  refusing = false;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (this.refusing) {
          callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  parsed(): Promise<ParsedMail[]> {
    return Promise.all(this.received.map((r) => simpleParser(r.raw)));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function toOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}

describe.each(testDatabases())('mail delivery on $name', (database) => {
  const sink = new SmtpSink();
  let t: TestApp;

  async function queue(n: number, prefix: string): Promise<void> {
    await withTransaction(t.db, async (trx) => {
      for (let i = 0; i < n; i++) {
        await enqueueMail(trx, { dedupeKey: `${prefix}:${i}`, kind: 'test', recipient: `r${i}@example.cn`, subject: `测试邮件 ${prefix} ${i}`, body: `第 ${i} 封。` }, t.clock.now().toISOString());
      }
    });
  }

  beforeAll(async () => {
    const smtpUrl = await sink.start();
    t = await startTestApp(database, { demo: true, config: { smtpUrl, baseUrl: 'https://gk.jiangchuan.gov.cn/', mailFrom: '江川市政务公开平台 <noreply@jiangchuan.gov.cn>' } });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(async () => {
    // Whatever an earlier test left pending is sent first, so each test counts its own mails.
    sink.refusing = false;
    t.clock.advance(24 * 3600_000);
    await deliverPendingMail(t.ctx);
    sink.received = [];
  });

  it('retries after the server refuses, backing off, and gives up after the last attempt', async () => {
    await queue(1, 'retry');
    sink.refusing = true;
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await t.db.kysely.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', 'retry:0').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 1, sent_at: null });
    expect(row.last_error).toContain('451');
    expect(row.claimed_until).toBe(new Date(t.clock.now().getTime() + retryDelayMs(1)).toISOString());
    // Not before its time.
    sink.refusing = false;
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(retryDelayMs(1) + 1);
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await t.db.kysely.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', 'retry:0').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
    expect(sink.received).toHaveLength(1);

    // A server down for good (here: refusing every time) ends in 'failed' after MAX_ATTEMPTS, kept with the error.
    await queue(1, 'hopeless');
    sink.refusing = true;
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      expect(await deliverPendingMail(t.ctx)).toEqual(i < MAX_ATTEMPTS ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
      t.clock.advance(retryDelayMs(i) + 1);
    }
    row = await t.db.kysely.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', 'hopeless:0').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, claimed_until: null });
    expect(row.last_error).toContain('mailbox busy');
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('retries when the server cannot be reached at all', async () => {
    await queue(1, 'unreachable');
    const closed = createMailTransport({ ...t.ctx.config, smtpUrl: 'smtp://127.0.0.1:1' });
    expect(await deliverPendingMail(t.ctx, { transport: closed })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = await t.db.kysely.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', 'unreachable:0').executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    t.clock.advance(retryDelayMs(1) + 1);
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });

  it('takes over a mail whose claim ran out (its instance died) and leaves a live claim alone', async () => {
    await queue(1, 'orphan');
    const lease = new Date(t.clock.now().getTime() + CLAIM_LEASE_MS).toISOString();
    await t.db.kysely.updateTable('mail_outbox').set({ claimed_until: lease }).where('dedupe_key', '=', 'orphan:0').execute();
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(CLAIM_LEASE_MS + 1);
    expect(await deliverPendingMail(t.ctx)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it('sends every mail exactly once with two instances delivering at the same time', async () => {
    await queue(40, 'race');
    const peer = await startPeer(t);
    try {
      // On PostgreSQL the two instances race truly; two SQLite connections in one thread take turns (one
      // deployment of SQLite runs one server process).
      const [a, b] =
        database.name === 'postgres'
          ? await Promise.all([deliverPendingMail(t.ctx, { batch: 100 }), deliverPendingMail(peer.ctx, { batch: 100 })])
          : [await deliverPendingMail(t.ctx, { batch: 100 }), await deliverPendingMail(peer.ctx, { batch: 100 })];
      expect(a.sent + b.sent).toBe(40);
      if (database.name === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
    } finally {
      await peer.close();
    }
    expect(sink.received).toHaveLength(40);
    const subjects = (await sink.parsed()).map((m) => m.subject);
    expect(new Set(subjects).size).toBe(40);
    const states = await t.db.kysely.selectFrom('mail_outbox').select(['state', 'attempts']).where('dedupe_key', 'like', 'race:%').execute();
    expect(states.every((s) => s.state === 'sent' && s.attempts === 1)).toBe(true);
  });

  it('delivers in the background once started, until stopped', async () => {
    const errors: unknown[] = [];
    const stop = startJobs(t.ctx, [{ jobs: [mailDeliveryJob] }], { everyMs: 20, log: (err) => errors.push(err) });
    try {
      await queue(3, 'background');
      for (let i = 0; i < 200 && sink.received.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      stop();
    }
    expect(sink.received).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('writes .eml files to DATA_DIR/mail-outbox when no SMTP server is set', async () => {
    await queue(2, 'folder');
    const folder = createMailTransport({ ...t.ctx.config, smtpUrl: undefined });
    expect(folder.target).toBe(outboxFolder(t.ctx.config));
    expect(await deliverPendingMail(t.ctx, { transport: folder })).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const dir = outboxFolder(t.ctx.config);
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^\d{8}T\d{6}Z-[0-9a-f-]{36}\.eml$/.test(f))).toBe(true);
    const mails = await Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
    expect(mails.map((m) => [toOf(m), m.subject, m.text?.trim()]).sort()).toEqual([
      ['r0@example.cn', '测试邮件 folder 0', '第 0 封。'],
      ['r1@example.cn', '测试邮件 folder 1', '第 1 封。'],
    ]);
    expect(mails[0]!.from?.value[0]).toEqual({ address: 'noreply@jiangchuan.gov.cn', name: '江川市政务公开平台' });
    expect(mails[0]!.messageId).toMatch(/@jiangchuan\.gov\.cn>$/);
    expect(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).toContain('\r\n');
    expect(sink.received).toHaveLength(0);
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, startPeer, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { appendAudit, appendAudits, SYSTEM_ACTOR, verifyAuditChain } from './audit.js';
import { auditKey, GENESIS_HASH, legacyHash, sealedHash, type ChainedRecord } from './chain.js';
import { AuditKeyError, AuditSeal } from './seal.js';

/** Tampering needs the append-only triggers out of the way, as an attacker with database access would do. */
async function dropTriggers(t: TestApp): Promise<void> {
  if (t.db.dialect === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.db.kysely);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(t.db.kysely);
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(t.db.kysely);
  }
}

describe.each(testDatabases())('audit log on $name', (database) => {
  let t: TestApp;
  let auditor: Staff;
  let sys: Staff;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    auditor = await signIn(t, 'auditor');
    sys = await signIn(t, 'sysadmin');
  });
  afterAll(() => t.close());

  const records = async (query: string) => {
    const res = await auditor.request('GET', `/api/v1/audit?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; records: { action: string; actorName: string; outcome: string; summary: unknown; objectId: string; ip: string }[] }>();
  };

  it('records an administrative change with who, what, before/after and where, in the same transaction', async () => {
    const unit = await sys.request('POST', '/api/v1/orgs', { code: 'jc-audit-unit', name: '审计测试科', parentCode: 'jiangchuan' });
    expect(unit.statusCode).toBe(201);
    const edit = await sys.request('PATCH', '/api/v1/orgs/jc-audit-unit', { phone: '0571-12345678', version: 1 });
    expect(edit.statusCode).toBe(200);
    const { records: created } = await records('action=unit.create&actor=sysadmin');
    expect(created[0]).toMatchObject({ action: 'unit.create', actorName: 'sysadmin', outcome: 'success', objectId: unit.json().id });
    expect(created[0]!.ip).toBeTruthy();
    const { records: updated } = await records(`action=unit.update&objectId=${unit.json().id}`);
    expect(updated[0]!.summary).toEqual({ before: { phone: null }, after: { phone: '0571-12345678' } });
  });

  it('records failed and successful sign-ins and refused actions', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'editor', password: 'Wrong-Pass-123' } });
    const { records: failures } = await records('action=auth.login&outcome=failure&actor=editor');
    expect(failures[0]!.summary).toEqual({ reason: 'bad-password' });
    expect((await records('action=auth.login&outcome=success&actor=auditor')).total).toBeGreaterThan(0);

    const editor = await signIn(t, 'editor');
    expect((await editor.request('GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await editor.request('POST', '/api/v1/orgs', { code: 'x-unit', name: '越权', parentCode: 'jiangchuan' })).statusCode).toBe(403);
    const { records: denied } = await records('outcome=denied&actor=editor');
    expect(denied.map((r) => r.action)).toEqual(expect.arrayContaining(['audit.read', 'unit.create']));
  });

  it('filters by date and exports CSV, recording the export', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    expect((await records(`from=${today}&to=${today}`)).total).toBeGreaterThan(0);
    expect((await records('from=2001-01-01&to=2001-01-02')).total).toBe(0);
    expect((await auditor.request('GET', '/api/v1/audit?from=2025-02-30')).statusCode).toBe(400);
    const csv = await auditor.request('GET', '/api/v1/audit/export.csv?action=unit.');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF序号,时间,操作人')).toBe(true);
    expect(csv.body).toContain('unit.create');
    expect((await records('action=audit.export')).total).toBe(1);
  });

  it('nobody can change or delete a record: the database refuses', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    const verify = await auditor.request('POST', '/api/v1/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('keeps the chain intact under concurrent appends', async () => {
    const before = await verifyAuditChain(t.ctx);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.db.kysely.transaction().execute((trx) => appendAudit(trx, t.ctx, SYSTEM_ACTOR, { action: 'test.concurrent', summary: { i } })),
      ),
    );
    const after = await verifyAuditChain(t.ctx);
    expect(after).toMatchObject({ ok: true, count: before.count + 25 });
  });

  it('reports the last records deleted behind the application\'s back as truncated', async () => {
    const intact = await auditor.request('POST', '/api/v1/audit/verify');
    expect(intact.json()).toMatchObject({ ok: true });
    // The verification itself checkpointed the head outside the database, and was recorded after it.
    const head = intact.json<{ count: number }>().count;
    await dropTriggers(t);
    await sql`DELETE FROM audit_log WHERE seq > ${head - 50}`.execute(t.db.kysely);
    const cut = await auditor.request('POST', '/api/v1/audit/verify');
    expect(cut.json()).toMatchObject({
      ok: false,
      count: head - 50,
      break: { seq: head - 49, problem: 'truncated', checkpointSeq: head },
    });
  });
});


describe.each(testDatabases())('audit chain verification on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(database);
  });
  afterEach(() => t.close());

  type Row = ChainedRecord & { hash: string };
  const fill = (n: number, action = 'test.fill') =>
    t.db.kysely.transaction().execute((trx) => appendAudits(trx, t.ctx, SYSTEM_ACTOR, Array.from({ length: n }, (_, i) => ({ action, summary: { i } }))));
  const all = (): Promise<Row[]> => t.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const checkpointLines = () => fs.readFileSync(t.ctx.config.audit.checkpointFile, 'utf8').trim().split('\n');

  /** What an attacker without the key does: changes record `seq` and recomputes every hash after it. */
  async function rewriteFrom(seq: number, hashWith: (r: Row) => { hash: string; key_id: string | null }): Promise<void> {
    await dropTriggers(t);
    const rows = await all();
    let prev = rows[seq - 2]?.hash ?? GENESIS_HASH;
    for (const r of rows.slice(seq - 1)) {
      const changed = { ...r, prev_hash: prev, summary: r.seq === seq ? '{"forged":true}' : r.summary };
      const { hash, key_id } = hashWith(changed);
      await t.db.kysely.updateTable('audit_log').set({ summary: changed.summary, prev_hash: prev, hash, key_id }).where('seq', '=', r.seq).execute();
      prev = hash;
    }
  }

  /** Rows as a release before keyed chaining wrote them: plain SHA-256, no key. */
  async function insertPlain(n: number): Promise<void> {
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const r: ChainedRecord = {
        ...{ seq, at: t.clock.now().toISOString(), actor_id: null, actor_name: 'system', actor_roles: null, action: 'legacy.change' },
        ...{ object_type: null, object_id: null, org_path: null, summary: `{"n":${seq}}`, ip: null, request_id: null, outcome: 'success' },
        ...{ prev_hash: prev, key_id: null },
      };
      prev = legacyHash(r);
      await t.db.kysely.insertInto('audit_log').values({ ...r, outcome: 'success', hash: prev }).execute();
    }
  }

  it('seals new records with the key kept outside the database, created 0600 at the first start', async () => {
    await fill(3);
    const key = t.ctx.auditSeal.existingKey();
    expect((await all()).map((r) => r.key_id)).toEqual([key.id, key.id, key.id]);
    const file = t.ctx.config.audit.keyFile;
    expect(file.startsWith(t.ctx.config.dataDir)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(await verifyAuditChain(t.ctx)).toEqual({ ok: true, count: 3, checkpoints: 0 });
    // The verified head is checkpointed in turn.
    expect(checkpointLines()).toHaveLength(1);
    expect(JSON.parse(checkpointLines()[0]!)).toMatchObject({ seq: 3, key: key.id });
  });

  it('finds the first altered record, then the first missing one', async () => {
    await fill(12);
    await dropTriggers(t);
    await sql`UPDATE audit_log SET summary = '{"forged":true}' WHERE seq = 5`.execute(t.db.kysely);
    expect(await verifyAuditChain(t.ctx)).toEqual({ ok: false, count: 4, checkpoints: 0, break: { seq: 5, problem: 'altered' } });
    // a verifier walking in small pages reaches the same answer
    expect((await verifyAuditChain(t.ctx, 2)).break).toEqual({ seq: 5, problem: 'altered' });
    await sql`DELETE FROM audit_log WHERE seq IN (3, 5)`.execute(t.db.kysely);
    expect((await verifyAuditChain(t.ctx)).break).toEqual({ seq: 4, problem: 'missing', expectedSeq: 3 });
  });

  it('finds a record rewritten with every later hash recomputed, with plain SHA-256 or with another key', async () => {
    await fill(30);
    await rewriteFrom(10, (r) => ({ key_id: null, hash: legacyHash({ ...r, key_id: null }) }));
    expect((await verifyAuditChain(t.ctx, 7)).break).toEqual({ seq: 10, problem: 'altered' });
    const wrong = auditKey(crypto.randomBytes(32));
    await rewriteFrom(10, (r) => ({ key_id: r.key_id ?? wrong.id, hash: sealedHash(wrong, { ...r, key_id: r.key_id ?? wrong.id }) }));
    expect((await verifyAuditChain(t.ctx, 7)).break).toMatchObject({ seq: 10, problem: 'altered' });
  });

  it('finds the whole log re-hashed as if never sealed, through the checkpoint outside the database', async () => {
    await fill(20);
    await t.ctx.auditSeal.checkpoint();
    await fill(5);
    await rewriteFrom(1, (r) => ({ key_id: null, hash: legacyHash({ ...r, key_id: null }) }));
    expect((await verifyAuditChain(t.ctx)).break).toMatchObject({ seq: 20, problem: 'altered', checkpointAt: t.clock.now().toISOString() });
  });

  it('finds the last 50 records deleted, even when new ones were appended since', async () => {
    await fill(120);
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: true, count: 120 });
    await dropTriggers(t);
    await sql`DELETE FROM audit_log WHERE seq > 70`.execute(t.db.kysely);
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, count: 70, break: { seq: 71, problem: 'truncated', checkpointSeq: 120 } });
    await fill(55);
    expect((await verifyAuditChain(t.ctx)).break).toMatchObject({ seq: 120, problem: 'altered' });
  });

  it('keeps verifying records from before keyed chaining, and finds them rewritten', async () => {
    await insertPlain(10);
    await fill(10);
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: true, count: 20 });
    await rewriteFrom(3, (r) => ({ key_id: r.key_id, hash: r.key_id ? r.hash : legacyHash(r) }));
    // The first sealed record covers the tail of the plain ones: its seal no longer holds.
    expect((await verifyAuditChain(t.ctx)).break).toEqual({ seq: 11, problem: 'altered' });
  });

  it('anchors plain records of an upgraded database at the first start', async () => {
    await insertPlain(8);
    const peer = await startPeer(t);
    try {
      await vi.waitFor(() => expect(checkpointLines().map((l) => JSON.parse(l).seq)).toContain(8));
    } finally {
      await peer.close();
    }
    await rewriteFrom(1, (r) => ({ key_id: null, hash: legacyHash(r) }));
    expect((await verifyAuditChain(t.ctx)).break).toMatchObject({ seq: 8, problem: 'altered' });
  });

  it('checkpoints after a burst of appends and at shutdown, one line each, from every instance', async () => {
    const peer = await startPeer(t);
    const burst = new AuditSeal({ settings: { ...t.ctx.config.audit, checkpointRecords: 5 }, db: t.db, clock: t.clock.now, onError: () => undefined });
    await t.db.kysely.transaction().execute((trx) => appendAudits(trx, { ...t.ctx, auditSeal: burst }, SYSTEM_ACTOR, Array(5).fill({ action: 'test.burst' })));
    await vi.waitFor(() => expect(checkpointLines()).toHaveLength(1));
    await fill(2);
    await peer.db.kysely.transaction().execute((trx) => appendAudit(trx, peer.ctx, SYSTEM_ACTOR, { action: 'test.peer' }));
    await peer.close();
    await t.ctx.auditSeal.close();
    expect(checkpointLines().map((l) => JSON.parse(l).seq).sort()).toEqual([5, 8, 8]);
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: true, count: 8, checkpoints: 3 });
  });

  it('logs a failed checkpoint write and goes on', async () => {
    await fill(1);
    const onError = vi.fn();
    const settings = { ...t.ctx.config.audit, checkpointFile: t.ctx.config.dataDir, checkpointRecords: 1 };
    const failing = new AuditSeal({ settings, db: t.db, clock: t.clock.now, onError });
    await t.db.kysely.transaction().execute((trx) => appendAudit(trx, { ...t.ctx, auditSeal: failing }, SYSTEM_ACTOR, { action: 'test.unwritable' }));
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'EISDIR' }), 'audit checkpoint failed'));
    await failing.close();
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses a forged checkpoint line, a wrong key and a missing key', async () => {
    await fill(4);
    await verifyAuditChain(t.ctx);
    const verifier = (settings: Partial<typeof t.ctx.config.audit>) => ({
      ...t.ctx,
      auditSeal: new AuditSeal({ settings: { ...t.ctx.config.audit, ...settings }, db: t.db, clock: t.clock.now, onError: () => undefined }),
    });
    const other = crypto.randomBytes(32).toString('base64');
    expect((await verifyAuditChain(verifier({ key: other }))).break).toMatchObject({ problem: 'wrong-key', keyId: t.ctx.auditSeal.existingKey().id });
    const missing = path.join(t.ctx.config.dataDir, 'nowhere', 'audit.key');
    await expect(verifyAuditChain(verifier({ keyFile: missing }))).rejects.toThrow(AuditKeyError);
    expect(fs.existsSync(missing)).toBe(false);
    fs.appendFileSync(t.ctx.config.audit.checkpointFile, JSON.stringify({ ...JSON.parse(checkpointLines()[0]!), seq: 3 }) + '\n');
    expect((await verifyAuditChain(t.ctx)).break).toEqual({ seq: 3, problem: 'forged-checkpoint' });
  });
});

describe.runIf(process.env.REDIS_URL).each(testDatabases())('audit checkpoints in Redis on $name', (database) => {
  it('still find the truncation when the checkpoint file is gone', async () => {
    const t = await startTestApp(database, { config: { redisUrl: process.env.REDIS_URL } });
    try {
      await t.db.kysely.transaction().execute((trx) => appendAudits(trx, t.ctx, SYSTEM_ACTOR, Array(10).fill({ action: 'test.redis' })));
      expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: true, count: 10, checkpoints: 0 });
      fs.rmSync(t.ctx.config.audit.checkpointFile);
      await dropTriggers(t);
      await sql`DELETE FROM audit_log WHERE seq > 6`.execute(t.db.kysely);
      expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, checkpoints: 1, break: { seq: 7, problem: 'truncated', checkpointSeq: 10 } });
    } finally {
      await t.close();
    }
  });
});

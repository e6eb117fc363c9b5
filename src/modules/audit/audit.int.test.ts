import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { appendAudit, SYSTEM_ACTOR, verifyAuditChain } from './audit.js';

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
    const before = await verifyAuditChain(t.db);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.db.kysely.transaction().execute((trx) => appendAudit(trx, t.ctx, SYSTEM_ACTOR, { action: 'test.concurrent', summary: { i } })),
      ),
    );
    const after = await verifyAuditChain(t.db);
    expect(after).toEqual({ ok: true, count: before.count + 25 });
  });
});

describe.each(testDatabases())('audit chain verification on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  /** Tampering needs the append-only triggers out of the way, as an attacker with database access would do. */
  async function dropTriggers(): Promise<void> {
    if (t.db.dialect === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.db.kysely);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(t.db.kysely);
      await sql`DROP TRIGGER audit_log_no_delete`.execute(t.db.kysely);
    }
  }

  it('finds the first altered record, then the first missing one', async () => {
    const intact = await verifyAuditChain(t.db);
    expect(intact.ok).toBe(true);
    expect(intact.count).toBeGreaterThan(10);
    await dropTriggers();
    await sql`UPDATE audit_log SET summary = '{"forged":true}' WHERE seq = 5`.execute(t.db.kysely);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 4, break: { seq: 5, problem: 'altered' } });
    // a verifier walking in small pages reaches the same answer
    expect((await verifyAuditChain(t.db, 2)).break).toEqual({ seq: 5, problem: 'altered' });
    await sql`DELETE FROM audit_log WHERE seq IN (3, 5)`.execute(t.db.kysely);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 2, break: { seq: 4, problem: 'missing', expectedSeq: 3 } });
  });
});

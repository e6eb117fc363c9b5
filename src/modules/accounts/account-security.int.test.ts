import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';
import { totpAt } from './totp.js';

const NEW_PASSWORD = 'Mine&0nly-Known';

describe.each(testDatabases())('account security on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password, ...extra } });
  const code = (secret: string) => {
    const c = totpAt(secret, t.clock.now());
    t.clock.advance(30_000); // each code once
    return c;
  };
  const userId = async (by: Staff, username: string): Promise<string> =>
    (await by.request('GET', `/api/v1/users?q=${username}`)).json().users.find((u: { username: string }) => u.username === username).id;
  const auditActions = async (objectId: string) =>
    (await t.db.kysely.selectFrom('audit_log').select(['action', 'outcome']).where('object_id', '=', objectId).orderBy('seq').execute()).map(
      (r) => `${r.action}:${r.outcome}`,
    );
  /** Moves past every lockout and idle session of the previous test: each test signs in afresh. */
  const nextTest = () => t.clock.advance(16 * 60_000);
  /** Signs in, remembering each account's second factor for its later sign-ins. */
  const secrets = new Map<string, string>();
  const as = async (username: string, password = DEMO_PASSWORD): Promise<Staff> => {
    const staff = await signIn(t, username, password, secrets.get(username));
    if (staff.totpSecret) secrets.set(username, staff.totpSecret);
    return staff;
  };

  describe('administrator roles need a session signed in with the second factor', () => {
    it('refuses the audit log to a password-only session granted auditor, until it signs in with TOTP', async () => {
      nextTest();
      const sys = await as('sysadmin');
      const sec = await as('secadmin');
      const created = await sys.request('POST', '/api/v1/users', { username: 'late-auditor', displayName: '新审计', org: 'jc-office', password: 'Str0ng&Secret' });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const live = await as('late-auditor', 'Str0ng&Secret');
      const grant = await sec.request('POST', `/api/v1/users/${id}/roles`, { role: 'auditor', org: '*' });
      expect(grant.statusCode).toBe(201);

      // The finding: the same cookie read and exported the audit log at once.
      const read = await live.request('GET', '/api/v1/audit');
      expect(read.statusCode).toBe(403);
      expect(read.json().error.code).toBe('totp_enrollment_required');
      const exported = await live.request('GET', '/api/v1/audit/export.csv');
      expect(exported.statusCode).toBe(403);
      expect(exported.body).not.toContain('auth.login');
      const session = (await live.request('GET', '/api/v1/session')).json().user;
      expect(session.withheld).toEqual({ roles: ['auditor'], code: 'totp_enrollment_required' });
      expect(session.permissions).not.toContain('audit.read');
      const denied = await t.db.kysely.selectFrom('audit_log').select('summary').where('actor_id', '=', id).where('action', '=', 'audit.read').execute();
      expect(denied.map((r) => r.summary)).toEqual([expect.stringContaining('totp_enrollment_required'), expect.stringContaining('totp_enrollment_required')]);

      // Signing in again enrols the second factor; that session carries the role.
      const enrolled = await as('late-auditor', 'Str0ng&Secret');
      expect((await enrolled.request('GET', '/api/v1/audit')).statusCode).toBe(200);
      expect((await enrolled.request('GET', '/api/v1/audit/export.csv')).statusCode).toBe(200);
      expect((await enrolled.request('GET', '/api/v1/session')).json().user.withheld).toBeNull();
      // The old password-only session still has no privilege of the role.
      expect((await live.request('GET', '/api/v1/audit')).statusCode).toBe(403);

      // Revoking takes effect on the very next request of the TOTP session.
      const assignment = (await sec.request('GET', `/api/v1/users/${id}`)).json().roles[0].id as string;
      expect((await sec.request('DELETE', `/api/v1/users/${id}/roles/${assignment}`)).statusCode).toBe(204);
      const revoked = await enrolled.request('GET', '/api/v1/audit');
      expect(revoked.statusCode).toBe(403);
      expect(revoked.json().error.code).toBe('forbidden');

      // An enrolled user on a password-only session is told to sign in with the code.
      const plain = await as('late-auditor', 'Str0ng&Secret'); // no admin role now: no code asked
      await sec.request('POST', `/api/v1/users/${id}/roles`, { role: 'auditor', org: '*' });
      const again = await plain.request('GET', '/api/v1/audit');
      expect(again.statusCode).toBe(403);
      expect(again.json().error.code).toBe('totp_required');
      const withCode = await signIn(t, 'late-auditor', 'Str0ng&Secret', enrolled.totpSecret);
      expect((await withCode.request('GET', '/api/v1/audit')).statusCode).toBe(200);

      // Disabling ends every session on its next request.
      expect((await sec.request('POST', `/api/v1/users/${id}/disable`)).statusCode).toBe(200);
      expect((await withCode.request('GET', '/api/v1/audit')).statusCode).toBe(401);
    });
  });

  describe('credential resets', () => {
    it('refuses one person resetting an administrator: the security administrator cannot take over the auditor', async () => {
      nextTest();
      const sec = await as('secadmin');
      const auditor = await as('auditor');
      // The finding: set the auditor's password (204), reset its TOTP (204), sign in as the auditor.
      const password = await sec.request('POST', `/api/v1/users/${auditor.userId}/password`, {});
      expect(password.statusCode).toBe(409);
      expect(password.json().error.code).toBe('two_person_required');
      const totp = await sec.request('POST', `/api/v1/users/${auditor.userId}/totp-reset`);
      expect(totp.statusCode).toBe(409);
      expect(totp.json().error.code).toBe('two_person_required');
      // Nobody chooses another person's password any more.
      const chosen = await sec.request('POST', `/api/v1/users/${auditor.userId}/password`, { password: 'Chosen&By-Admin1' });
      expect(chosen.statusCode).toBe(400);
      expect(chosen.json().error.fields.password).toMatch(/一次性密码/);
      expect((await login('auditor', 'Chosen&By-Admin1')).statusCode).toBe(401);
      expect((await auditor.request('GET', '/api/v1/audit')).statusCode).toBe(200);
      expect(await auditActions(auditor.userId)).toEqual(
        expect.arrayContaining(['user.reset-password:denied', 'user.reset-totp:denied']),
      );
    });

    it('resets an administrator password with two people, and the owner must replace the one-time password', async () => {
      nextTest();
      const sec = await as('secadmin');
      const sys = await as('sysadmin');
      const auditor = await as('auditor');
      const secret = auditor.totpSecret!;

      const asked = await sec.request('POST', `/api/v1/users/${auditor.userId}/reset-requests`, { kind: 'password', reason: '本人遗忘密码，电话核实身份' });
      expect(asked.statusCode).toBe(201);
      const request = asked.json();
      expect(request).toMatchObject({ kind: 'password', state: 'pending', canDecide: false, requestedBy: { username: 'secadmin' }, user: { username: 'auditor' } });
      const twice = await sec.request('POST', `/api/v1/users/${auditor.userId}/reset-requests`, { kind: 'password', reason: '再次申请' });
      expect(twice.statusCode).toBe(409);
      expect((await sec.request('POST', `/api/v1/users/${auditor.userId}/reset-requests`, { kind: 'password', reason: '' })).statusCode).toBe(400);

      // Nothing has changed yet, and the requester cannot be the second person.
      expect((await auditor.request('GET', '/api/v1/audit')).statusCode).toBe(200);
      const own = await sec.request('POST', `/api/v1/reset-requests/${request.id}/approve`);
      expect(own.statusCode).toBe(409);
      expect(own.json().error.code).toBe('requester_approval');
      // The auditor holds no part in resets at all.
      expect((await auditor.request('POST', `/api/v1/reset-requests/${request.id}/approve`)).statusCode).toBe(403);

      const pending = (await sys.request('GET', '/api/v1/reset-requests?state=pending')).json().requests;
      expect(pending).toEqual([expect.objectContaining({ id: request.id, canDecide: true })]);
      const approved = await sys.request('POST', `/api/v1/reset-requests/${request.id}/approve`);
      expect(approved.statusCode).toBe(200);
      const oneTime = approved.json().oneTimePassword as string;
      expect(oneTime).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
      expect(approved.json().request).toMatchObject({ state: 'approved', decidedBy: { username: 'sysadmin' }, canDecide: false });
      expect((await sys.request('POST', `/api/v1/reset-requests/${request.id}/approve`)).statusCode).toBe(409);

      // The reset ends the auditor's sessions; the old password is gone.
      expect((await auditor.request('GET', '/api/v1/audit')).statusCode).toBe(401);
      expect((await login('auditor', DEMO_PASSWORD)).statusCode).toBe(401);
      const listed = (await sec.request('GET', `/api/v1/users/${auditor.userId}`)).json();
      expect(listed.mustChangePassword).toBe(true);

      // The one-time password only opens the way to choosing one's own.
      const forced = await login('auditor', oneTime);
      expect(forced.statusCode).toBe(401);
      expect(forced.json().error.code).toBe('password_change_required');
      const weak = await login('auditor', oneTime, { newPassword: 'short' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.fields.newPassword).toBeTruthy();
      const same = await login('auditor', oneTime, { newPassword: oneTime });
      expect(same.json().error.fields.newPassword).toMatch(/相同/);
      const needsCode = await login('auditor', oneTime, { newPassword: NEW_PASSWORD });
      expect(needsCode.json().error.code).toBe('totp_required');
      const done = await login('auditor', oneTime, { newPassword: NEW_PASSWORD, totp: code(secret) });
      expect(done.statusCode).toBe(200);
      expect((await login('auditor', oneTime, { newPassword: 'An0ther&Choice', totp: code(secret) })).statusCode).toBe(401);
      expect((await login('auditor', NEW_PASSWORD, { totp: code(secret) })).statusCode).toBe(200);
      expect((await sec.request('GET', `/api/v1/users/${auditor.userId}`)).json().mustChangePassword).toBe(false);

      expect(await auditActions(auditor.userId)).toEqual(
        expect.arrayContaining([
          'user.reset-request:success',
          'user.reset-approve:denied',
          'user.reset-approve:success',
          'user.reset-password:success',
          'user.change-password:success',
        ]),
      );
    });

    it('resets an administrator second factor with two people; the owner never approves its own', async () => {
      nextTest();
      const sec = await as('secadmin');
      const sys = await as('sysadmin');
      // The security administrator's own second factor: asked for by the system administrator.
      const asked = await sys.request('POST', `/api/v1/users/${sec.userId}/reset-requests`, { kind: 'totp', reason: '手机遗失' });
      expect(asked.statusCode).toBe(201);
      const id = asked.json().id as string;
      const self = await sec.request('POST', `/api/v1/reset-requests/${id}/approve`);
      expect(self.statusCode).toBe(409);
      expect(self.json().error.code).toBe('self_approval');
      expect((await sec.request('GET', '/api/v1/reset-requests')).json().requests.find((r: { id: string }) => r.id === id).canDecide).toBe(false);
      expect((await sys.request('POST', `/api/v1/users/${sys.userId}/reset-requests`, { kind: 'totp', reason: '自己' })).statusCode).toBe(409);
      // The requester may withdraw it.
      const withdrawn = await sys.request('POST', `/api/v1/reset-requests/${id}/refuse`, { comment: '手机已找到' });
      expect(withdrawn.json()).toMatchObject({ state: 'refused', comment: '手机已找到' });
      expect((await sec.request('GET', '/api/v1/session')).statusCode).toBe(200);

      // The auditor's second factor: requested by one, approved by the other; enrolment follows at sign-in.
      const auditorId = await userId(sec, 'auditor');
      const totp = await sec.request('POST', `/api/v1/users/${auditorId}/reset-requests`, { kind: 'totp', reason: '更换手机' });
      const approved = await sys.request('POST', `/api/v1/reset-requests/${totp.json().id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().oneTimePassword).toBeNull();
      expect((await login('auditor', NEW_PASSWORD)).json().error.code).toBe('totp_enrollment_required');
      expect(await auditActions(auditorId)).toEqual(expect.arrayContaining(['user.reset-totp:success']));
      expect(await auditActions(sec.userId)).toEqual(expect.arrayContaining(['user.reset-request:success', 'user.reset-approve:denied', 'user.reset-refuse:success']));
    });

    it('lets an unanswered request expire after a day', async () => {
      nextTest();
      const sec = await as('secadmin');
      const auditorId = await userId(sec, 'auditor');
      const asked = await sec.request('POST', `/api/v1/users/${auditorId}/reset-requests`, { kind: 'password', reason: '长期未登录' });
      expect(asked.statusCode).toBe(201);
      t.clock.advance(25 * 3600_000);
      const sys = await as('sysadmin');
      const approve = await sys.request('POST', `/api/v1/reset-requests/${asked.json().id}/approve`);
      expect(approve.statusCode).toBe(409);
      expect(approve.json().error).toMatchObject({ code: 'not_pending', message: expect.stringMatching(/过期/) });
      const listed = (await sys.request('GET', '/api/v1/reset-requests')).json().requests.find((r: { id: string }) => r.id === asked.json().id);
      expect(listed).toMatchObject({ state: 'expired', canDecide: false });
      const records = await t.db.kysely.selectFrom('audit_log').select(['actor_name']).where('action', '=', 'user.reset-expire').where('object_id', '=', auditorId).execute();
      expect(records).toEqual([{ actor_name: 'system' }]);
      // Nothing was reset (the auditor enrols again after the previous test's second-factor reset).
      await as('auditor', NEW_PASSWORD);
      // A new request can be made once the old one has expired.
      const again = await as('secadmin');
      const renewed = await again.request('POST', `/api/v1/users/${auditorId}/reset-requests`, { kind: 'password', reason: '重新申请' });
      expect(renewed.statusCode).toBe(201);
      expect((await sys.request('POST', `/api/v1/reset-requests/${renewed.json().id}/refuse`, {})).json().state).toBe('refused');
    });

    it('resets an ordinary account by one person, still with a one-time password the owner replaces', async () => {
      nextTest();
      const sec = await as('secadmin');
      const editor = await as('editor');
      expect((await sec.request('POST', `/api/v1/users/${editor.userId}/reset-requests`, { kind: 'password', reason: '遗忘' })).json().error.code).toBe(
        'single_person_reset',
      );
      const reset = await sec.request('POST', `/api/v1/users/${editor.userId}/password`);
      expect(reset.statusCode).toBe(200);
      expect(reset.json()).toEqual({ oneTimePassword: expect.any(String), mustChangePassword: true });
      expect((await editor.request('GET', '/api/v1/session')).statusCode).toBe(401);
      const oneTime = reset.json().oneTimePassword as string;
      expect((await login('editor', oneTime)).json().error.code).toBe('password_change_required');
      const done = await login('editor', oneTime, { newPassword: NEW_PASSWORD });
      expect(done.statusCode).toBe(200);
      expect(done.json().user.roles).toEqual(['editor']);
    });
  });

  describe('lockout', () => {
    it('runs at most five password checks for forty parallel wrong passwords, and then refuses the right one', async () => {
      nextTest();
      const leaderId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow()).id;
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('leader', `Wrong-pass-${i}x`)));
      const codes = answers.map((a) => a.statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(5);
      expect(codes.filter((c) => c === 429)).toHaveLength(35);
      // Each password check that failed left one 'bad-password' record: there were five checks.
      const checks = await t.db.kysely
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'auth.login')
        .where('outcome', '=', 'failure')
        .where('object_id', '=', leaderId)
        .execute();
      expect(checks.filter((r) => r.summary?.includes('bad-password'))).toHaveLength(5);
      const right = await login('leader', DEMO_PASSWORD);
      expect(right.statusCode).toBe(429);
      t.clock.advance(16 * 60_000);
      expect((await login('leader', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('does not count asking for the next step as a failure, nor let it reset the count of wrong codes', async () => {
      nextTest();
      const auditor = await as('auditor', NEW_PASSWORD);
      for (let i = 0; i < 8; i++) expect((await login('auditor', NEW_PASSWORD)).json().error.code).toBe('totp_required');
      for (let i = 0; i < 4; i++) expect((await login('auditor', NEW_PASSWORD, { totp: '000000' })).statusCode).toBe(401);
      expect((await login('auditor', NEW_PASSWORD)).json().error.code).toBe('totp_required');
      expect((await login('auditor', NEW_PASSWORD, { totp: '000000' })).statusCode).toBe(401);
      expect((await login('auditor', NEW_PASSWORD, { totp: code(auditor.totpSecret!) })).statusCode).toBe(429);
    });
  });
});

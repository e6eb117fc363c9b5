import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';
import { totpAt } from './totp.js';

describe.each(testDatabases())('accounts and sessions on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password, ...extra }, headers });

  it('signs in with a secure cookie and answers the session', async () => {
    const res = await login('editor', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'editor', roles: ['editor'] });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^gk_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.permissions).toContain('item.create');
    expect(me.json().user.permissions).not.toContain('role.grant');
    expect(me.json().user.assignments).toEqual([{ role: 'editor', scopeOrgId: expect.any(String), orgCode: 'jc-fgw', orgName: '市发展和改革委员会' }]);
  });

  it('refuses bad credentials with the same answer for unknown users', async () => {
    const wrong = await login('editor', 'Wrong-password-1');
    const unknown = await login('nobody', 'Wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.requestId).toBeTruthy();
  });

  it('locks an account after five failures, even for the right password, and lifts the lock later', async () => {
    for (let i = 0; i < 5; i++) expect((await login('leader', `Wrong-pass-${i}x`)).statusCode).toBe(401);
    const locked = await login('leader', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await login('leader', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an address after twenty failures across accounts', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    // Without TRUST_PROXY the forwarded address is ignored: every request is from the same peer.
    for (let i = 0; i < 20; i++) await login(`someone${i}`, `Wrong-pass-${i}x`, {}, headers);
    const res = await login('office', DEMO_PASSWORD, {}, headers);
    expect(res.statusCode).toBe(429);
    t.clock.advance(16 * 60_000);
    expect((await login('office', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('limits the rate of sign-in requests per address', async () => {
    const limited = await startTestApp(database, { config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x', password: 'y' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('ends a session after the idle timeout and on logout', async () => {
    const s = await signIn(t, 'reviewer');
    expect((await s.request('GET', '/api/v1/session')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await s.request('GET', '/api/v1/session')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await s.request('GET', '/api/v1/session')).statusCode).toBe(401);

    const s2 = await signIn(t, 'reviewer');
    expect((await s2.request('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await s2.request('GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('requires the CSRF token and a same-origin request for state changes', async () => {
    const s = await signIn(t, 'office');
    const noToken = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf');
    const crossSite = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await s.request('GET', '/api/v1/session')).statusCode).toBe(200);
  });

  it('makes administrators enrol and then use a TOTP second factor, once per code', async () => {
    const first = await login('auditor', DEMO_PASSWORD);
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('totp_enrollment_required');
    const { secret, otpauthUri, qrSvg } = first.json().error.enrollment;
    expect(otpauthUri).toContain(secret);
    expect(qrSvg).toContain('<svg');
    const wrong = await login('auditor', DEMO_PASSWORD, { totp: '000000' });
    expect(wrong.statusCode).toBe(401);
    const code = totpAt(secret, t.clock.now());
    expect((await login('auditor', DEMO_PASSWORD, { totp: code })).statusCode).toBe(200);
    // enrolled now: the same code is not accepted again, a code is required
    expect((await login('auditor', DEMO_PASSWORD, { totp: code })).statusCode).toBe(401);
    const again = await login('auditor', DEMO_PASSWORD);
    expect(again.json().error.code).toBe('totp_required');
    t.clock.advance(30_000);
    expect((await login('auditor', DEMO_PASSWORD, { totp: totpAt(secret, t.clock.now()) })).statusCode).toBe(200);
  });

  describe('people and roles', () => {
    let sys: Staff;
    let sec: Staff;
    beforeAll(async () => {
      sys = await signIn(t, 'sysadmin');
      sec = await signIn(t, 'secadmin');
    });

    it('the system administrator creates accounts but cannot grant roles', async () => {
      const weak = await sys.request('POST', '/api/v1/users', { username: 'newbie', displayName: '新人', org: 'jc-czj', password: 'short' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.fields.password).toMatch(/至少/);
      const res = await sys.request('POST', '/api/v1/users', {
        username: 'newbie',
        displayName: '新人',
        org: 'jc-czj',
        password: 'Str0ng&Secret',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ username: 'newbie', org: 'jc-czj', roles: [], status: 'active' });
      const dup = await sys.request('POST', '/api/v1/users', { username: 'newbie', displayName: '新人', org: 'jc-czj', password: 'Str0ng&Secret' });
      expect(dup.statusCode).toBe(409);
      const grant = await sys.request('POST', `/api/v1/users/${res.json().id}/roles`, { role: 'editor', org: 'jc-czj' });
      expect(grant.statusCode).toBe(403);
    });

    it('the security administrator grants roles, never to themselves, never two admin roles', async () => {
      const list = await sec.request('GET', '/api/v1/users?q=newbie');
      const newbie = list.json().users[0];
      const grant = await sec.request('POST', `/api/v1/users/${newbie.id}/roles`, { role: 'editor', org: 'jc-czj' });
      expect(grant.statusCode).toBe(201);
      expect(grant.json().roles).toMatchObject([{ role: 'editor', org: 'jc-czj' }]);
      const conflict = await sec.request('POST', `/api/v1/users/${newbie.id}/roles`, { role: 'auditor', org: '*' });
      expect(conflict.statusCode).toBe(409);
      const self = await sec.request('POST', `/api/v1/users/${sec.userId}/roles`, { role: 'office', org: 'jiangchuan' });
      expect(self.statusCode).toBe(409);
      expect(self.json().error.code).toBe('self-grant');
      const editor = await signIn(t, 'newbie', 'Str0ng&Secret');
      expect((await editor.request('GET', '/api/v1/session')).json().user.roles).toEqual(['editor']);
      const revoke = await sec.request('DELETE', `/api/v1/users/${newbie.id}/roles/${grant.json().roles[0].id}`);
      expect(revoke.statusCode).toBe(204);
    });

    it('the security administrator cannot change content or organisations', async () => {
      const org = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jiangchuan' })).json();
      const res = await sec.request('PATCH', '/api/v1/orgs/jiangchuan', { phone: '0571-88888888', version: org.version });
      expect(res.statusCode).toBe(403);
    });

    it('edits an account, changing only the fields sent', async () => {
      const list = await sys.request('GET', '/api/v1/users?q=newbie');
      const u = list.json().users[0];
      const withMail = await sys.request('PATCH', `/api/v1/users/${u.id}`, { email: 'newbie@example.gov.cn', phone: '0571-1234567', version: u.version });
      expect(withMail.statusCode).toBe(200);
      const renamed = await sys.request('PATCH', `/api/v1/users/${u.id}`, { displayName: '新人甲', version: withMail.json().version });
      expect(renamed.json()).toMatchObject({ displayName: '新人甲', email: 'newbie@example.gov.cn', phone: '0571-1234567' });
      const stale = await sys.request('PATCH', `/api/v1/users/${u.id}`, { displayName: '旧', version: u.version });
      expect(stale.statusCode).toBe(409);
    });

    it('disabling an account ends its sessions', async () => {
      const list = await sys.request('GET', '/api/v1/users?q=newbie');
      const id = list.json().users[0].id;
      const s = await signIn(t, 'newbie', 'Str0ng&Secret');
      expect((await sec.request('POST', `/api/v1/users/${id}/disable`)).json().status).toBe('disabled');
      expect((await s.request('GET', '/api/v1/session')).statusCode).toBe(401);
      expect((await login('newbie', 'Str0ng&Secret')).statusCode).toBe(401);
      expect((await sec.request('POST', `/api/v1/users/${id}/enable`)).json().status).toBe('active');
    });

    it('lists only users within the reader scope', async () => {
      const office = await signIn(t, 'office');
      const res = await office.request('GET', '/api/v1/users?pageSize=200');
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBeGreaterThan(0);
      const editor = await signIn(t, 'editor');
      expect((await editor.request('GET', '/api/v1/users')).json()).toEqual({ total: 0, users: [] });
    });

    it('changes the own password with the current one, ending other sessions', async () => {
      const a = await signIn(t, 'expert');
      const b = await signIn(t, 'expert');
      const bad = await a.request('POST', '/api/v1/me/password', { currentPassword: 'nope', newPassword: 'An0ther&Secret' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.currentPassword).toBeTruthy();
      expect((await a.request('POST', '/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'An0ther&Secret' })).statusCode).toBe(204);
      expect((await a.request('GET', '/api/v1/session')).statusCode).toBe(200);
      expect((await b.request('GET', '/api/v1/session')).statusCode).toBe(401);
    });
  });
});

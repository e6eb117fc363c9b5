import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { forgetExpiredSessions } from './housekeeping.js';
import { expireOverdueResets } from './resets.commands.js';

describe.each(testDatabases())('accounts housekeeping on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  it('removes idle sessions and old sign-in attempts, keeping live ones', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'editor', password: 'Wrong-pass-1' } });
    const stale = await signIn(t, 'editor');
    t.clock.advance(25 * 3600_000);
    const live = await signIn(t, 'office');
    const removed = await forgetExpiredSessions(t.ctx);
    expect(removed.sessions).toBe(1);
    expect(removed.attempts).toBe(2); // the failure and the first success
    expect((await live.request('GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await stale.request('GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('expires a two-person reset request nobody answered, audited as the system, without anyone reading the list', async () => {
    const sec = await signIn(t, 'secadmin');
    const auditor = (await sec.request('GET', '/api/v1/users?q=auditor')).json().users.find((u: { username: string }) => u.username === 'auditor');
    const asked = await sec.request('POST', `/api/v1/users/${auditor.id}/reset-requests`, { kind: 'password', reason: '本人遗忘密码' });
    expect(asked.statusCode).toBe(201);
    expect(await expireOverdueResets(t.ctx)).toBe(0);
    t.clock.advance(25 * 3600_000);
    expect(await expireOverdueResets(t.ctx)).toBe(1);
    const row = await t.db.kysely.selectFrom('credential_resets').select('state').where('id', '=', asked.json().id).executeTakeFirstOrThrow();
    expect(row.state).toBe('expired');
    const records = await t.db.kysely.selectFrom('audit_log').select('actor_name').where('action', '=', 'user.reset-expire').execute();
    expect(records).toEqual([{ actor_name: 'system' }]);
    expect(await expireOverdueResets(t.ctx)).toBe(0);
  });
});

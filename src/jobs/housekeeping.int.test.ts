import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { housekeep } from './housekeeping.js';

describe.each(testDatabases())('housekeeping on $name', (database) => {
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
    const removed = await housekeep(t.ctx);
    expect(removed.sessions).toBe(1);
    expect(removed.attempts).toBe(2); // the failure and the first success
    expect(removed.files).toBe(0);
    expect((await live.request('GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await stale.request('GET', '/api/v1/session')).statusCode).toBe(401);
  });
});

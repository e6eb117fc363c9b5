import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, startTestApp, type TestApp } from '../../../test/support/app.js';
import { testCategory, withCatalog } from '../../../test/support/catalog.js';
import { testDatabases } from '../../../test/support/databases.js';
import { publishedItem, publishers } from '../../../test/support/publishing.js';
import { publishDueItems } from './schedule.js';

describe.each(testDatabases())('scheduled publication on $name', (database) => {
  let t: TestApp;
  let peer: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    peer = await startPeer(t);
    await withCatalog(t, [testCategory('01', '通知公告')]);
  });
  afterAll(async () => {
    await peer.close();
    await t.close();
  });

  it('publishes at the scheduled time exactly once, with two instances racing', async () => {
    const by = await publishers(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const at = new Date(t.clock.now().getTime() + 3600_000).toISOString();
      const scheduled = await publishedItem(t, { category: '01', title: `定时发布 ${i}`, body: '<p>公告正文。</p>' }, { by, at });
      expect(scheduled.state).toBe('scheduled');
      ids.push(scheduled.id);
    }
    expect(await publishDueItems(t.ctx)).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/items/${ids[0]}` })).statusCode).toBe(404);

    t.clock.advance(3600_000 + 1000);
    // On PostgreSQL the two instances race truly. Two SQLite connections in one thread cannot (a synchronous
    // busy wait would block the very writer it waits for), so there they take turns: one deployment of SQLite
    // runs one server process.
    const [a, b] =
      database.name === 'postgres'
        ? await Promise.all([publishDueItems(t.ctx), publishDueItems(peer.ctx)])
        : [await publishDueItems(t.ctx), await publishDueItems(peer.ctx)];
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    if (database.name === 'postgres') expect(a.length + b.length).toBe(5);
    for (const id of ids) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/items/${id}` })).json().state).toBe('published');
    }
    const fired = await t.db.kysely.selectFrom('audit_log').select('object_id').where('action', '=', 'item.fire-schedule').execute();
    expect(fired.map((r) => r.object_id).sort()).toEqual([...ids].sort());
    expect(await publishDueItems(peer.ctx)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testCategory, withCatalog } from '../../../test/support/catalog.js';
import { testDatabases } from '../../../test/support/databases.js';

describe.each(testDatabases())('the workbench: queues, history, reviews and bulk actions on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    await withCatalog(t, [testCategory('01', '通知公告')]);
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
    for (let i = 0; i < 3; i++) ids.push((await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '01', title: `批量 ${i}`, body: '<p>通知正文。</p>' })).json().id);
  });
  afterAll(() => t.close());

  it('shows each person the queue of their scope with what they may do', async () => {
    const mine = (await editor.request('GET', '/api/v1/workbench/items?state=draft')).json();
    expect(mine.total).toBe(3);
    expect(mine.items[0]).toMatchObject({ state: 'draft', mine: true, can: { edit: true, review: false, approve: false } });
    const auditor = await signIn(t, 'auditor');
    expect((await auditor.request('GET', '/api/v1/workbench/items')).statusCode).toBe(403);
    // another unit's editor sees nothing of jc-fgw
    const sec = await signIn(t, 'secadmin');
    const sys = await signIn(t, 'sysadmin');
    const other = await sys.request('POST', '/api/v1/users', { username: 'czj-editor', displayName: '财政编辑', org: 'jc-czj', password: 'Str0ng&Secret' });
    await sec.request('POST', `/api/v1/users/${other.json().id}/roles`, { role: 'editor', org: 'jc-czj' });
    const czj = await signIn(t, 'czj-editor', 'Str0ng&Secret');
    expect((await czj.request('GET', '/api/v1/workbench/items')).json().total).toBe(0);
  });

  it('runs bulk actions with a result per item', async () => {
    const submitted = (await editor.request('POST', '/api/v1/items/bulk', { action: 'submit', ids: [...ids, 'nope'] })).json();
    expect(submitted.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, true, false]);
    expect(submitted.results[3].error.code).toBe('not_found');
    expect((await reviewer.request('GET', '/api/v1/workbench/items?state=submitted')).json().items.every((i: { can: { review: boolean } }) => i.can.review)).toBe(true);
    const reviewed = (await reviewer.request('POST', '/api/v1/items/bulk', { action: 'approve', ids })).json();
    expect(reviewed.results.map((r: { state: string }) => r.state)).toEqual(['unit-reviewed', 'unit-reviewed', 'unit-reviewed']);
    expect((await office.request('POST', '/api/v1/items/bulk', { action: 'reject', ids })).statusCode).toBe(400);
    const mixed = (await office.request('POST', '/api/v1/items/bulk', { action: 'reject', ids: [ids[0]], comment: '请补充依据' })).json();
    expect(mixed.results[0]).toMatchObject({ ok: true, state: 'rejected' });
    const approved = (await office.request('POST', '/api/v1/items/bulk', { action: 'approve', ids })).json();
    expect(approved.results.map((r: { ok: boolean }) => r.ok)).toEqual([false, true, true]);
    expect(approved.results[0].error.code).toBe('invalid_state');
    const published = (await office.request('POST', '/api/v1/items/bulk', { action: 'publish', ids: ids.slice(1) })).json();
    expect(published.results.every((r: { state: string }) => r.state === 'published')).toBe(true);
    expect((await editor.request('POST', '/api/v1/items/bulk', { action: 'withdraw', ids: ids.slice(1), reason: '越权' })).json().results[0].error.code).toBe('forbidden');
  });

  it('lists revisions and the review record of an item', async () => {
    const rejected = ids[0]!;
    const revisions = (await editor.request('GET', `/api/v1/items/${rejected}/revisions`)).json().revisions;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ revision: 1, state: 'rejected', rejectComment: '请补充依据', working: true, live: false });
    const reviews = (await office.request('GET', `/api/v1/items/${rejected}/reviews`)).json().reviews;
    expect(reviews.map((r: { stage: string; decision: string }) => `${r.stage}:${r.decision}`)).toEqual(['unit:approved', 'office:rejected']);
    expect(reviews[1]).toMatchObject({ comment: '请补充依据', reviewer: 'office', reviewerName: '王敏' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testCategory, withCatalog } from '../../../test/support/catalog.js';
import { testDatabases } from '../../../test/support/databases.js';
import { publishedItem, publishers, publishRevision } from '../../../test/support/publishing.js';
import { cliActor } from '../audit/audit.js';
import { approveItem, createItem, submitItem } from './items.commands.js';
import { CreateItemBody } from './items.schemas.js';

const category = testCategory;
const CATALOG = [category('01', '基本信息'), category('02', '政策法规', null, 1), category('02.01', '政策文件', '02'), category('02.02', '政策解读', '02', 1)];

describe.each(testDatabases())('items and the publishing workflow on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  const pub = (url: string) => t.app.inject({ method: 'GET', url });
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    await withCatalog(t, CATALOG);
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  let id = '';
  it('an editor drafts an item that the public cannot see', async () => {
    const res = await editor.request('POST', '/api/v1/items', {
      org: 'jc-fgw',
      category: '02.01',
      title: '江川市发展和改革委员会关于印发《江川市营商环境优化行动方案》的通知',
      body: '<p>各有关单位：</p><script>alert(1)</script><p onclick="x()">现将方案印发给你们。</p><table><tr><td>一</td></tr></table>',
      docNumber: '江发改〔2026〕12号',
      writtenAt: '2026-02-25',
      formedAt: '2026-02-25',
      genre: '通知',
    });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    id = item.id;
    expect(item).toMatchObject({ org: 'jiangchuan', category: '02.01', state: 'draft', indexNumber: null, version: 1, attachments: [], interpretations: [] });
    expect(item.body).toBe('<p>各有关单位：</p><p>现将方案印发给你们。</p><table><tr><td>一</td></tr></table>');
    expect((await pub(`/api/v1/items/${id}`)).statusCode).toBe(404);
    const staffView = (await editor.request('GET', `/api/v1/items/${id}`)).json();
    expect(staffView).toMatchObject({ state: 'draft', unit: { code: 'jc-fgw', name: '市发展和改革委员会' }, can: { edit: true, review: false, approve: false, publish: false } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/items/${id}`, headers: { cookie: office.cookie } })).json().can).toMatchObject({ approve: true, publish: true });
  });

  it('validates input field by field', async () => {
    const res = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '99', title: '', writtenAt: '2026-02-30', disclosure: 'secret' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['disclosure', 'title', 'writtenAt']);
    const badCategory = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '99', title: '标题' });
    expect(badCategory.json().error.fields).toEqual({ category: '目录类别不存在' });
    const withheld = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title: '标题', disclosure: 'withheld' });
    expect(withheld.json().error.fields.exemptionCode).toBeTruthy();
    // an editor of one unit cannot draft in another
    expect((await editor.request('POST', '/api/v1/items', { org: 'jc-czj', category: '02.01', title: '越权' })).statusCode).toBe(403);
  });

  it('goes through 初审 and 复审 by the right roles only, and gets its index number', async () => {
    expect((await reviewer.request('POST', `/api/v1/items/${id}/approve`, {})).statusCode).toBe(409); // not submitted yet
    expect((await editor.request('POST', `/api/v1/items/${id}/submit`)).json().state).toBe('submitted');
    expect((await editor.request('PATCH', `/api/v1/items/${id}`, { title: '改', version: 2 })).statusCode).toBe(409); // under review
    expect((await editor.request('POST', `/api/v1/items/${id}/approve`, {})).statusCode).toBe(403);
    expect((await office.request('POST', `/api/v1/items/${id}/approve`, {})).statusCode).toBe(403); // 初审 belongs to the unit
    const first = await reviewer.request('POST', `/api/v1/items/${id}/approve`, { comment: '内容无误' });
    expect(first.json()).toMatchObject({ state: 'unit-reviewed', indexNumber: null });
    expect((await reviewer.request('POST', `/api/v1/items/${id}/approve`, {})).statusCode).toBe(403); // 复审 belongs to the office
    const second = await office.request('POST', `/api/v1/items/${id}/approve`, {});
    expect(second.json()).toMatchObject({ state: 'approved', indexNumber: 'MB0A0000X/2026-00001' });
    expect((await editor.request('POST', `/api/v1/items/${id}/publish`, {})).statusCode).toBe(403);
  });

  it('publishes: the public sees it in the item, the list and the catalog counts', async () => {
    const res = await office.request('POST', `/api/v1/items/${id}/publish`, {});
    expect(res.json()).toMatchObject({ state: 'published', publishedAt: expect.any(String) });
    const item = await pub(`/api/v1/items/${id}`);
    expect(item.statusCode).toBe(200);
    expect(item.json()).toMatchObject({ state: 'published', docNumber: '江发改〔2026〕12号', indexNumber: 'MB0A0000X/2026-00001' });
    // formed 2026-02-25; 20 working days later (make-up Saturday 02-28 counts) is 2026-03-24; published 2026-03-02: on time
    expect(item.json().timeliness).toEqual({ due: '2026-03-24', late: false });
    const list = (await pub('/api/v1/items?org=jiangchuan&category=02')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(id);
    const catalog = (await pub('/api/v1/catalog?org=jiangchuan')).json();
    expect(catalog.map((c: { code: string; itemCount: number }) => [c.code, c.itemCount])).toEqual([
      ['01', 0],
      ['02', 1],
    ]);
    expect(catalog[1].children[0]).toMatchObject({ code: '02.01', itemCount: 1 });
  });

  it('a correction is a new revision that needs a note and review, while the published text stays live', async () => {
    const current = (await editor.request('GET', `/api/v1/items/${id}`)).json();
    const noNote = await editor.request('PATCH', `/api/v1/items/${id}`, { title: '更正后的标题', version: current.version });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields.changeNote).toBeTruthy();
    const stale = await editor.request('PATCH', `/api/v1/items/${id}`, { title: '更正后的标题', changeNote: '更正标题', version: current.version - 1 });
    expect(stale.statusCode).toBe(409);
    const revised = await editor.request('PATCH', `/api/v1/items/${id}`, { title: '更正后的标题', changeNote: '更正标题', version: current.version });
    expect(revised.json()).toMatchObject({ state: 'draft', revision: 2, title: '更正后的标题', changeNote: '更正标题' });
    expect((await pub(`/api/v1/items/${id}`)).json()).toMatchObject({ title: current.title, revision: 1, state: 'published' });
    // the reviewer rejects it with a comment; the editor fixes and resubmits
    await editor.request('POST', `/api/v1/items/${id}/submit`);
    expect((await reviewer.request('POST', `/api/v1/items/${id}/reject`, {})).statusCode).toBe(400);
    const rejected = await reviewer.request('POST', `/api/v1/items/${id}/reject`, { comment: '标题仍有错字' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', rejectComment: '标题仍有错字' });
    const fixed = await editor.request('PATCH', `/api/v1/items/${id}`, { title: '更正后的正确标题', version: rejected.json().version });
    expect(fixed.statusCode).toBe(200);
    await publishRevision(t, id, { by: { editor, reviewer, office } });
    expect((await pub(`/api/v1/items/${id}`)).json()).toMatchObject({ title: '更正后的正确标题', revision: 2, indexNumber: 'MB0A0000X/2026-00001' });
  });

  it('never lets an author review their own item (four eyes)', async () => {
    const sec = await signIn(t, 'secadmin');
    const sys = await signIn(t, 'sysadmin');
    const user = await sys.request('POST', '/api/v1/users', { username: 'both', displayName: '兼任', org: 'jc-czj', password: 'Str0ng&Secret' });
    await sec.request('POST', `/api/v1/users/${user.json().id}/roles`, { role: 'editor', org: 'jc-czj' });
    await sec.request('POST', `/api/v1/users/${user.json().id}/roles`, { role: 'unit-reviewer', org: 'jc-czj' });
    const both = await signIn(t, 'both', 'Str0ng&Secret');
    const own = await both.request('POST', '/api/v1/items', { org: 'jc-czj', category: '01', title: '自己起草的信息' });
    await both.request('POST', `/api/v1/items/${own.json().id}/submit`);
    const res = await both.request('POST', `/api/v1/items/${own.json().id}/approve`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('four_eyes');
    expect((await both.request('POST', `/api/v1/items/${own.json().id}/reject`, { comment: '自己退回' })).json().error.code).toBe('four_eyes');
  });

  it('withdraws with a reason: 410 with the reason, gone from lists and counts', async () => {
    expect((await editor.request('POST', `/api/v1/items/${id}/withdraw`, { reason: '发布有误' })).statusCode).toBe(403);
    expect((await office.request('POST', `/api/v1/items/${id}/withdraw`, {})).statusCode).toBe(400);
    const res = await office.request('POST', `/api/v1/items/${id}/withdraw`, { reason: '文件已被新文件替代，撤回' });
    expect(res.json().state).toBe('withdrawn');
    const gone = await pub(`/api/v1/items/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error).toMatchObject({ code: 'withdrawn', reason: '文件已被新文件替代，撤回' });
    expect((await pub('/api/v1/items?org=jiangchuan')).json().total).toBe(0);
    expect((await pub('/api/v1/catalog?org=jiangchuan')).json()[1].itemCount).toBe(0);
    expect((await office.request('POST', `/api/v1/items/${id}/withdraw`, { reason: '再次' })).statusCode).toBe(409);
    const auditor = await signIn(t, 'auditor');
    const actions = (await auditor.request('GET', `/api/v1/audit?objectId=${id}&pageSize=100`)).json().records.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['item.create', 'item.submit', 'item.unit-review', 'item.approve', 'item.publish', 'item.revise', 'item.reject', 'item.withdraw']));
  });

  it('numbers items in the agency’s own format when it has one', async () => {
    const agency = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jiangchuan' })).json();
    const bad = await office.request('PATCH', '/api/v1/orgs/jiangchuan', { indexTemplate: '{orgCode}-{category}', version: agency.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.indexTemplate).toBeTruthy();
    const set = await office.request('PATCH', '/api/v1/orgs/jiangchuan', { indexTemplate: 'JC-{YYYY}-{category}-{serial:04}', version: agency.version });
    expect(set.json().indexTemplate).toBe('JC-{YYYY}-{category}-{serial:04}');
    const id = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.02', title: '格式测试', body: '<p>正文</p>' })).json().id;
    await editor.request('POST', `/api/v1/items/${id}/submit`);
    await reviewer.request('POST', `/api/v1/items/${id}/approve`, {});
    const approved = (await office.request('POST', `/api/v1/items/${id}/approve`, {})).json();
    expect(approved.indexNumber).toMatch(/^JC-2026-02\.02-\d{4}$/);
    const reset = await office.request('PATCH', '/api/v1/orgs/jiangchuan', { indexTemplate: null, version: set.json().version });
    expect(reset.json().indexTemplate).toBeNull();
  });

  it('numbers items uniquely per agency and year under concurrent approvals', async () => {
    const actor = cliActor();
    const ids: string[] = [];
    // 100 truly concurrent approvals on PostgreSQL (a pool of connections); SQLite serialises writers anyway.
    const count = database.name === 'postgres' ? 100 : 20;
    for (let i = 0; i < count; i++) {
      const itemId = await createItem(t.ctx, null, actor, CreateItemBody.parse({ org: 'jc-czj', category: '01', title: `并发 ${i}`, body: '<p>正文</p>' }));
      await submitItem(t.ctx, null, actor, itemId);
      await approveItem(t.ctx, null, actor, itemId, { comment: null, override: null });
      ids.push(itemId);
    }
    await Promise.all(ids.map((itemId) => approveItem(t.ctx, null, actor, itemId, { comment: null, override: null })));
    const numbers = (await t.db.kysely.selectFrom('items').select('index_number').where('id', 'in', ids).execute()).map((r) => r.index_number);
    expect(new Set(numbers).size).toBe(count);
    expect(numbers.every((n) => /^MB0A0000X\/2026-\d{5}$/.test(n!))).toBe(true);
  });
});

describe.each(testDatabases())('document types and categories on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  it('warns when a 规范性文件 has no 政策解读, until one is linked', async () => {
    const editor = await signIn(t, 'editor');
    const policy = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.03', title: '江川市促进民营经济发展若干措施', body: '<p>第一条……</p>', policyKind: '规范性文件' })).json();
    const submitted = (await editor.request('POST', `/api/v1/items/${policy.id}/submit`)).json();
    expect(submitted.warnings).toEqual(['该规范性文件还没有政策解读：请同步起草解读材料并关联本文件']);
    await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.04', title: '《江川市促进民营经济发展若干措施》政策解读', body: '<p>一、出台背景</p>', interprets: policy.id });
    const reviewer = await signIn(t, 'reviewer');
    expect((await reviewer.request('POST', `/api/v1/items/${policy.id}/approve`, {})).json().warnings).toEqual([]);
    expect((await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.03', title: 'x', policyKind: '通知' })).statusCode).toBe(400);
  });

  it('lets only the office move a published item to another category', async () => {
    const by = await publishers(t);
    const { editor, office } = by;
    const published = await publishedItem(t, { category: '03.01', title: '2026年工作要点', body: '<p>要点</p>' }, { by });
    const id = published.id;
    expect((await editor.request('PATCH', `/api/v1/items/${id}`, { category: '03.02', changeNote: '调整类别', version: published.version })).statusCode).toBe(403);
    const moved = await office.request('PATCH', `/api/v1/items/${id}`, { category: '03.02', changeNote: '调整类别', version: published.version });
    expect(moved.json()).toMatchObject({ category: '03.02', state: 'published', revision: 1 }); // no new revision for a move
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/items?org=jiangchuan&category=03.02` })).json().total).toBe(1);
  });
});

describe.each(testDatabases())('partial edits on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  it('changes only the fields a PATCH sends', async () => {
    const editor = await signIn(t, 'editor');
    const created = (
      await editor.request('POST', '/api/v1/items', {
        org: 'jc-fgw',
        category: '02.03',
        title: '原标题',
        summary: '摘要',
        body: '<p>正文</p>',
        issuingOrgan: '江川市发展和改革委员会',
        writtenAt: '2026-02-01',
        topic: '综合政务/政务公开',
        genre: '通知',
        keywords: ['营商环境'],
      })
    ).json();
    expect(created.topic).toMatch(/^\d{2}\.\d{2}$/); // a name path is stored as its code
    const edited = (await editor.request('PATCH', `/api/v1/items/${created.id}`, { title: '新标题', version: created.version })).json();
    expect(edited).toMatchObject({
      title: '新标题',
      summary: '摘要',
      body: '<p>正文</p>',
      issuingOrgan: '江川市发展和改革委员会',
      writtenAt: '2026-02-01',
      topic: created.topic,
      genre: '通知',
      keywords: ['营商环境'],
    });
    const other = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.03', title: '新文件', body: '<p>新</p>' })).json();
    const repealed = await editor.request('PATCH', `/api/v1/items/${created.id}`, { validity: 'repealed', validityDate: '2026-03-01', replacedBy: other.id, version: edited.version });
    expect(repealed.json()).toMatchObject({ validity: 'repealed', validityDate: '2026-03-01', replacedBy: other.id });
    expect((await editor.request('PATCH', `/api/v1/items/${created.id}`, { replacedBy: created.id, version: repealed.json().version })).statusCode).toBe(400);
    const cleared = (await editor.request('PATCH', `/api/v1/items/${created.id}`, { summary: null, version: repealed.json().version })).json();
    expect(cleared.summary).toBeNull();
    expect(cleared.issuingOrgan).toBe('江川市发展和改革委员会');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { publishRevision } from '../../../test/support/publishing.js';

describe.each(testDatabases())('the disclosure catalog on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let editor: Staff;
  const pub = (url: string) => t.app.inject({ method: 'GET', url });
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    office = await signIn(t, 'office');
    editor = await signIn(t, 'editor');
  });
  afterAll(() => t.close());

  it('starts a new agency from the seed’s eight categories', async () => {
    const tree = (await pub('/api/v1/catalog?org=jiangchuan')).json();
    expect(tree.map((c: { name: string }) => c.name)).toEqual(['基本信息', '政策法规', '规划计划', '行政审批', '公共服务', '财政预算', '人事信息', '统计数据']);
    expect(tree[0].children.map((c: { code: string }) => c.code)).toContain('01.02');
    const versions = (await pub('/api/v1/catalog/versions?org=jiangchuan')).json().versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, note: '按《实施方案》目录模板建立' });
    expect(versions[0].changes.added.length).toBeGreaterThan(8);
  });

  it('keeps edits as a draft until the office publishes them with a note', async () => {
    expect((await editor.request('PUT', '/api/v1/catalog/categories/09', { org: 'jiangchuan', name: '工作动态' })).statusCode).toBe(403);
    // a unit's editor reads the working catalog to pick categories, without being able to change it
    expect((await editor.request('GET', '/api/v1/catalog/working?org=jiangchuan')).statusCode).toBe(200);
    const auditor = await signIn(t, 'auditor');
    expect((await auditor.request('GET', '/api/v1/catalog/working?org=jiangchuan')).statusCode).toBe(403);
    const bad = await office.request('PUT', '/api/v1/catalog/categories/09.01', { org: 'jiangchuan', name: '无上级', parentCode: '09' });
    expect(bad.statusCode).toBe(400);
    expect((await office.request('PUT', '/api/v1/catalog/categories/9', { org: 'jiangchuan', name: 'x' })).statusCode).toBe(400);
    const add = await office.request('PUT', '/api/v1/catalog/categories/09', { org: 'jiangchuan', name: '工作动态', updateInterval: 'dynamic', sortOrder: 8 });
    expect(add.statusCode).toBe(204);
    const working = (await office.request('GET', '/api/v1/catalog/working?org=jiangchuan')).json();
    expect(working.pending.added).toEqual([{ code: '09', name: '工作动态' }]);
    expect((await pub('/api/v1/catalog?org=jiangchuan')).json()).toHaveLength(8);
    expect((await office.request('POST', '/api/v1/catalog/publish', { org: 'jiangchuan' })).statusCode).toBe(400);
    const published = await office.request('POST', '/api/v1/catalog/publish', { org: 'jiangchuan', note: '增设工作动态栏目' });
    expect(published.json()).toEqual({ version: 2 });
    expect((await pub('/api/v1/catalog?org=jiangchuan')).json()).toHaveLength(9);
    const history = (await pub('/api/v1/catalog/versions?org=jiangchuan')).json().versions;
    expect(history[0]).toMatchObject({ version: 2, note: '增设工作动态栏目', changes: { added: [{ code: '09', name: '工作动态' }], removed: [], changed: [] } });
    expect((await office.request('POST', '/api/v1/catalog/publish', { org: 'jiangchuan', note: '无改动' })).statusCode).toBe(409);
  });

  it('refuses to remove a category in use, and monitors empty and stale ones', async () => {
    const item = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '09', title: '市发改委召开营商环境工作会议' });
    expect(item.statusCode).toBe(201);
    expect((await office.request('DELETE', '/api/v1/catalog/categories/09?org=jiangchuan')).statusCode).toBe(409);
    expect((await office.request('DELETE', '/api/v1/catalog/categories/02?org=jiangchuan')).statusCode).toBe(409); // has sub-categories
    const health = (await office.request('GET', '/api/v1/catalog/health?org=jiangchuan')).json();
    expect(health.empty).toBe(health.categories.length); // nothing published yet
    expect((await editor.request('GET', '/api/v1/catalog/health?org=jiangchuan')).statusCode).toBe(403);
    await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '01.02', title: '内设机构调整' });
    const tpl = await office.request('POST', '/api/v1/catalog/apply-template', { org: 'jiangchuan', template: 'statutory', note: '改用条例模板' });
    expect(tpl.statusCode).toBe(409); // the item in 01.02 would lose its category
    expect(tpl.json().error.message).toContain('01.02');
  });
});

describe.each(testDatabases())('extra metadata fields of a category on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
  });
  afterAll(() => t.close());

  it('asks the items of a category for its own fields, checked field by field', async () => {
    const office = await signIn(t, 'office');
    const editor = await signIn(t, 'editor');
    const fields = [
      { key: 'amount', label: '金额（万元）', type: 'number', required: true },
      { key: 'fiscalYear', label: '预算年度', type: 'text', required: false },
    ];
    const saved = await office.request('PUT', '/api/v1/catalog/categories/06.01', { org: 'jiangchuan', name: '财政预算', parentCode: '06', extraFields: fields });
    expect(saved.statusCode).toBe(204);
    expect((await office.request('PUT', '/api/v1/catalog/categories/06.01', { org: 'jiangchuan', name: '财政预算', parentCode: '06', extraFields: [fields[0], fields[0]] })).statusCode).toBe(400);
    const history = (await office.request('POST', '/api/v1/catalog/publish', { org: 'jiangchuan', note: '财政预算增加金额字段' })).json();
    expect(history.version).toBe(2);
    const missing = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '06.01', title: '2026年部门预算', body: '<p>预算</p>' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ 'extra.amount': '请填写金额（万元）' });
    const wrong = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '06.01', title: '预算', extra: { amount: '很多', colour: 'red' } });
    expect(Object.keys(wrong.json().error.fields).sort()).toEqual(['extra.amount', 'extra.colour']);
    const ok = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '06.01', title: '2026年部门预算', body: '<p>预算</p>', extra: { amount: 1234.5, fiscalYear: '2026' } });
    expect(ok.json().extra).toEqual({ amount: 1234.5, fiscalYear: '2026' });
    const edited = await editor.request('PATCH', `/api/v1/items/${ok.json().id}`, { extra: { amount: null }, version: ok.json().version });
    expect(edited.statusCode).toBe(400);
    // published, the values stand in the item page's metadata table under the category's labels
    const reviewer = await signIn(t, 'reviewer');
    const id = ok.json().id;
    await publishRevision(t, id, { by: { editor, reviewer, office } });
    const page = await t.app.inject({ method: 'GET', url: `/items/${id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('<tr><th scope="row">金额（万元）</th><td colspan="3">1234.5</td></tr>');
  });
});

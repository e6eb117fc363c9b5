import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

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

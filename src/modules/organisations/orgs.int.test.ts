import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

describe.each(testDatabases())('organisations on $name', (database) => {
  let t: TestApp;
  let sys: Staff;
  let office: Staff;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    sys = await signIn(t, 'sysadmin');
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  it('publishes the agency and its unit tree to everyone', async () => {
    const agencies = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs' })).json().orgs;
    expect(agencies.map((o: { code: string }) => o.code)).toEqual(['jiangchuan']);
    const tree = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs?agency=jiangchuan' })).json().orgs;
    expect(tree.length).toBe(8);
    const gk = tree.find((o: { code: string }) => o.code === 'jc-office-gk');
    const office = tree.find((o: { code: string }) => o.code === 'jc-office');
    expect(gk.parentId).toBe(office.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs/nope' })).statusCode).toBe(404);
  });

  it('validates the profile: checksums, formats and lengths, field by field', async () => {
    const agency = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jiangchuan' })).json();
    const res = await office.request('PATCH', '/api/v1/orgs/jiangchuan', {
      creditCode: '11330100MB0A0000XB',
      orgCode: '12345678-9',
      siteCode: '123',
      email: 'not-an-email',
      postcode: '12',
      name: '',
      version: agency.version,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(Object.keys(fields).sort()).toEqual(['creditCode', 'email', 'name', 'orgCode', 'postcode', 'siteCode']);
    expect(fields.creditCode).toContain('校验');
    // nothing was written
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jiangchuan' })).json().version).toBe(agency.version);
  });

  it('edits the agency profile with optimistic locking', async () => {
    const agency = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jiangchuan' })).json();
    const ok = await office.request('PATCH', '/api/v1/orgs/jiangchuan', {
      creditCode: '11100000000013127D',
      officeHours: '工作日 9:00—17:00',
      version: agency.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ creditCode: '11100000000013127D', officeHours: '工作日 9:00—17:00', version: agency.version + 1 });
    const stale = await office.request('PATCH', '/api/v1/orgs/jiangchuan', { phone: '010-1234567', version: agency.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('creates and removes units within the permitted subtree only', async () => {
    const created = await office.request('POST', '/api/v1/orgs', { code: 'jc-new', name: '新设科室', parentCode: 'jc-office' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'unit', code: 'jc-new' });
    const dup = await office.request('POST', '/api/v1/orgs', { code: 'jc-new', name: '重复', parentCode: 'jc-office' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.code).toBeTruthy();
    const noParent = await office.request('POST', '/api/v1/orgs', { code: 'jc-x', name: '无上级', parentCode: 'missing' });
    expect(noParent.statusCode).toBe(400);
    // the office may not create agencies; the system administrator may
    expect((await office.request('POST', '/api/v1/orgs', { code: 'other', name: '另一机关' })).statusCode).toBe(403);
    const other = await sys.request('POST', '/api/v1/orgs', { code: 'other', name: '江川市教育局', host: 'jyj.example.gov.cn' });
    expect(other.statusCode).toBe(201);
    expect(other.json().kind).toBe('agency');
    // the office of jiangchuan has no say over another agency
    expect((await office.request('POST', '/api/v1/orgs', { code: 'other-1', name: '科室', parentCode: 'other' })).statusCode).toBe(403);
    const taken = await sys.request('POST', '/api/v1/orgs', { code: 'third', name: '第三', host: 'JYJ.example.gov.cn' });
    expect(taken.statusCode).toBe(409);

    // a unit holding people cannot be removed; an empty one can
    expect((await office.request('DELETE', '/api/v1/orgs/jc-fgw')).statusCode).toBe(409);
    expect((await office.request('DELETE', '/api/v1/orgs/jiangchuan')).statusCode).toBe(409);
    expect((await office.request('DELETE', '/api/v1/orgs/jc-new')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs/jc-new' })).statusCode).toBe(404);
  });

  it('refuses hostile codes and oversized fields without writing anything', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs?agency=jiangchuan' })).json().orgs.length;
    for (const body of [
      { code: '../../etc', name: 'x', parentCode: 'jiangchuan' },
      { code: "x'; DROP TABLE organisations;--", name: 'x', parentCode: 'jiangchuan' },
      { code: 'ok-code', name: 'x'.repeat(101), parentCode: 'jiangchuan' },
      { code: 'ok-code', name: 123, parentCode: 'jiangchuan' },
      { code: 'ok-code', parentCode: 'jiangchuan' },
    ]) {
      const res = await office.request('POST', '/api/v1/orgs', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toBeTruthy();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs?agency=jiangchuan' })).json().orgs.length).toBe(before);
    const script = await office.request('POST', '/api/v1/orgs', { code: 'jc-html', name: '<script>alert(1)</script>', parentCode: 'jiangchuan' });
    expect(script.statusCode).toBe(201);
    expect(script.json().name).toBe('<script>alert(1)</script>'); // stored as text; pages escape it
  });
});

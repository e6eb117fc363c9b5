import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';

describe.each(testDatabases())('HTTP surface on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  it('answers malformed JSON, wrong types and unknown API routes with JSON errors and a request id', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_request' });
    expect(bad.json().error.requestId).toBe(bad.headers['x-request-id']);
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: ['a'], password: { $ne: 1 } } });
    expect(wrongType.statusCode).toBe(400);
    expect(Object.keys(wrongType.json().error.fields).sort()).toEqual(['password', 'username']);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
  });

  it('refuses bodies over the limit with 413 and writes nothing', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const res = await office.request('POST', '/api/v1/orgs', { code: 'big', name: '大', parentCode: 'jiangchuan', description: huge });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs/big' })).statusCode).toBe(404);
  });

  it('keeps a caller request id that looks like one, and makes one otherwise', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-12345678' } });
    expect(kept.headers['x-request-id']).toBe('trace-12345678');
    const replaced = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const https = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBeUndefined(); // proxies are not trusted by default
  });

  it('describes the API in an OpenAPI document built from the validating schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/session', '/api/v1/orgs', '/api/v1/orgs/{code}', '/api/v1/users', '/api/v1/users/{id}/roles', '/api/v1/audit']) {
      expect(doc.paths[p], p).toBeTruthy();
    }
    const login = doc.paths['/api/v1/session'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const create = doc.paths['/api/v1/orgs'].post.requestBody.content['application/json'].schema;
    expect(create.properties.creditCode).toBeTruthy();
    expect(doc.paths['/api/v1/users'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['org', 'q', 'page', 'pageSize']),
    );
    expect(doc.paths['/api/v1/users'].post.security).toEqual([{ session: [] }]);
  });

  it('never leaks internals on a server error', async () => {
    await t.db.kysely.schema.dropTable('role_assignments').execute().catch(() => undefined);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: office.cookie } });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'internal_error', message: '服务器内部错误，请稍后再试' });
    expect(res.body).not.toMatch(/role_assignments|stack|at \w+ \(/);
  });
});

import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { newTrackingCode } from '../modules/messages/tracking.js';
import { loggerOptions, redactUrl } from './logging.js';

describe('request URLs in the log', () => {
  const code = newTrackingCode();
  const bare = code.replaceAll('-', '');

  it('redacts tracking codes in any form the lookup accepts, in the path and the query', () => {
    expect(redactUrl(`/api/v1/messages/${code}`)).toBe('/api/v1/messages/[redacted]');
    expect(redactUrl(`/api/v1/messages/${bare.toLowerCase()}/rating`)).toBe('/api/v1/messages/[redacted]/rating');
    expect(redactUrl(`/sites/jiangchuan/messages/track/${code}?created=1`)).toBe('/sites/jiangchuan/messages/track/[redacted]?created=1');
    expect(redactUrl(`/messages/track?code=${encodeURIComponent(code.toLowerCase().replaceAll('-', ' '))}&lang=en`)).toBe('/messages/track?code=[redacted]&lang=en');
    expect(redactUrl(`/x?ref=${bare.replaceAll('0', 'O')}`)).toBe('/x?ref=[redacted]');
  });

  it('redacts every value of a secret-bearing query name, and nothing else', () => {
    expect(redactUrl('/api/v1/challenge?token=eyJhIjozN30&q=%E5%85%AC')).toBe('/api/v1/challenge?token=[redacted]&q=%E5%85%AC');
    expect(redactUrl('/a?Password=x&secret=y&challengeToken=z')).toBe('/a?Password=[redacted]&secret=[redacted]&challengeToken=[redacted]');
    for (const url of ['/api/v1/items/0b7e6b5e-8a3c-4c1e-9a51-3f1f0c2d9e77', '/sites/jiangchuan/search?q=%E5%85%AC%E7%A7%AF%E9%87%91&page=2', '/api/v1/orgs/jc-fgw', '/x?%ZZ', '/']) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('never writes a tracking code to the log through the request serializer', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const app = Fastify({ logger: { ...(loggerOptions(loadConfig({ LOG_LEVEL: 'info' })) as object), stream } });
    app.get('/api/v1/messages/:code', async () => ({ ok: true }));
    app.get('/messages/track', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: `/api/v1/messages/${code}` });
    await app.inject({ method: 'GET', url: `/messages/track?code=${bare.toLowerCase()}` });
    await app.close();
    const requests = lines.map((l) => JSON.parse(l) as { req?: { url: string; method: string } }).filter((l) => l.req);
    expect(requests.map((l) => l.req!.url)).toEqual(['/api/v1/messages/[redacted]', '/messages/track?code=[redacted]']);
    expect(requests[0]!.req).toMatchObject({ method: 'GET', remoteAddress: '127.0.0.1' });
    const all = lines.join('\n').toUpperCase();
    expect(all).not.toContain(bare);
    expect(all).not.toContain(code);
  });
});

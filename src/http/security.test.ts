import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sameOrigin } from './security.js';

/** The one same-origin rule of the API's CSRF check and the portal's forms: scheme, host and port. */
async function check(trustProxy: boolean, headers: Record<string, string>, claimed: string): Promise<boolean> {
  const app = Fastify({ trustProxy });
  app.get('/', async (req) => ({ same: sameOrigin(req, claimed) }));
  const res = await app.inject({ method: 'GET', url: '/', headers });
  await app.close();
  return res.json<{ same: boolean }>().same;
}

describe('sameOrigin', () => {
  it('compares the scheme, the host and the port, default ports included', async () => {
    const host = { host: '127.0.0.1:3931' };
    expect(await check(false, host, 'http://127.0.0.1:3931')).toBe(true);
    expect(await check(false, host, 'http://127.0.0.1:3931/sites/jiangchuan/messages/new')).toBe(true); // a Referer
    expect(await check(false, host, 'https://127.0.0.1:3931')).toBe(false);
    expect(await check(false, host, 'http://127.0.0.1:3932')).toBe(false);
    expect(await check(false, host, 'http://127.0.0.2:3931')).toBe(false);
    expect(await check(false, { host: 'gk.example' }, 'http://gk.example:80')).toBe(true);
    expect(await check(false, { host: 'gk.example:80' }, 'http://gk.example')).toBe(true);
    expect(await check(false, { host: 'gk.example' }, 'https://gk.example:443')).toBe(false);
    for (const junk of ['', 'null', 'gk.example', 'javascript:alert(1)', 'http://']) expect(await check(false, { host: 'gk.example' }, junk), junk).toBe(false);
  });

  it('takes the scheme and host from a trusted proxy only', async () => {
    const proxied = { host: '10.0.0.5:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gk.example' };
    expect(await check(true, proxied, 'https://gk.example')).toBe(true);
    expect(await check(true, proxied, 'http://gk.example')).toBe(false);
    expect(await check(false, proxied, 'https://gk.example')).toBe(false);
    expect(await check(false, proxied, 'http://10.0.0.5:3000')).toBe(true);
  });
});

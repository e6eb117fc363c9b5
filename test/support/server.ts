import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';
import { startTestApp, type TestApp } from './app.js';
import type { TestDatabase } from './databases.js';
import { testDatabases } from './databases.js';

/** A real HTTP server on a free port with the demo agency, for browser tests. */
export async function startHttpServer(database: TestDatabase = testDatabases()[0]!, config: Partial<Config> = {}): Promise<TestApp & { url: string }> {
  const t = await startTestApp(database, { demo: true, config });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';
import { startTestApp, type TestApp } from './app.js';
import type { TestDatabase } from './databases.js';
import { testDatabases } from './databases.js';

/** A test application listening on a free port of 127.0.0.1, and its address. */
export type HttpServer = TestApp & { url: string };

/** A real HTTP server on a free port with the demo agency (and its 30 documents on request), for browser tests. */
export async function startHttpServer(
  database: TestDatabase = testDatabases()[0]!,
  options: { config?: Partial<Config>; demoDocuments?: boolean } = {},
): Promise<HttpServer> {
  const t = await startTestApp(database, { demo: true, demoDocuments: options.demoDocuments ?? false, config: options.config ?? {} });
  return listening(t);
}

/** Makes a test application listen on a free port of 127.0.0.1. */
export async function listening(t: TestApp): Promise<HttpServer> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../shared/paths.js';
import type { AppContext } from '../shared/context.js';

export const CONSOLE_DIST = path.join(PROJECT_ROOT, 'dist/console');

/**
 * The staff console is a static single-page app built by Vite into dist/console. Its hashed assets are
 * cached for a year; index.html is never cached so a deployment takes effect at once.
 */
export async function registerConsole(app: FastifyInstance, _ctx: AppContext, dist = CONSOLE_DIST): Promise<void> {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/console', async (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('控制台尚未构建：请运行 npm run build'),
    );
    return;
  }
  const html = fs.readFileSync(index, 'utf8');
  await app.register(fastifyStatic, {
    root: path.join(dist, 'assets'),
    prefix: '/console/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    wildcard: true,
  });
  const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  app.get('/console', sendIndex);
  app.get('/console/*', sendIndex);
}

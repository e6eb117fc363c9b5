import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../shared/paths.js';

/** Static files of the portal live outside src/ (tsc copies nothing else to dist/server). */
export const PORTAL_ASSETS = path.join(PROJECT_ROOT, 'web/portal');

export interface Stylesheet {
  body: Buffer;
  hash: string;
  /** The URL pages link to: changes whenever the file's content does, so it can be cached for a year. */
  href: string;
}

export function loadStylesheet(dir = PORTAL_ASSETS): Stylesheet {
  const body = fs.readFileSync(path.join(dir, 'portal.css'));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, hash, href: `/assets/portal.css?v=${hash}` };
}

export function registerAssets(app: FastifyInstance, css: Stylesheet): void {
  app.get('/assets/portal.css', async (req, reply) => {
    const { v } = req.query as { v?: string };
    reply.type('text/css; charset=utf-8');
    // Only the current version is immutable; an old or missing hash gets the current file, revalidated.
    reply.header('cache-control', v === css.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('etag', `"${css.hash}"`);
    if (req.headers['if-none-match'] === `"${css.hash}"`) return reply.code(304).send();
    return reply.send(css.body);
  });
}

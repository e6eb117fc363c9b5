import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/context.js';
import { listAgencies } from '../modules/organisations/orgs.repo.js';
import { html } from './html.js';

export async function registerPortal(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/', async (_req, reply) => {
    const agencies = await listAgencies(ctx.db.kysely);
    reply.type('text/html; charset=utf-8');
    return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开</title></head><body><main><h1>政务公开</h1><ul>${agencies.map((a) => html`<li>${a.name}</li>`)}</ul></main></body></html>`.value;
  });
}

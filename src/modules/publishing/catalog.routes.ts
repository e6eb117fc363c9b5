import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { findOrgByCode } from '../organisations/orgs.repo.js';
import { catalogTree } from './catalog.js';
import { publishedCatalog } from './catalog.commands.js';

export function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog',
    summary: '已发布的公开目录及各类别的信息数',
    tags: ['catalog'],
    auth: 'public',
    query: z.object({ org: z.string({ error: '请指定机关 org' }).trim().min(1).max(32) }),
    responses: { 200: { description: '[{code, name, itemCount, children}]' }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => {
      const org = await findOrgByCode(ctx.db.kysely, query.org);
      if (!org) throw notFound('机构不存在');
      const catalog = await publishedCatalog(ctx.db.kysely, org.agency_id);
      if (!catalog) return [];
      const counts = await ctx.db.kysely
        .selectFrom('items')
        .select(['category_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('agency_id', '=', org.agency_id)
        .where('state', '=', 'published')
        .groupBy('category_code')
        .execute();
      return catalogTree(catalog.categories, new Map(counts.map((c) => [c.category_code, Number(c.n)])));
    },
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { conflict, notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { optionalText, requiredText } from '../../shared/validation.js';
import { ANYWHERE, authorize } from '../accounts/index.js';
import { scopeFor } from '../accounts/index.js';
import { findOrgByCode, findOrgById } from '../organisations/index.js';
import { categoryHealth, catalogTree, diffCatalogs } from './catalog.js';
import {
  catalogVersions,
  publishedCatalog,
  publishWorkingCatalog,
  removeCategory,
  replaceAndPublishCatalog,
  saveCategory,
  templateCategories,
  workingCatalog,
} from './catalog.commands.js';
import { CATALOG_TEMPLATES, isCategoryCode, UPDATE_INTERVALS, updateIntervalDays, type UpdateInterval } from './reference/catalog-templates.js';
import { DISCLOSURE_MODES } from './reference/disclosure.js';

const tags = ['catalog'];
const OrgQuery = z.object({ org: z.string({ error: '请指定机关 org' }).trim().min(1).max(32) });
const intervals = Object.keys(UPDATE_INTERVALS) as [UpdateInterval, ...UpdateInterval[]];

const CategoryBody = z.object({
  org: z.string({ error: '请指定机关' }).trim().min(1).max(32),
  name: requiredText(60, '类别名称'),
  parentCode: z.string().trim().max(20).optional().nullable().transform((v) => v || null),
  description: optionalText(1000, '说明'),
  updateInterval: z.enum(intervals, { error: `更新周期应为 ${intervals.join('、')} 之一` }).optional().nullable().transform((v) => v ?? null),
  disclosureMode: z.enum(DISCLOSURE_MODES.map((d) => d.code) as [string, ...string[]]).default('proactive'),
  responsibleUnit: z.string().trim().max(32).optional().nullable(),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  extraFields: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/, '字段键应为字母开头的英文标识'),
        label: requiredText(30, '字段名称'),
        type: z.enum(['text', 'date', 'number'], { error: '字段类型应为 text、date 或 number' }),
        required: z.boolean().default(false),
      }),
    )
    .max(20, '最多 20 个附加字段')
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, '附加字段的键不能重复')
    .default([]),
});

async function agencyOf(ctx: AppContext, code: string) {
  const org = await findOrgByCode(ctx.db.kysely, code);
  if (!org) throw notFound('机构不存在');
  return org;
}

export function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog',
    summary: '已发布的公开目录及各类别的信息数',
    tags,
    auth: 'public',
    query: OrgQuery,
    responses: { 200: { description: '[{code, name, itemCount, children}]' }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => {
      const org = await agencyOf(ctx, query.org);
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

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/versions',
    summary: '公开目录的发布历史（每版的说明和增删改）',
    tags,
    auth: 'public',
    query: OrgQuery,
    responses: { 200: { description: 'versions, newest first' }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => ({ versions: await catalogVersions(ctx.db.kysely, (await agencyOf(ctx, query.org)).agency_id) }),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/templates',
    summary: '目录模板：《实施方案》八大类，或《条例》第二十条十五项',
    tags,
    auth: 'public',
    responses: { 200: { description: 'templates' } },
    handler: async () => ({
      templates: (Object.keys(CATALOG_TEMPLATES) as (keyof typeof CATALOG_TEMPLATES)[]).map((name) => ({ name, categories: templateCategories(name) })),
      updateIntervals: UPDATE_INTERVALS,
    }),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/working',
    summary: '目录工作稿（未发布的修改）及与已发布版本的差异',
    tags,
    auth: 'staff',
    query: OrgQuery,
    responses: { 200: { description: 'working catalog' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const org = await agencyOf(ctx, query.org);
      const agency = (await findOrgById(ctx.db.kysely, org.agency_id))!;
      // Editors of a unit pick categories for their items: anyone handling items anywhere in the agency may read it.
      const within = (['catalog.edit', 'item.create', 'item.edit'] as const).some((a) => {
        const scope = scopeFor(principal, a);
        return scope.all || scope.paths.some((p) => p.startsWith(agency.path) || agency.path.startsWith(p));
      });
      if (!within) await authorize(ctx, principal, actor, 'catalog.edit', agency.path, { type: 'catalog' });
      const working = await workingCatalog(ctx.db.kysely, org.agency_id);
      const published = await publishedCatalog(ctx.db.kysely, org.agency_id);
      return { categories: working, publishedVersion: published?.version ?? null, pending: diffCatalogs(published?.categories ?? [], working) };
    },
  });

  route(app, ctx, {
    method: 'PUT',
    url: '/api/v1/catalog/categories/:code',
    summary: '新增或修改目录工作稿中的一个类别（发布后公众可见）',
    tags,
    auth: 'staff',
    params: z.object({ code: z.string().refine(isCategoryCode, '类别编码应为 01、01.02 这样的两位数分段') }),
    body: CategoryBody,
    responses: { 204: { description: 'saved' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ params, body, principal, actor, reply }) => {
      const unit = body.responsibleUnit ? await findOrgByCode(ctx.db.kysely, body.responsibleUnit) : null;
      await saveCategory(ctx, principal, actor, body.org, {
        code: params.code,
        name: body.name,
        parentCode: body.parentCode,
        description: body.description,
        updateInterval: body.updateInterval,
        disclosureMode: body.disclosureMode,
        responsibleUnitId: unit?.id ?? null,
        sortOrder: body.sortOrder,
        extraFields: body.extraFields,
      });
      reply.code(204);
      return null;
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/catalog/categories/:code',
    summary: '从目录工作稿中删除一个空类别',
    tags,
    auth: 'staff',
    params: z.object({ code: z.string().max(20) }),
    query: OrgQuery,
    responses: { 204: { description: 'removed' }, 403: errorResponse('forbidden'), 409: errorResponse('in use') },
    handler: async ({ params, query, principal, actor, reply }) => {
      await removeCategory(ctx, principal, actor, query.org, params.code);
      reply.code(204);
      return null;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/catalog/publish',
    summary: '发布目录工作稿为新版本（须填写说明）',
    tags,
    auth: 'staff',
    body: z.object({ org: z.string().trim().min(1).max(32), note: requiredText(500, '发布说明') }),
    responses: { 200: { description: '{version}' }, 403: errorResponse('forbidden'), 409: errorResponse('nothing changed') },
    handler: async ({ body, principal, actor }) => ({ version: await publishWorkingCatalog(ctx, principal, actor, body.org, body.note) }),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/catalog/apply-template',
    summary: '以模板替换目录（仅当现有信息的类别在模板中都存在）',
    tags,
    auth: 'staff',
    body: z.object({ org: z.string().trim().min(1).max(32), template: z.enum(['seed', 'statutory']), note: requiredText(500, '发布说明') }),
    responses: { 200: { description: '{version}' }, 403: errorResponse('forbidden'), 409: errorResponse('items would lose their category') },
    handler: async ({ body, principal, actor }) => {
      const org = await agencyOf(ctx, body.org);
      const categories = templateCategories(body.template);
      const codes = new Set(categories.map((c) => c.code));
      const used = await ctx.db.kysely.selectFrom('items').select('category_code').distinct().where('agency_id', '=', org.agency_id).execute();
      const orphaned = used.map((u) => u.category_code).filter((c) => !codes.has(c));
      if (orphaned.length) {
        throw conflict(`现有信息使用的类别 ${orphaned.join('、')} 不在模板中，请先调整这些信息的类别`, 'in_use');
      }
      return { version: await replaceAndPublishCatalog(ctx, principal, actor, body.org, categories, body.note) };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/health',
    summary: '栏目更新监测：空栏目和超过更新周期未更新的栏目',
    tags,
    auth: 'staff',
    query: OrgQuery,
    responses: { 200: { description: '{categories, empty, stale}' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      const org = await agencyOf(ctx, query.org);
      await authorize(ctx, principal, actor, ['catalog.edit', 'stats.read'], ANYWHERE, { type: 'catalog' });
      const catalog = await publishedCatalog(ctx.db.kysely, org.agency_id);
      const newest = await ctx.db.kysely
        .selectFrom('items')
        .select(['category_code', (eb) => eb.fn.max('published_at').as('at'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('agency_id', '=', org.agency_id)
        .where('state', '=', 'published')
        .groupBy('category_code')
        .execute();
      const health = categoryHealth(
        catalog?.categories ?? [],
        new Map(newest.map((n) => [n.category_code, { at: String(n.at), count: Number(n.n) }])),
        (i) => (i && i in UPDATE_INTERVALS ? updateIntervalDays(i as UpdateInterval) : null),
        ctx.clock(),
      );
      return { categories: health, empty: health.filter((h) => h.empty).length, stale: health.filter((h) => h.stale).length };
    },
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { applyTemplate, publishWorkingCatalog, removeCategory, saveCategory } from './catalog.commands.js';
import {
  ApplyTemplateBody,
  CatalogHealthView,
  CatalogNodeView,
  CatalogVersionsView,
  CategoryBody,
  CategoryParams,
  OrgQuery,
  PublishCatalogBody,
  TemplatesView,
  VersionView,
  WorkingCatalogView,
} from './catalog.schemas.js';
import { catalogView, healthView, templatesView, versionsView, workingView } from './catalog.views.js';

const tags = ['catalog'];

export function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog',
    summary: '已发布的公开目录及各类别的信息数',
    tags,
    auth: 'public',
    query: OrgQuery,
    responses: { 200: { description: '[{code, name, itemCount, children}]', schema: z.array(CatalogNodeView) }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => catalogView(ctx, query.org),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/versions',
    summary: '公开目录的发布历史（每版的说明和增删改）',
    tags,
    auth: 'public',
    query: OrgQuery,
    responses: { 200: { description: 'versions, newest first', schema: CatalogVersionsView }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => versionsView(ctx, query.org),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/templates',
    summary: '目录模板：《实施方案》八大类，或《条例》第二十条十五项',
    tags,
    auth: 'public',
    responses: { 200: { description: 'templates', schema: TemplatesView } },
    handler: async () => templatesView(),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/working',
    summary: '目录工作稿（未发布的修改）及与已发布版本的差异',
    tags,
    auth: 'staff',
    query: OrgQuery,
    responses: { 200: { description: 'working catalog', schema: WorkingCatalogView }, 403: errorResponse('forbidden') },
    handler: async ({ query, caller }) => workingView(caller, query.org),
  });

  route(app, ctx, {
    method: 'PUT',
    url: '/api/v1/catalog/categories/:code',
    summary: '新增或修改目录工作稿中的一个类别（发布后公众可见）',
    tags,
    auth: 'staff',
    params: CategoryParams,
    body: CategoryBody,
    responses: { 204: noContent('saved'), 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ params, body, caller, reply }) => {
      await saveCategory(caller, body.org, params.code, body);
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
    responses: { 204: noContent('removed'), 403: errorResponse('forbidden'), 409: errorResponse('in use') },
    handler: async ({ params, query, caller, reply }) => {
      await removeCategory(caller, query.org, params.code);
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
    body: PublishCatalogBody,
    responses: { 200: { description: '{version}', schema: VersionView }, 403: errorResponse('forbidden'), 409: errorResponse('nothing changed') },
    handler: async ({ body, caller }) => publishWorkingCatalog(caller, body.org, body.note),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/catalog/apply-template',
    summary: '以模板替换目录（仅当现有信息的类别在模板中都存在）',
    tags,
    auth: 'staff',
    body: ApplyTemplateBody,
    responses: { 200: { description: '{version}', schema: VersionView }, 403: errorResponse('forbidden'), 409: errorResponse('items would lose their category') },
    handler: async ({ body, caller }) => applyTemplate(caller, body.org, body.template, body.note),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/catalog/health',
    summary: '栏目更新监测：空栏目和超过更新周期未更新的栏目',
    tags,
    auth: 'staff',
    query: OrgQuery,
    responses: { 200: { description: '{categories, empty, stale}', schema: CatalogHealthView }, 403: errorResponse('forbidden') },
    handler: async ({ query, caller }) => healthView(caller, query.org),
  });
}

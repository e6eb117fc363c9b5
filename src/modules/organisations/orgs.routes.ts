import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { route } from '../../http/route.js';
import { errorResponse, noContent } from '../../http/openapi.js';
import { createOrg, deleteUnit, updateOrg } from './orgs.commands.js';
import { listOrgs, readOrg } from './orgs.queries.js';
import { CreateOrgBody, OrgListOut, OrgOut, UpdateOrgBody } from './orgs.schemas.js';

const CodeParams = z.object({ code: z.string().min(1).max(32) });

/**
 * Organisations are public information (机构概况, 组织结构), so reading is open to everyone;
 * changing them needs the policy's permission on the organisation concerned.
 */
export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/orgs',
    summary: '机关（站点）列表，或某机关的机构树',
    tags: ['organisations'],
    auth: 'public',
    query: z.object({ agency: z.string().max(32).optional() }),
    responses: { 200: { description: 'organisations', schema: OrgListOut }, 404: errorResponse('unknown agency') },
    handler: ({ query }) => listOrgs(ctx, query.agency),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/orgs/:code',
    summary: '一个机构的概况',
    tags: ['organisations'],
    auth: 'public',
    params: CodeParams,
    responses: { 200: { description: 'organisation', schema: OrgOut }, 404: errorResponse('not found') },
    handler: ({ params }) => readOrg(ctx, params.code),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/orgs',
    summary: '新建机关（无上级）或科室/单位（指定上级）',
    tags: ['organisations'],
    auth: 'staff',
    body: CreateOrgBody,
    responses: {
      201: { description: 'created', schema: OrgOut },
      400: errorResponse('invalid'),
      403: errorResponse('not permitted'),
      409: errorResponse('duplicate code or host'),
    },
    handler: async ({ body, caller, reply }) => {
      const org = await createOrg(caller, body);
      reply.code(201);
      return org;
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/orgs/:code',
    summary: '修改机构概况（需带 version，过期返回 409）',
    tags: ['organisations'],
    auth: 'staff',
    params: CodeParams,
    body: UpdateOrgBody,
    responses: {
      200: { description: 'updated', schema: OrgOut },
      400: errorResponse('invalid'),
      403: errorResponse('not permitted'),
      404: errorResponse('not found'),
      409: errorResponse('stale version'),
    },
    handler: ({ params, body, caller }) => updateOrg(caller, params.code, body),
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/orgs/:code',
    summary: '删除空的科室/单位',
    tags: ['organisations'],
    auth: 'staff',
    params: CodeParams,
    responses: { 204: noContent('deleted'), 403: errorResponse('not permitted'), 404: errorResponse('not found'), 409: errorResponse('not empty') },
    handler: async ({ params, caller, reply }) => {
      await deleteUnit(caller, params.code);
      reply.code(204);
      return null;
    },
  });
}

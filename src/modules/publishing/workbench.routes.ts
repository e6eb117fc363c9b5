import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../accounts/index.js';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { pageQuery } from '../../shared/validation.js';
import { withoutLikeWildcards } from '../../db/database.js';
import { ANYWHERE, authorize } from '../accounts/index.js';
import { HANDLING, handlingScope } from './handling.js';
import type { Actor } from '../audit/index.js';
import { findOrgByCode } from '../organisations/index.js';
import { approveItem, publishItem, rejectItem, submitItem, withdrawItem } from './items.commands.js';
import { itemAbilities, handsOf } from './four-eyes.js';
import { findItem, revisionContributions } from './items.repo.js';
import { ITEM_STATES } from './workflow.js';

const tags = ['workbench'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

const BulkBody = z
  .object({
    action: z.enum(['submit', 'approve', 'reject', 'publish', 'withdraw'], { error: '批量操作应为 submit、approve、reject、publish 或 withdraw' }),
    ids: z.array(z.string().min(1).max(64)).min(1, '请选择信息').max(200, '一次最多 200 条'),
    comment: z.string().trim().max(1000).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.action !== 'reject' || Boolean(b.comment), { message: '批量退回须填写意见', path: ['comment'] })
  .refine((b) => b.action !== 'withdraw' || Boolean(b.reason), { message: '批量撤回须填写理由', path: ['reason'] });

export function registerWorkbenchRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/workbench/items',
    summary: '工作台：本人经办范围内的信息（草稿、待初审、待复审、待发布、已发布…），审核队列按状态筛选',
    tags,
    auth: 'staff',
    query: z.object({
      state: z.enum(ITEM_STATES).optional(),
      org: z.string().trim().max(32).optional(),
      q: z.string().trim().max(100).optional(),
      mine: z.enum(['1', '0']).optional(),
      ...pageQuery,
    }),
    responses: { 200: { description: '{total, items:[…]}' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      await authorize(ctx, principal, actor, HANDLING, ANYWHERE, { type: 'item' });
      const scope = handlingScope(principal);
      let q = ctx.db.kysely
        .selectFrom('items as i')
        .innerJoin('organisations as u', 'u.id', 'i.unit_id')
        .innerJoin('item_revisions as r', (j) =>
          j.on((eb) => eb('r.id', '=', eb.fn.coalesce('i.working_revision_id', 'i.live_revision_id'))),
        );
      if (!scope.all) {
        if (scope.paths.length === 0) return { total: 0, items: [] };
        q = q.where((eb) => eb.or(scope.paths.map((p) => eb('u.path', 'like', `${p}%`))));
      }
      if (query.org) {
        const org = await findOrgByCode(ctx.db.kysely, query.org);
        if (!org) throw notFound('机构不存在');
        q = q.where('u.path', 'like', `${org.path}%`);
      }
      if (query.state === 'withdrawn') q = q.where('i.state', '=', 'withdrawn');
      else if (query.state) q = q.where('i.state', '!=', 'withdrawn').where('r.state', '=', query.state);
      if (query.mine === '1') q = q.where('r.author_id', '=', principal.userId);
      if (query.q) q = q.where('r.title', 'like', `%${withoutLikeWildcards(query.q)}%`);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .select([
          'i.id',
          'i.category_code',
          'i.index_number',
          'i.state as item_state',
          'i.version',
          'i.published_at',
          'i.scheduled_at',
          'i.updated_at',
          'u.code as unit_code',
          'u.name as unit_name',
          'u.path as unit_path',
          'r.title',
          'r.doc_number',
          'r.state as revision_state',
          'r.id as revision_id',
          'r.revision_no',
          'r.author_id',
          'r.unit_reviewed_by',
          'r.reject_comment',
        ])
        .orderBy('i.updated_at', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const contributions = await revisionContributions(ctx.db.kysely, rows.map((r) => r.revision_id));
      return {
        total: Number(total.n),
        items: rows.map((r) => ({
          id: r.id,
          title: r.title,
          docNumber: r.doc_number,
          category: r.category_code,
          indexNumber: r.index_number,
          unit: r.unit_code,
          unitName: r.unit_name,
          state: r.item_state === 'withdrawn' ? 'withdrawn' : r.revision_state,
          live: r.item_state === 'published' || r.item_state === 'withdrawn' ? r.item_state : null,
          revision: r.revision_no,
          version: r.version,
          mine: r.author_id === principal.userId,
          rejectComment: r.reject_comment,
          publishedAt: r.published_at,
          scheduledAt: r.scheduled_at,
          updatedAt: r.updated_at,
          // What this user could do next (four eyes applied), so a queue offers only the actions that will work.
          ...itemAbilities(principal, r.unit_path, handsOf({ ...r, state: r.revision_state }, contributions.get(r.revision_id) ?? [])),
        })),
      };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id/revisions',
    summary: '信息的全部版本（含修改说明和状态），用于修订历史和比较',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'revisions' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => {
      const item = await findItem(ctx.db.kysely, params.id);
      if (!item) throw notFound('信息不存在');
      await authorize(ctx, principal, actor, HANDLING, item.unit_path, { type: 'item', id: item.id });
      const revisions = await ctx.db.kysely.selectFrom('item_revisions').selectAll().where('item_id', '=', item.id).orderBy('revision_no').execute();
      return {
        revisions: revisions.map((r) => ({
          id: r.id,
          revision: r.revision_no,
          state: r.state,
          title: r.title,
          summary: r.summary,
          body: r.body,
          docNumber: r.doc_number,
          changeNote: r.change_note,
          rejectComment: r.reject_comment,
          publishedAt: r.published_at,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          live: r.id === item.live_revision_id,
          working: r.id === item.working_revision_id,
        })),
      };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id/reviews',
    summary: '审核记录（初审、复审、保密审查的意见、放行理由和发现的风险）',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'reviews' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => {
      const item = await findItem(ctx.db.kysely, params.id);
      if (!item) throw notFound('信息不存在');
      await authorize(ctx, principal, actor, HANDLING, item.unit_path, { type: 'item', id: item.id });
      const rows = await ctx.db.kysely
        .selectFrom('item_reviews as v')
        .leftJoin('users as u', 'u.id', 'v.reviewer_id')
        .selectAll('v')
        .select('u.display_name')
        .where('v.item_id', '=', item.id)
        .orderBy('v.at')
        .execute();
      return {
        reviews: rows.map((r) => ({
          id: r.id,
          revisionId: r.revision_id,
          stage: r.stage,
          decision: r.decision,
          comment: r.comment,
          overrideReason: r.override_reason,
          findings: JSON.parse(r.findings) as unknown[],
          reviewer: r.reviewer_name,
          reviewerName: r.display_name ?? r.reviewer_name,
          at: r.at,
        })),
      };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/items/bulk',
    summary: '批量提交、审核、退回、发布或撤回；逐条返回结果',
    tags,
    auth: 'staff',
    body: BulkBody,
    responses: { 200: { description: '{results:[{id, ok, state?, error?}]}' }, 400: errorResponse('invalid') },
    handler: async ({ body, principal, actor }) => {
      const results = [];
      for (const id of body.ids) results.push(await runOne(ctx, principal, actor, body, id));
      return { results };
    },
  });
}

async function runOne(ctx: AppContext, principal: StaffPrincipal, actor: Actor, body: z.output<typeof BulkBody>, id: string) {
  try {
    switch (body.action) {
      case 'submit':
        return { id, ok: true, state: await submitItem(ctx, principal, actor, id) };
      case 'approve':
        return { id, ok: true, state: await approveItem(ctx, principal, actor, id, { comment: body.comment ?? null, override: null }) };
      case 'reject':
        return { id, ok: true, state: await rejectItem(ctx, principal, actor, id, body.comment!) };
      case 'publish':
        return { id, ok: true, state: await publishItem(ctx, principal, actor, id, null) };
      case 'withdraw':
        await withdrawItem(ctx, principal, actor, id, body.reason!);
        return { id, ok: true, state: 'withdrawn' };
    }
  } catch (err) {
    const e = err as { status?: number; code?: string; message?: string };
    if (typeof e.status === 'number' && e.status < 500) return { id, ok: false, error: { code: e.code ?? 'error', message: e.message ?? '' } };
    throw err;
  }
}

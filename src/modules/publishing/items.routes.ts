import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../accounts/index.js';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError, notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { pageQuery } from '../../shared/validation.js';
import { can } from '../accounts/index.js';
import type { Actor } from '../audit/index.js';
import { listAttachments } from '../attachments/index.js';
import { findOrgByCode } from '../organisations/index.js';
import { approveItem, createItem, publishItem, rejectItem, submitItem, updateItem, withdrawItem } from './items.commands.js';
import { presentItem, type ItemOut } from './items.present.js';
import { itemAbilities } from './four-eyes.js';
import { findItem, findRevision, publishedInterpretations, revisionHands, type ItemWithContext } from './items.repo.js';
import { ApproveBody, CreateItemBody, PublishBody, RejectBody, UpdateItemBody, WithdrawBody } from './items.schemas.js';
import type { ItemState } from './workflow.js';

const tags = ['items'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Staff who handle the item's unit see its drafts; everyone else sees only what is published. */
function seesDrafts(principal: StaffPrincipal | null, item: ItemWithContext): boolean {
  if (!principal) return false;
  return (['item.edit', 'item.review-unit', 'item.approve', 'item.publish'] as const).some((a) => can(principal, a, item.unit_path));
}

export async function itemView(ctx: AppContext, principal: StaffPrincipal | null, id: string): Promise<ItemOut> {
  const item = await findItem(ctx.db.kysely, id);
  if (!item) throw notFound('信息不存在');
  const interpretations = await publishedInterpretations(ctx.db.kysely, item.id);
  if (seesDrafts(principal, item)) {
    const working = await findRevision(ctx.db.kysely, item.working_revision_id);
    const rev = working ?? (await findRevision(ctx.db.kysely, item.live_revision_id))!;
    const state = (item.state === 'withdrawn' ? 'withdrawn' : rev.state) as ItemState;
    return {
      ...presentItem(item, rev, state, interpretations, await listAttachments(ctx.db.kysely, rev.id)),
      unit: { code: item.unit_code, name: item.unit_name },
      // Four eyes applied, by the rule the commands enforce.
      ...itemAbilities(principal!, item.unit_path, await revisionHands(ctx.db.kysely, rev)),
    };
  }
  if (item.state === 'withdrawn') {
    throw new AppError(410, 'withdrawn', `该信息已于 ${item.withdrawn_at!.slice(0, 10)} 撤回：${item.withdrawn_reason}`, undefined, undefined, {
      withdrawnAt: item.withdrawn_at,
      reason: item.withdrawn_reason,
    });
  }
  if (item.state !== 'published' || !item.live_revision_id) throw notFound('信息不存在');
  return presentItem(item, (await findRevision(ctx.db.kysely, item.live_revision_id))!, 'published', interpretations, await listAttachments(ctx.db.kysely, item.live_revision_id));
}

/**
 * docs/product.md M3: a 规章 or 规范性文件 should be published with its 政策解读. Not a block — the interpretation may
 * follow — but the people handling it are told at each step.
 */
async function interpretationWarnings(ctx: AppContext, id: string): Promise<string[]> {
  const item = await findItem(ctx.db.kysely, id);
  const rev = item && ((await findRevision(ctx.db.kysely, item.working_revision_id)) ?? (await findRevision(ctx.db.kysely, item.live_revision_id)));
  if (!rev?.policy_kind) return [];
  const interpretation = await ctx.db.kysely.selectFrom('items').select('id').where('interprets_item_id', '=', id).where('state', '!=', 'withdrawn').limit(1).executeTakeFirst();
  return interpretation ? [] : [`该${rev.policy_kind}还没有政策解读：请同步起草解读材料并关联本文件`];
}

export function registerItemRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items',
    summary: '已发布的信息，最新在前',
    tags,
    auth: 'public',
    query: z.object({ org: z.string().trim().max(32).optional(), category: z.string().trim().max(40).optional(), ...pageQuery }),
    responses: { 200: { description: '{total, items:[Item]}' }, 404: errorResponse('unknown org') },
    handler: async ({ query }) => {
      let q = ctx.db.kysely
        .selectFrom('items as i')
        .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
        .innerJoin('organisations as a', 'a.id', 'i.agency_id')
        .where('i.state', '=', 'published');
      if (query.org) {
        const org = await findOrgByCode(ctx.db.kysely, query.org);
        if (!org) throw notFound('机构不存在');
        q = q.where('i.agency_id', '=', org.agency_id);
      }
      if (query.category) {
        const prefix = query.category.replace(/[%_]/g, '');
        q = q.where((eb) => eb.or([eb('i.category_code', '=', prefix), eb('i.category_code', 'like', `${prefix}.%`)]));
      }
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll('i')
        .select(['a.code as agency_code', 'r.id as rev_id'])
        .orderBy('i.published_at', 'desc')
        .orderBy('i.id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const revs = rows.length ? await ctx.db.kysely.selectFrom('item_revisions').selectAll().where('id', 'in', rows.map((r) => r.rev_id)).execute() : [];
      const byId = new Map(revs.map((r) => [r.id, r]));
      return { total: Number(total.n), items: rows.map((r) => presentItem(r, byId.get(r.rev_id)!, 'published', [])) };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/items/:id',
    summary: '一条信息：公众只能看到已发布的（撤回的返回 410 及理由）；经办人员可看到草稿',
    tags,
    auth: 'public',
    params: IdParams,
    responses: { 200: { description: 'Item' }, 404: errorResponse('not found or not published'), 410: errorResponse('withdrawn, with the reason') },
    handler: async ({ params, principal }) => itemView(ctx, principal, params.id),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/items',
    summary: '起草一条信息（草稿）',
    tags,
    auth: 'staff',
    body: CreateItemBody,
    bodyLimit: 4 * 1024 * 1024,
    responses: { 201: { description: 'Item' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden') },
    handler: async ({ body, principal, actor, reply }) => {
      const id = await createItem(ctx, principal, actor, body);
      reply.code(201);
      return itemView(ctx, principal, id);
    },
  });

  route(app, ctx, {
    method: 'PATCH',
    url: '/api/v1/items/:id',
    summary: '修改草稿，或为已发布的信息起草新版本（需修改说明）；version 过期返回 409',
    tags,
    auth: 'staff',
    params: IdParams,
    body: UpdateItemBody,
    bodyLimit: 4 * 1024 * 1024,
    responses: { 200: { description: 'Item' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('stale version or state') },
    handler: async ({ params, body, principal, actor }) => {
      await updateItem(ctx, principal, actor, params.id, body);
      return itemView(ctx, principal, params.id);
    },
  });

  /** The workflow transitions: the same shape, each calling its command, each answering the item as it now is. */
  const workflowRoute = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (principal: StaffPrincipal, actor: Actor, id: string, body: z.output<B>) => Promise<unknown>,
  ) =>
    route(app, ctx, {
      method: 'POST',
      url: `/api/v1/items/:id/${path}`,
      summary,
      tags,
      auth: 'staff',
      params: IdParams,
      body,
      responses: { 200: { description: 'Item' }, 403: errorResponse('role or four-eyes rule forbids it'), 409: errorResponse('state does not allow it') },
      handler: async ({ params, body: input, principal, actor }) => {
        await run(principal, actor, params.id, input as z.output<B>);
        const view = await itemView(ctx, principal, params.id);
        return { ...view, warnings: await interpretationWarnings(ctx, params.id) };
      },
    });
  workflowRoute('submit', '提交审核（规章、规范性文件没有政策解读时附警告）', z.object({}), (p, a, id) => submitItem(ctx, p, a, id));
  workflowRoute('approve', '审核通过：待初审→初审通过；待复审→复审通过并编制索引号', ApproveBody, (p, a, id, b) => approveItem(ctx, p, a, id, b));
  workflowRoute('reject', '退回（须填写意见）', RejectBody, (p, a, id, b) => rejectItem(ctx, p, a, id, b.comment));
  workflowRoute('publish', '发布；at 为将来时间则定时发布', PublishBody, (p, a, id, b) => publishItem(ctx, p, a, id, b.at ?? null));
  workflowRoute('withdraw', '撤回（须填写理由）', WithdrawBody, (p, a, id, b) => withdrawItem(ctx, p, a, id, b.reason));
}

import fs from 'node:fs';
import type { StaffPrincipal } from '../accounts/index.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { authorize } from '../accounts/index.js';
import { can } from '../accounts/index.js';
import { storeOf } from '../attachments/index.js';
import { contentDisposition } from '../attachments/index.js';
import { calendarFor } from '../calendar/index.js';
import { standingOf } from '../calendar/index.js';
import { todayIn } from '../calendar/index.js';
import { bulkHandle } from './bulk.commands.js';
import { assignMessage, dismissMessage, handles, loadMessage, replyToMessage, returnMessage, reviewReply, transferMessage, type Deps } from './handling.commands.js';
import { listInbox, recordMessageView } from './inbox.js';
import { presentDetail } from './messages.present.js';
import { messageAttachments, messageEvents } from './messages.repo.js';
import { AssignBody, BulkBody, IdParams, InboxQuery, PublishBody, ReasonBody, ReplyBody, ReviewBody, TransferBody } from './messages.schemas.js';
import { publishAnswer } from './publication.commands.js';
import { loadSettings } from './settings.js';

const tags = ['inbox'];

/** One message as staff see it; `opened`: a staff member asked to read it (recorded), not the answer to an action. */
async function detail(d: Deps & { principal: StaffPrincipal }, id: string, opened = false) {
  const { ctx, principal } = d;
  const m = await loadMessage(d, id);
  if (!can(principal, 'message.read', m.agency_path) && !(m.unit_path && can(principal, 'message.read', m.unit_path))) throw notFound('留言不存在');
  if (opened) await recordMessageView(d, m, handles(principal, m));
  const settings = await loadSettings(ctx.db.kysely, m.agency_id);
  const calendar = await calendarFor(ctx, m.agency_id);
  const standing = standingOf(calendar, todayIn(m.agency_timezone, ctx.clock()), m.due_date);
  const item = m.correction_item_id
    ? await ctx.db.kysely
        .selectFrom('items as i')
        .innerJoin('item_revisions as r', 'r.id', 'i.live_revision_id')
        .select(['i.id', 'r.title'])
        .where('i.id', '=', m.correction_item_id)
        .executeTakeFirst()
    : undefined;
  const attachments = handles(principal, m) ? (await messageAttachments(ctx.db.kysely, m.id)).map(({ storage_key: _k, ...a }) => a) : [];
  return presentDetail(m, standing, settings.dueSoonDays, await messageEvents(ctx.db.kysely, m.id), attachments, principal, item ?? null);
}

/** The office's inbox and the units' queues: list, read, route, transfer, reply, review, dismiss, publish, bulk. */
export function registerInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/inbox',
    summary: '留言办理列表：公开办看全机关，承办单位看本单位；含到期、临期、超期',
    tags,
    auth: 'staff',
    query: InboxQuery,
    responses: { 200: { description: '{total, counts, messages}' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal }) => listInbox(ctx, principal, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/inbox/:id',
    summary: '一条留言：内容、联系方式（仅办理人员可见）、办理记录、答复',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'message' }, 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => detail({ ctx, principal, actor }, params.id, true),
  });

  const action = <B extends z.ZodType>(name: string, summary: string, body: B, run: (d: Deps, id: string, body: z.output<B>) => Promise<unknown>) =>
    route(app, ctx, {
      method: 'POST',
      url: `/api/v1/inbox/:id/${name}`,
      summary,
      tags,
      auth: 'staff',
      params: IdParams,
      body,
      responses: { 200: { description: 'the message after the action' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('state or version conflict') },
      handler: async ({ params, body: b, principal, actor }) => {
        await run({ ctx, principal, actor }, params.id, b as z.output<B>);
        return detail({ ctx, principal, actor }, params.id);
      },
    });

  action('assign', '分办到承办单位', AssignBody, (d, id, b) => assignMessage(d, id, b.unitId, b.note ?? undefined));
  action('transfer', '转办到其他单位（须说明理由）', TransferBody, (d, id, b) => transferMessage(d, id, b.unitId, b.reason));
  action('return', '承办单位退回公开办（须说明理由）', ReasonBody, (d, id, b) => returnMessage(d, id, b.reason));
  action('reply', '答复（需审核时提交公开办审核）；投诉件须填写调查核实情况、责任单位和处理措施', ReplyBody, (d, id, b) => replyToMessage(d, id, b));
  action('review', '审核答复：通过并发布，或退回修改', ReviewBody, (d, id, b) => reviewReply(d, id, b));
  action('dismiss', '不予受理（须说明理由）', ReasonBody, (d, id, b) => dismissMessage(d, id, b.reason));
  action('publish', '公开或撤下问答（须留言人同意；个人信息自动遮蔽，可再编辑）', PublishBody, (d, id, b) => publishAnswer(d, id, b));

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/inbox/bulk',
    summary: '批量分办或批量答复：逐条办理，返回成功和失败的留言',
    tags,
    auth: 'staff',
    body: BulkBody,
    responses: { 200: { description: '{done:[id], failed:[{id, message}]}' }, 400: errorResponse('invalid') },
    handler: async ({ body, principal, actor }) => bulkHandle({ ctx, principal, actor }, body),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/inbox/:id/attachments/:attachmentId',
    summary: '留言附件（仅办理人员）',
    tags,
    auth: 'staff',
    params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
    responses: { 200: { description: 'the file' }, 404: errorResponse('not found') },
    handler: async ({ params, principal, actor, reply }) => {
      const m = await loadMessage({ ctx, principal, actor }, params.id);
      if (!handles(principal, m)) {
        await authorize(ctx, principal, actor, 'message.route', m.agency_path, { type: 'message', id: m.id });
        throw forbidden();
      }
      const att = (await messageAttachments(ctx.db.kysely, m.id)).find((a) => a.id === params.attachmentId);
      if (!att) throw notFound('附件不存在');
      await recordMessageView({ ctx, principal, actor }, m, true, att.id);
      reply.header('content-type', att.type).header('content-disposition', contentDisposition(att.name, false)).header('cache-control', 'private, no-store');
      return reply.send(fs.createReadStream(storeOf(ctx).pathOf(att.storage_key)));
    },
  });
}

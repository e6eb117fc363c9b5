import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import type { PublicCaller } from '../accounts/index.js';
import { contentDisposition } from '../attachments/index.js';
import { bulkHandle } from './bulk.commands.js';
import { assignMessage, dismissMessage, replyToMessage, returnMessage, reviewReply, transferMessage } from './handling.commands.js';
import { listInbox } from './inbox.js';
import { messageAttachmentFile, openMessage } from './message.queries.js';
import {
  AssignBody,
  BulkBody,
  BulkView,
  IdParams,
  InboxQuery,
  InboxView,
  MessageDetailView,
  PublishBody,
  ReasonBody,
  ReplyBody,
  ReviewBody,
  TransferBody,
} from './messages.schemas.js';
import { publishAnswer } from './publication.commands.js';

const tags = ['inbox'];

/** The office's inbox and the units' queues: list, read, route, transfer, reply, review, dismiss, publish, bulk. */
export function registerInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/inbox',
    summary: '留言办理列表：公开办看全机关，承办单位看本单位；含到期、临期、超期',
    tags,
    auth: 'staff',
    query: InboxQuery,
    responses: { 200: { description: 'one page of messages, with the counts by state and deadline', schema: InboxView }, 403: errorResponse('forbidden') },
    handler: ({ caller, query }) => listInbox(caller, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/inbox/:id',
    summary: '一条留言：内容、联系方式（仅办理人员可见）、办理记录、答复',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'the message', schema: MessageDetailView }, 404: errorResponse('not found') },
    handler: ({ caller, params }) => openMessage(caller, params.id),
  });

  /** An action on one message: its command answers the message as the caller now sees it. */
  const action = <B extends z.ZodType>(name: string, summary: string, body: B, run: (caller: PublicCaller, id: string, body: z.output<B>) => Promise<unknown>) =>
    route(app, ctx, {
      method: 'POST',
      url: `/api/v1/inbox/:id/${name}`,
      summary,
      tags,
      auth: 'staff',
      params: IdParams,
      body,
      responses: { 200: { description: 'the message after the action', schema: MessageDetailView }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('state or version conflict') },
      handler: ({ caller, params, body: b }) => run(caller, params.id, b as z.output<B>),
    });

  action('assign', '分办到承办单位', AssignBody, (c, id, b) => assignMessage(c, id, b.unitId, b.note ?? undefined));
  action('transfer', '转办到其他单位（须说明理由）', TransferBody, (c, id, b) => transferMessage(c, id, b.unitId, b.reason));
  action('return', '承办单位退回公开办（须说明理由）', ReasonBody, (c, id, b) => returnMessage(c, id, b.reason));
  action('reply', '答复（需审核时提交公开办审核）；投诉件须填写调查核实情况、责任单位和处理措施', ReplyBody, (c, id, b) => replyToMessage(c, id, b));
  action('review', '审核答复：通过并发布，或退回修改', ReviewBody, (c, id, b) => reviewReply(c, id, b));
  action('dismiss', '不予受理（须说明理由）', ReasonBody, (c, id, b) => dismissMessage(c, id, b.reason));
  action('publish', '公开或撤下问答（须留言人同意；个人信息自动遮蔽，可再编辑）', PublishBody, (c, id, b) => publishAnswer(c, id, b));

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/inbox/bulk',
    summary: '批量分办或批量答复：逐条办理，返回成功和失败的留言',
    tags,
    auth: 'staff',
    body: BulkBody,
    responses: { 200: { description: 'each message in the order asked: its inbox row, or why it was refused; the counts', schema: BulkView }, 400: errorResponse('invalid') },
    handler: ({ caller, body }) => bulkHandle(caller, body),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/inbox/:id/attachments/:attachmentId',
    summary: '留言附件（仅办理人员）',
    tags,
    auth: 'staff',
    params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
    responses: { 200: { description: 'the file' }, 404: errorResponse('not found') },
    handler: async ({ caller, params, reply }) => {
      const file = await messageAttachmentFile(caller, params.id, params.attachmentId);
      reply.header('content-type', file.type).header('content-disposition', contentDisposition(file.name, false)).header('cache-control', 'private, no-store');
      return reply.send(fs.createReadStream(file.path));
    },
  });
}

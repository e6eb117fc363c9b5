import fs from 'node:fs';
import type { StaffPrincipal } from '../accounts/index.js';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError, notFound } from '../../shared/errors.js';
import { errorResponse, openApiOf } from '../../http/openapi.js';
import { multipartParts } from '../../http/multipart.js';
import { route } from '../../http/route.js';
import { can } from '../accounts/index.js';
import { resolveSession, SESSION_COOKIE } from '../accounts/index.js';
import { addAttachment, importDocx, removeAttachment, storeOf, type AttachmentDeps, type Part } from './attachments.commands.js';
import { attachmentRows } from './attachments.repo.js';
import { LIMITS } from './limits.js';
import { contentDisposition } from './names.js';
import { KIND_INFO, kindOfMime } from './types.js';

const tags = ['attachments'];
const ItemParams = z.object({ id: z.string().min(1).max(64) });
const AttachmentParams = z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const MULTIPART_ERRORS: Record<string, string> = {
  FST_REQ_FILE_TOO_LARGE: `文件不能超过 ${LIMITS.fileBytes / 1024 / 1024} MB`,
  FST_PARTS_LIMIT: '表单项过多',
  FST_FILES_LIMIT: '每次只能上传一个文件',
  FST_FIELDS_LIMIT: '表单项过多',
};

/** The parts of a multipart request, with the plugin's limit errors turned into ours. */
async function* partsOf(req: FastifyRequest): AsyncGenerator<Part> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
  // One byte beyond our own limit: the commands' meters refuse first, with the precise message.
  const limits = { fileSize: LIMITS.fileBytes + 1, files: 1, fields: 4, fieldSize: LIMITS.fieldBytes, parts: 5, headerPairs: 50 };
  yield* multipartParts(req, limits, (code) => {
    const message = MULTIPART_ERRORS[code];
    return message ? new AppError(413, 'payload_too_large', message, { file: message }) : undefined;
  });
}

function deps(ctx: AppContext, principal: StaffPrincipal, actor: AttachmentDeps['actor'], req: FastifyRequest): AttachmentDeps {
  return { ctx, principal, actor, log: req.log };
}

/** Staff who handle the item's unit see its drafts (and their attachments). */
function seesDrafts(principal: StaffPrincipal | null, unitPath: string): boolean {
  if (!principal) return false;
  return (['item.edit', 'item.review-unit', 'item.approve', 'item.publish'] as const).some((a) => can(principal, a, unitPath));
}

/**
 * Attachments: upload to and removal from the working revision, .docx import as the body (API, staff), and
 * the download of a file (`/attachments/:id/:name`, outside the API so links read well; the name is cosmetic).
 */
export async function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // The multipart parser only where files are expected: an encapsulated scope with the two upload routes.
  await app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: LIMITS.fileBytes + 1, files: 1 } });

    route(scope, ctx, {
      method: 'POST',
      url: '/api/v1/items/:id/attachments',
      summary: `上传附件（multipart/form-data，字段 file）：PDF、Word、Excel、图片；按内容识别类型，单个文件不超过 ${LIMITS.fileBytes / 1024 / 1024} MB`,
      tags,
      auth: 'staff',
      params: ItemParams,
      responses: {
        201: { description: '{id,name,size,type}' },
        400: errorResponse('no file'),
        403: errorResponse('forbidden'),
        409: errorResponse('revision not editable'),
        413: errorResponse('file or total too large'),
        415: errorResponse('type not accepted, extension does not match the content, or unsafe archive'),
      },
      handler: async ({ params, principal, actor, req, reply }) => {
        const out = await addAttachment(deps(ctx, principal, actor, req), params.id, partsOf(req));
        reply.code(201);
        return out;
      },
    });

    route(scope, ctx, {
      method: 'POST',
      url: '/api/v1/items/:id/import-docx',
      summary: '导入 Word 文档（.docx）为正文（multipart/form-data，字段 file 和 version）；文中图片成为附件',
      tags,
      auth: 'staff',
      params: ItemParams,
      responses: {
        200: { description: '{body, warnings:[string], attachments:[{id,name,size,type}], version}' },
        400: errorResponse('no file or version'),
        403: errorResponse('forbidden'),
        409: errorResponse('stale version or revision not editable'),
        413: errorResponse('too large'),
        415: errorResponse('not a .docx, or unsafe archive'),
      },
      handler: async ({ params, principal, actor, req }) => importDocx(deps(ctx, principal, actor, req), params.id, partsOf(req)),
    });
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/items/:id/attachments/:attachmentId',
    summary: '删除工作版本的附件',
    tags,
    auth: 'staff',
    params: AttachmentParams,
    responses: { 204: { description: 'removed' }, 403: errorResponse('forbidden'), 404: errorResponse('no such attachment'), 409: errorResponse('revision not editable') },
    handler: async ({ params, principal, actor, req, reply }) => {
      await removeAttachment(deps(ctx, principal, actor, req), params.id, params.attachmentId);
      reply.code(204);
      return null;
    },
  });

  openApiOf(ctx).add({
    method: 'GET',
    url: '/attachments/:id/:name',
    summary: '下载附件：已发布信息的附件公开；草稿的附件仅经办人员可下载；支持 HEAD、Range、ETag',
    tags,
    auth: 'public',
    responses: { 200: { description: 'the file' }, 206: { description: 'a range' }, 304: { description: 'not modified' }, 404: errorResponse('not found'), 410: errorResponse('withdrawn') },
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/attachments/:id/:name',
    handler: (req, reply) => download(ctx, req, reply),
  });
}

async function download(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { id } = req.params as { id: string };
  if (!UUID.test(id)) throw notFound('附件不存在');
  const rows = await attachmentRows(ctx.db.kysely, id);
  let row = rows.find((r) => r.item_state === 'published' && r.revision_id === r.live_revision_id);
  const isPublic = row !== undefined;
  if (!row && rows.length) {
    // The session is resolved only for /api/ requests; staff fetching a draft's file bring theirs here.
    const token = req.cookies[SESSION_COOKIE];
    const principal = token ? await resolveSession(ctx, token) : null;
    if (seesDrafts(principal, rows[0]!.unit_path)) {
      row = rows.find((r) => r.revision_id === r.working_revision_id) ?? rows.find((r) => r.revision_id === r.live_revision_id) ?? rows.at(-1);
    } else if (rows.some((r) => r.item_state === 'withdrawn')) {
      throw new AppError(410, 'withdrawn', '该信息已撤回，附件不再提供下载');
    }
  }
  if (!row) throw notFound('附件不存在');

  const file = storeOf(ctx).pathOf(row.storage_key);
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    req.log.error({ attachment: row.id, key: row.storage_key }, 'attachment file missing');
    throw notFound('附件文件缺失');
  }
  const kind = kindOfMime(row.type);
  const etag = `"${row.sha256}"`;
  reply.header('content-type', row.type);
  reply.header('content-disposition', contentDisposition(row.name, kind ? KIND_INFO[kind].inline : false));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('etag', etag);
  reply.header('accept-ranges', 'bytes');
  reply.header('cache-control', isPublic ? 'public, max-age=3600' : 'private, no-store');

  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*')) {
    reply.code(304);
    return reply.send();
  }

  let start = 0;
  let end = size - 1;
  const range = req.headers.range;
  const ifRange = req.headers['if-range'];
  if (range && (!ifRange || ifRange === etag)) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    const parsed = m && (m[1] || m[2]) ? (m[1] ? [Number(m[1]), m[2] ? Math.min(Number(m[2]), size - 1) : size - 1] : [Math.max(0, size - Number(m[2])), size - 1]) : null;
    if (!parsed || parsed[0]! > parsed[1]! || parsed[0]! >= size) {
      reply.code(416);
      reply.header('content-range', `bytes */${size}`);
      return reply.send();
    }
    [start, end] = parsed as [number, number];
    reply.code(206);
    reply.header('content-range', `bytes ${start}-${end}/${size}`);
  }
  reply.header('content-length', String(size === 0 ? 0 : end - start + 1));
  if (req.method === 'HEAD' || size === 0) return reply.send();
  return reply.send(fs.createReadStream(file, { start, end }));
}

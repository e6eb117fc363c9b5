import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { errorResponse, noContent, openApiOf } from '../../http/openapi.js';
import { multipartParts } from '../../http/multipart.js';
import { route } from '../../http/route.js';
import { resolveSession, SESSION_COOKIE } from '../accounts/index.js';
import { LIMITS, sendStoredFile, storeOf, type Part } from '../attachments/index.js';
import { addAttachment, removeAttachment } from './attachments.commands.js';
import { importDocx } from './docx.commands.js';
import { AttachmentView } from './items.schemas.js';
import { attachmentFile } from './items.views.js';

const tags = ['attachments'];
const ItemParams = z.object({ id: z.string().min(1).max(64) });
const AttachmentParams = z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) });
const ImportView = z.object({ body: z.string(), warnings: z.array(z.string()), attachments: z.array(AttachmentView), version: z.number().int() });

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

/**
 * The files of items: upload to and removal from the working revision, .docx import as the body (API, staff), and
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
        201: { description: '{id,name,size,type}', schema: AttachmentView },
        400: errorResponse('no file'),
        403: errorResponse('forbidden'),
        409: errorResponse('revision not editable'),
        413: errorResponse('file or total too large'),
        415: errorResponse('type not accepted, extension does not match the content, or unsafe archive'),
      },
      handler: async ({ params, caller, req, reply }) => {
        const out = await addAttachment(caller, params.id, partsOf(req), { log: req.log });
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
        200: { description: '{body, warnings:[string], attachments:[{id,name,size,type}], version}', schema: ImportView },
        400: errorResponse('no file or version'),
        403: errorResponse('forbidden'),
        409: errorResponse('stale version or revision not editable'),
        413: errorResponse('too large'),
        415: errorResponse('not a .docx, or unsafe archive'),
      },
      handler: async ({ params, caller, req }) => importDocx(caller, params.id, partsOf(req), { log: req.log }),
    });
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/items/:id/attachments/:attachmentId',
    summary: '删除工作版本的附件',
    tags,
    auth: 'staff',
    params: AttachmentParams,
    responses: { 204: noContent('removed'), 403: errorResponse('forbidden'), 404: errorResponse('no such attachment'), 409: errorResponse('revision not editable') },
    handler: async ({ params, caller, reply }) => {
      await removeAttachment(caller, params.id, params.attachmentId);
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
    handler: async (req, reply) => {
      // The session is resolved only for /api/ requests; staff fetching a draft's file bring theirs here.
      const token = req.cookies[SESSION_COOKIE];
      const file = await attachmentFile(ctx, (req.params as { id: string }).id, async () => (token ? resolveSession(ctx, token) : null));
      return sendStoredFile(storeOf(ctx), req, reply, file);
    },
  });
}

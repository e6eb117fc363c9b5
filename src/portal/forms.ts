import { buffer } from 'node:stream/consumers';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../shared/context.js';
import { AppError, notFound } from '../shared/errors.js';
import { multipartParts } from '../http/multipart.js';
import { sameOrigin } from '../http/security.js';
import type { FormFile, SiteForm } from './site-api.js';
import { renderPage } from './layout.js';
import { pageFor } from './page-cache.js';
import { resolveRequest } from './resolve.js';
import { readPrefs } from './prefs.js';
import { portalState } from './state.js';
import { href, makeView } from './view.js';

async function readMultipart(req: FastifyRequest, limits: { max: number; maxFileBytes: number }) {
  const fields: Record<string, string> = {};
  const files: FormFile[] = [];
  if (!req.isMultipart()) return { fields: { ...((req.body ?? {}) as Record<string, string>) }, files };
  const parts = multipartParts(req, { files: limits.max, fileSize: limits.maxFileBytes, fields: 40, fieldSize: 64 * 1024, parts: 60 }, (code) =>
    code === 'FST_FILES_LIMIT' ? new AppError(400, 'too_many_files', `最多上传 ${limits.max} 个文件`) : undefined,
  );
  for await (const part of parts) {
    if (part.type === 'file') {
      const data = await buffer(part.stream);
      // Cut at the limit: larger than `maxFileBytes`. An empty file input is sent as a part with no name and no bytes: not a file.
      if (part.stream.truncated) files.push({ field: part.field, filename: part.filename, data: Buffer.alloc(0), truncated: true });
      else if (part.filename || data.length) files.push({ field: part.field, filename: part.filename, data, truncated: false });
    } else {
      fields[part.field] = part.value;
    }
  }
  return { fields, files };
}

async function handle(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, form: SiteForm) {
  const state = portalState(ctx)!;
  const { site, base, request } = await resolveRequest(ctx, req, state);
  if (!site) throw notFound('您访问的页面不存在');
  if (!sameOrigin(req, req.headers.origin ?? req.headers.referer ?? '')) throw new AppError(403, 'cross_origin', '拒绝跨站提交，请从本站页面提交表单');
  const { fields, files } = form.files
    ? await readMultipart(req, form.files)
    : { fields: normaliseFields(req.body), files: [] as FormFile[] };
  const prefs = readPrefs(req);
  const view = makeView({ prefs, agency: site.agency, base, path: request.path, cssHref: state.css.href });
  const outcome = await form.submit(ctx, view, site.agency, { fields, files, req, request });
  reply.header('cache-control', 'no-store');
  if ('redirect' in outcome) return reply.redirect(href(view, outcome.redirect), 303);
  const page = pageFor(renderPage(view, outcome.content), prefs.lang, outcome.status ? { status: outcome.status } : {});
  return reply.code(page.status ?? 200).type('text/html; charset=utf-8').header('content-language', page.lang).send(page.body);
}

function normaliseFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const value: unknown = Array.isArray(v) ? (v as unknown[]).at(-1) : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

/** Registers each form at its path and under /sites/{code}; multipart parsing only in the scope of forms that take files. */
export async function registerSiteForms(app: FastifyInstance, ctx: AppContext, forms: readonly SiteForm[]): Promise<void> {
  const plain = forms.filter((f) => !f.files);
  const withFiles = forms.filter((f) => f.files);
  for (const form of plain) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => handle(ctx, req, reply, form);
    app.post(form.path, handler);
    app.post(`/sites/:site${form.path}`, handler);
  }
  if (!withFiles.length) return;
  await app.register(async (scope) => {
    // A file over the limit is cut and marked truncated, so the form can say which file is too large.
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: Math.max(...withFiles.map((f) => f.files!.maxFileBytes)) } });
    for (const form of withFiles) {
      const handler = (req: FastifyRequest, reply: FastifyReply) => handle(ctx, req, reply, form);
      scope.post(form.path, handler);
      scope.post(`/sites/:site${form.path}`, handler);
    }
  });
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { renderPortalError } from '../portal/error-page.js';
import type { AppContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import { asClientError } from './multipart.js';
import { fieldErrors } from '../shared/validation.js';

/** Fastify's own client errors, mapped to our codes and Chinese messages. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: '提交的内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: '不支持的内容类型' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: '请求体为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request', message: '请求体不是有效的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: '请求长度不正确' },
  // A path whose percent-escapes do not decode as UTF-8 (e.g. an encoded lone surrogate): the input rule's code.
  FST_ERR_BAD_URL: { status: 400, code: 'invalid_text', message: '网址中含有无法识别的字符' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', message: '网址过长' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'bad_request', message: '请求不正确' },
};

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; requestId: string } & Record<string, unknown>;
}

export function toErrorBody(err: unknown, requestId: string): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      headers: err.headers,
      body: {
        error: {
          code: err.code,
          message: err.message,
          ...(err.fields ? { fields: err.fields } : {}),
          ...(err.extra ?? {}),
          requestId,
        },
      },
    };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { error: { code: 'validation_failed', message: '提交的内容有误', fields: fieldErrors(err), requestId } } };
  }
  const fe = err as FastifyError;
  const known = fe?.code ? FASTIFY_ERRORS[fe.code] : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: known.message, requestId } } };
  if (fe?.statusCode === 429) {
    return { status: 429, body: { error: { code: 'too_many_requests', message: '请求过于频繁，请稍后再试', requestId } } };
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'bad_request', message: '请求不正确', requestId } } };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: '服务器内部错误，请稍后再试', requestId } } };
}

/**
 * One place turns every failure into an answer: JSON `{error:{code,message,fields}}` for the API, a
 * readable Chinese page for the portal. A stack trace is logged with the request id, never sent.
 */
export function registerErrorHandling(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (err, req, reply) => answerError(ctx, err, req, reply));
  app.setNotFoundHandler(async (req, reply) =>
    send(ctx, req, reply, 404, { error: { code: 'not_found', message: '您访问的页面不存在', requestId: String(req.id) } }),
  );
}

/** The answer to a failure; also for the router's own errors (Fastify's `frameworkErrors`), which bypass the handler. */
export async function answerError(ctx: AppContext, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body, headers } = toErrorBody(asClientError(err, req), String(req.id));
  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: body.error.code, status }, 'request refused');
  reply.header('x-request-id', req.id);
  return send(ctx, req, reply, status, body, headers);
}

/** Fastify's `frameworkErrors`: the router's own refusals (an undecodable path) answered like any other error. */
export function frameworkErrorHandler(ctx: () => AppContext) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    answerError(ctx(), err, req, reply).then(
      (payload) => reply.send(payload),
      (failure: unknown) => {
        req.log.error({ err: failure }, 'error answer failed');
        reply.code(500).send();
      },
    );
  };
}

async function send(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
  headers?: Record<string, string>,
) {
  if (headers) reply.headers(headers);
  reply.code(status);
  if (req.url.startsWith('/api/') || !acceptsHtml(req)) return body;
  reply.type('text/html; charset=utf-8');
  return renderPortalError(ctx, req, status, body.error.message, String(req.id));
}

function acceptsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import { escapeHtml } from './html.js';

/** A readable page for any failure in the portal; the request id lets the office find the log line. */
export async function renderPortalError(
  _ctx: AppContext,
  _req: FastifyRequest,
  status: number,
  message: string,
  requestId: string,
): Promise<string> {
  const title = status === 404 ? '页面不存在' : status >= 500 ? '服务暂时不可用' : '请求有误';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p>请求编号：${escapeHtml(requestId)}</p><p><a href="/">返回首页</a></p></main></body></html>`;
}

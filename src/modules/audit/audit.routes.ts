import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { exportAuditCsv, listAuditRecords, verifyAudit } from './audit.read.js';
import { AuditFilters, AuditPageOut, AuditPageQuery, VerifyOut } from './audit.schemas.js';

/** Reading the log needs `audit.read` (the auditor's); the route checks it and hands the reader's scope over. */
const AUDIT_READ = { action: 'audit.read', object: 'audit' } as const;

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/audit',
    summary: '审计日志（审计管理员，只读）',
    tags: ['audit'],
    auth: 'staff',
    permission: AUDIT_READ,
    query: AuditPageQuery,
    responses: { 200: { description: 'records, newest first', schema: AuditPageOut }, 403: errorResponse('forbidden') },
    handler: ({ query, caller, scope }) => listAuditRecords(caller, scope, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/audit/export.csv',
    summary: '导出审计日志 CSV（导出本身也记入审计日志）',
    tags: ['audit'],
    auth: 'staff',
    permission: AUDIT_READ,
    query: AuditFilters,
    responses: { 200: { description: 'CSV, UTF-8 with BOM for Excel', schema: z.string(), contentType: 'text/csv' }, 403: errorResponse('forbidden') },
    handler: async ({ query, caller, scope, reply }) => {
      const csv = await exportAuditCsv(caller, scope, query);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
      return csv;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/audit/verify',
    summary: '校验审计日志哈希链',
    tags: ['audit'],
    auth: 'staff',
    permission: AUDIT_READ,
    responses: { 200: { description: 'result', schema: VerifyOut }, 403: errorResponse('forbidden') },
    handler: ({ caller }) => verifyAudit(caller),
  });
}

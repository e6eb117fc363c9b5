import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../accounts/index.js';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { pageQuery } from '../../shared/validation.js';
import { ANYWHERE, authorize } from '../accounts/index.js';
import { scopeFor } from '../accounts/index.js';
import { appendAudit, auditQuery, verifyAuditChain, type AuditQuery } from './audit.js';
import { toCsv } from './csv.js';
import { isIsoDateOrInstant, startOfDay } from '../../shared/dates.js';

const isoDate = z.string().refine(isIsoDateOrInstant, '日期应为存在的日期，格式 YYYY-MM-DD');

const Filters = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(32).optional(),
  objectId: z.string().trim().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const AuditRecordOut = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  summary: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  outcome: z.string(),
  hash: z.string(),
});

/** A date-only `to` includes that whole day (China Standard Time). */
function toFilter(principal: StaffPrincipal, f: z.output<typeof Filters>): AuditQuery {
  const scope = scopeFor(principal, 'audit.read');
  const day = (d: string, end: boolean) =>
    d.length === 10 ? new Date(startOfDay(d).getTime() + (end ? 86_400_000 : 0)).toISOString() : new Date(d).toISOString();
  return {
    ...(scope.all ? {} : { paths: scope.paths }),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.objectType ? { objectType: f.objectType } : {}),
    ...(f.objectId ? { objectId: f.objectId } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.from ? { from: day(f.from, false) } : {}),
    ...(f.to ? { to: day(f.to, true) } : {}),
  };
}

function parseSummary(s: string | null): unknown {
  if (!s) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/audit',
    summary: '审计日志（审计管理员，只读）',
    tags: ['audit'],
    auth: 'staff',
    query: Filters.extend(pageQuery),
    responses: {
      200: { description: 'records, newest first', schema: z.object({ total: z.number(), records: z.array(AuditRecordOut) }) },
      403: errorResponse('forbidden'),
    },
    handler: async ({ query, principal, actor }) => {
      await authorize(ctx, principal, actor, 'audit.read', ANYWHERE, {
        type: 'audit',
      });
      const base = auditQuery(ctx.db.kysely, toFilter(principal, query));
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      return {
        total: Number(total.n),
        records: rows.map((r) => ({
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          actorRoles: r.actor_roles,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          summary: parseSummary(r.summary),
          ip: r.ip,
          requestId: r.request_id,
          outcome: r.outcome,
          hash: r.hash,
        })),
      };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/audit/export.csv',
    summary: '导出审计日志 CSV（导出本身也记入审计日志）',
    tags: ['audit'],
    auth: 'staff',
    query: Filters,
    responses: { 200: { description: 'text/csv, UTF-8 with BOM for Excel' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor, reply }) => {
      await authorize(ctx, principal, actor, 'audit.read', ANYWHERE, {
        type: 'audit',
      });
      const filter = toFilter(principal, query);
      const rows = await ctx.db.kysely.transaction().execute(async (trx) => {
        const found = await auditQuery(trx, filter).selectAll().orderBy('seq').limit(100_000).execute();
        await appendAudit(trx, ctx, actor, { action: 'audit.export', objectType: 'audit', summary: { filter: query, rows: found.length } });
        return found;
      });
      const csv = toCsv(
        ['序号', '时间', '操作人', '角色', '操作', '对象类型', '对象', '摘要', '地址', '请求号', '结果', '哈希'],
        rows.map((r) => [r.seq, r.at, r.actor_name, r.actor_roles, r.action, r.object_type, r.object_id, r.summary, r.ip, r.request_id, r.outcome, r.hash]),
      );
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
      return '\uFEFF' + csv;
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/audit/verify',
    summary: '校验审计日志哈希链',
    tags: ['audit'],
    auth: 'staff',
    responses: {
      200: {
        description: 'result',
        schema: z.object({
          ok: z.boolean(),
          count: z.number(),
          /** Checkpoints kept outside the database that the log was checked against. */
          checkpoints: z.number(),
          break: z
            .object({
              seq: z.number(),
              problem: z.enum(['missing', 'altered', 'relinked', 'truncated', 'wrong-key', 'forged-checkpoint']),
              expectedSeq: z.number().optional(),
              checkpointSeq: z.number().optional(),
              checkpointAt: z.string().optional(),
              keyId: z.string().optional(),
            })
            .optional(),
        }),
      },
    },
    handler: async ({ principal, actor }) => {
      await authorize(ctx, principal, actor, 'audit.read', ANYWHERE, { type: 'audit' });
      const result = await verifyAuditChain(ctx);
      await ctx.db.kysely.transaction().execute((trx) =>
        appendAudit(trx, ctx, actor, {
          action: 'audit.verify',
          objectType: 'audit',
          outcome: result.ok ? 'success' : 'failure',
          summary: { count: result.count, checkpoints: result.checkpoints, ...(result.break ? { break: result.break } : {}) },
        }),
      );
      return result;
    },
  });
}

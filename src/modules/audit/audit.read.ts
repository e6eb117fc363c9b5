import type { AppContext } from '../../shared/context.js';
import { startOfDay } from '../../shared/dates.js';
import { appendAudit, auditQuery, verifyAuditChain, type Actor, type AuditQuery } from './audit.js';
import type { AuditFilters, AuditPageOut, AuditPageQuery, VerifyOut } from './audit.schemas.js';
import { toCsv } from './csv.js';

/**
 * Who reads the audit log: a command's caller as far as the audit module needs it. The audit module knows no
 * principal and no policy (the accounts module writes audit records, so it cannot depend on accounts): whoever
 * calls has checked `audit.read` and passes the reader's scope.
 */
export interface AuditReader {
  ctx: AppContext;
  actor: Actor;
}

/** The part of the log a reader may see: everything, or the records of the organisations under these paths. */
export type AuditScope = { all: true } | { all: false; paths: string[] };

/** A date-only `to` includes that whole day (China Standard Time). */
function toQuery(scope: AuditScope, f: AuditFilters): AuditQuery {
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

/** A page of the records in the reader's scope, newest first. */
export async function listAuditRecords(reader: AuditReader, scope: AuditScope, query: AuditPageQuery): Promise<AuditPageOut> {
  const base = auditQuery(reader.ctx.db.kysely, toQuery(scope, query));
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
}

/** The records in the reader's scope as CSV (UTF-8 with BOM, for Excel), oldest first; the export is audited with them. */
export async function exportAuditCsv(reader: AuditReader, scope: AuditScope, filters: AuditFilters): Promise<string> {
  const { ctx, actor } = reader;
  const rows = await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await auditQuery(trx, toQuery(scope, filters)).selectAll().orderBy('seq').limit(100_000).execute();
    await appendAudit(trx, ctx, actor, { action: 'audit.export', objectType: 'audit', summary: { filter: filters, rows: found.length } });
    return found;
  });
  const csv = toCsv(
    ['序号', '时间', '操作人', '角色', '操作', '对象类型', '对象', '摘要', '地址', '请求号', '结果', '哈希'],
    rows.map((r) => [r.seq, r.at, r.actor_name, r.actor_roles, r.action, r.object_type, r.object_id, r.summary, r.ip, r.request_id, r.outcome, r.hash]),
  );
  return '\uFEFF' + csv;
}

/** Checks the hash chain against the key and the checkpoints; the check and its outcome are audited. */
export async function verifyAudit(reader: AuditReader): Promise<VerifyOut> {
  const { ctx, actor } = reader;
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
}

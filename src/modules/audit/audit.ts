import { sql } from 'kysely';
import { lockForTransaction, type Db, type Queryable, type Tx } from '../../db/database.js';
import { checkEnd, checkRecords, GENESIS_HASH, readCheckpoint, sealedHash, startChain, type ChainBreak, type Checkpoint } from './chain.js';
import type { AuditSeal } from './seal.js';

/** Who is acting, and from where: attached to every audit record. */
export interface Actor {
  id: string | null;
  name: string;
  roles: string[];
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', roles: [], ip: null, requestId: null };

export function cliActor(): Actor {
  const osUser = process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  return { id: null, name: `cli:${osUser}`, roles: [], ip: null, requestId: null };
}

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  /** Path of the organisation concerned, so auditors scoped to an agency see its records. */
  orgPath?: string | null;
  /** Before/after or other details; stored as JSON. Never passwords, tokens or secrets. */
  summary?: Record<string, unknown>;
  outcome?: 'success' | 'failure' | 'denied';
  at?: string;
}

/** Any key that looks like a secret is dropped from summaries before they are stored. */
const SECRET_KEY = /password|secret|token|totp|hash/i;

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = scrub(v);
    return out;
  }
  return value;
}

/** The part of the application context that auditing needs. */
export interface AuditContext {
  db: Db;
  clock: () => Date;
  auditSeal: AuditSeal;
}

// Any constant works; it names the audit chain among the advisory locks of the deployment.
const AUDIT_LOCK_KEY = 7_263_001;

/**
 * Appends one record inside the caller's transaction, so the record exists exactly when the change does.
 * The advisory lock serialises appenders across app instances on PostgreSQL.
 */
export async function appendAudit(trx: Tx, ctx: AuditContext, actor: Actor, entry: AuditEntry): Promise<number> {
  const [seq] = await appendAudits(trx, ctx, actor, [entry]);
  return seq!;
}

/**
 * Appends several records in order with one lock, one read of the chain's head and one insert — for bulk
 * commands (an import of thousands of documents) whose every change is still recorded one by one.
 */
export async function appendAudits(trx: Tx, ctx: AuditContext, actor: Actor, entries: readonly AuditEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const key = ctx.auditSeal.key();
  await lockForTransaction(trx, ctx.db.dialect, AUDIT_LOCK_KEY);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  const at = ctx.clock().toISOString();
  const rows = entries.map((entry) => {
    const record = {
      seq: ++seq,
      at: entry.at ?? at,
      actor_id: actor.id,
      actor_name: actor.name,
      actor_roles: actor.roles.length ? actor.roles.join(',') : null,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      org_path: entry.orgPath ?? null,
      summary: entry.summary ? JSON.stringify(scrub(entry.summary)) : null,
      ip: actor.ip,
      request_id: actor.requestId,
      outcome: entry.outcome ?? 'success',
      prev_hash: prev,
      key_id: key.id,
    } as const;
    prev = sealedHash(key, record);
    return { ...record, hash: prev };
  });
  // Bounded statements: SQLite and PostgreSQL both limit the bound parameters of one statement.
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
  ctx.auditSeal.appended(seq, rows.length);
  return rows.map((r) => r.seq);
}

/** Records an event that changes nothing else (a failed login, a denied request) in its own transaction. */
export async function recordAudit(ctx: AuditContext, actor: Actor, entry: AuditEntry): Promise<void> {
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(trx, ctx, actor, entry));
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  /** Checkpoints (outside the database) the log was checked against. */
  checkpoints: number;
  break?: ChainBreak;
}

/**
 * Checks the chain with the key, and against every checkpoint kept outside the database: each checkpointed
 * record must exist with the same hash, and the log must reach the latest checkpoint. Walks in pages.
 * An intact head is checkpointed in turn. Throws AuditKeyError when the key cannot be read.
 */
export async function verifyAuditChain(ctx: AuditContext, pageSize = 5000): Promise<VerifyResult> {
  const key = ctx.auditSeal.existingKey();
  // Read before the walk: a checkpoint is written only after its records were committed, so the walk reaches it.
  const checkpoints: Checkpoint[] = [];
  for (const line of await ctx.auditSeal.readCheckpoints(key)) {
    const reading = readCheckpoint(key, line);
    if (!reading.ok) {
      const { ok: _ok, ...brk } = reading;
      return { ok: false, count: 0, checkpoints: checkpoints.length, break: brk };
    }
    checkpoints.push(reading.checkpoint);
  }
  const state = startChain(key, checkpoints);
  let after = 0;
  for (;;) {
    const page = await ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    const brk = page.length ? checkRecords(state, page) : checkEnd(state);
    if (brk) return { ok: false, count: state.count, checkpoints: checkpoints.length, break: brk };
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
  }
  if (state.count > 0) await ctx.auditSeal.checkpoint({ seq: state.expectedSeq - 1, hash: state.prevHash });
  return { ok: true, count: state.count, checkpoints: checkpoints.length };
}

export interface AuditQuery {
  /** Paths the reader may see; undefined = everything. */
  paths?: string[];
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  outcome?: string;
}

export function auditQuery(q: Queryable, f: AuditQuery) {
  let query = q.selectFrom('audit_log');
  if (f.paths) {
    const paths = f.paths;
    query = query.where((eb) =>
      paths.length ? eb.or(paths.map((p) => eb('org_path', 'like', `${p}%`))) : sql<boolean>`1 = 0`,
    );
  }
  if (f.actor) query = query.where((eb) => eb.or([eb('actor_name', '=', f.actor!), eb('actor_id', '=', f.actor!)]));
  if (f.action) query = query.where('action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
  if (f.objectType) query = query.where('object_type', '=', f.objectType);
  if (f.objectId) query = query.where('object_id', '=', f.objectId);
  if (f.outcome) query = query.where('outcome', '=', f.outcome as 'success');
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<', f.to);
  return query;
}

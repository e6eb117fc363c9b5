import crypto from 'node:crypto';
import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, conflict, notFound } from '../../shared/errors.js';
import { appendAudit, recordAudit, SYSTEM_ACTOR } from '../audit/index.js';
import { loadAssignments } from './accounts.repo.js';
import { ANYWHERE, requirePermission } from './authorize.js';
import type { Caller } from './caller.js';
import {
  applyReset,
  CREDENTIAL_LABELS,
  DECISION_REFUSAL_MESSAGES,
  decisionRefusal,
  needsTwoPeople,
  prepareReset,
  RESET_REQUEST_HOURS,
  type CredentialKind,
} from './credentials.js';
import { presentReset } from './resets.present.js';
import { findPendingReset, findReset, listResets, overdueResets, type ResetRow } from './resets.repo.js';
import type { ApprovedResetOut, ResetListOut, ResetRequestOut } from './resets.schemas.js';
import { scopeFor } from './roles.js';
import { findUserWithOrg } from './users.repo.js';

/**
 * Two-person resets of the administrators' credentials (docs/adr/0005): one administrator asks, with a reason;
 * a different one — never the requester, never the account's owner — approves, and only then is the one-time
 * password issued or the second factor cleared. Unanswered requests expire after RESET_REQUEST_HOURS.
 */
export async function requestReset(
  caller: Caller,
  userId: string,
  input: { kind: CredentialKind; reason: string },
): Promise<ResetRequestOut> {
  const { ctx, principal, actor } = caller;
  await expireOverdueResets(ctx);
  const user = await findUserWithOrg(ctx.db.kysely, userId);
  if (!user) throw notFound('用户不存在');
  await requirePermission(caller, 'user.reset-admin', user.org_path, { type: 'user', id: userId });
  if (principal.userId === userId) throw conflict('不能为自己的账号申请重置，请由其他管理员申请', 'not_allowed');
  if (!needsTwoPeople((await loadAssignments(ctx.db.kysely, userId)).map((a) => a.role))) {
    throw conflict('该账号不是管理员账号，安全管理员可直接重置', 'single_person_reset');
  }
  const id = crypto.randomUUID();
  const now = ctx.clock();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (await findPendingReset(trx, userId, input.kind)) {
      throw conflict(`该账号已有待批准的${CREDENTIAL_LABELS[input.kind]}重置申请`, 'duplicate');
    }
    await trx
      .insertInto('credential_resets')
      .values({
        id,
        user_id: userId,
        kind: input.kind,
        reason: input.reason,
        state: 'pending',
        requested_by: principal.userId,
        requested_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_REQUEST_HOURS * 3600_000).toISOString(),
        decided_by: null,
        decided_at: null,
        comment: null,
      })
      .execute();
    await appendAudit(trx, ctx, actor, {
      action: 'user.reset-request',
      objectType: 'user',
      objectId: userId,
      orgPath: user.org_path,
      summary: { request: id, username: user.username, kind: input.kind, reason: input.reason },
    });
    return presentReset((await findReset(trx, id))!, principal);
  });
}

/** The requests about accounts in the reader's scope, newest first (overdue ones expired first). */
export async function listResetRequests(caller: Caller, state: ResetRow['state'] | undefined): Promise<ResetListOut> {
  const { ctx, principal } = caller;
  await requirePermission(caller, 'user.reset-admin', ANYWHERE, { type: 'reset-request' });
  await expireOverdueResets(ctx);
  const rows = await listResets(ctx.db.kysely, scopeFor(principal, 'user.reset-admin'), state);
  return { requests: rows.map((r) => presentReset(r, principal)) };
}

/** Approves a pending request: the reset happens in the same transaction as the decision and its audit record. */
export async function approveReset(caller: Caller, id: string): Promise<ApprovedResetOut> {
  const { ctx, principal, actor } = caller;
  const request = await loadDecidable(caller, id, 'approve');
  const reset = await prepareReset(request.kind, request.user_username);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await decideInTransaction(trx, caller, request, 'approved', null);
    await appendAudit(trx, ctx, actor, decisionAudit(request, 'user.reset-approve'));
    await applyReset(
      trx,
      ctx,
      actor,
      { id: request.user_id, username: request.user_username, org_path: request.org_path },
      reset,
      { request: request.id, requestedBy: request.requester_username },
    );
    return { request: presentReset((await findReset(trx, id))!, principal), oneTimePassword: reset.oneTimePassword };
  });
}

/** Refuses a pending request (its requester may withdraw it this way). */
export async function refuseReset(caller: Caller, id: string, comment: string | null): Promise<ResetRequestOut> {
  const { ctx, principal, actor } = caller;
  const request = await loadDecidable(caller, id, 'refuse');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await decideInTransaction(trx, caller, request, 'refused', comment);
    await appendAudit(trx, ctx, actor, decisionAudit(request, 'user.reset-refuse', { comment }));
    return presentReset((await findReset(trx, id))!, principal);
  });
}

/**
 * Marks every overdue pending request expired, each with its audit record (the system acting); how many.
 * Runs before every read or decision of requests and in the housekeeping, so nobody has to look for it to happen.
 */
export async function expireOverdueResets(ctx: AppContext): Promise<number> {
  const now = ctx.clock().toISOString();
  const overdue = await overdueResets(ctx.db.kysely, now);
  if (overdue.length === 0) return 0;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    let expired = 0;
    for (const r of overdue) {
      const done = await trx
        .updateTable('credential_resets')
        .set({ state: 'expired', decided_at: now })
        .where('id', '=', r.id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      // Another request (or instance) expired or decided it meanwhile.
      if (Number(done.numUpdatedRows) !== 1) continue;
      await appendAudit(trx, ctx, SYSTEM_ACTOR, decisionAudit(r, 'user.reset-expire'));
      expired++;
    }
    return expired;
  });
}

async function loadDecidable(caller: Caller, id: string, decision: 'approve' | 'refuse'): Promise<ResetRow> {
  const { ctx, principal, actor } = caller;
  await expireOverdueResets(ctx);
  const request = await findReset(ctx.db.kysely, id);
  if (!request) throw notFound('重置申请不存在');
  await requirePermission(caller, 'user.reset-admin', request.org_path, { type: 'user', id: request.user_id });
  const refusal = decisionRefusal(principal.userId, request, decision);
  if (refusal) {
    await recordAudit(ctx, actor, {
      ...decisionAudit(request, decision === 'approve' ? 'user.reset-approve' : 'user.reset-refuse', { refused: refusal }),
      outcome: 'denied',
    });
    throw new AppError(409, refusal, DECISION_REFUSAL_MESSAGES[refusal]);
  }
  if (request.state !== 'pending') throw conflict(request.state === 'expired' ? '该申请已过期，请重新申请' : '该申请已处理', 'not_pending');
  return request;
}

/** Records the decision in the command's transaction, guarded on the request still being pending (two approvers at once: one wins). */
async function decideInTransaction(trx: Tx, caller: Caller, request: ResetRow, state: 'approved' | 'refused', comment: string | null): Promise<void> {
  const done = await trx
    .updateTable('credential_resets')
    .set({ state, decided_by: caller.principal.userId, decided_at: caller.ctx.clock().toISOString(), comment })
    .where('id', '=', request.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict('该申请已处理', 'not_pending');
}

function decisionAudit(r: ResetRow, action: string, extra: Record<string, unknown> = {}) {
  return {
    action,
    objectType: 'user',
    objectId: r.user_id,
    orgPath: r.org_path,
    summary: { request: r.id, username: r.user_username, kind: r.kind, requestedBy: r.requester_username, ...extra },
  };
}

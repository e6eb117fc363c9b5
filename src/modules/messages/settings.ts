import { withTransaction, type Queryable } from '../../db/database.js';
import { conflict } from '../../shared/errors.js';
import { authorize, type Caller, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import { agencyOf } from '../organisations/index.js';
import type { z } from 'zod';
import { authorizeWithin } from './access.js';
import type { SettingsView } from './messages.schemas.js';
import { DEFAULT_DUE_SOON_DAYS, DEFAULT_REPLY_LIMITS, MESSAGE_TYPES, type MessageType } from './types.js';

/** An agency's interaction settings; the defaults when it has set none. */
export type InteractionSettings = z.infer<typeof SettingsView>;

export const DEFAULT_SETTINGS: InteractionSettings = {
  replyLimits: DEFAULT_REPLY_LIMITS,
  reviewRequired: false,
  dueSoonDays: DEFAULT_DUE_SOON_DAYS,
  retentionDays: null,
  version: 0,
};

export async function loadSettings(q: Queryable, agencyId: string): Promise<InteractionSettings> {
  const row = await q.selectFrom('interaction_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  const stored = JSON.parse(row.reply_limits) as Partial<Record<MessageType, number>>;
  const replyLimits = { ...DEFAULT_REPLY_LIMITS };
  for (const t of MESSAGE_TYPES) if (typeof stored[t] === 'number') replyLimits[t] = stored[t];
  return { replyLimits, reviewRequired: row.review_required === 1, dueSoonDays: row.due_soon_days, retentionDays: row.retention_days, version: row.version };
}

export interface SettingsUpdate extends Omit<InteractionSettings, 'version'> {
  version: number;
}

/**
 * The settings of the agency named by `org`, for those who handle its messages: they decide the deadlines and
 * whether replies are reviewed.
 */
export async function readSettings(caller: Caller, org: string): Promise<InteractionSettings> {
  const agency = await agencyOf(caller.ctx.db.kysely, org, { refuseUnits: '机关不存在' });
  await authorizeWithin(caller, ['message.read', 'interaction.manage'], agency.path);
  return loadSettings(caller.ctx.db.kysely, agency.id);
}

/** Saves an agency's settings (version 0 = the defaults, nothing stored yet); a stale version is a 409. */
export async function updateSettings(caller: PublicCaller, org: string, next: SettingsUpdate): Promise<InteractionSettings> {
  const { ctx, actor } = caller;
  const agency = await agencyOf(ctx.db.kysely, org, { refuseUnits: '机关不存在' });
  await authorize(ctx, caller.principal, actor, 'interaction.manage', agency.path);
  return withTransaction(ctx.db, async (trx) => {
    const before = await loadSettings(trx, agency.id);
    if (before.version !== next.version) throw conflict('设置已被他人修改，请刷新后重试', 'version_conflict');
    const now = ctx.clock().toISOString();
    const values = {
      reply_limits: JSON.stringify(next.replyLimits),
      review_required: next.reviewRequired ? 1 : 0,
      due_soon_days: next.dueSoonDays,
      retention_days: next.retentionDays,
      updated_at: now,
    };
    if (before.version === 0) {
      await trx.insertInto('interaction_settings').values({ agency_id: agency.id, ...values, version: 1 }).execute();
    } else {
      const res = await trx
        .updateTable('interaction_settings')
        .set({ ...values, version: before.version + 1 })
        .where('agency_id', '=', agency.id)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('设置已被他人修改，请刷新后重试', 'version_conflict');
    }
    const { version: _v, ...shown } = before;
    await appendAudit(trx, ctx, actor, {
      action: 'interaction.settings',
      objectType: 'organisation',
      objectId: agency.id,
      orgPath: agency.path,
      summary: { before: shown, after: { ...next, version: undefined } },
    });
    return { ...next, version: before.version + 1 };
  });
}

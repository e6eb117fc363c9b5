import { z } from 'zod';
import { isIsoDateOrInstant } from '../../shared/dates.js';
import { pageQuery } from '../../shared/validation.js';

const isoDate = z.string().refine(isIsoDateOrInstant, '日期应为存在的日期，格式 YYYY-MM-DD');

export const AuditFilters = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(32).optional(),
  objectId: z.string().trim().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilters = z.output<typeof AuditFilters>;

export const AuditPageQuery = AuditFilters.extend(pageQuery);
export type AuditPageQuery = z.output<typeof AuditPageQuery>;

export const AuditRecordOut = z.object({
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

export const AuditPageOut = z.object({ total: z.number(), records: z.array(AuditRecordOut) });
export type AuditPageOut = z.infer<typeof AuditPageOut>;

export const VerifyOut = z.object({
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
});
export type VerifyOut = z.infer<typeof VerifyOut>;

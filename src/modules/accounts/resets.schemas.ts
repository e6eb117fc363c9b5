import { z } from 'zod';
import { optionalText, requiredText } from '../../shared/validation.js';

export const ResetKind = z.enum(['password', 'totp'], { error: '重置内容必须是 password（密码）或 totp（动态验证码）' });

export const RequestResetBody = z.object({
  kind: ResetKind,
  /** Why: the approver judges the request by it, and it stays in the audit log. */
  reason: requiredText(200, '申请理由'),
});

export const RefuseResetBody = z.object({ comment: optionalText(200, '意见') });

export const ResetListQuery = z.object({
  state: z.enum(['pending', 'approved', 'refused', 'expired']).optional(),
});

const Person = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

export const ResetRequestOut = z.object({
  id: z.string(),
  kind: ResetKind,
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'refused', 'expired']),
  user: Person,
  requestedBy: Person,
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  /** May the reader approve or refuse it (pending, in their scope, neither its requester nor its subject)? */
  canDecide: z.boolean(),
});
export type ResetRequestOut = z.infer<typeof ResetRequestOut>;

export const ApprovedResetOut = z.object({
  request: ResetRequestOut,
  /** For a password reset: shown once to the approver, to hand to the owner, who replaces it at the next sign-in. */
  oneTimePassword: z.string().nullable(),
});
export type ApprovedResetOut = z.infer<typeof ApprovedResetOut>;

export const ResetListOut = z.object({ requests: z.array(ResetRequestOut) });
export type ResetListOut = z.infer<typeof ResetListOut>;

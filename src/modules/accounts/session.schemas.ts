import { z } from 'zod';
import { passwordField } from './users.schemas.js';

export const LoginBody = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(64),
  password: passwordField,
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '动态验证码为 6 位数字')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The owner's own password replacing a one-time password from a reset (asked for with password_change_required). */
  newPassword: passwordField.optional(),
});
export type LoginInput = z.output<typeof LoginBody>;

export const ChangeOwnPasswordBody = z.object({ currentPassword: passwordField, newPassword: passwordField });

const Withheld = z.object({ roles: z.array(z.string()), code: z.enum(['totp_required', 'totp_enrollment_required']) });

export const SessionOut = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    assignments: z
      .array(z.object({ role: z.string(), scopeOrgId: z.string(), orgCode: z.string(), orgName: z.string() }))
      .optional(),
    permissions: z.array(z.string()).optional(),
    /** Roles held but not effective on this session, and what to do: sign in again with the code, or enrol. */
    withheld: Withheld.nullable().optional(),
  }),
  csrfToken: z.string(),
});
export type SessionOut = z.infer<typeof SessionOut>;

/** The policy as data (roles.ts): what the console derives every permission flag from; the server still decides. */
export const RolesOut = z.object({
  roles: z.array(
    z.object({
      role: z.string(),
      label: z.string(),
      actions: z.array(z.string()),
      /** Holders sign in with a second factor (TOTP); a session without it does not carry the role. */
      secondFactor: z.boolean(),
      /** A holder's password or second factor is reset by two people (one asks, another approves). */
      twoPersonReset: z.boolean(),
    }),
  ),
  /** Actions granted only through a platform-wide ('*') assignment, never within one organisation. */
  platformActions: z.array(z.string()),
});
export type RolesOut = z.infer<typeof RolesOut>;

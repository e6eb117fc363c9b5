import { z } from 'zod';
import { optionalText, orgCodeField, pageQuery, requiredText } from '../../shared/validation.js';
import { ROLES } from './roles.js';
import { versionField } from '../../shared/versions.js';

export const usernameField = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能包含小写字母、数字、点、下划线和连字符');

export const passwordField = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128, '密码不能超过 128 个字符');

export const CreateUserBody = z.object({
  username: usernameField,
  displayName: requiredText(50, '姓名'),
  org: orgCodeField,
  email: optionalText(120, '电子邮箱').refine((v) => v === null || z.email().safeParse(v).success, '电子邮箱格式不正确'),
  phone: optionalText(30, '电话').refine((v) => v === null || /^[0-9+\-\s]{5,30}$/.test(v), '电话号码格式不正确'),
  password: passwordField,
});
export type CreateUserInput = z.output<typeof CreateUserBody>;

export const UserListQuery = z.object({
  org: z.string().max(32).optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...pageQuery,
});
export type UserListQuery = z.output<typeof UserListQuery>;

export const UpdateUserBody = z.object({
  displayName: requiredText(50, '姓名').optional(),
  org: orgCodeField.optional(),
  // Optional-wrapped: a field left out stays as it is (the inner transform would turn it into null).
  email: CreateUserBody.shape.email.optional(),
  phone: CreateUserBody.shape.phone.optional(),
  version: versionField(),
});
export type UpdateUserInput = z.output<typeof UpdateUserBody>;

export const GrantRoleBody = z.object({
  role: z.enum(ROLES, { error: `角色必须是 ${ROLES.join('、')} 之一` }),
  /** Organisation code whose subtree the role covers, or '*' for the whole deployment. */
  org: z.union([z.literal('*'), orgCodeField]),
});

/**
 * A reset gives a random one-time password; an administrator no longer chooses one, so `password` is refused
 * with an explanation rather than ignored.
 */
export const SetPasswordBody = z.object({
  password: z
    .string()
    .max(128)
    .optional()
    .refine((v) => v === undefined, '重置密码时由系统生成一次性密码，管理员不能指定密码'),
});
export const OneTimePasswordOut = z.object({
  /** Shown once to the administrator who performed or approved the reset, to hand to the owner. */
  oneTimePassword: z.string(),
  mustChangePassword: z.literal(true),
});
export type OneTimePasswordOut = z.infer<typeof OneTimePasswordOut>;
export const AssignmentOut = z.object({
  id: z.string(),
  role: z.string(),
  org: z.string(),
  orgName: z.string().nullable(),
  grantedAt: z.string(),
});

export const UserOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  org: z.string(),
  orgName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  totpEnrolled: z.boolean(),
  /** The password is a one-time password from a reset, not yet replaced by its owner. */
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(AssignmentOut),
  version: z.number(),
  createdAt: z.string(),
});
export type UserOut = z.infer<typeof UserOut>;

export const UserListOut = z.object({ total: z.number(), users: z.array(UserOut) });
export type UserListOut = z.infer<typeof UserListOut>;

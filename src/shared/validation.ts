import { z, type ZodType } from 'zod';
import { validationFailed } from './errors.js';

// Validation messages in Chinese: the console and the portal show them as they are.
z.config(z.locales.zhCN());

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrors(result.error));
  return result.data;
}

/** Shared field schemas. Text fields are trimmed and bounded; nothing here accepts HTML. */
export const text = (max: number, label?: string) => {
  const s = z.string().trim().max(max, `${label ?? ''}不能超过 ${max} 个字符`.trim());
  return s;
};
export const requiredText = (max: number, label: string) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`)
    .optional()
    .nullable()
    .transform((v) => (v === '' || v === undefined ? null : v));

/** An organisation's code (agencies and units): what users, roles, items and calendars name an organisation by. */
export const orgCodeField = z
  .string({ error: '请填写机构编码' })
  .trim()
  .min(1, '请填写机构编码')
  .max(32, '机构编码不能超过 32 个字符')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, '机构编码只能包含字母、数字、下划线和连字符');

export const idParam = z.object({ id: z.string().min(1).max(64) });
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

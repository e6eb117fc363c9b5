import { z } from 'zod';
import { versionField } from '../../shared/versions.js';
import { optionalText, orgCodeField, requiredText } from '../../shared/validation.js';
import { validateTemplate } from './index-number.js';
import { isValidCreditCode, isValidOrgCode } from './codes.js';

export { orgCodeField };

const optionalMatching = (label: string, max: number, re: RegExp, message: string) =>
  optionalText(max, label).refine((v) => v === null || re.test(v), message);

/** Profile fields of an agency or unit (docs/product.md M1; 条例 Art. 12 contact data for the 公开指南). */
export const orgProfileFields = {
  name: requiredText(100, '机构名称'),
  description: optionalText(4000, '机构职能'),
  orgCode: optionalText(10, '组织机构代码').refine((v) => v === null || isValidOrgCode(v), '组织机构代码校验位不正确'),
  creditCode: optionalText(18, '统一社会信用代码')
    .transform((v) => (v ? v.toUpperCase() : v))
    .refine((v) => v === null || isValidCreditCode(v), '统一社会信用代码格式或校验位不正确'),
  siteCode: optionalMatching('网站标识码', 10, /^[0-9A-Za-z]{10}$/, '网站标识码应为 10 位字母或数字'),
  sponsor: optionalText(100, '主办单位'),
  address: optionalText(200, '地址'),
  postcode: optionalMatching('邮政编码', 6, /^\d{6}$/, '邮政编码应为 6 位数字'),
  officeHours: optionalText(200, '办公时间'),
  phone: optionalMatching('电话', 40, /^[0-9+()（）\-\s,，、转]{5,40}$/, '电话号码格式不正确'),
  fax: optionalMatching('传真', 40, /^[0-9+()（）\-\s,，、转]{5,40}$/, '传真号码格式不正确'),
  email: optionalText(120, '电子邮箱').refine((v) => v === null || z.email().safeParse(v).success, '电子邮箱格式不正确'),
  icp: optionalText(60, 'ICP 备案号'),
  disclosureOfficer: optionalText(100, '信息公开工作机构或指定专人'),
  host: optionalMatching('站点域名', 253, /^[a-z0-9.-]+(:\d+)?$/i, '域名格式不正确'),
  sortOrder: z.coerce.number().int().min(0).max(100000).optional(),
  indexTemplate: optionalText(80, '索引号格式').superRefine((v, ctx) => {
    if (v === null) return;
    const check = validateTemplate(v);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  }),
  timezone: optionalText(40, '时区').refine(
    (v) => v === null || Intl.supportedValuesOf('timeZone').includes(v) || v === 'UTC',
    '未知的时区',
  ),
};

export const CreateOrgBody = z.object({
  code: orgCodeField,
  parentCode: orgCodeField.optional(),
  ...orgProfileFields,
});
export type CreateOrgInput = z.output<typeof CreateOrgBody>;

export const UpdateOrgBody = z
  .object(orgProfileFields)
  .partial()
  .extend({ version: versionField() });
export type UpdateOrgInput = z.output<typeof UpdateOrgBody>;

export const OrgOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['agency', 'unit']),
  parentId: z.string().nullable(),
  agencyId: z.string(),
  description: z.string().nullable(),
  orgCode: z.string().nullable(),
  creditCode: z.string().nullable(),
  siteCode: z.string().nullable(),
  sponsor: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  officeHours: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  icp: z.string().nullable(),
  disclosureOfficer: z.string().nullable(),
  host: z.string().nullable(),
  sortOrder: z.number(),
  timezone: z.string(),
  indexTemplate: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type OrgOut = z.infer<typeof OrgOut>;

export const OrgListOut = z.object({ orgs: z.array(OrgOut) });
export type OrgListOut = z.infer<typeof OrgListOut>;

/** The agency profile form (docs/product.md M1; 条例 Art. 12 contact data for the 公开指南), in display order. */
export interface ProfileField {
  name: string;
  label: string;
  max: number;
  multiline?: boolean;
  help?: string;
  required?: boolean;
}

export const PROFILE_SECTIONS: readonly { title: string; fields: readonly ProfileField[] }[] = [
  {
    title: '基本信息',
    fields: [
      { name: 'name', label: '机关名称', max: 100, required: true },
      { name: 'description', label: '机构职能', max: 4000, multiline: true },
      { name: 'orgCode', label: '组织机构代码', max: 10, help: '9 位代码（可含连字符），用于生成索引号' },
      { name: 'creditCode', label: '统一社会信用代码', max: 18, help: '18 位，校验位由系统核对' },
      { name: 'disclosureOfficer', label: '信息公开工作机构 / 指定专人', max: 100 },
      {
        name: 'indexTemplate',
        label: '索引号格式',
        max: 80,
        help: '留空使用默认格式 {orgCode}/{YYYY}-{serial:05}；可用 {orgCode} {creditCode} {YYYY} {category} {serial:N}',
      },
    ],
  },
  {
    title: '网站信息',
    fields: [
      { name: 'siteCode', label: '网站标识码', max: 10, help: '10 位字母或数字' },
      { name: 'sponsor', label: '主办单位', max: 100 },
      { name: 'icp', label: 'ICP 备案号', max: 60 },
      { name: 'host', label: '站点域名', max: 253, help: '如 www.jiangchuan.gov.cn' },
    ],
  },
  {
    title: '联系方式（公开指南）',
    fields: [
      { name: 'address', label: '地址', max: 200 },
      { name: 'postcode', label: '邮政编码', max: 6 },
      { name: 'officeHours', label: '办公时间', max: 200 },
      { name: 'phone', label: '电话', max: 40 },
      { name: 'fax', label: '传真', max: 40 },
      { name: 'email', label: '电子邮箱', max: 120 },
    ],
  },
];

export const PROFILE_FIELD_NAMES: readonly string[] = [...PROFILE_SECTIONS.flatMap((s) => s.fields.map((f) => f.name)), 'timezone'];

/** The form's values for an organisation: null becomes '' (an empty input), which the server stores as null. */
export function profileValues(org: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PROFILE_FIELD_NAMES) {
    const v = org[name];
    out[name] = typeof v === 'string' ? v : '';
  }
  return out;
}

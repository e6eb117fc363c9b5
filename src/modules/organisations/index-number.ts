/**
 * 索引号 (index numbers) from a per-agency template (docs/product.md M3). Default `{orgCode}/{YYYY}-{serial:05}`, e.g.
 * `11100000000013127D/2025-00042` or `000014349/2025-00042`.
 *
 * Tokens:
 *   {orgCode}     the agency's 组织机构代码 (or whatever code the agency configured for index numbers)
 *   {creditCode}  the agency's 统一社会信用代码
 *   {YYYY}        the four-digit year the serial belongs to
 *   {category}    the item's catalog category code (`01.02`)
 *   {serial:N}    the serial, zero-padded to N digits (1–10); `{serial}` means no padding
 * Any other text is copied as is; `{{` and `}}` stand for literal braces. A template must contain a serial and
 * the year, else numbers would repeat across years (serials restart each year; the caller allocates them).
 */

export const DEFAULT_INDEX_TEMPLATE = '{orgCode}/{YYYY}-{serial:05}';

export interface IndexNumberValues {
  orgCode?: string | null;
  creditCode?: string | null;
  year: number;
  category?: string | null;
  serial: number;
}

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'orgCode' | 'creditCode' | 'YYYY' | 'category' }
  | { kind: 'serial'; width: number };

type Parsed = { ok: true; parts: Part[] } | { ok: false; reason: string };

function parse(template: string): Parsed {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{' && template[i + 1] === '{') { text += '{'; i += 2; continue; }
    if (ch === '}' && template[i + 1] === '}') { text += '}'; i += 2; continue; }
    if (ch === '}') return { ok: false, reason: `索引号模板第 ${i + 1} 个字符处有多余的“}”` };
    if (ch !== '{') { text += ch; i++; continue; }
    const end = template.indexOf('}', i);
    if (end < 0) return { ok: false, reason: `索引号模板第 ${i + 1} 个字符处的“{”没有闭合` };
    const token = template.slice(i + 1, end);
    if (text) { parts.push({ kind: 'text', text }); text = ''; }
    if (token === 'orgCode' || token === 'creditCode' || token === 'YYYY' || token === 'category') {
      parts.push({ kind: token });
    } else {
      const m = /^serial(?::(\d{1,2}))?$/.exec(token);
      if (!m) return { ok: false, reason: `索引号模板中的“{${token}}”无法识别，可用 {orgCode} {creditCode} {YYYY} {category} {serial:N}` };
      const width = m[1] === undefined ? 0 : Number(m[1]);
      if (m[1] !== undefined && (width < 1 || width > 10)) return { ok: false, reason: '索引号模板中序号的位数应为 1–10' };
      parts.push({ kind: 'serial', width });
    }
    i = end + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

export type TemplateCheck = { ok: true } | { ok: false; reason: string };

export function validateTemplate(template: string): TemplateCheck {
  if (template.trim() === '') return { ok: false, reason: '索引号模板不能为空' };
  if (template.length > 100) return { ok: false, reason: '索引号模板不能超过 100 个字符' };
  if (/[\s\p{Cc}]/u.test(template)) return { ok: false, reason: '索引号模板不能包含空白或控制字符' };
  const p = parse(template);
  if (!p.ok) return p;
  const count = (k: Part['kind']): number => p.parts.filter((x) => x.kind === k).length;
  if (count('serial') === 0) return { ok: false, reason: '索引号模板必须包含序号 {serial:N}' };
  if (count('YYYY') === 0) return { ok: false, reason: '索引号模板必须包含年份 {YYYY}，否则不同年份的索引号会重复' };
  if (count('serial') > 1 || count('YYYY') > 1) return { ok: false, reason: '索引号模板中序号和年份只能各出现一次' };
  return { ok: true };
}

/** The tokens a template uses, so the caller can check the agency has a value for each. */
export function templateTokens(template: string): string[] {
  const p = parse(template);
  return p.ok ? [...new Set(p.parts.filter((x) => x.kind !== 'text').map((x) => x.kind))] : [];
}

/** Formats an index number; throws an Error with a Chinese message for a bad template or a missing value. */
export function formatIndexNumber(template: string, values: IndexNumberValues): string {
  const check = validateTemplate(template);
  if (!check.ok) throw new Error(check.reason);
  const p = parse(template);
  if (!p.ok) throw new Error(p.reason);
  if (!Number.isInteger(values.year) || values.year < 1000 || values.year > 9999) throw new Error(`年份 ${values.year} 无效`);
  if (!Number.isSafeInteger(values.serial) || values.serial < 1) throw new Error(`序号 ${values.serial} 无效，应为正整数`);
  const need = (v: string | null | undefined, what: string): string => {
    const t = v?.trim();
    if (!t) throw new Error(`索引号模板需要${what}，但未提供`);
    return t;
  };
  return p.parts
    .map((part) => {
      switch (part.kind) {
        case 'text': return part.text;
        case 'orgCode': return need(values.orgCode, '组织机构代码');
        case 'creditCode': return need(values.creditCode, '统一社会信用代码');
        case 'category': return need(values.category, '目录分类编码');
        case 'YYYY': return String(values.year);
        case 'serial': return String(values.serial).padStart(part.width, '0');
      }
    })
    .join('');
}

/** The organisation code used in index numbers: 组织机构代码, else the one inside the credit code, else our code. */
export function indexOrgCode(agency: { org_code: string | null; credit_code: string | null; code: string }): string {
  return (agency.org_code ?? (agency.credit_code ? agency.credit_code.slice(8, 17) : agency.code)).replace('-', '');
}

/** An agency's index number for a serial of a year, by the agency's template (else the default) and its codes. */
export function agencyIndexNumber(
  agency: { index_template: string | null; org_code: string | null; credit_code: string | null; code: string },
  values: { year: number; serial: number; category: string },
): string {
  return formatIndexNumber(agency.index_template ?? DEFAULT_INDEX_TEMPLATE, { orgCode: indexOrgCode(agency), creditCode: agency.credit_code, ...values });
}

/**
 * 公开属性 (how an item is disclosed), the reasons for not disclosing it, and 有效性 (validity).
 *
 * Exemption reasons are the eight rows of 不予公开 in table 三 of the annual report (国办公开办函〔2021〕30号,
 * docs/product.md §4.3), so that items and applications withheld for a reason count straight into the report. `seq` is the
 * row number in that table; `basis` the article of the 政府信息公开条例 (2019) it rests on.
 */

export const DISCLOSURE_MODES = [
  { code: 'proactive', name: '主动公开' },
  { code: 'on-request', name: '依申请公开' },
  { code: 'withheld', name: '不予公开' },
] as const;

export type DisclosureMode = (typeof DISCLOSURE_MODES)[number]['code'];

export const EXEMPTIONS = [
  { code: 'state-secret', seq: 1, name: '属于国家秘密', basis: '第十四条' },
  { code: 'prohibited-by-law', seq: 2, name: '其他法律行政法规禁止公开', basis: '第十四条' },
  { code: 'security-stability', seq: 3, name: '危及“三安全一稳定”', basis: '第十四条' },
  { code: 'third-party', seq: 4, name: '保护第三方合法权益', basis: '第十五条' },
  { code: 'internal-affairs', seq: 5, name: '属于三类内部事务信息', basis: '第十六条第一款' },
  { code: 'process-information', seq: 6, name: '属于四类过程性信息', basis: '第十六条第二款' },
  { code: 'enforcement-file', seq: 7, name: '属于行政执法案卷', basis: '第十六条第二款' },
  { code: 'administrative-query', seq: 8, name: '属于行政查询事项', basis: '第三十六条第（七）项' },
] as const;

export type ExemptionCode = (typeof EXEMPTIONS)[number]['code'];

export const VALIDITIES = [
  { code: 'valid', name: '有效' },
  { code: 'amended', name: '已修改' },
  { code: 'expired', name: '失效' },
  { code: 'repealed', name: '废止' },
] as const;

export type Validity = (typeof VALIDITIES)[number]['code'];

export function isDisclosureMode(code: string): code is DisclosureMode {
  return DISCLOSURE_MODES.some((m) => m.code === code);
}
export function isExemptionCode(code: string): code is ExemptionCode {
  return EXEMPTIONS.some((e) => e.code === code);
}
export function isValidity(code: string): code is Validity {
  return VALIDITIES.some((v) => v.code === code);
}

export function disclosureLabel(code: DisclosureMode): string {
  return DISCLOSURE_MODES.find((m) => m.code === code)!.name;
}
export function exemptionLabel(code: ExemptionCode): string {
  return EXEMPTIONS.find((e) => e.code === code)!.name;
}
export function validityLabel(code: Validity): string {
  return VALIDITIES.find((v) => v.code === code)!.name;
}

/** A mode by its code or its Chinese name (主动公开 → proactive), for imports and forms. */
export function disclosureModeFrom(text: string): DisclosureMode | null {
  const t = text.trim();
  return DISCLOSURE_MODES.find((m) => m.code === t || m.name === t)?.code ?? null;
}
/** A validity by its code or its Chinese name (已修改 → amended; 现行有效 is accepted for 有效). */
export function validityFrom(text: string): Validity | null {
  const t = text.trim();
  if (t === '现行有效') return 'valid';
  return VALIDITIES.find((v) => v.code === t || v.name === t)?.code ?? null;
}

/**
 * Checks a disclosure choice: 不予公开 needs an exemption reason, the other modes must not carry one.
 * Returns a Chinese message or null when the combination is fine.
 */
export function checkDisclosure(mode: string, exemption: string | null | undefined): string | null {
  if (!isDisclosureMode(mode)) return `公开属性“${mode}”无效，应为 主动公开、依申请公开 或 不予公开`;
  if (mode === 'withheld') {
    if (!exemption) return '不予公开时必须选择不予公开的理由';
    if (!isExemptionCode(exemption)) return `不予公开理由“${exemption}”无效`;
    return null;
  }
  if (exemption) return `${disclosureLabel(mode)}的信息不应填写不予公开理由`;
  return null;
}

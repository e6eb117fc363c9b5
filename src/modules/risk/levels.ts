/**
 * Risk levels of docs/product.md M9, from least to most serious. The order of the tuple is the order of severity, so
 * comparisons are index comparisons.
 */
export const RISK_LEVELS = ['轻微', '一般', '较大', '重大'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

/** Position of a level in RISK_LEVELS: 0 for 轻微 … 3 for 重大. */
export function severity(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** True when `level` is `min` or more serious. */
export function atLeast(level: RiskLevel, min: RiskLevel): boolean {
  return severity(level) >= severity(min);
}

/** The more serious of two levels. */
export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return severity(a) >= severity(b) ? a : b;
}

/** 较大 and 重大 findings block approval at either review stage unless the reviewer records an override reason. */
export function isBlocking(level: RiskLevel): boolean {
  return atLeast(level, '较大');
}

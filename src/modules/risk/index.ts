/** The pre-publication risk scanner (docs/product.md M9): pure functions, no I/O. */
export { RISK_LEVELS, type RiskLevel, atLeast, isBlocking, isRiskLevel, maxLevel, severity } from './levels.js';
export {
  DEFAULT_LEVELS, DETECTORS, MIN_LEVELS, PII_KINDS, RISK_KINDS, detectPersonalData, idCardCheckChar, isValidIdCard15,
  isValidIdCard18, luhnValid, resolveLevels, type LevelTable, type PiiKind, type RawFinding, type RiskKind,
} from './detectors.js';
export { DEFAULT_SENSITIVE_WORDS, compileWords, findSensitiveWords, type SensitiveWord, type WordMatcher } from './sensitive-words.js';
export { htmlToScanText, type ScanText } from './html.js';
export { DEFAULT_MASK_KINDS, maskHtml, maskText, maskValue, type MaskOptions, type MaskTarget } from './masking.js';
export {
  DEFAULT_REQUIRED, FIELD_LABELS, blocking, checkApproval, maskItem, scanHtml, scanItem, scanText,
  type ApprovalCheck, type FieldFinding, type Finding, type RequiredField, type ScanInput, type ScanOptions,
} from './scanner.js';

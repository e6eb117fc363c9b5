/**
 * Personal-data detectors of docs/product.md M9 / §4.2. Each detector takes plain text and returns every match as a
 * RawFinding whose `start`/`end` are UTF-16 code-unit offsets into the text it was given (end exclusive, like
 * String#slice) and whose `value` is `text.slice(start, end)` — the raw value, for masking; it must never be shown
 * or stored (scanner.ts turns it into a masked excerpt).
 *
 * Precision rules, because every false positive costs a reviewer an override reason:
 *  - a match never starts or ends inside a longer run of letters or digits (boundaries `(?<![0-9A-Za-z])` and
 *    `(?![0-9A-Za-z])`), so serial numbers, index numbers and long amounts do not yield IDs, phones or cards;
 *  - every candidate is validated: ID checksum (18-digit) or calendar date (15-digit) and province code, Luhn for
 *    cards, the GB 32100 checksum for credit codes — except that an 18-digit ID with a real province and birth date
 *    but a wrong check character is still reported (a typo of a real number is still someone's ID), one level
 *    lower and after credit codes and cards, which it must not take over;
 *  - the text is folded first (fold.ts: full-width digits and letters count as ASCII; e-mail addresses also read
 *    ﹫ as @ and 。｡﹒ as dots), offsets unchanged.
 * Where several detectors claim overlapping text, `detectPersonalData` keeps one (see KIND_PRIORITY).
 */
import { isValidCreditCode } from '../organisations/index.js';
import { foldAddress, foldText } from './fold.js';
import { maxLevel, RISK_LEVELS, severity, type RiskLevel } from './levels.js';

/** Every finding kind the scanner reports (docs/contract.md: GET /api/v1/items/{id}/risks). */
export const RISK_KINDS = ['id-card', 'mobile', 'bank-card', 'credit-code', 'email', 'landline', 'sensitive-word', 'missing-field'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** The kinds found by the pattern detectors in this file. */
export const PII_KINDS = ['id-card', 'mobile', 'bank-card', 'credit-code', 'email', 'landline'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export function isPiiKind(kind: string): kind is PiiKind {
  return (PII_KINDS as readonly string[]).includes(kind);
}

export interface RawFinding {
  kind: RiskKind;
  level: RiskLevel;
  /** UTF-16 offset of the first code unit, in the text given to the detector. */
  start: number;
  /** UTF-16 offset just past the last code unit (exclusive). */
  end: number;
  /** The matched text exactly as in the input (not folded). Never show it: mask it. */
  value: string;
  /** Why it matters (sensitive words carry their list's note). */
  note?: string;
}

export type LevelTable = Readonly<Record<PiiKind, RiskLevel>>;

/**
 * Default level per kind. Personal identifiers that enable fraud (ID, bank card) are 重大; a personal mobile is
 * 较大; landlines and e-mail addresses are often the office's own published contacts, so 一般; a 统一社会信用代码
 * identifies an organisation and is public information (it is even part of index numbers), so 轻微 — still
 * reported so the reviewer sees it.
 */
export const DEFAULT_LEVELS: LevelTable = Object.freeze({
  'id-card': '重大',
  'bank-card': '重大',
  mobile: '较大',
  landline: '一般',
  email: '一般',
  'credit-code': '轻微',
});

/** Floors no configuration can go under: the issue says ID and bank card numbers are at least 较大. */
export const MIN_LEVELS: Readonly<Partial<Record<PiiKind, RiskLevel>>> = Object.freeze({
  'id-card': '较大',
  'bank-card': '较大',
});

/** DEFAULT_LEVELS with the caller's overrides, raised to MIN_LEVELS where an override goes below them. */
export function resolveLevels(overrides?: Partial<Record<PiiKind, RiskLevel>>): LevelTable {
  const table = { ...DEFAULT_LEVELS };
  for (const kind of PII_KINDS) {
    const level = overrides?.[kind] ?? table[kind];
    const floor = MIN_LEVELS[kind];
    table[kind] = floor ? maxLevel(level, floor) : level;
  }
  return table;
}

// ---------------------------------------------------------------------------------------------------------------
// Validators

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits of an ID number, or null if they are not 17 digits. */
export function idCardCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/**
 * First two digits of the 行政区划代码: provinces 11–65, 台湾 71, 香港 81, 澳门 82, 83 (港澳台居民居住证),
 * and 9x (外国人永久居留身份证, 2023 form). Real numbers always start with one; random digit runs often do not.
 */
function isProvinceCode(two: string): boolean {
  const n = Number(two);
  return (
    (n >= 11 && n <= 15) || (n >= 21 && n <= 23) || (n >= 31 && n <= 37) || (n >= 41 && n <= 46) ||
    (n >= 50 && n <= 54) || (n >= 61 && n <= 65) || n === 71 || n === 81 || n === 82 || n === 83 || (n >= 91 && n <= 99)
  );
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Shaped like an 18-character 居民身份证号码 (digits only, no separators): a real province and birth date. */
export function isIdCard18Shape(id: string): boolean {
  const s = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(s) || !isProvinceCode(s.slice(0, 2))) return false;
  if (!isValidDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  const year = Number(s.slice(6, 10));
  return year >= 1800 && year <= 2099;
}

/** An 18-character 居民身份证号码: its shape and its GB 11643 check character. */
export function isValidIdCard18(id: string): boolean {
  return isIdCard18Shape(id) && idCardCheckChar(id.slice(0, 17)) === id.toUpperCase()[17];
}

/** The old 15-digit form (before 1999): area, YYMMDD (19YY), sequence; it has no check digit, so the date must be real. */
export function isValidIdCard15(id: string): boolean {
  if (!/^[1-9]\d{14}$/.test(id) || !isProvinceCode(id.slice(0, 2))) return false;
  return isValidDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

/** Luhn (mod 10) over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Digits and letters of a value, without the spaces and hyphens it may be written with. */
export function compact(value: string): string {
  return foldText(value).replace(/[^0-9A-Za-z]/g, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Detectors

// Boundaries: not inside a longer run of letters or digits.
const B = '(?<![0-9A-Za-z])';
const E = '(?![0-9A-Za-z])';

// 18-digit ID per docs/product.md §4.2, also written 6-8-4 with single spaces (forms often print it that way).
const ID18 = new RegExp(`${B}[1-9]\\d{5} ?(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]) ?\\d{3}[\\dXx]${E}`, 'g');
const ID15 = new RegExp(`${B}[1-9]\\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}${E}`, 'g');
// docs/product.md §4.2 `(?:\+?86[- ]?)?1[3-9]\d{9}`, also grouped 3-4-4 with spaces or hyphens. The lookbehind keeps a
// leading "+" out of the boundary test so "+86…" is matched from the "+".
const MOBILE = new RegExp(`${B}(?:\\+?86[- ]?)?1[3-9]\\d(?:\\d{8}|[- ]\\d{4}[- ]\\d{4})${E}`, 'g');
const CARD_PLAIN = new RegExp(`${B}\\d{16,19}${E}`, 'g');
// Groups of four with one kind of separator, the last group 1–3 digits for 17–19-digit cards; not part of a longer
// grouped run on either side.
const CARD_GROUPED = new RegExp(`${B}(?<!\\d[ -])\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?${E}(?!\\1\\d)`, 'g');
const CREDIT = new RegExp(`${B}[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}${E}`, 'gi');
// The local part may not start inside a run of address characters, which also keeps matching linear on long runs.
const EMAIL = new RegExp(`(?<![0-9A-Za-z._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}${E}`, 'g');
// Area code 010, 02x or 0 + three digits (optionally in brackets), then a local number of 7–8 digits that does not
// start with 0, then an optional extension (转 / 分机 / - / ext). Local numbers without an area code are not
// reported: 7–8-digit runs are far more often amounts or serial numbers.
const LANDLINE = new RegExp(
  `${B}(?:\\(0(?:10|2\\d|[3-9]\\d{2})\\) ?|0(?:10|2\\d|[3-9]\\d{2})[- ]?)[1-9]\\d{6,7}(?:(?:转|分机|-|ext\\.? ?)\\d{1,6})?${E}`,
  'gi',
);

function collect(text: string, re: RegExp, kind: PiiKind, valid: (match: string) => boolean, fold: (text: string) => string = foldText): RawFinding[] {
  const folded = fold(text);
  const out: RawFinding[] = [];
  for (const m of folded.matchAll(re)) {
    if (!valid(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    out.push({ kind, level: DEFAULT_LEVELS[kind], start, end, value: text.slice(start, end) });
  }
  return out;
}

/** IDs whose check character (18 digits) or date (15 digits) proves them. */
export function detectVerifiedIdCards(text: string): RawFinding[] {
  return [
    ...collect(text, ID18, 'id-card', (m) => isValidIdCard18(m.replace(/ /g, ''))),
    ...collect(text, ID15, 'id-card', isValidIdCard15),
  ].sort(byPosition);
}

export const UNVERIFIED_ID_NOTE = '校验位不符，可能是写错的身份证号，仍属个人信息';

/** 18-digit IDs with a real province and birth date but a wrong check character: a mistyped ID is still an ID. */
export function detectUnverifiedIdCards(text: string): RawFinding[] {
  return collect(text, ID18, 'id-card', (m) => {
    const id = m.replace(/ /g, '');
    return isIdCard18Shape(id) && !isValidIdCard18(id);
  }).map((f) => ({ ...f, note: UNVERIFIED_ID_NOTE }));
}

/** Every ID, proven or only shaped like one (what masking accepts as an ID). */
export function detectIdCards(text: string): RawFinding[] {
  return [...detectVerifiedIdCards(text), ...detectUnverifiedIdCards(text)].sort(byPosition);
}

export function detectMobiles(text: string): RawFinding[] {
  return collect(text, MOBILE, 'mobile', () => true);
}

export function detectBankCards(text: string): RawFinding[] {
  const valid = (m: string): boolean => luhnValid(compact(m)) && !/^(\d)\1+$/.test(compact(m));
  return [...collect(text, CARD_PLAIN, 'bank-card', valid), ...collect(text, CARD_GROUPED, 'bank-card', valid)].sort(byPosition);
}

export function detectCreditCodes(text: string): RawFinding[] {
  return collect(text, CREDIT, 'credit-code', isValidCreditCode);
}

export function detectEmails(text: string): RawFinding[] {
  return collect(text, EMAIL, 'email', () => true, foldAddress);
}

export function detectLandlines(text: string): RawFinding[] {
  return collect(text, LANDLINE, 'landline', () => true);
}

export const DETECTORS: Readonly<Record<PiiKind, (text: string) => RawFinding[]>> = Object.freeze({
  'id-card': detectIdCards,
  mobile: detectMobiles,
  'bank-card': detectBankCards,
  'credit-code': detectCreditCodes,
  email: detectEmails,
  landline: detectLandlines,
});

/**
 * Which finding survives when two overlap (earlier wins):
 *  - an ID whose checks (province, date, checksum) pass beats everything: they are the strictest;
 *  - a credit code beats a bank card: an 18-digit number passing both checks is far more likely an organisation's
 *    code (行政处罚 notices list them all the time) than one of the rare 18-digit cards;
 *  - an ID with a wrong check character comes only after these, which pass a checksum of their own;
 *  - a mobile beats the e-mail address it is part of (13800138000@139.com): masking the number is what matters.
 */
export const KIND_PRIORITY: readonly PiiKind[] = ['id-card', 'credit-code', 'bank-card', 'mobile', 'landline', 'email'];

/** KIND_PRIORITY as detector passes: the unverified IDs after cards and credit codes, one level lower. */
const PASSES: readonly { kind: PiiKind; detect: (text: string) => RawFinding[]; lower?: true }[] = [
  { kind: 'id-card', detect: detectVerifiedIdCards },
  { kind: 'credit-code', detect: detectCreditCodes },
  { kind: 'bank-card', detect: detectBankCards },
  { kind: 'id-card', detect: detectUnverifiedIdCards, lower: true },
  { kind: 'mobile', detect: detectMobiles },
  { kind: 'landline', detect: detectLandlines },
  { kind: 'email', detect: detectEmails },
];

/** One step below `level`, never under 一般: how sure a finding is enters its level. */
const lowered = (level: RiskLevel): RiskLevel => RISK_LEVELS[Math.max(1, severity(level) - 1)]!;

export function byPosition(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * Every personal-data finding in `text`, sorted by position, with no two overlapping (KIND_PRIORITY decides),
 * levels from `levels` (default DEFAULT_LEVELS).
 */
export function detectPersonalData(text: string, levels: LevelTable = DEFAULT_LEVELS): RawFinding[] {
  // Kept findings never overlap, so sorted by start they are also sorted by end: one binary search per candidate
  // finds the only kept finding that could overlap it from the left, and its successor the one to the right.
  const kept: RawFinding[] = [];
  for (const { kind, detect, lower } of PASSES) {
    for (const c of detect(text)) {
      let lo = 0;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (kept[mid]!.start < c.start) lo = mid + 1;
        else hi = mid;
      }
      const before = kept[lo - 1];
      const after = kept[lo];
      if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
      kept.splice(lo, 0, { ...c, level: lower ? lowered(levels[kind]) : levels[kind] });
    }
  }
  return kept;
}

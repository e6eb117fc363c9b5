/**
 * 发文字号 (document numbers), docs/product.md M3 and GB/T 9704-2012 §7.2.4: `机关代字〔年份〕序号号`, the year in 六角括号 〔〕,
 * no leading zeros in the serial, no 第 before it — e.g. `国办发〔2017〕47号`.
 *
 * Input is folded first: Unicode NFKC (full-width digits, letters and brackets → ASCII), every kind of whitespace
 * removed. Then:
 *  - a standard number: organ code, a 4-digit year in any bracket ([] 【】 () （） 〔〕 〖〗 ［］ or none, optionally
 *    followed by 年), an optional 第, the serial, an optional 号 → canonical `organ〔YYYY〕N号`;
 *  - a decree or numbered announcement: `…令第N号`, `…公告第N号`, `…通告第N号` (国令第711号, 国务院令第711号,
 *    中华人民共和国主席令第十号) → kept as written after the folding; Chinese numerals stay Chinese in the canonical
 *    form (the serial field has their value).
 *
 * docNumberSearchKey() folds any loose spelling to a key for exact and prefix matching, see its comment.
 */

export interface DocNumber {
  /** `国办发〔2017〕47号`; decrees as written (folded): `国令第711号`. */
  canonical: string;
  kind: 'standard' | 'decree';
  /** 机关代字: `国办发`; for decrees the part before 第: `国令`, `中华人民共和国主席令`. */
  organCode: string;
  /** The year of a standard number; null for decrees, which have none. */
  year: number | null;
  /** The serial as a number (`十` → 10). */
  serial: number;
}

export type DocNumberResult = ({ ok: true } & DocNumber) | { ok: false; error: string };

const OPEN = '〔\\[【(〖{<〈《';
const CLOSE = '〕\\]】)〗}>〉》';
const CN_DIGITS = '零〇一二两三四五六七八九';
const CN_NUMERAL = `[${CN_DIGITS}十百千]+`;

const STANDARD = new RegExp(`^(.*?[^0-9${OPEN}${CLOSE}])[${OPEN}]?(\\d{4})[${CLOSE}]?年?第?(\\d{1,6})号?$`, 'u');
const DECREE = new RegExp(`^(.+?(?:令|公告|通告))第(\\d{1,6}|${CN_NUMERAL})号$`, 'u');
/** An organ code and a year without a serial (`国办发〔2017〕`), for search keys only. */
const ORGAN_YEAR = new RegExp(`^(.*?[^0-9${OPEN}${CLOSE}])[${OPEN}]?(\\d{4})[${CLOSE}]?年?第?$`, 'u');

/** NFKC (full-width → ASCII) and no whitespace at all (NFKC turns the ideographic space into a plain one). */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** The value of a Chinese numeral up to 9999 (`十` 10, `二十一` 21, `一百零五` 105, `两千` 2000), or of Arabic digits. */
export function chineseNumeralValue(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!new RegExp(`^${CN_NUMERAL}$`, 'u').test(text)) return null;
  const digit = (c: string): number => {
    const i = CN_DIGITS.indexOf(c);
    if (i < 0) return -1;
    return [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9][i]!;
  };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let pending = -1; // the digit waiting for its unit; -1 = none
  let lastUnit = 10_000;
  for (const c of text) {
    const unit = units[c];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null; // 十百, 百百 …
      total += (pending < 0 ? 1 : pending) * unit;
      pending = -1;
      lastUnit = unit;
    } else {
      if (pending > 0) {
        // Positional digits without units (一〇五) — read them as digits.
        if (total !== 0) return null;
        const positional = [...text].map(digit);
        return positional.every((d) => d >= 0) ? Number(positional.join('')) : null;
      }
      pending = digit(c);
    }
  }
  if (pending > 0) total += pending;
  return total;
}

function badOrgan(organ: string): string | null {
  if (!/\p{Script=Han}/u.test(organ)) return '机关代字应包含汉字';
  if (organ.length > 30) return '机关代字过长';
  if (new RegExp(`[${OPEN}${CLOSE}]`, 'u').test(organ)) return '机关代字中有多余的括号';
  return null;
}

const EXAMPLE = '应为“机关代字〔年份〕序号号”（如 国办发〔2017〕47号）或令号（如 国令第711号）';

export function parseDocNumber(text: string): DocNumberResult {
  const folded = foldWidth(text ?? '');
  if (folded === '') return { ok: false, error: '发文字号不能为空' };

  const decree = DECREE.exec(folded);
  if (decree) {
    const organ = decree[1]!;
    const serial = chineseNumeralValue(decree[2]!);
    const problem = badOrgan(organ);
    if (problem) return { ok: false, error: `发文字号“${text.trim()}”无法识别：${problem}` };
    if (serial === null || serial <= 0) return { ok: false, error: `发文字号“${text.trim()}”的序号无法识别` };
    return { ok: true, canonical: folded, kind: 'decree', organCode: organ, year: null, serial };
  }

  const m = STANDARD.exec(folded);
  if (!m) return { ok: false, error: `发文字号“${text.trim()}”无法识别，${EXAMPLE}` };
  const organ = m[1]!;
  const year = Number(m[2]);
  const serial = Number(m[3]);
  const problem = badOrgan(organ);
  if (problem) return { ok: false, error: `发文字号“${text.trim()}”无法识别：${problem}` };
  if (year < 1949 || year > 2100) return { ok: false, error: `发文字号“${text.trim()}”的年份 ${year} 不合理` };
  if (serial <= 0) return { ok: false, error: `发文字号“${text.trim()}”的序号应大于 0` };
  return { ok: true, canonical: `${organ}〔${year}〕${serial}号`, kind: 'standard', organCode: organ, year, serial };
}

/** The canonical form, or null when the text is not a document number. */
export function normaliseDocNumber(text: string): string | null {
  const r = parseDocNumber(text);
  return r.ok ? r.canonical : null;
}

/** Decree organs that name the same series: all are 国务院令 (国令 is how the State Council portal abbreviates it). */
const DECREE_ALIASES: Record<string, string> = {
  国令: '国令',
  国务院令: '国令',
  中华人民共和国国务院令: '国令',
};

/**
 * A search key that any loose spelling of the same number folds to. Format:
 *  - standard number: `机关代字|YYYY|N` — `国办发|2017|47` for 国办发〔2017〕47号, 国办发[2017]047号, 国办发 2017 47号,
 *    国办发2017年第47号 and full-width variants;
 *  - organ code and year only (`国办发〔2017〕`, `国办发2017年`): `国办发|2017|` — a prefix of every full key of that
 *    organ and year, so a search can match it with `LIKE key || '%'`;
 *  - decree: `令名|N` with the serial in Arabic digits, the leading 中华人民共和国 dropped and the State Council's
 *    three spellings folded into one — `国令|711` for 国令第711号, 国务院令第711号 and 中华人民共和国国务院令第711号;
 *    `主席令|10` for 中华人民共和国主席令第十号;
 *  - anything else: the folded text without brackets, whitespace, 第, 年 and 号 (never contains `|`), so that a
 *    partial query such as `国办发2017` still has a stable, comparable form.
 */
export function docNumberSearchKey(text: string): string {
  const r = parseDocNumber(text);
  if (r.ok && r.kind === 'standard') return `${r.organCode}|${r.year}|${r.serial}`;
  if (r.ok) {
    const organ = DECREE_ALIASES[r.organCode] ?? r.organCode.replace(/^中华人民共和国/u, '');
    return `${organ}|${r.serial}`;
  }
  const folded = foldWidth(text ?? '');
  const partial = ORGAN_YEAR.exec(folded);
  if (partial && !badOrgan(partial[1]!)) return `${partial[1]}|${partial[2]}|`;
  return folded.replace(new RegExp(`[${OPEN}${CLOSE}第年号|]`, 'gu'), '');
}

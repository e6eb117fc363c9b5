/**
 * Checksums of the two official organisation identifiers.
 *  - 统一社会信用代码 (GB 32100-2015): 18 characters; the last is a check character over the first 17.
 *  - 组织机构代码 (GB 11714-1997): 8 body characters and a check character, often written `XXXXXXXX-X`.
 * Pure functions; docs/product.md §4.2 gives the weights.
 */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(c)) return false;
  return creditCodeCheckChar(c.slice(0, 17)) === c[17];
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function orgCodeCheckChar(first8: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(first8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i]!;
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function isValidOrgCode(code: string): boolean {
  const c = code.trim().toUpperCase().replace('-', '');
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(c)) return false;
  return orgCodeCheckChar(c.slice(0, 8)) === c[8];
}

/** The 组织机构代码 embedded in a 统一社会信用代码 (characters 9–17). */
export function orgCodeFromCreditCode(credit: string): string {
  return credit.slice(8, 17);
}

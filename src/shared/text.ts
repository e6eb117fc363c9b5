/**
 * The one rule for text (no NUL, no lone UTF-16 surrogate): the pattern and its helpers, shared by the HTTP input
 * hook (http/text-input.ts) and whatever keeps text it did not refuse (search analytics, logs).
 */

// eslint-disable-next-line no-control-regex -- NUL is what it finds; without the u flag, to see lone surrogates
export const INVALID = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The same pattern, global: to remove every occurrence. */
const INVALID_ALL = new RegExp(INVALID.source, 'g');

export const INVALID_TEXT_CODE = 'invalid_text';
export const INVALID_TEXT_MESSAGE = '提交的内容含有不允许的字符（空字符或不完整的 Unicode 字符），请删除后重试';
export const FIELD_MESSAGE = '含有不允许的字符（空字符或不完整的 Unicode 字符）';

export function hasInvalidText(s: string): boolean {
  return INVALID.test(s);
}

/** The text with NUL and lone surrogates removed: for what is kept from text that was never refused (counters, logs). */
export function withoutInvalidText(s: string): string {
  return s.replace(INVALID_ALL, '');
}


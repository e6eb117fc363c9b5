/**
 * Character folding shared by the detectors and the sensitive-word matcher. Every fold maps one UTF-16 code unit
 * to exactly one code unit, so an offset in the folded text is the same offset in the original: findings can be
 * reported (and masked) in the text the caller gave without a position map.
 *  - full-width ASCII (U+FF01–U+FF5E: ０-９, Ａ-Ｚ, ＠, －) → the ASCII character; Chinese documents often type
 *    numbers and e-mail addresses in full width;
 *  - the ideographic space U+3000 and the no-break space U+00A0 → an ASCII space;
 *  - ASCII upper case → lower case (only when `lowerCase`; String#toLowerCase could change the length).
 */
export function foldCode(code: number, lowerCase: boolean): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  else if (code === 0x3000 || code === 0xa0) code = 0x20;
  if (lowerCase && code >= 0x41 && code <= 0x5a) code += 0x20;
  return code;
}

export function foldText(text: string, lowerCase = false): string {
  let out = '';
  let changed = false;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c, lowerCase);
    if (f !== c) changed = true;
    codes[i] = f;
  }
  if (!changed) return text;
  // Build in chunks: String.fromCharCode(...codes) overflows the stack on long bodies.
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

/**
 * An e-mail address as people type it in Chinese text: besides foldText's full-width forms (＠, ．), the small
 * commercial at ﹫ and the full stops 。｡﹒ typed with a Chinese input method between the parts of a domain.
 * One code unit for one, like foldText. Only the e-mail detector reads text this way: elsewhere 。 ends a sentence.
 */
const ADDRESS_FOLDS = new Map<number, number>([
  [0xfe6b, 0x40], // ﹫
  [0x3002, 0x2e], // 。
  [0xff61, 0x2e], // ｡
  [0xfe52, 0x2e], // ﹒
]);

export function foldAddress(text: string): string {
  const folded = foldText(text);
  let out = '';
  let from = 0;
  for (let i = 0; i < folded.length; i++) {
    const to = ADDRESS_FOLDS.get(folded.charCodeAt(i));
    if (to === undefined) continue;
    out += folded.slice(from, i) + String.fromCharCode(to);
    from = i + 1;
  }
  return from === 0 ? folded : out + folded.slice(from);
}

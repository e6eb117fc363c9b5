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

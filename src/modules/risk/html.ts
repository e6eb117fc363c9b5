/**
 * The text a reader sees in a sanitised HTML body, with a map from every text code unit back to the HTML it came
 * from, so findings can be reported and masked as offsets into the HTML string itself (tags stay untouched).
 *
 * Decisions:
 *  - Inline elements (b, span, a, font …) do not separate text: `<b>1101</b>05…` reads as one number, and pasting
 *    from Word routinely splits numbers into spans, so such a value is found (and masking rewrites only the text
 *    runs, keeping the tags). Every other element (p, div, br, td, li …) separates: a "\n" that does not exist
 *    in the HTML is put in the text, so neighbouring paragraphs or cells never merge into one long number.
 *  - Entities are decoded (`&#49;` is "1", `&nbsp;` a no-break space); a decoded character maps to the whole
 *    entity.
 *  - Text inside script, style, template and textarea is not read (sanitised HTML has none; being safe costs nothing).
 *  - Attribute values (href="mailto:…", alt, title) are not scanned.
 */
import { Parser } from 'htmlparser2';

export interface ScanText {
  /** The decoded text, with "\n" between block-level elements. */
  text: string;
  /** starts[i], ends[i]: the HTML range [start, end) that text[i] came from. */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where text[i] is a separator that is not in the HTML (its range is empty, at the tag). */
  virtual: Uint8Array;
}

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q',
  's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var',
]);
const HIDDEN = new Set(['script', 'style', 'template', 'textarea']);

export function htmlToScanText(html: string): ScanText {
  // Pieces are joined once at the end: reading a string that is being built with += flattens it every time.
  const pieces: string[] = [];
  let lastChar = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const virtual: number[] = [];
  let hidden = 0;

  const separate = (at: number): void => {
    // One separator is enough between two blocks; none is needed at the very start.
    if (lastChar === '' || lastChar === '\n') return;
    pieces.push('\n');
    lastChar = '\n';
    starts.push(at);
    ends.push(at);
    virtual.push(1);
  };

  const parser: Parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (!INLINE.has(name)) separate(parser.startIndex);
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (!INLINE.has(name)) separate(parser.startIndex);
      },
      ontext(chunk) {
        if (hidden > 0) return;
        // htmlparser2 reports plain text and each decoded entity as separate chunks; startIndex..endIndex
        // (inclusive) is the chunk's source.
        const from = parser.startIndex;
        const to = parser.endIndex + 1;
        const raw = chunk === html.slice(from, to);
        for (let k = 0; k < chunk.length; k++) {
          starts.push(raw ? from + k : from);
          ends.push(raw ? from + k + 1 : to);
          virtual.push(0);
        }
        if (chunk.length === 0) return;
        pieces.push(chunk);
        lastChar = chunk[chunk.length - 1]!;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return { text: pieces.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends), virtual: Uint8Array.from(virtual) };
}

/** The HTML range of the text range [start, end) (end exclusive, start < end). */
export function textRangeToHtml(st: ScanText, start: number, end: number): { start: number; end: number } {
  return { start: st.starts[start]!, end: st.ends[end - 1]! };
}

/**
 * The text range whose characters come from inside the HTML range [start, end), or null if none does.
 * starts and ends are non-decreasing, so both ends are binary searches.
 */
export function htmlRangeToText(st: ScanText, start: number, end: number): { start: number; end: number } | null {
  let lo = 0;
  let hi = st.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st.starts[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  let ts = lo;
  while (ts < st.text.length && st.virtual[ts]) ts++;
  lo = ts;
  hi = st.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st.ends[mid]! <= end) lo = mid + 1;
    else hi = mid;
  }
  let te = lo;
  while (te > ts && st.virtual[te - 1]) te--;
  return te > ts ? { start: ts, end: te } : null;
}

/** `& < > "` as entities, for text written back into HTML. */
export function escapeHtmlText(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

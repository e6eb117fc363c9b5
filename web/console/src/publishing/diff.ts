// A small diff for the revision history: bodies are turned into text, split into lines and sentences, and
// compared by longest common subsequence; a changed sentence is then compared character by character (Chinese
// has no spaces between words, so characters are its words).

export type DiffOp = { type: 'same' | 'add' | 'del'; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The text of an HTML body: block elements and <br> end lines, table cells are separated by a tab. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(td|th)>/gi, '\t')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote|pre|ul|ol)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, '').replace(/^\s+/, ''))
    .filter((l) => l !== '')
    .join('\n');
}

/** Lines, each cut after a sentence end (。！？；!?;), keeping the punctuation with its sentence. */
export function segments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const parts = line.match(/[^。！？；!?;]+[。！？；!?;]*|[。！？；!?;]+/g) ?? [];
    for (const p of parts) if (p.trim() !== '') out.push(p);
  }
  return out;
}

/** Longest-common-subsequence diff of two token lists; runs of the same type are merged with `join`. */
export function diffTokens(a: readonly string[], b: readonly string[], join = ''): DiffOp[] {
  // Common prefix and suffix first: most edits touch a small part, and this keeps the table small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  const push = (type: DiffOp['type'], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.type === type) last.text += join + text;
    else ops.push({ type, text });
  };
  for (let i = 0; i < start; i++) push('same', a[i]!);
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: length of the LCS of a[start+i..endA) and b[start+j..endB).
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[start + i] === b[start + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      push('same', a[start + i]!);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Deletions before insertions, so that a replaced passage reads "old, then new".
      push('del', a[start + i]!);
      i++;
    } else {
      push('add', b[start + j]!);
      j++;
    }
  }
  for (let k = endA; k < a.length; k++) push('same', a[k]!);
  return ops;
}

/** Beyond this many cells a changed passage is shown whole rather than character by character. */
const CHAR_DIFF_LIMIT = 250_000;

/** One line of the side-by-side-free view: a sentence kept, removed, added, or changed in places. */
export type DiffLine = { type: 'same' | 'add' | 'del'; text: string } | { type: 'change'; parts: DiffOp[] };

/**
 * The diff of two texts: sentences compared by LCS; a removed passage directly followed by an added one
 * becomes one changed line with its characters compared.
 */
export function diffText(before: string, after: string): DiffLine[] {
  const ops = diffTokens(segments(before), segments(after), '\u0000');
  const lines: DiffLine[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    const next = ops[k + 1];
    const text = op.text.split('\u0000').join('\n');
    if (op.type === 'del' && next?.type === 'add') {
      const added = next.text.split('\u0000').join('\n');
      if (text.length * added.length <= CHAR_DIFF_LIMIT) {
        lines.push({ type: 'change', parts: diffTokens(Array.from(text), Array.from(added)) });
      } else {
        lines.push({ type: 'del', text }, { type: 'add', text: added });
      }
      k++;
      continue;
    }
    lines.push({ type: op.type, text });
  }
  return lines;
}

/** Whether two texts differ at all after normalisation (for "无变化"). */
export function hasChanges(lines: readonly DiffLine[]): boolean {
  return lines.some((l) => l.type !== 'same');
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** Metadata fields that differ between two revisions. */
export function fieldChanges<T extends object>(a: T, b: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const text = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : Array.isArray(v)
        ? v.map(text).join('、')
        : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
  return fields.filter((f) => text(a[f]) !== text(b[f])).map((f) => ({ field: f, before: text(a[f]), after: text(b[f]) }));
}

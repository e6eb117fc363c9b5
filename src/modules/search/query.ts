/**
 * The search query language (issue 5): plain words; "quoted phrases" (also “”); `-word` or `-"phrase"` to
 * exclude; `OR` between two terms; field filters `标题:`, `文号:`, `机关:` (also `title:`, `number:`, `organ:`).
 * Full-width characters are folded first, so `标题：条例` and `－草案` work too. Pure: the engines turn the
 * parsed query into SQL.
 */
export type Field = 'any' | 'title' | 'docNumber' | 'organ';

export interface Clause {
  text: string;
  /** Quoted: must match as written, not as separate words. */
  phrase: boolean;
  field: Field;
}

export interface ParsedQuery {
  /** Every group must match; within a group any clause may (an `OR` chain). */
  all: Clause[][];
  /** No clause may match. */
  not: Clause[];
}

const FIELDS: Record<string, Field> = {
  标题: 'title',
  title: 'title',
  文号: 'docNumber',
  发文字号: 'docNumber',
  number: 'docNumber',
  机关: 'organ',
  发文机关: 'organ',
  organ: 'organ',
};

/** Full-width forms and the ideographic space folded (NFKC), Chinese quotation marks read as quotes. */
function fold(text: string): string {
  return text.normalize('NFKC').replace(/[“”「」『』]/g, '"');
}

interface Raw {
  text: string;
  phrase: boolean;
  negate: boolean;
  field: Field;
  or: boolean;
}

const TOKEN = /(-)?(?:([\p{L}]+):)?(?:"([^"]*)"?|(\S+))/gu;

function tokens(query: string): Raw[] {
  const out: Raw[] = [];
  for (const m of fold(query).matchAll(TOKEN)) {
    const [, minus, fieldName, quoted, bare] = m;
    if (bare === 'OR' && !minus && !fieldName) {
      out.push({ text: '', phrase: false, negate: false, field: 'any', or: true });
      continue;
    }
    const field = fieldName ? FIELDS[fieldName.toLowerCase()] : 'any';
    // An unknown "prefix:" is not a field: keep the whole token as text.
    const text = (field === undefined ? `${fieldName}:${bare ?? quoted ?? ''}` : (quoted ?? bare ?? '')).trim();
    if (!text) continue;
    out.push({ text, phrase: quoted !== undefined, negate: Boolean(minus), field: field ?? 'any', or: false });
  }
  return out;
}

export function parseQuery(query: string): ParsedQuery {
  const all: Clause[][] = [];
  const not: Clause[] = [];
  let joinNext = false;
  for (const t of tokens(query)) {
    if (t.or) {
      joinNext = all.length > 0;
      continue;
    }
    const clause: Clause = { text: t.text, phrase: t.phrase, field: t.field };
    if (t.negate) not.push(clause);
    else if (joinNext) all[all.length - 1]!.push(clause);
    else all.push([clause]);
    joinNext = false;
  }
  return { all, not };
}

/** True when the query asks for nothing (only exclusions or blanks): callers answer with no results. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.all.length === 0;
}

// Every citation of the product's documents resolves inside the repository. A citation is `docs/<path>.md`, optionally
// followed by what it points at: a section `§6`, `§4.2`, `§4–§6`; a module of the product brief `M9` (`M5, M6`); a
// chapter of the plan `ch.3`, with a numbered section inside it `ch.3 §1.1.13`; a quoted heading
// `docs/contract.md "Applications for disclosure"` (after a section: a phrase of that section, `M9 "masking preview"`);
// or an endpoint `docs/contract.md POST /api/v1/messages`. The file must exist and what it points at must be found
// among its Markdown headings (or, for a phrase or an endpoint, in its text). The old bare forms — the documents'
// names in capitals, "seed ch.", and paths to a folder beside the repository (`../shared/…`) — must be gone.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/shared/paths.js';

/** What is scanned: code, tests, benchmarks, scripts, the console, docs/, README.md, ARCHITECTURE.md and the lint config. */
const SCANNED = ['src', 'test', 'bench', 'scripts', 'web/console/src', 'docs', 'README.md', 'ARCHITECTURE.md', 'eslint.config.js'];
const SCANNED_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|md)$/;
const SKIPPED_DIR = new Set(['node_modules', 'dist', 'results']);
/** This file is not scanned: its examples of wrong citations are wrong on purpose. */
const THIS_FILE = path.relative(PROJECT_ROOT, import.meta.filename);

interface Heading {
  level: number;
  text: string;
  /** Index of the heading's line. */
  line: number;
  /** Index of the first line after its section (the next heading of the same or a higher level). */
  end: number;
}

interface MarkdownDoc {
  lines: string[];
  headings: Heading[];
}

/** ATX headings (`## Title`) outside fenced code blocks, each with the extent of its section. */
function parseMarkdown(text: string): MarkdownDoc {
  const lines = text.split('\n');
  const headings: Heading[] = [];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (fence === f[1]) fence = null;
      return;
    }
    if (fence !== null) return;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) headings.push({ level: h[1]!.length, text: h[2]!, line: i, end: lines.length });
  });
  headings.forEach((h, i) => {
    const next = headings.slice(i + 1).find((o) => o.level <= h.level);
    if (next) h.end = next.line;
  });
  return { lines, headings };
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** 一 → 1, 十 → 10, 十三 → 13, 二十一 → 21. */
function chineseNumeral(s: string): number | null {
  if (/^[〇一二三四五六七八九]$/.test(s)) return CHINESE_DIGITS.indexOf(s);
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return null;
  return (m[1] ? CHINESE_DIGITS.indexOf(m[1]) : 1) * 10 + (m[2] ? CHINESE_DIGITS.indexOf(m[2]) : 0);
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Does the heading carry this number (`§4.2` → "4.2 Personal-data detectors", "## 6. Performance", "1.1.13 信息分類")? */
function headingHasNumber(h: Heading, num: string): boolean {
  const text = h.text.replace(/^§\s*/, '');
  return text.startsWith(num) && !/^\.?\d/.test(text.slice(num.length));
}

type Token =
  | { kind: 'section'; num: string }
  | { kind: 'module'; num: string }
  | { kind: 'chapter'; num: number }
  | { kind: 'quote'; text: string }
  | { kind: 'endpoint'; text: string };

const TOKENS: [RegExp, (m: RegExpExecArray) => Token][] = [
  [/^§\s?(\d+(?:\.\d+)*)/, (m) => ({ kind: 'section', num: m[1]! })],
  [/^M(\d+)(?!\w|\.\d)/, (m) => ({ kind: 'module', num: m[1]! })],
  [/^ch\.\s?(\d+)/, (m) => ({ kind: 'chapter', num: Number(m[1]) })],
  [/^["“]([^"”]+)["”]/, (m) => ({ kind: 'quote', text: m[1]! })],
  [/^`?((?:GET|POST|PUT|PATCH|DELETE) \/[\w/{}.-]*[\w}])`?/, (m) => ({ kind: 'endpoint', text: m[1]! })],
];
const SEPARATOR = /^\s*(?:[:,/–—-]|and|&)?\s*/;

/** The tokens that follow a cited path on its line, up to the first thing that is not one. */
function citedParts(rest: string): Token[] {
  const out: Token[] = [];
  let s = rest;
  for (;;) {
    const sep = SEPARATOR.exec(s)![0];
    const after = s.slice(sep.length);
    const hit = TOKENS.map(([re, make]) => {
      const m = re.exec(after);
      return m ? { token: make(m), length: m[0].length } : null;
    }).find((x) => x !== null);
    if (!hit) return out;
    out.push(hit.token);
    s = after.slice(hit.length);
  }
}

/** What is wrong with `tokens` as a citation of `doc` (its name `name`), or [] when every part is found. */
function unresolved(name: string, doc: MarkdownDoc, tokens: Token[]): string[] {
  const problems: string[] = [];
  const all: Heading = { level: 0, text: '', line: 0, end: doc.lines.length };
  const within = (scope: Heading, h: Heading): boolean => scope.level === 0 || (h.line > scope.line && h.line < scope.end);
  const textOf = (scope: Heading): string => fold(doc.lines.slice(scope.line, scope.end).join(' '));
  let chapter: Heading | null = null;
  let section: Heading | null = null;
  let previous: Token['kind'] | null = null;
  for (const t of tokens) {
    switch (t.kind) {
      case 'chapter': {
        const h = doc.headings.find((x) => chineseNumeral(/^第([〇一二三四五六七八九十]+)章/.exec(x.text)?.[1] ?? '') === t.num || new RegExp(`^chapter ${t.num}\\b`, 'i').test(x.text));
        if (!h) problems.push(`${name}: no heading for chapter ${t.num} (第…章)`);
        chapter = h ?? null;
        section = h ?? null;
        break;
      }
      case 'section':
      case 'module': {
        const scope = previous === 'chapter' && chapter ? chapter : all;
        const label = t.kind === 'section' ? `§${t.num}` : `M${t.num}`;
        const h = doc.headings.find((x) => within(scope, x) && (t.kind === 'section' ? headingHasNumber(x, t.num) : new RegExp(`^M${t.num}(?!\\d)`).test(x.text)));
        if (!h) problems.push(`${name}: no heading for ${label}${scope === all ? '' : ` in ${scope.text}`}`);
        section = h ?? null;
        break;
      }
      case 'quote': {
        if (section) {
          if (!textOf(section).includes(fold(t.text))) problems.push(`${name}: "${t.text}" is not in the section ${section.text}`);
        } else if (!doc.headings.some((x) => fold(x.text).includes(fold(t.text)))) {
          problems.push(`${name}: no heading "${t.text}"`);
        }
        break;
      }
      case 'endpoint': {
        const scope = section ?? all;
        if (!doc.lines.slice(scope.line, scope.end).some((l) => l.includes(t.text))) problems.push(`${name}: ${t.text} is not in it`);
        break;
      }
    }
    previous = t.kind;
  }
  return problems;
}

const docs = new Map<string, MarkdownDoc | null>();
function loadDoc(rel: string): MarkdownDoc | null {
  if (!docs.has(rel)) {
    const abs = path.join(PROJECT_ROOT, rel);
    docs.set(rel, fs.existsSync(abs) && fs.statSync(abs).isFile() ? parseMarkdown(fs.readFileSync(abs, 'utf8')) : null);
  }
  return docs.get(rel)!;
}

const CITATION = /(?<![\w./-])(docs\/(?:[\w.-]+\/)*[\w.-]+\.md)(?![\w/])/g;
const OLD_FORMS: [RegExp, string][] = [
  [/\b(?:PRODUCT|CONTRACT|ENGINEERING)\b/, 'the old name of a document: cite docs/product.md, docs/contract.md or docs/engineering.md'],
  [/\bseed\s+ch(?:\.|apter)/i, 'the plan cited as "seed": cite docs/plan.md ch.N §1.1.M'],
];
const SHARED = /(?<![\w./])((?:\.\.\/)+shared(?:\/[^\s'"`)\]},;:]*)?)/g;
const MARKDOWN_LINK = /\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)/g;

/** Does a relative path, as written in `file`, name something inside the repository (`../shared/dates.js` → src/shared/dates.ts)? */
function resolvesInside(file: string, rel: string): boolean {
  const abs = path.resolve(PROJECT_ROOT, path.dirname(file), rel);
  const inside = path.relative(PROJECT_ROOT, abs);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return false;
  const candidates = [abs, abs.replace(/\.js$/, '.ts'), abs.replace(/\.js$/, '.tsx'), abs.replace(/\.jsx$/, '.tsx')];
  return candidates.some((c) => fs.existsSync(c));
}

interface Findings {
  problems: string[];
  citations: number;
}

/** Every problem with the citations in one file's text (`file` relative to the project root). */
function check(file: string, text: string): Findings {
  const problems: string[] = [];
  let citations = 0;
  text.split('\n').forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    for (const m of line.matchAll(CITATION)) {
      citations += 1;
      const doc = loadDoc(m[1]!);
      if (!doc) {
        problems.push(`${where}: ${m[1]} does not exist`);
        continue;
      }
      for (const p of unresolved(m[1]!, doc, citedParts(line.slice(m.index + m[0].length)))) problems.push(`${where}: ${p}`);
    }
    for (const [re, why] of OLD_FORMS) {
      const m = re.exec(line);
      if (m) problems.push(`${where}: "${m[0]}" — ${why}`);
    }
    for (const m of line.matchAll(SHARED)) {
      if (!resolvesInside(file, m[1]!)) problems.push(`${where}: ${m[1]} is outside the repository`);
    }
    if (file.endsWith('.md')) {
      for (const m of line.matchAll(MARKDOWN_LINK)) {
        if (/^[a-z]+:/i.test(m[1]!)) continue;
        if (!resolvesInside(file, m[1]!)) problems.push(`${where}: the link ${m[1]} leads nowhere`);
      }
    }
  });
  return { problems, citations };
}

function scannedFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(PROJECT_ROOT, rel);
    if (!fs.existsSync(abs)) return;
    if (fs.statSync(abs).isFile()) {
      if (SCANNED_FILE.test(rel) && rel !== THIS_FILE) out.push(rel);
      return;
    }
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      if (e.isDirectory() && SKIPPED_DIR.has(e.name)) continue;
      walk(path.join(rel, e.name));
    }
  };
  SCANNED.forEach(walk);
  return out.sort();
}

describe('citations of the product documents', () => {
  it('resolve: every cited file exists, every cited section is among its headings, no old form remains', () => {
    const problems: string[] = [];
    let citations = 0;
    for (const file of scannedFiles()) {
      const found = check(file, fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
      problems.push(...found.problems);
      citations += found.citations;
    }
    expect(problems).toEqual([]);
    // The code cites the documents some 80 times; far fewer means the scan or the pattern broke.
    expect(citations).toBeGreaterThan(60);
  });

  it('give each document its sections as headings', () => {
    const product = loadDoc('docs/product.md')!;
    const plan = loadDoc('docs/plan.md')!;
    expect(unresolved('product', product, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n): Token => ({ kind: 'module', num: String(n) })))).toEqual([]);
    expect(unresolved('product', product, ['1', '2', '3', '4', '4.1', '4.2', '4.3', '4.4', '5'].map((num): Token => ({ kind: 'section', num })))).toEqual([]);
    expect(unresolved('engineering', loadDoc('docs/engineering.md')!, ['1', '2', '3', '4', '5', '6', '7'].map((num): Token => ({ kind: 'section', num })))).toEqual([]);
    for (let ch = 1; ch <= 10; ch += 1) expect(unresolved('plan', plan, [{ kind: 'chapter', num: ch }])).toEqual([]);
    for (let n = 1; n <= 62; n += 1) expect(unresolved('plan', plan, [{ kind: 'section', num: `1.1.${n}` }])).toEqual([]);
  });
});

describe('the citation checker', () => {
  const problemsOf = (text: string, file = 'src/example.ts'): string[] => check(file, text).problems;

  it('accepts the forms the code uses', () => {
    expect(problemsOf([
      '// docs/product.md M9 / §4.2; docs/product.md M5, M6; docs/product.md M9 "masking preview"',
      '// docs/plan.md ch.3 §1.1.13 信息分类; docs/plan.md ch.8 §1.1.44 (分类处理); docs/plan.md ch.10',
      '// docs/contract.md "Applications for disclosure"; docs/contract.md POST /api/v1/messages: a limit',
      '// docs/contract.md `GET /api/v1/items/{id}/risks`; docs/contract.md: GET /api/v1/search.',
      '// docs/engineering.md §4–§6; docs/engineering.md §6: ≥ 0.6× bare; docs/adr/0014-interaction.md',
      '// docs/product.md M3 and GB/T 9704-2012 §7.2.4; docs/product.md §4.4, 22 first-level subjects',
      "const PRODUCT_FIRST_LEVEL = 1; import { x } from '../shared/dates.js';",
    ].join('\n'), 'src/http/example.ts')).toEqual([]);
    expect(problemsOf('See [docs/product.md §1](../product.md).', 'docs/adr/0000-example.md')).toEqual([]);
  });

  it('names the file and line of a citation that does not resolve', () => {
    expect(problemsOf('ok\n// (docs/product.md M13)')).toEqual(['src/example.ts:2: docs/product.md: no heading for M13']);
    expect(problemsOf('// docs/products.md M9')).toEqual(['src/example.ts:1: docs/products.md does not exist']);
    expect(problemsOf('// docs/engineering.md §8')).toEqual(['src/example.ts:1: docs/engineering.md: no heading for §8']);
    expect(problemsOf('// docs/product.md §4.5')).toHaveLength(1);
    expect(problemsOf('// docs/plan.md ch.11')).toHaveLength(1);
    expect(problemsOf('// docs/plan.md ch.3 §1.1.18')[0]).toMatch(/no heading for §1\.1\.18 in 第三章/);
    expect(problemsOf('// docs/contract.md "Applications for nothing"')).toEqual(['src/example.ts:1: docs/contract.md: no heading "Applications for nothing"']);
    expect(problemsOf('// docs/product.md M9 "no such phrase"')).toHaveLength(1);
    expect(problemsOf('// docs/contract.md DELETE /api/v1/messages')).toHaveLength(1);
    expect(problemsOf('See [docs/product.md](../products.md).', 'docs/adr/0000-example.md')).toEqual([
      'docs/adr/0000-example.md:1: the link ../products.md leads nowhere',
    ]);
  });

  it('refuses the old bare forms', () => {
    for (const old of ['(PRODUCT M9)', 'PRODUCT §4.2', '(CONTRACT)', 'CONTRACT.md', 'ENGINEERING §6', 'seed ch.3 §1.1.13', 'Seed ch.8']) {
      expect(problemsOf(`// ${old}`), old).toHaveLength(1);
    }
    expect(problemsOf('// the corpus (../shared/corpus/laws)', 'test/relevance/example.ts')).toEqual([
      'test/relevance/example.ts:1: ../shared/corpus/laws is outside the repository',
    ]);
    expect(problemsOf('`../shared/corpus/laws`', 'docs/adr/0000-example.md')).toHaveLength(1);
  });

  it('reads headings as Markdown does', () => {
    const doc = parseMarkdown('# T\n## 1. One\ntext\n```\n## 2. Not a heading\n```\n### 1.1 Sub\n## 2 Two\n');
    expect(doc.headings.map((h) => [h.text, h.line, h.end])).toEqual([['T', 0, 9], ['1. One', 1, 7], ['1.1 Sub', 6, 7], ['2 Two', 7, 9]]);
    expect(unresolved('d', doc, [{ kind: 'section', num: '2' }])).toEqual([]);
    expect(unresolved('d', doc, [{ kind: 'section', num: '1.1' }])).toEqual([]);
    expect(unresolved('d', doc, [{ kind: 'section', num: '1.2' }])).toHaveLength(1);
    expect([chineseNumeral('三'), chineseNumeral('十'), chineseNumeral('十二'), chineseNumeral('二十一'), chineseNumeral('章')]).toEqual([3, 10, 12, 21, null]);
  });
});

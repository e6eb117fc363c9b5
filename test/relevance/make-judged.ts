// Generates test/relevance/judged.json from the real corpus: `npx tsx test/relevance/make-judged.ts`.
// Deterministic (seeded); the output is hand-checked and committed, so a regenerated file shows up as a diff.
//
// What a citizen would type, and which file they mean (every query names the set of files it may find — the
// versions of one law share a title and are all acceptable):
//  - title: the exact title, or the title without 中华人民共和国;
//  - partialTitle: the distinctive middle of a title (no place prefix, no 条例/办法 suffix) that no other title holds;
//  - phrase: a quoted clause of 10–16 characters from the body that only that law (or its versions) contains;
//  - docNumber: the 令号 / 发文字号 the parser extracts, typed loosely (令 short forms, [] () spaces, Chinese numerals);
//  - traditional: a title converted to Traditional Chinese (opencc cn → tw);
//  - twoChar: a two-character word of a title that no other title contains and few bodies mention.
import fs from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import type { ImportedDocument } from '../../src/modules/publishing/reference/import-format.js';
import { queryTokens } from '../../src/modules/search/segment.js';
import { CORPUS, parseCorpus, type JudgedQuery } from './corpus.js';

const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), 'judged.json');
const PRC = '中华人民共和国';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20260302);
function shuffle<T>(list: readonly T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');
const group = (rel: string) => rel.split('/').slice(0, rel.startsWith('DLC/') ? 2 : 1).join('/');

/** Up to n items, taken round-robin across the corpus folders so every kind of law is represented. */
function spread<T>(candidates: readonly T[], n: number, folderOf: (t: T) => string): T[] {
  const byFolder = new Map<string, T[]>();
  for (const c of shuffle(candidates)) byFolder.set(folderOf(c), [...(byFolder.get(folderOf(c)) ?? []), c]);
  const queues = shuffle([...byFolder.values()]);
  const out: T[] = [];
  while (out.length < n && queues.some((q) => q.length)) for (const q of queues) if (q.length && out.length < n) out.push(q.shift()!);
  return out;
}

const docs = parseCorpus();
const byTitle = new Map<string, ImportedDocument[]>();
for (const d of docs) byTitle.set(fold(d.title), [...(byTitle.get(fold(d.title)) ?? []), d]);
const titles = [...byTitle.keys()];
const bodies = docs.map((d) => ({ d, body: fold(d.bodyText) }));

/** The files of every title that contains `text` (folded). */
const titlesHolding = (text: string) => titles.filter((t) => t.includes(text));
const filesOfTitle = (t: string) => byTitle.get(t)!.map((d) => d.sourcePath);
const sameTitleSet = (d: ImportedDocument): string[] => filesOfTitle(fold(d.title));
const expectOf = (files: string[]): string | string[] => (files.length === 1 ? files[0]! : [...files].sort());

const out: JudgedQuery[] = [];
const used = new Set<string>();
const add = (q: JudgedQuery) => {
  if (used.has(`${q.kind}|${q.query}`)) return;
  used.add(`${q.kind}|${q.query}`);
  out.push(q);
};

// Titles worth typing: not the 案例 (their titles are headlines), not absurdly long.
const typable = docs.filter((d) => !d.sourcePath.startsWith('案例/') && !d.sourcePath.startsWith('其他/') && d.title.length <= 40);

// --- hand-picked: the laws citizens ask for most, typed the short way ---------------------------------------
const HAND_PICKED: [string, JudgedQuery['kind'], string[]][] = [
  ['中华人民共和国刑法', 'title', ['刑法/刑法.md']],
  ['刑法', 'title', ['刑法/刑法.md']],
  ['宪法', 'title', ['宪法/宪法.md']],
  ['公司法', 'title', ['民法商法/公司法(2018-10-26).md', '民法商法/公司法(2023-12-29).md']],
  ['劳动合同法', 'title', ['社会法/劳动合同法(2012-12-28).md']],
  ['道路交通安全法', 'title', ['行政法/道路交通安全法(2021-04-29).md']],
  ['政府信息公开条例', 'title', ['行政法规/政府信息公开条例(2019-04-03).md']],
  ['行政处罚法', 'title', ['行政法/行政处罚法(2021-01-22).md']],
  ['个人信息保护', 'partialTitle', ['行政法/个人信息保护法(2021-08-20).md']],
  ['民法典', 'partialTitle', ['总则', '物权编', '合同编', '人格权编', '婚姻家庭编', '继承编', '侵权责任编', '附则'].map((p) => `民法典/${p}.md`)],
  ['個人信息保護法', 'traditional', ['行政法/个人信息保护法(2021-08-20).md']],
  ['勞動合同法', 'traditional', ['社会法/劳动合同法(2012-12-28).md']],
];
for (const [query, kind, files] of HAND_PICKED) {
  const first = docs.find((d) => d.sourcePath === files[0]);
  if (!first || files.some((f) => !docs.some((d) => d.sourcePath === f))) throw new Error(`hand-picked "${query}": ${files.join(', ')} not in the corpus`);
  add({ query, kind, expect: expectOf(files), title: first.title });
}

// --- title ---------------------------------------------------------------------------------------------------
for (const d of spread(typable, 15, (d) => group(d.sourcePath))) add({ query: d.title, kind: 'title', expect: expectOf(sameTitleSet(d)), title: d.title });
const prc = typable.filter((d) => d.title.startsWith(PRC) && d.title.length > PRC.length + 2);
for (const d of spread(prc, 10, (d) => group(d.sourcePath))) add({ query: d.title.slice(PRC.length), kind: 'title', expect: expectOf(sameTitleSet(d)), title: d.title });

// --- partialTitle --------------------------------------------------------------------------------------------
const PLACE = /^(?:中华人民共和国|最高人民法院|最高人民检察院|[\p{Script=Han}]{2,8}?(?:省|自治区|市|自治州|县|自治县))/u;
const SUFFIX = /(?:实施条例|实施办法|实施细则|暂行条例|暂行规定|暂行办法|若干规定|管理条例|管理办法|管理规定|条例|办法|规定|细则|规则|决定|解释|法)(?:（[^）]*）)?$/u;
const partials: { d: ImportedDocument; core: string }[] = [];
for (const d of typable) {
  let core = fold(d.title).replace(PLACE, '').replace(/^关于/u, '').replace(SUFFIX, '');
  // Long cores are cut after whole words (jieba), never in the middle of one: 基本医疗卫生与健康促进 → 基本医疗卫生.
  if (core.length > 8) {
    let cut = '';
    for (const w of queryTokens(core)) {
      if ((cut + w).length > 8) break;
      cut += w;
    }
    core = cut;
  }
  if (core.length < 4 || !/^\p{Script=Han}+$/u.test(core)) continue;
  const holders = titlesHolding(core);
  if (holders.length === 1 && holders[0] === fold(d.title)) partials.push({ d, core });
}
for (const { d, core } of spread(partials, 20, (p) => group(p.d.sourcePath))) add({ query: core, kind: 'partialTitle', expect: expectOf(sameTitleSet(d)), title: d.title });

// --- phrase --------------------------------------------------------------------------------------------------
const phrases: { d: ImportedDocument; text: string; files: string[] }[] = [];
for (const d of shuffle(docs.filter((d) => !d.sourcePath.startsWith('其他/')))) {
  if (phrases.length >= 400) break;
  const clauses = d.bodyText
    .split(/[\n。；：，！？（）()“”《》]/u)
    .map((c) => c.replace(/^第[一二三四五六七八九十百零〇]+条\s*/u, '').trim())
    .filter((c) => /^\p{Script=Han}{10,16}$/u.test(c));
  if (clauses.length === 0) continue;
  const text = clauses[Math.floor(random() * clauses.length)]!;
  const files = bodies.filter((b) => b.body.includes(text)).map((b) => b.d.sourcePath);
  // Only that law (or versions sharing its title) says it.
  if (files.every((f) => sameTitleSet(d).includes(f))) phrases.push({ d, text, files });
}
for (const p of spread(phrases, 25, (p) => group(p.d.sourcePath))) add({ query: `"${p.text}"`, kind: 'phrase', expect: expectOf(p.files), title: p.d.title });

// --- docNumber -----------------------------------------------------------------------------------------------
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function chinese(n: number): string {
  if (n < 10) return CN[n]!;
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${CN[h]}百`;
  if (rest < 10) return `${CN[h]}百零${CN[rest]}`;
  return `${CN[h]}百${rest < 20 ? '一' : ''}${chinese(rest)}`;
}
const numbered = docs.filter((d) => d.docNumber);
const decreeSpellings = (d: ImportedDocument): string[] => {
  const m = /^(.*?)(令|公告)第(\d+|[零〇一二三四五六七八九十百千]+)号$/u.exec(d.docNumber!)!;
  const [, organ, kind, n] = m as unknown as [string, string, string, string];
  const digits = /^\d+$/.test(n) ? Number(n) : null;
  const short = organ.replace(/^中华人民共和国/u, '');
  const spellings: string[] = [];
  if (short === '国务院' && kind === '令' && digits !== null) {
    spellings.push(`国令第${digits}号`, `国务院令第${digits}号`, `国务院令 第 ${digits} 号`, `国务院令第${chinese(digits)}号`, `中华人民共和国国务院令第${digits}号`);
  } else if (digits !== null) {
    spellings.push(`${short}${kind}第${digits}号`, `${short}${kind} 第${digits}号`, `${short}${kind}第${chinese(digits)}号`);
  } else {
    spellings.push(d.docNumber!);
  }
  return spellings;
};
const decrees = numbered.filter((d) => /(令|公告)第/u.test(d.docNumber!));
const stateCouncil = decrees.filter((d) => /国务院令/u.test(d.docNumber!));
const otherDecrees = decrees.filter((d) => !/国务院令/u.test(d.docNumber!));
for (const [i, d] of shuffle(stateCouncil).slice(0, 10).entries()) {
  const s = decreeSpellings(d);
  add({ query: s[i % s.length]!, kind: 'docNumber', expect: d.sourcePath, title: d.title });
}
for (const [i, d] of spread(otherDecrees, 6, (d) => d.docNumber!.replace(/第.*$/u, '').replace(/第[^届]+届/u, '')).entries()) {
  const s = decreeSpellings(d);
  add({ query: s[i % s.length]!, kind: 'docNumber', expect: d.sourcePath, title: d.title });
}
// The standard numbers (机关代字〔年份〕序号号) of the corpus, each in a loose spelling.
const standardSpellings: ((organ: string, year: string, n: string) => string)[] = [
  (o, y, n) => `${o}[${y}]${n}号`,
  (o, y, n) => `${o} ${y} ${n}号`,
  (o, y, n) => `${o}(${y})${n}号`,
  (o, y, n) => `${o}${y}年第${n}号`,
];
for (const [i, d] of numbered.filter((d) => /〔\d{4}〕/u.test(d.docNumber!)).entries()) {
  const [, o, y, n] = /^(.*)〔(\d{4})〕(\d+)号$/u.exec(d.docNumber!)! as unknown as [string, string, string, string];
  add({ query: standardSpellings[i % standardSpellings.length]!(o, y, n), kind: 'docNumber', expect: d.sourcePath, title: d.title });
}

// --- traditional ---------------------------------------------------------------------------------------------
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const convertible = typable.filter((d) => toTraditional(d.title) !== d.title && !out.some((q) => q.title === d.title));
for (const [i, d] of spread(convertible, 20, (d) => group(d.sourcePath)).entries()) {
  const title = i % 3 === 2 && d.title.startsWith(PRC) ? d.title.slice(PRC.length) : d.title;
  add({ query: toTraditional(title), kind: 'traditional', expect: expectOf(sameTitleSet(d)), title: d.title });
}

// --- twoChar -------------------------------------------------------------------------------------------------
// Pieces jieba cuts out of a title that nobody would type as a word (海南自由贸易港法 → 港法, 台州府城墙 → 州府).
const NOT_WORDS = new Set(['港法', '州府']);
const twoChars: { d: ImportedDocument; word: string; bodies: number }[] = [];
const seenWords = new Set<string>();
for (const d of typable) {
  for (const word of queryTokens(d.title)) {
    if (!/^\p{Script=Han}{2}$/u.test(word) || seenWords.has(word) || NOT_WORDS.has(word)) continue;
    seenWords.add(word);
    const holders = titlesHolding(word);
    if (holders.length !== 1 || holders[0] !== fold(d.title)) continue;
    const mentions = bodies.filter((b) => b.body.includes(word)).length;
    if (mentions <= 20) twoChars.push({ d, word, bodies: mentions });
  }
}
for (const t of spread(twoChars, 15, (t) => group(t.d.sourcePath))) add({ query: t.word, kind: 'twoChar', expect: expectOf(sameTitleSet(t.d)), title: t.d.title });

fs.writeFileSync(OUT, JSON.stringify(out, null, 1).replace(/\n {2,}/gu, ' ').replace(/\n \}/gu, ' }') + '\n');
const counts = [...new Set(out.map((q) => q.kind))].map((k) => `${k} ${out.filter((q) => q.kind === k).length}`);
console.log(`${out.length} judged queries from ${docs.length} documents of ${CORPUS}: ${counts.join(', ')} → ${path.relative(process.cwd(), OUT)}`);

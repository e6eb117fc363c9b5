// Search-benchmark corpora generated from the real laws (the laws corpus of docs/engineering.md §7): every law split into its articles
// (第X条 …), each article a document titled `<law title>第X条` with the article's text as its body. The corpus
// yields about 100k articles; larger sizes reuse the articles across synthetic agencies (copy k of an article
// belongs to agency k), so a 1M corpus holds the same real text several times, filed differently. Facets get real
// spread: the category, topic, genre and validity are drawn per document (deterministic hash), the organ is the
// law's issuing organ, the year is the law's publication year (copies move it by a few years).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseMarkdownDocument, textToSafeHtml } from '../../src/modules/publishing/reference/import-format.js';
import { GENRES } from '../../src/modules/publishing/reference/genres.js';
import { TOPICS } from '../../src/modules/publishing/reference/topics.js';

export interface Article {
  title: string;
  /** Safe HTML of the article (<p> paragraphs), as an import would store it. */
  body: string;
  organ: string | null;
  /** The law's 令号 on its first article only (the article that carries the law's number in a portal). */
  docNumber: string | null;
  /** YYYY-MM-DD of the law's publication. */
  publishedAt: string;
  /** Characters of text. */
  chars: number;
}

const ARTICLE = /^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?/u;

export function corpusFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** Every article of every law (laws without 第X条 — cases, notices — stay whole, as one document). */
export function splitArticles(root: string): { articles: Article[]; laws: number } {
  const articles: Article[] = [];
  let laws = 0;
  for (const file of corpusFiles(root)) {
    const r = parseMarkdownDocument(fs.readFileSync(file, 'utf8'), path.relative(root, file));
    if (!r.ok) continue;
    laws++;
    const d = r.document;
    const publishedAt = d.publishedAt ?? d.writtenAt ?? '2010-01-01';
    const pieces: { no: string; lines: string[] }[] = [];
    for (const raw of d.bodyText.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#') || line.startsWith('<!--')) continue;
      const m = ARTICLE.exec(line);
      if (m) pieces.push({ no: m[0], lines: [line] });
      else if (pieces.length) pieces[pieces.length - 1]!.lines.push(line);
    }
    if (pieces.length === 0) {
      articles.push({ title: d.title, body: d.body, organ: d.issuingOrgan, docNumber: d.docNumber, publishedAt, chars: d.bodyText.length });
      continue;
    }
    pieces.forEach((p, i) => {
      const text = p.lines.join('\n');
      articles.push({ title: `${d.title}${p.no}`, body: textToSafeHtml(text), organ: d.issuingOrgan, docNumber: i === 0 ? d.docNumber : null, publishedAt, chars: text.length });
    });
  }
  // A stable shuffle, so that any prefix of the corpus (100k of the ~135k articles) holds every kind of law.
  const key = (a: Article) => crypto.createHash('md5').update(a.title).digest('hex');
  const keyed = articles.map((a) => ({ a, k: key(a) })).sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  return { articles: keyed.map((x) => x.a), laws };
}

export const CATEGORIES = ['01', '02.01', '02.02', '02.03', '03.01', '03.02', '04', '05.01', '05.02', '06'] as const;
const TOPIC_CODES = TOPICS.flatMap((t) => t.children.map((c) => c.code));
const GENRE_CODES = GENRES.map((g) => g.code);
const VALIDITY = ['valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'amended', 'expired', 'repealed'] as const;

/** A stable pseudo-random number per (document, salt). */
function pick(n: number, salt: string, size: number): number {
  return crypto.createHash('md5').update(`${n}:${salt}`).digest().readUInt32LE(0) % size;
}

export interface GeneratedDocument {
  article: Article;
  /** Which copy of the article (0 = the first agency). */
  copy: number;
  category: string;
  topic: string;
  genre: string;
  validity: string;
  /** ISO instant of publication. */
  publishedAt: string;
}

/** Document n (0-based) of a corpus: article n mod articles, copy ⌊n / articles⌋, facets drawn per n. */
export function generated(articles: readonly Article[], n: number): GeneratedDocument {
  const article = articles[n % articles.length]!;
  const copy = Math.floor(n / articles.length);
  const year = Number(article.publishedAt.slice(0, 4));
  const shifted = copy === 0 ? year : Math.min(2025, Math.max(1980, year + pick(n, 'year', 9) - 4));
  return {
    article,
    copy,
    category: CATEGORIES[pick(n, 'category', CATEGORIES.length)]!,
    topic: TOPIC_CODES[pick(n, 'topic', TOPIC_CODES.length)]!,
    genre: GENRE_CODES[pick(n, 'genre', GENRE_CODES.length)]!,
    validity: VALIDITY[pick(n, 'validity', VALIDITY.length)]!,
    publishedAt: new Date(`${shifted}${article.publishedAt.slice(4)}T00:00:00+08:00`).toISOString(),
  };
}

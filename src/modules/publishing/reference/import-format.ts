import { createHash } from 'node:crypto';
import { isCategoryCode } from './catalog-templates.js';
import { chineseNumeralValue, foldWidth, parseDocNumber } from './doc-number.js';
import { isTopicCode, topicByName } from './topics.js';

/**
 * Parsers for `gongkai import` (docs/contract.md "Command line"): Markdown files in the format of reference/demo-documents and JSON Lines.
 * Pure: text in, documents out; the caller reads the files and writes the items.
 *
 * ## Markdown format
 *   # 标题
 *   <date/event lines>            e.g. `2019年4月3日 中华人民共和国国务院令第711号修订`
 *   <!-- INFO END -->
 *   body: `## 第一章 总则`, `### 第一节 …`, paragraphs separated by blank lines
 *
 * The event lines are joined (lines wrapped in the middle of a date or a 决定 title come together again) and cut
 * at every date (`YYYY年M月D日` or `YYYY-MM-DD`); each piece is one event, classified by its last verb:
 *   通过 → adopted · 批准 → approved · 公布/发布 → promulgated · 修订/修正/修改 → amended · 施行 → effective;
 *   an amendment made by decree (`国务院令第711号修订`) is also promulgated; a piece ending in 、 or 和
 *   (`最高人民法院审判委员会第N次会议、2015年…最高人民检察院…通过`) takes the kinds of the next piece.
 * Dates (rules, all calendar dates YYYY-MM-DD):
 *   - writtenAt (成文日期, when the current text was formed): the latest adopted / approved / amended event; when
 *     there is none, the latest promulgated event;
 *   - publishedAt (公布日期): the latest promulgated event on or after writtenAt; when there is none, writtenAt
 *     (laws of the NPC are promulgated by 主席令 on the day they are adopted; the corpus lists only the adoption);
 *   - effectiveAt (施行日期): the latest 施行 event on or after writtenAt (older ones belong to earlier versions);
 *     `公布之日施行`/`发布之日施行` → publishedAt; otherwise none;
 *   - issuingOrgan: the organ named in the latest promulgated event (`中华人民共和国国务院令第711号公布` → 国务院,
 *     `最高人民法院公告公布` → 最高人民法院); without one, the organ of the first adopted event (a city's 人大常委会,
 *     not the province that approved it); 中华人民共和国 and session numbers (第十三届, 第二十八次会议) dropped;
 *   - docNumber: the decree or announcement number of the latest promulgated event that has one
 *     (`中华人民共和国国务院令第711号`, `杭州市第十四届人民代表大会常务委员会公告第5号`), folded by parseDocNumber.
 * A file without `<!-- INFO END -->` is read with its leading dated lines as events (a warning says so).
 *
 * ## JSON Lines
 * One object a line: `{"title","body","docNumber","writtenAt","publishedAt","category","topic"}`; title and body
 * required; writtenAt a date, publishedAt a date or an instant with offset; docNumber any spelling parseDocNumber
 * accepts (stored canonical); topic a 主题分类 code or name/path (stored as the code); category a catalog code.
 * Every problem is reported with its line number and field; a line with problems yields no document.
 *
 * ## Body
 * Bodies (Markdown or plain text) become HTML built only from `<h2>`, `<h3>` and `<p>`; all text is escaped.
 * `#`/`##` → h2, `###` and deeper → h3, every other non-empty line → one paragraph (legal texts put one 款 per line),
 * table rows → a paragraph of their cells, HTML comments and table rules dropped.
 *
 * ## sourceKey
 * sha256 (hex) of `title ␀ docNumber ␀ writtenAt`, the title folded (NFKC, no whitespace) and the doc number
 * canonical — the same document imported again, from either format, gets the same key.
 */

export type EventKind = 'adopted' | 'approved' | 'promulgated' | 'amended' | 'effective';

export interface DocumentEvent {
  /** YYYY-MM-DD */
  date: string;
  /** The event's text without the date: `中华人民共和国国务院令第711号修订`. */
  text: string;
  kinds: EventKind[];
}

export interface ImportedDocument {
  title: string;
  /** Safe HTML: only <h2>, <h3>, <p> with escaped text. */
  body: string;
  /** The body as it was in the source (Markdown / plain text). */
  bodyText: string;
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  issuingOrgan: string | null;
  docNumber: string | null;
  /** JSON Lines only. */
  category: string | null;
  /** JSON Lines only: a 主题分类 code. */
  topic: string | null;
  /** Markdown only: the event lines, in order. */
  events: DocumentEvent[];
  sourcePath: string;
  /** 1-based line of a JSON Lines record; null for Markdown. */
  line: number | null;
  sourceKey: string;
}

export type MarkdownResult = { ok: true; document: ImportedDocument; warnings: string[] } | { ok: false; error: string };

export interface LineProblem {
  line: number;
  /** The field at fault; null for the line as a whole (bad JSON, not an object). */
  field: string | null;
  message: string;
}

export interface JsonLinesResult {
  documents: ImportedDocument[];
  errors: LineProblem[];
  warnings: LineProblem[];
}

const INFO_END = '<!-- INFO END -->';

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

/** BOM dropped, CRLF and CR → LF. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Markdown / plain text → HTML of <h2>, <h3> and <p> only, every character of content escaped. */
export function textToSafeHtml(text: string): string {
  const out: string[] = [];
  for (const raw of normaliseNewlines(text).split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^<!--.*-->$/u.test(line)) continue;
    if (/^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/u.test(line)) continue; // table rule
    const heading = /^(#{1,6})(?:\s+(.*))?$/u.exec(line);
    if (heading) {
      const content = (heading[2] ?? '').replace(/(?:^|\s+)#+$/u, '').trim();
      if (content === '') continue;
      const tag = heading[1]!.length <= 2 ? 'h2' : 'h3';
      out.push(`<${tag}>${escapeHtml(content)}</${tag}>`);
      continue;
    }
    if (line.startsWith('|') && line.endsWith('|') && line.length > 1) {
      const cells = line.slice(1, -1).split('|').map((c) => c.trim()).filter((c) => c !== '');
      if (cells.length > 0) out.push(`<p>${escapeHtml(cells.join('　'))}</p>`);
      continue;
    }
    out.push(`<p>${escapeHtml(line)}</p>`);
  }
  return out.join('\n');
}

export function normaliseTitle(title: string): string {
  return foldWidth(title);
}

export function sourceKey(title: string, docNumber: string | null, writtenAt: string | null): string {
  const parsed = docNumber ? parseDocNumber(docNumber) : null;
  const doc = parsed === null ? '' : parsed.ok ? parsed.canonical : foldWidth(docNumber ?? '');
  return createHash('sha256').update(`${normaliseTitle(title)}\u0000${doc}\u0000${writtenAt ?? ''}`, 'utf8').digest('hex');
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown events

const DATE_IN_TEXT =
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)|([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/gu;
const CN_YEAR_DIGITS = '〇一二三四五六七八九';
const ON_PUBLICATION = /(?:公布|发布)之日(?:起)?施行/u;

function kindsOf(text: string): EventKind[] {
  const t = text.replace(/[\s）)】〕。；;，,]+$/u, '');
  const kinds: EventKind[] = [];
  if (/(?:公布|发布)施行$/u.test(t)) kinds.push('promulgated', 'effective');
  else if (/(?:施行|执行)$/u.test(t)) kinds.push('effective');
  else if (/批准$/u.test(t)) kinds.push('approved');
  else if (/(?:修订|修正|修改)(?:通过)?$/u.test(t)) kinds.push('amended');
  else if (/通过$/u.test(t)) kinds.push('adopted');
  else if (/(?:公布|发布)$/u.test(t)) kinds.push('promulgated');
  if (kinds.length === 0 && /(?:令|公告)第[0-9零〇一二三四五六七八九十百千]+号$/u.test(t)) kinds.push('promulgated');
  if (kinds.includes('amended') && /(?:令|公告)第[0-9零〇一二三四五六七八九十百千]+号/u.test(t)) kinds.push('promulgated');
  return kinds;
}

function cleanEventText(text: string): string {
  return text
    .replace(/\s+/gu, '')
    .replace(/^[（(]/u, '')
    .replace(/[）)]$/u, '')
    .replace(/^根据/u, '')
    .replace(/根据$/u, '')
    .replace(/^经/u, '');
}

/** Events from the lines between the title and INFO END. Exported for tests. */
export function parseEvents(metaLines: string[]): { events: DocumentEvent[]; effectiveOnPublication: boolean } {
  const joined = metaLines.map((l) => l.normalize('NFKC').trim()).join('');
  const matches = [...joined.matchAll(DATE_IN_TEXT)];
  const events: DocumentEvent[] = [];
  let effectiveOnPublication = false;
  matches.forEach((m, i) => {
    const date = m[7] !== undefined
      ? isoDate(Number([...m[7]].map((c) => (c === '零' ? 0 : CN_YEAR_DIGITS.indexOf(c))).join('')), chineseNumeralValue(m[8]!) ?? 0, chineseNumeralValue(m[9]!) ?? 0)
      : isoDate(Number(m[1] ?? m[4]), Number(m[2] ?? m[5]), Number(m[3] ?? m[6]));
    const end = i + 1 < matches.length ? matches[i + 1]!.index : joined.length;
    let text = joined.slice(m.index + m[0].length, end);
    if (ON_PUBLICATION.test(text)) {
      effectiveOnPublication = true;
      text = text.replace(ON_PUBLICATION, '');
    }
    text = cleanEventText(text);
    if (date === null) return;
    // A date alone (`2022-03-15` under `最高人民法院发布`): the text before the first date names the event.
    if (text === '' && i === 0) {
      const before = metaLines.map((l) => l.trim()).filter((l) => l !== '' && !new RegExp(DATE_IN_TEXT.source, 'u').test(l));
      const last = before.at(-1);
      if (last !== undefined && /(?:公布|发布)$/u.test(last)) text = cleanEventText(last);
    }
    events.push({ date, text, kinds: kindsOf(text) });
  });
  // `A会议、` + `B会议通过`: the unfinished piece takes the kinds of the next one.
  for (let i = events.length - 2; i >= 0; i--) {
    const e = events[i]!;
    if (e.kinds.length === 0 && /[、，,和及]$/u.test(e.text)) e.kinds = [...events[i + 1]!.kinds];
  }
  return { events, effectiveOnPublication };
}

const SESSION = /第[0-9零〇一二三四五六七八九十百千]+届/gu;
const MEETING = /第[0-9零〇一二三四五六七八九十百千]+次.*$/u;

/** The organ named in an event's text, or null. */
export function organOf(text: string): string | null {
  let t = text.split('《')[0]!;
  t = t.replace(/(?:通过|批准|公布|发布|修订|修正|修改|施行|执行)+$/u, '');
  t = t.replace(SESSION, '').replace(MEETING, '');
  t = t.replace(/(?:令|公告|通告)(?:第[0-9零〇一二三四五六七八九十百千]+号)?$/u, '');
  t = t.replace(/(?:审判委员会|检察委员会)$/u, '');
  t = t.replace(/^经/u, '');
  const stripped = t.replace(/中华人民共和国(?=[\p{Script=Han}])/gu, '');
  if (stripped !== '') t = stripped;
  t = t.replace(/[、，,和及]+$/u, '').trim();
  // 主席令: the President promulgates what the NPC adopted; the adopting body is the organ.
  if (t === '' || t === '主席' || t === '国家主席' || t.length > 40 || !/\p{Script=Han}/u.test(t)) return null;
  return t;
}

const NUMBER_IN_TEXT = /[^\s，,。；;、《》]*?(?:令|公告|通告)第[0-9零〇一二三四五六七八九十百千]+号/u;

interface DerivedMeta {
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  issuingOrgan: string | null;
  docNumber: string | null;
}

/** Applies the date, organ and number rules (module comment) to the events. */
export function deriveMeta(events: DocumentEvent[], effectiveOnPublication: boolean, metaLines: string[] = []): DerivedMeta {
  const latest = (pred: (e: DocumentEvent) => boolean, from: string | null = null): DocumentEvent | null => {
    let best: DocumentEvent | null = null;
    for (const e of events) if (pred(e) && (from === null || e.date >= from) && (best === null || e.date >= best.date)) best = e;
    return best;
  };
  const has = (k: EventKind) => (e: DocumentEvent): boolean => e.kinds.includes(k);
  const formed = latest((e) => e.kinds.some((k) => k === 'adopted' || k === 'approved' || k === 'amended')) ?? latest(has('promulgated')) ?? latest((e) => e.kinds.length === 0);
  const writtenAt = formed?.date ?? null;
  const published = latest(has('promulgated'), writtenAt);
  const publishedAt = published?.date ?? writtenAt;
  const effective = latest(has('effective'), writtenAt);
  const effectiveAt = effective?.date ?? (effectiveOnPublication ? publishedAt : null);

  const lastPromulgation = latest((e) => has('promulgated')(e) && organOf(e.text) !== null, writtenAt);
  const firstAdoption = events.find((e) => has('adopted')(e) && organOf(e.text) !== null);
  const anyOrgan = events.find((e) => organOf(e.text) !== null);
  const issuingOrgan = organOf((lastPromulgation ?? firstAdoption ?? anyOrgan)?.text ?? '');

  let docNumber: string | null = null;
  const numbered = latest((e) => has('promulgated')(e) && NUMBER_IN_TEXT.test(e.text), writtenAt);
  if (numbered) {
    const m = NUMBER_IN_TEXT.exec(numbered.text);
    const parsed = m ? parseDocNumber(m[0]) : null;
    if (parsed?.ok) docNumber = parsed.canonical;
  }
  // A line that is a whole standard number (`劳部发〔1994〕489号`, the number of the 通知 that issued the text).
  for (const l of metaLines) {
    if (docNumber) break;
    const parsed = parseDocNumber(l);
    if (parsed.ok && parsed.kind === 'standard') docNumber = parsed.canonical;
  }
  return { writtenAt, publishedAt, effectiveAt, issuingOrgan, docNumber };
}

const META_LINE = /^(?:\d{4}\s*年|\d{4}-\d{1,2}-\d{1,2})/u;

export function parseMarkdownDocument(text: string, sourcePath: string): MarkdownResult {
  const lines = normaliseNewlines(text).split('\n');
  const warnings: string[] = [];
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const titleLine = lines[i]?.trim() ?? '';
  const titleMatch = /^#\s+(.+?)\s*#*$/u.exec(titleLine);
  if (!titleMatch) return { ok: false, error: `${sourcePath}：缺少标题，第一行应为“# 标题”` };
  i++;

  let metaLines: string[];
  let bodyLines: string[];
  const endAt = lines.findIndex((l, n) => n >= i && l.trim() === INFO_END);
  let title = titleMatch[1]!.trim();
  if (endAt >= 0) {
    metaLines = lines.slice(i, endAt).filter((l) => l.trim() !== '');
    // A second heading before INFO END names a part of the document (民法典: `# 合同编`): it joins the title.
    const sub = metaLines.length > 0 ? /^#{1,3}\s+(.+?)\s*#*$/u.exec(metaLines[0]!.trim()) : null;
    if (sub) {
      title = `${title}·${sub[1]!.trim()}`;
      metaLines = metaLines.slice(1);
    }
    bodyLines = lines.slice(endAt + 1);
  } else {
    warnings.push(`${sourcePath}：缺少“${INFO_END}”，开头以日期起首的行按日期行读取`);
    let j = i;
    metaLines = [];
    while (j < lines.length && (lines[j]!.trim() === '' || META_LINE.test(lines[j]!.trim()))) {
      if (lines[j]!.trim() !== '') metaLines.push(lines[j]!);
      j++;
    }
    bodyLines = lines.slice(j);
  }
  const bodyText = bodyLines.join('\n').trim();
  const body = textToSafeHtml(bodyText);
  if (body === '') return { ok: false, error: `${sourcePath}：正文为空` };

  const { events, effectiveOnPublication } = parseEvents(metaLines);
  if (metaLines.length > 0 && events.length === 0) warnings.push(`${sourcePath}：日期行中没有可识别的日期`);
  const meta = deriveMeta(events, effectiveOnPublication, metaLines);
  return {
    ok: true,
    warnings,
    document: {
      title,
      body,
      bodyText,
      ...meta,
      category: null,
      topic: null,
      events,
      sourcePath,
      line: null,
      sourceKey: sourceKey(title, meta.docNumber, meta.writtenAt),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Lines

const JSONL_FIELDS = ['title', 'body', 'docNumber', 'writtenAt', 'publishedAt', 'category', 'topic'] as const;

/** A calendar date from `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` or `YYYY年M月D日`; null when not a real date. */
export function parseCalendarDate(text: string): string | null {
  const m = /^(\d{4})(?:-|\/|\.|年)(\d{1,2})(?:-|\/|\.|月)(\d{1,2})日?$/u.exec(foldWidth(text));
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/u;

export function parseJsonLines(text: string, sourcePath: string): JsonLinesResult {
  const documents: ImportedDocument[] = [];
  const errors: LineProblem[] = [];
  const warnings: LineProblem[] = [];
  normaliseNewlines(text).split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      errors.push({ line, field: null, message: `不是有效的 JSON：${(err as Error).message}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line, field: null, message: '每行应为一个 JSON 对象' });
      return;
    }
    const rec = value as Record<string, unknown>;
    const problems: LineProblem[] = [];
    const fail = (field: string, message: string): null => {
      problems.push({ line, field, message });
      return null;
    };
    for (const key of Object.keys(rec)) {
      if (!(JSONL_FIELDS as readonly string[]).includes(key)) warnings.push({ line, field: key, message: `未知字段“${key}”，已忽略` });
    }
    const str = (field: string, required: boolean): string | null => {
      const v = rec[field];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return required ? fail(field, '必填') : null;
      if (typeof v !== 'string') return fail(field, '应为字符串');
      return v;
    };

    const rawTitle = str('title', true);
    const title = rawTitle?.replace(/\s+/gu, ' ').trim() ?? null;
    if (title !== null && title.length > 500) fail('title', '标题不能超过 500 个字符');
    const bodyText = str('body', true);

    let docNumber: string | null = null;
    const rawDoc = str('docNumber', false);
    if (rawDoc !== null) {
      const parsed = parseDocNumber(rawDoc);
      if (parsed.ok) docNumber = parsed.canonical;
      else fail('docNumber', parsed.error);
    }

    let writtenAt: string | null = null;
    const rawWritten = str('writtenAt', false);
    if (rawWritten !== null) writtenAt = parseCalendarDate(rawWritten) ?? fail('writtenAt', `日期“${rawWritten}”无效，应为 YYYY-MM-DD`);

    let publishedAt: string | null = null;
    const rawPublished = str('publishedAt', false);
    if (rawPublished !== null) {
      const asDate = parseCalendarDate(rawPublished);
      const instant = INSTANT.exec(rawPublished.trim());
      if (asDate) publishedAt = asDate;
      else if (instant && isoDate(Number(instant[1]), Number(instant[2]), Number(instant[3])) && !Number.isNaN(Date.parse(rawPublished.trim()))) publishedAt = rawPublished.trim();
      else fail('publishedAt', `时间“${rawPublished}”无效，应为 YYYY-MM-DD 或带时区的 ISO 8601 时间`);
    }
    if (writtenAt && publishedAt && publishedAt.slice(0, 10) < writtenAt) fail('publishedAt', '发布日期早于成文日期');

    let category: string | null = null;
    const rawCategory = str('category', false);
    if (rawCategory !== null) category = isCategoryCode(rawCategory.trim()) ? rawCategory.trim() : fail('category', `目录编码“${rawCategory}”无效，应形如 01 或 01.02`);

    let topic: string | null = null;
    const rawTopic = str('topic', false);
    if (rawTopic !== null) {
      const t = rawTopic.trim();
      topic = isTopicCode(t) ? t : (topicByName(t)?.code ?? fail('topic', `未知的主题分类“${rawTopic}”`));
    }

    if (problems.length > 0 || title === null || bodyText === null) {
      errors.push(...problems);
      return;
    }
    const body = textToSafeHtml(bodyText);
    if (body === '') {
      errors.push({ line, field: 'body', message: '正文为空' });
      return;
    }
    documents.push({
      title,
      body,
      bodyText,
      writtenAt,
      publishedAt,
      effectiveAt: null,
      issuingOrgan: null,
      docNumber,
      category,
      topic,
      events: [],
      sourcePath,
      line,
      sourceKey: sourceKey(title, docNumber, writtenAt),
    });
  });
  return { documents, errors, warnings };
}

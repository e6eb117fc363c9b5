import { isCategoryCode } from './catalog-templates.js';
import { foldWidth, parseDocNumber } from './doc-number.js';
import { isoDate, normaliseNewlines, sourceKey, textToSafeHtml, type ImportedDocument, type JsonLinesResult, type LineProblem } from './import-document.js';
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

export * from './import-document.js';
export * from './import-markdown.js';

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

import { chineseNumeralValue, parseDocNumber } from './doc-number.js';
import { isoDate, normaliseNewlines, sourceKey, textToSafeHtml, type DocumentEvent, type EventKind, type MarkdownResult } from './import-document.js';

/** The Markdown format of reference/demo-documents (import-format.ts describes it). */

const INFO_END = '<!-- INFO END -->';

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


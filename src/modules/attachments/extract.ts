import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { extractText as pdfText, getDocumentProxy } from 'unpdf';
import type { Kind } from './types.js';
import type { ZipArchive } from './zip.js';

/**
 * Text of an attachment for search: PDF through PDF.js (unpdf's build, no worker, no network, eval off),
 * .docx through mammoth, .xlsx from its shared strings and cells. Images and the legacy binary formats give
 * none. The result is capped at `maxChars`; a failure is the caller's to log — the upload stands without text.
 */
export async function extractText(kind: Kind, buf: Buffer, archive: ZipArchive | undefined, maxChars: number): Promise<string> {
  switch (kind) {
    case 'pdf':
      return cap(await fromPdf(buf), maxChars);
    case 'docx':
      await archive!.verify();
      return cap((await mammoth.extractRawText({ buffer: buf })).value, maxChars);
    case 'xlsx':
      return cap(fromXlsx(archive!, maxChars), maxChars);
    case 'doc':
    case 'xls':
    case 'png':
    case 'jpeg':
    case 'gif':
    case 'webp':
      return '';
  }
}

async function fromPdf(buf: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buf), {
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const { text } = await pdfText(pdf, { mergePages: true });
    return text;
  } finally {
    await pdf.destroy();
  }
}

/** Cell text of every sheet, tab-separated by row, after the sheet's name. */
function fromXlsx(archive: ZipArchive, maxChars: number): string {
  const shared: string[] = [];
  const sst = archive.read('xl/sharedStrings.xml');
  if (sst) {
    let current: string | null = null;
    let inText = false;
    const p = new Parser(
      {
        onopentag(name) {
          if (name === 'si') current = '';
          else if (name === 't') inText = true;
          // Phonetic runs (<rPh>) repeat the reading of East Asian text: skipped.
          else if (name === 'rph') inText = false;
        },
        ontext(text) {
          if (inText && current !== null) current += text;
        },
        onclosetag(name) {
          if (name === 't') inText = false;
          else if (name === 'si') {
            shared.push(current ?? '');
            current = null;
          }
        },
      },
      { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
    );
    p.end(sst.toString('utf8'));
  }
  const sheetNames: string[] = [];
  const wb = archive.read('xl/workbook.xml');
  if (wb) {
    const p = new Parser({ onopentag: (name, attrs) => name === 'sheet' && attrs.name && sheetNames.push(attrs.name) }, { xmlMode: true, decodeEntities: true, lowerCaseTags: true });
    p.end(wb.toString('utf8'));
  }
  const sheets = archive
    .names()
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const out: string[] = [];
  let length = 0;
  for (const [i, sheet] of sheets.entries()) {
    if (length > maxChars) break;
    const rows: string[] = [];
    let row: string[] = [];
    let cellType: string | undefined;
    let value: string | null = null;
    let capture = false;
    const p = new Parser(
      {
        onopentag(name, attrs) {
          if (name === 'row') row = [];
          else if (name === 'c') {
            cellType = attrs.t;
            value = null;
          } else if (name === 'v' || (name === 't' && cellType === 'inlineStr')) {
            capture = true;
            value ??= '';
          }
        },
        ontext(text) {
          if (capture) value += text;
        },
        onclosetag(name) {
          if (name === 'v' || name === 't') capture = false;
          else if (name === 'c') {
            if (value !== null && cellType !== 'b' && cellType !== 'e') row.push(cellType === 's' ? (shared[Number(value)] ?? '') : value);
          } else if (name === 'row') {
            const line = row.filter((c) => c.trim() !== '').join('\t');
            if (line) {
              rows.push(line);
              length += line.length + 1;
            }
          }
        },
      },
      { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
    );
    const xml = archive.read(sheet)!.toString('utf8');
    // Fed in slices so a huge sheet stops once the text is long enough.
    for (let at = 0; at < xml.length && length <= maxChars; at += 1 << 20) p.write(xml.slice(at, at + (1 << 20)));
    p.end();
    const title = sheetNames[i];
    if (rows.length) out.push([...(title ? [title] : []), ...rows].join('\n'));
  }
  return out.join('\n\n');
}

function cap(text: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex -- NUL is what it removes (PostgreSQL text cannot hold it)
  const clean = text.replace(/\u0000/g, '').replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/\n\s*\n\s*(\n\s*)+/g, '\n\n').trim();
  if (clean.length <= maxChars) return clean;
  // Do not cut a surrogate pair in half.
  let end = maxChars;
  const code = clean.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return clean.slice(0, end);
}

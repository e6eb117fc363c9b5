import type { Kind } from './types.js';
import { ZipArchive, ZipError, type ZipLimits } from './zip.js';

export type Sniffed = { kind: Kind; archive?: ZipArchive } | { kind: null; reason: 'unknown' | 'macros' | 'ooxml-other' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function startsWith(buf: Buffer, magic: Buffer | string, at = 0): boolean {
  const m = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : magic;
  return buf.length >= at + m.length && buf.subarray(at, at + m.length).equals(m);
}

/**
 * What a file is, from its bytes. ZIP-based files are opened only through the bounded reader, so a zip bomb
 * throws ZipError here before anything is inflated; macro-enabled Office files are refused.
 */
export function sniff(buf: Buffer, limits: ZipLimits): Sniffed {
  if (startsWith(buf, '%PDF-')) return { kind: 'pdf' };
  if (startsWith(buf, PNG)) return { kind: 'png' };
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return { kind: 'jpeg' };
  if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) return { kind: 'gif' };
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8)) return { kind: 'webp' };
  if (startsWith(buf, 'PK\x03\x04')) return sniffOoxml(buf, limits);
  if (startsWith(buf, CFB)) return sniffCfb(buf);
  return { kind: null, reason: 'unknown' };
}

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

function sniffOoxml(buf: Buffer, limits: ZipLimits): Sniffed {
  const archive = new ZipArchive(buf, limits);
  const ct = archive.entries.get('[Content_Types].xml');
  if (!ct || ct.size > 1024 * 1024) return { kind: null, reason: 'unknown' };
  if (archive.names().some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { kind: null, reason: 'macros' };
  const types = archive.read('[Content_Types].xml')!.toString('utf8');
  const names = archive.names();
  if (types.includes(DOCX_MAIN) && names.some((n) => n.startsWith('word/'))) return { kind: 'docx', archive };
  if (types.includes(XLSX_MAIN) && names.some((n) => n.startsWith('xl/'))) return { kind: 'xlsx', archive };
  // .docm, .xlsm, templates, .pptx, plain archives: not accepted.
  return { kind: null, reason: 'ooxml-other' };
}

/**
 * Legacy Word and Excel files are OLE compound files; their directory entries (128 bytes each, in sectors
 * after the 512-byte header) name the streams: "WordDocument" for Word, "Workbook" or "Book" for Excel.
 */
function sniffCfb(buf: Buffer): Sniffed {
  const streams = new Set<string>();
  for (let p = 512; p + 128 <= buf.length; p += 128) {
    const nameLen = buf.readUInt16LE(p + 64);
    const type = buf[p + 66];
    if (nameLen < 4 || nameLen > 64 || nameLen % 2 !== 0 || (type !== 1 && type !== 2)) continue;
    if (buf.readUInt16LE(p + nameLen - 2) !== 0) continue;
    streams.add(buf.toString('utf16le', p, p + nameLen - 2));
  }
  if (streams.has('Macros') || streams.has('_VBA_PROJECT_CUR') || streams.has('VBA')) return { kind: null, reason: 'macros' };
  const word = streams.has('WordDocument');
  const excel = streams.has('Workbook') || streams.has('Book');
  if (word && !excel) return { kind: 'doc' };
  if (excel && !word) return { kind: 'xls' };
  return { kind: null, reason: 'unknown' };
}

export { ZipError };

import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../shared/context.js';
import { AppError, validationFailed } from '../../shared/errors.js';
import { extractText } from './extract.js';
import { mib, type Limits } from './limits.js';
import { safeName } from './names.js';
import { sniff, type Sniffed } from './sniff.js';
import { AttachmentStore, TooLarge, type Received } from './storage.js';
import { ACCEPTED_LABEL, KIND_INFO, type Kind } from './types.js';
import { ZipError } from './zip.js';

/**
 * Receiving a file, whatever it is attached to (an item's revision, a citizen's message): the parts of the
 * request, the limits, identification by content, a safe name, archive checks and the extracted text — each refusal
 * an AppError with a message for the form's `file` field.
 */

/** One part of a multipart request, as the routes hand them over (the commands do not know Fastify). */
export type Part = { type: 'file'; field: string; filename: string; stream: Readable } | { type: 'field'; field: string; value: string };

/** Where a command reports what it recovers from (a text extraction that failed, a document that would not convert). */
export interface CommandLog {
  warn(obj: object, msg: string): void;
}

export const KIND_LABEL: Record<Kind, string> = {
  pdf: 'PDF 文档',
  docx: 'Word 文档（.docx）',
  xlsx: 'Excel 表格（.xlsx）',
  doc: 'Word 文档（.doc）',
  xls: 'Excel 表格（.xls）',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
};

export function storeOf(ctx: Pick<AppContext, 'config'>): AttachmentStore {
  return new AttachmentStore(ctx.config.dataDir);
}

/** Housekeeping: removes stored files without a row (and stale temporary files) older than a day. */
export function sweepAttachmentFiles(ctx: AppContext): Promise<number> {
  return storeOf(ctx).sweep(ctx.db.kysely, ctx.clock());
}

export const tooLarge = (message: string) => new AppError(413, 'payload_too_large', message, { file: message });
export const unsupported = (code: string, message: string) => new AppError(415, code, message, { file: message });

const isTooLarge = (err: unknown) => err instanceof TooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';

function zipRefusal(err: ZipError): AppError {
  return err.reason === 'too-large' || err.reason === 'ratio' || err.reason === 'entries'
    ? unsupported('unsafe_archive', '文件解压后过大或结构异常（疑似压缩炸弹），已拒收')
    : unsupported('unsupported_type', '文件已损坏或格式不受支持（不接受加密、分卷或 ZIP64 压缩的文档）');
}

export type Identified = Extract<Sniffed, { kind: Kind }>;

/** What the file is; refuses what is not accepted, with a message for the file field. */
export function identify(buf: Buffer, limits: Limits): Identified {
  let s: Sniffed;
  try {
    s = sniff(buf, limits);
  } catch (err) {
    if (err instanceof ZipError) throw zipRefusal(err);
    throw err;
  }
  if (s.kind === null) {
    if (s.reason === 'macros') throw unsupported('unsupported_type', '不接受含宏的 Office 文档，请另存为不含宏的格式');
    throw unsupported('unsupported_type', `不支持此类文件，只接受 ${ACCEPTED_LABEL}`);
  }
  return s;
}

/** The image kind of these bytes, or null when they are not an accepted image. */
export function imageKind(bytes: Buffer, limits: Limits): Kind | null {
  try {
    const k = sniff(bytes, limits).kind;
    return k && KIND_INFO[k].image ? k : null;
  } catch {
    return null;
  }
}

/** A safe name of the given kind; an extension that contradicts the content is refused. */
export function nameFor(raw: string, kind: Kind, limits: Limits): string {
  const named = safeName(raw, kind, limits.nameChars);
  if (!named.ok) throw unsupported('type_mismatch', `文件扩展名 .${named.extension} 与文件内容（${KIND_LABEL[kind]}）不符`);
  return named.name;
}

/** An Office document's archive, checked in full (a zip bomb is refused). */
export async function verifyArchive(s: Identified): Promise<void> {
  try {
    await s.archive?.verify();
  } catch (err) {
    if (err instanceof ZipError) throw zipRefusal(err);
    throw err;
  }
}

/** Identified, safely named, its archive checked and its text extracted (a failed extraction keeps it without text). */
export async function checkFile(buf: Buffer, filename: string, limits: Limits, log: CommandLog): Promise<{ kind: Kind; name: string; text: string }> {
  const s = identify(buf, limits);
  const name = nameFor(filename, s.kind, limits);
  await verifyArchive(s);
  let text = '';
  try {
    text = await extractText(s.kind, buf, s.archive, limits.textChars);
  } catch (err) {
    log.warn({ err, attachment: name, kind: s.kind }, 'attachment text extraction failed; kept without text');
  }
  return { kind: s.kind, name, text };
}

/**
 * The one file of an upload, streamed to a temporary file of the store within `limit` bytes (`overLimit` says
 * what to answer beyond it); the caller accepts it into the store or discards it.
 */
export async function receiveOne(store: AttachmentStore, parts: AsyncIterable<Part>, limit: number, overLimit: () => AppError): Promise<{ received: Received; filename: string }> {
  let received: Received | null = null;
  let filename = '';
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (received) throw validationFailed({ file: '每次只能上传一个文件' });
      filename = part.filename;
      try {
        received = await store.receive(part.stream, limit);
      } catch (err) {
        if (isTooLarge(err)) throw overLimit();
        throw err;
      }
    }
  } catch (err) {
    if (received) await store.discardTmp(received);
    throw err;
  }
  if (!received) throw validationFailed({ file: '请选择要上传的文件' });
  if (received.size === 0) {
    await store.discardTmp(received);
    throw validationFailed({ file: '文件是空的' });
  }
  return { received, filename };
}

/** The bytes of a received file. */
export function readReceived(received: Received): Promise<Buffer> {
  return fs.promises.readFile(received.tmpPath);
}

/** Reads a stream into memory, refusing more than `limit` bytes. */
async function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw new TooLarge(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** One file read into memory (within the file limit) and the form's fields: for a file that is converted, not kept. */
export async function readOneFile(parts: AsyncIterable<Part>, limits: Limits): Promise<{ file: { filename: string; buf: Buffer } | null; fields: Map<string, string> }> {
  let file: { filename: string; buf: Buffer } | null = null;
  const fields = new Map<string, string>();
  for await (const part of parts) {
    if (part.type === 'field') {
      fields.set(part.field, part.value);
      continue;
    }
    if (file) throw validationFailed({ file: '每次只能导入一个文件' });
    try {
      file = { filename: part.filename, buf: await readLimited(part.stream, limits.fileBytes) };
    } catch (err) {
      if (isTooLarge(err)) throw tooLarge(`文件不能超过 ${mib(limits.fileBytes)}`);
      throw err;
    }
  }
  return { file, fields };
}

import crypto from 'node:crypto';
import type { StaffPrincipal } from '../accounts/index.js';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Tx } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, conflict, notFound, validationFailed } from '../../shared/errors.js';
import { authorize } from '../accounts/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { findItem, findRevision, recordContribution, type ItemWithContext, type RevisionRow } from '../publishing/index.js';
import { sanitizeBody } from '../publishing/index.js';
import { isEditable, type RevisionState } from '../publishing/index.js';
import { listAttachments, presentAttachment, revisionAttachments, revisionUsage, type AttachmentOut } from './attachments.repo.js';
import { docxToHtml } from './docx.js';
import { extractText } from './extract.js';
import { LIMITS, mib, type Limits } from './limits.js';
import { safeName } from './names.js';
import { sniff, type Sniffed } from './sniff.js';
import { AttachmentStore, TooLarge, type Received } from './storage.js';
import { ACCEPTED_LABEL, KIND_INFO, type Kind } from './types.js';
import { ZipError } from './zip.js';

/** One part of a multipart request, as the routes hand them over (the command does not know Fastify). */
export type Part = { type: 'file'; field: string; filename: string; stream: Readable } | { type: 'field'; field: string; value: string };

export interface CommandLog {
  warn(obj: object, msg: string): void;
}

export interface AttachmentDeps {
  ctx: AppContext;
  principal: StaffPrincipal | null;
  actor: Actor;
  log: CommandLog;
  limits?: Limits;
}

const KIND_LABEL: Record<Kind, string> = {
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

export function storeOf(ctx: AppContext): AttachmentStore {
  return new AttachmentStore(ctx.config.dataDir);
}

/** Housekeeping: removes stored files without a row (and stale temporary files) older than a day. */
export function sweepAttachmentFiles(ctx: AppContext): Promise<number> {
  return storeOf(ctx).sweep(ctx.db.kysely, ctx.clock());
}

interface Target {
  item: ItemWithContext;
  rev: RevisionRow;
}

/** The item's working revision, which the principal may edit and which is not under review. */
async function editableTarget(d: AttachmentDeps, itemId: string): Promise<Target> {
  const item = await findItem(d.ctx.db.kysely, itemId);
  if (!item) throw notFound('信息不存在');
  await authorize(d.ctx, d.principal, d.actor, 'item.edit', item.unit_path, { type: 'item', id: itemId });
  if (item.state === 'withdrawn') throw conflict('已撤回的信息不能修改', 'invalid_state');
  const rev = await findRevision(d.ctx.db.kysely, item.working_revision_id);
  if (!rev) throw conflict('已发布的信息须先起草新版本（填写修改说明）才能修改附件或正文', 'invalid_state');
  if (!isEditable(rev.state as RevisionState)) throw conflict('审核中的信息不能修改，请先退回', 'invalid_state');
  return { item, rev };
}

/**
 * Inside the command's transaction: the revision must still be the item's editable working revision. The
 * update also takes the item's row lock on PostgreSQL, so attachment changes of one item run one at a time.
 * Every caller changes the revision's content, so its maker is recorded as a contributor here (four eyes).
 */
async function lockTarget(trx: Tx, d: AttachmentDeps, t: Target, now: string): Promise<void> {
  const locked = await trx
    .updateTable('items')
    .set({ updated_at: now })
    .where('id', '=', t.item.id)
    .where('working_revision_id', '=', t.rev.id)
    .where('state', '!=', 'withdrawn')
    .executeTakeFirst();
  const rev = await trx.selectFrom('item_revisions').select('state').where('id', '=', t.rev.id).executeTakeFirst();
  if (Number(locked.numUpdatedRows) !== 1 || !rev || !isEditable(rev.state as RevisionState)) {
    throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
  }
  await recordContribution(trx, t.rev.id, d.principal?.userId, 'attachment', now);
}

const tooLarge = (message: string) => new AppError(413, 'payload_too_large', message, { file: message });
const unsupported = (code: string, message: string) => new AppError(415, code, message, { file: message });

function zipRefusal(err: ZipError): AppError {
  return err.reason === 'too-large' || err.reason === 'ratio' || err.reason === 'entries'
    ? unsupported('unsafe_archive', '文件解压后过大或结构异常（疑似压缩炸弹），已拒收')
    : unsupported('unsupported_type', '文件已损坏或格式不受支持（不接受加密、分卷或 ZIP64 压缩的文档）');
}

/** What the file is; refuses what is not accepted, with a message for the file field. */
function identify(buf: Buffer, limits: Limits): Extract<Sniffed, { kind: Kind }> {
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

function nameFor(raw: string, kind: Kind, limits: Limits): string {
  const named = safeName(raw, kind, limits.nameChars);
  if (!named.ok) throw unsupported('type_mismatch', `文件扩展名 .${named.extension} 与文件内容（${KIND_LABEL[kind]}）不符`);
  return named.name;
}

async function verifyArchive(s: Extract<Sniffed, { kind: Kind }>): Promise<void> {
  try {
    await s.archive?.verify();
  } catch (err) {
    if (err instanceof ZipError) throw zipRefusal(err);
    throw err;
  }
}

async function textOf(d: AttachmentDeps, s: Extract<Sniffed, { kind: Kind }>, buf: Buffer, limits: Limits, name: string): Promise<string> {
  try {
    return await extractText(s.kind, buf, s.archive, limits.textChars);
  } catch (err) {
    d.log.warn({ err, attachment: name, kind: s.kind }, 'attachment text extraction failed; kept without text');
    return '';
  }
}

/**
 * Uploads one file to the item's working revision: streamed to disk within the limits, identified by its
 * content, named safely, its text extracted, then recorded with its audit record in one transaction.
 */
export async function addAttachment(d: AttachmentDeps, itemId: string, parts: AsyncIterable<Part>): Promise<AttachmentOut> {
  const limits = d.limits ?? LIMITS;
  const t = await editableTarget(d, itemId);
  const usage = await revisionUsage(d.ctx.db.kysely, t.rev.id);
  if (usage.files >= limits.revisionFiles) throw conflict(`每条信息最多 ${limits.revisionFiles} 个附件`, 'too_many_attachments');
  const room = limits.revisionBytes - usage.bytes;
  if (room <= 0) throw tooLarge(`附件总大小已达 ${mib(limits.revisionBytes)} 的上限`);
  const limit = Math.min(limits.fileBytes, room);
  const overLimit = () => tooLarge(limit < limits.fileBytes ? `附件总大小不能超过 ${mib(limits.revisionBytes)}（还可上传 ${mib(room)}）` : `文件不能超过 ${mib(limits.fileBytes)}`);

  const store = storeOf(d.ctx);
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
        if (err instanceof TooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw overLimit();
        throw err;
      }
    }
    if (!received) throw validationFailed({ file: '请选择要上传的文件' });
    if (received.size === 0) throw validationFailed({ file: '文件是空的' });
    const buf = await fs.promises.readFile(received.tmpPath);
    const s = identify(buf, limits);
    const name = nameFor(filename, s.kind, limits);
    await verifyArchive(s);
    const text = await textOf(d, s, buf, limits, name);
    await store.accept(received);
    const accepted = received;
    received = null;

    const id = crypto.randomUUID();
    const now = d.ctx.clock().toISOString();
    const row = {
      id,
      revision_id: t.rev.id,
      item_id: t.item.id,
      name,
      storage_key: accepted.key,
      size: accepted.size,
      type: KIND_INFO[s.kind].mime,
      sha256: accepted.sha256,
      text,
      origin: 'upload',
      sort_order: usage.maxOrder + 1,
      created_by: d.principal?.userId ?? null,
      created_at: now,
    };
    try {
      await d.ctx.db.kysely.transaction().execute(async (trx) => {
        await lockTarget(trx, d, t, now);
        const again = await revisionUsage(trx, t.rev.id);
        if (again.bytes + accepted.size > limits.revisionBytes) throw overLimit();
        if (again.files >= limits.revisionFiles) throw conflict(`每条信息最多 ${limits.revisionFiles} 个附件`, 'too_many_attachments');
        await trx.insertInto('item_attachments').values({ ...row, sort_order: again.maxOrder + 1 }).execute();
        await appendAudit(trx, d.ctx, d.actor, {
          action: 'item.attachment.add',
          objectType: 'item',
          objectId: t.item.id,
          orgPath: t.item.unit_path,
          summary: { attachment: id, name, size: accepted.size, type: row.type, sha256: accepted.sha256, revision: t.rev.revision_no },
        });
        await d.ctx.hooks.run('itemsChanged', trx, d.ctx, [t.item.id]);
      });
    } catch (err) {
      await store.remove(accepted.key);
      throw err;
    }
    return presentAttachment(row);
  } finally {
    if (received) await store.discardTmp(received);
  }
}

/** Removes an attachment from the working revision; its file goes when no revision refers to it any more. */
export async function removeAttachment(d: AttachmentDeps, itemId: string, attachmentId: string): Promise<void> {
  const t = await editableTarget(d, itemId);
  const row = (await revisionAttachments(d.ctx.db.kysely, t.rev.id)).find((r) => r.id === attachmentId);
  if (!row) throw notFound('附件不存在');
  const now = d.ctx.clock().toISOString();
  await d.ctx.db.kysely.transaction().execute(async (trx) => {
    await lockTarget(trx, d, t, now);
    const done = await trx.deleteFrom('item_attachments').where('revision_id', '=', t.rev.id).where('id', '=', attachmentId).executeTakeFirst();
    if (Number(done.numDeletedRows) !== 1) throw notFound('附件不存在');
    await appendAudit(trx, d.ctx, d.actor, {
      action: 'item.attachment.remove',
      objectType: 'item',
      objectId: t.item.id,
      orgPath: t.item.unit_path,
      summary: { attachment: attachmentId, name: row.name, size: row.size, type: row.type, revision: t.rev.revision_no },
    });
    await d.ctx.hooks.run('itemsChanged', trx, d.ctx, [t.item.id]);
  });
  await storeOf(d.ctx).removeIfUnreferenced(d.ctx.db.kysely, [row.storage_key]);
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

export interface ImportResult {
  body: string;
  warnings: string[];
  attachments: AttachmentOut[];
  version: number;
}

/**
 * A .docx becomes the body of the working revision: converted by mammoth, its images stored as attachments
 * of the revision (images of an earlier import are replaced), the HTML sanitised like any body. The item's
 * `version` must be current (optimistic locking, as for edits).
 */
export async function importDocx(d: AttachmentDeps, itemId: string, parts: AsyncIterable<Part>): Promise<ImportResult> {
  const limits = d.limits ?? LIMITS;
  const t = await editableTarget(d, itemId);
  let file: { filename: string; buf: Buffer } | null = null;
  let versionField: string | null = null;
  for await (const part of parts) {
    if (part.type === 'field') {
      if (part.field === 'version') versionField = part.value;
      continue;
    }
    if (file) throw validationFailed({ file: '每次只能导入一个文件' });
    try {
      file = { filename: part.filename, buf: await readLimited(part.stream, limits.fileBytes) };
    } catch (err) {
      if (err instanceof TooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(`文件不能超过 ${mib(limits.fileBytes)}`);
      throw err;
    }
  }
  const version = versionField !== null && /^\d{1,9}$/.test(versionField.trim()) ? Number(versionField.trim()) : null;
  if (version === null) throw validationFailed({ version: versionField === null ? '缺少版本号（version）' : '版本号须为整数' });
  if (!file || file.buf.length === 0) throw validationFailed({ file: '请选择要导入的 Word 文档（.docx）' });
  const s = identify(file.buf, limits);
  if (s.kind !== 'docx') throw unsupported('unsupported_type', `只能导入 Word 文档（.docx），此文件是${KIND_LABEL[s.kind]}`);
  const docName = nameFor(file.filename, 'docx', limits);
  await verifyArchive(s);

  // Images of an earlier import are replaced; everything else counts against the revision's total.
  const existing = await revisionAttachments(d.ctx.db.kysely, t.rev.id);
  const previous = existing.filter((r) => r.origin === 'docx');
  const kept = existing.filter((r) => r.origin !== 'docx');
  let room = limits.revisionBytes - kept.reduce((n, r) => n + Number(r.size), 0);
  let slots = limits.revisionFiles - kept.length;
  let order = kept.reduce((n, r) => Math.max(n, r.sort_order), -1);
  const store = storeOf(d.ctx);
  const written: string[] = [];
  const rows: (typeof existing)[number][] = [];
  const warnings: string[] = [];
  const now = d.ctx.clock().toISOString();
  let n = 0;
  try {
    let converted: { html: string; messages: string[] };
    try {
      converted = await docxToHtml(file.buf, async (img) => {
        n += 1;
        const bytes = await img.read();
        let kind: Kind | null = null;
        try {
          const k = sniff(bytes, limits).kind;
          kind = k && KIND_INFO[k].image ? k : null;
        } catch {
          kind = null;
        }
        if (!kind) {
          warnings.push(`第 ${n} 张图片的格式（${img.contentType}）不受支持，已略去`);
          return null;
        }
        if (bytes.length > limits.fileBytes || bytes.length > room || slots <= 0) {
          warnings.push(`第 ${n} 张图片超出附件大小或数量的上限，已略去`);
          return null;
        }
        const stored = await store.put(bytes);
        written.push(stored.key);
        room -= bytes.length;
        slots -= 1;
        const id = crypto.randomUUID();
        const name = `图片${n}.${KIND_INFO[kind].extensions[0]!}`;
        rows.push({
          id,
          revision_id: t.rev.id,
          item_id: t.item.id,
          name,
          storage_key: stored.key,
          size: bytes.length,
          type: KIND_INFO[kind].mime,
          sha256: stored.sha256,
          text: '',
          origin: 'docx',
          sort_order: (order += 1),
          created_by: d.principal?.userId ?? null,
          created_at: now,
        });
        return `/attachments/${id}/${encodeURIComponent(name)}`;
      });
    } catch (err) {
      d.log.warn({ err, file: docName }, 'docx conversion failed');
      throw unsupported('unsupported_type', 'Word 文档无法读取，可能已损坏');
    }
    warnings.unshift(...converted.messages);
    const body = sanitizeBody(converted.html);
    let newVersion = version + 1;
    await d.ctx.db.kysely.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('items')
        .set({ version: version + 1, updated_at: now })
        .where('id', '=', t.item.id)
        .where('version', '=', version)
        .where('working_revision_id', '=', t.rev.id)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) throw conflict('该信息已被他人修改，请刷新后重试', 'stale_version');
      const updated = await trx
        .updateTable('item_revisions')
        .set({ body, updated_at: now })
        .where('id', '=', t.rev.id)
        .where('state', 'in', ['draft', 'rejected'])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
      await recordContribution(trx, t.rev.id, d.principal?.userId, 'docx', now);
      if (previous.length) {
        await trx.deleteFrom('item_attachments').where('revision_id', '=', t.rev.id).where('origin', '=', 'docx').execute();
      }
      if (rows.length) await trx.insertInto('item_attachments').values(rows).execute();
      await appendAudit(trx, d.ctx, d.actor, {
        action: 'item.import-docx',
        objectType: 'item',
        objectId: t.item.id,
        orgPath: t.item.unit_path,
        summary: {
          file: docName,
          size: file.buf.length,
          revision: t.rev.revision_no,
          images: rows.map((r) => ({ attachment: r.id, name: r.name, size: r.size })),
          replacedImages: previous.map((r) => r.id),
          warnings: warnings.length,
        },
      });
      await d.ctx.hooks.run('itemsChanged', trx, d.ctx, [t.item.id]);
      newVersion = version + 1;
    });
    written.length = 0;
    await store.removeIfUnreferenced(d.ctx.db.kysely, previous.map((r) => r.storage_key));
    return { body, warnings, attachments: await listAttachments(d.ctx.db.kysely, t.rev.id), version: newVersion };
  } finally {
    for (const key of written) await store.remove(key);
  }
}

import crypto from 'node:crypto';
import type { PublicCaller } from '../accounts/index.js';
import { conflict, validationFailed } from '../../shared/errors.js';
import { docxToHtml, identify, imageKind, KIND_INFO, KIND_LABEL, LIMITS, nameFor, readOneFile, storeOf, unsupported, verifyArchive, type Part } from '../attachments/index.js';
import { appendAudit } from '../audit/index.js';
import { deleteDocxImages, insertAttachments, listAttachments, revisionAttachments, type AttachmentRow } from './attachments.repo.js';
import { editableRevision, stillEditable, type FileOptions } from './attachments.commands.js';
import { changeItem } from './item-change.js';
import type { AttachmentView } from './items.schemas.js';
import { sanitizeBody } from './sanitize.js';

export interface ImportResult {
  body: string;
  warnings: string[];
  attachments: AttachmentView[];
  version: number;
}

/** The form's `version`: the item's version the import was made on (optimistic locking, as for edits). */
function versionOf(field: string | undefined): number {
  const version = field !== undefined && /^\d{1,9}$/.test(field.trim()) ? Number(field.trim()) : null;
  if (version === null) throw validationFailed({ version: field === undefined ? '缺少版本号（version）' : '版本号须为整数' });
  return version;
}

/**
 * A .docx becomes the body of the working revision: converted by mammoth, its images stored as attachments
 * of the revision (images of an earlier import are replaced), the HTML sanitised like any body. The item's
 * `version` must be current. Answers the body, what the conversion warns of, the revision's files and the new version.
 */
export async function importDocx(caller: PublicCaller, itemId: string, parts: AsyncIterable<Part>, options: FileOptions): Promise<ImportResult> {
  const { ctx, principal, actor } = caller;
  const limits = options.limits ?? LIMITS;
  const target = await editableRevision(caller, itemId);
  const { file, fields } = await readOneFile(parts, limits);
  const version = versionOf(fields.get('version'));
  if (!file || file.buf.length === 0) throw validationFailed({ file: '请选择要导入的 Word 文档（.docx）' });
  const s = identify(file.buf, limits);
  if (s.kind !== 'docx') throw unsupported('unsupported_type', `只能导入 Word 文档（.docx），此文件是${KIND_LABEL[s.kind]}`);
  const docName = nameFor(file.filename, 'docx', limits);
  await verifyArchive(s);

  // Images of an earlier import are replaced; everything else counts against the revision's total.
  const existing = await revisionAttachments(ctx.db.kysely, target.rev.id);
  const previous = existing.filter((r) => r.origin === 'docx');
  const kept = existing.filter((r) => r.origin !== 'docx');
  let room = limits.revisionBytes - kept.reduce((n, r) => n + Number(r.size), 0);
  let slots = limits.revisionFiles - kept.length;
  let order = kept.reduce((n, r) => Math.max(n, r.sort_order), -1);
  const store = storeOf(ctx);
  const written: string[] = [];
  const rows: AttachmentRow[] = [];
  const warnings: string[] = [];
  const now = ctx.clock().toISOString();
  let n = 0;
  try {
    let converted: { html: string; messages: string[] };
    try {
      converted = await docxToHtml(file.buf, async (img) => {
        n += 1;
        const bytes = await img.read();
        const kind = imageKind(bytes, limits);
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
          revision_id: target.rev.id,
          item_id: itemId,
          name,
          storage_key: stored.key,
          size: bytes.length,
          type: KIND_INFO[kind].mime,
          sha256: stored.sha256,
          text: '',
          origin: 'docx',
          sort_order: (order += 1),
          created_by: principal?.userId ?? null,
          created_at: now,
        });
        return `/attachments/${id}/${encodeURIComponent(name)}`;
      });
    } catch (err) {
      options.log.warn({ err, file: docName }, 'docx conversion failed');
      throw unsupported('unsupported_type', 'Word 文档无法读取，可能已损坏');
    }
    warnings.unshift(...converted.messages);
    const body = sanitizeBody(converted.html);
    const attachments = await changeItem(caller, itemId, async (change) => {
      const { trx, item } = change;
      if (item.version !== version) throw conflict('该信息已被他人修改，请刷新后重试', 'stale_version');
      await stillEditable(change, target.rev, principal?.userId ?? null, 'docx');
      await trx.updateTable('items').set({ version: version + 1, updated_at: now }).where('id', '=', itemId).execute();
      await trx.updateTable('item_revisions').set({ body, updated_at: now }).where('id', '=', target.rev.id).execute();
      if (previous.length) await deleteDocxImages(trx, target.rev.id);
      await insertAttachments(trx, rows);
      await appendAudit(trx, ctx, actor, {
        action: 'item.import-docx',
        objectType: 'item',
        objectId: itemId,
        orgPath: item.unit_path,
        summary: {
          file: docName,
          size: file.buf.length,
          revision: target.rev.revision_no,
          images: rows.map((r) => ({ attachment: r.id, name: r.name, size: r.size })),
          replacedImages: previous.map((r) => r.id),
          warnings: warnings.length,
        },
      });
      await ctx.hooks.run('itemsChanged', trx, ctx, [itemId]);
      return listAttachments(trx, target.rev.id);
    });
    written.length = 0;
    await store.removeIfUnreferenced(ctx.db.kysely, previous.map((r) => r.storage_key));
    return { body, warnings, attachments, version: version + 1 };
  } finally {
    for (const key of written) await store.remove(key);
  }
}

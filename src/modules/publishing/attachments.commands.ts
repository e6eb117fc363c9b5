import crypto from 'node:crypto';
import type { PublicCaller } from '../accounts/index.js';
import { conflict, notFound } from '../../shared/errors.js';
import { checkFile, KIND_INFO, LIMITS, mib, readReceived, receiveOne, storeOf, tooLarge, type CommandLog, type Limits, type Part } from '../attachments/index.js';
import { appendAudit } from '../audit/index.js';
import { deleteAttachment, insertAttachments, presentAttachment, revisionAttachments, revisionUsage } from './attachments.repo.js';
import { changeItem, type ItemChange } from './item-change.js';
import { recordContribution, type ItemRecord, type RevisionRow } from './items.repo.js';
import type { AttachmentView } from './items.schemas.js';
import { isEditable } from './workflow.js';

/** What an attachment command needs beyond its caller: where to report what it recovers from, and its limits. */
export interface FileOptions {
  log: CommandLog;
  limits?: Limits;
}

/** The item's working revision, which the caller may change and which is not under review (checked before a file is received). */
export function editableRevision(caller: PublicCaller, itemId: string): Promise<{ item: ItemRecord; rev: RevisionRow }> {
  return changeItem(caller, itemId, async ({ item, rev, require }) => {
    require('attach');
    return { item, rev };
  });
}

/**
 * Inside the command's transaction: the revision must still be the item's editable working revision, and the
 * change is the caller's (touching the item's row, recording them as a contributor: four eyes).
 */
export async function stillEditable({ trx, item, rev, facts, now, require }: ItemChange, target: RevisionRow, userId: string | null, kind: 'attachment' | 'docx'): Promise<void> {
  if (rev.id !== target.id || !isEditable(facts.state)) throw conflict('该信息的状态已被他人改变，请刷新', 'stale_state');
  require('attach');
  await trx.updateTable('items').set({ updated_at: now }).where('id', '=', item.id).execute();
  await recordContribution(trx, rev.id, userId, kind, now);
}

/**
 * Uploads one file to the item's working revision: streamed to disk within the limits, identified by its
 * content, named safely, its text extracted, then recorded with its audit record in one transaction.
 */
export async function addAttachment(caller: PublicCaller, itemId: string, parts: AsyncIterable<Part>, options: FileOptions): Promise<AttachmentView> {
  const { ctx, principal, actor } = caller;
  const limits = options.limits ?? LIMITS;
  const target = await editableRevision(caller, itemId);
  const usage = await revisionUsage(ctx.db.kysely, target.rev.id);
  const tooMany = () => conflict(`每条信息最多 ${limits.revisionFiles} 个附件`, 'too_many_attachments');
  if (usage.files >= limits.revisionFiles) throw tooMany();
  const room = limits.revisionBytes - usage.bytes;
  if (room <= 0) throw tooLarge(`附件总大小已达 ${mib(limits.revisionBytes)} 的上限`);
  const limit = Math.min(limits.fileBytes, room);
  const overLimit = () => tooLarge(limit < limits.fileBytes ? `附件总大小不能超过 ${mib(limits.revisionBytes)}（还可上传 ${mib(room)}）` : `文件不能超过 ${mib(limits.fileBytes)}`);

  const store = storeOf(ctx);
  const { received, filename } = await receiveOne(store, parts, limit, overLimit);
  let file: Awaited<ReturnType<typeof checkFile>>;
  try {
    file = await checkFile(await readReceived(received), filename, limits, options.log);
    await store.accept(received);
  } catch (err) {
    await store.discardTmp(received);
    throw err;
  }
  const row = {
    id: crypto.randomUUID(),
    revision_id: target.rev.id,
    item_id: itemId,
    name: file.name,
    storage_key: received.key,
    size: received.size,
    type: KIND_INFO[file.kind].mime,
    sha256: received.sha256,
    text: file.text,
    origin: 'upload',
    sort_order: 0,
    created_by: principal?.userId ?? null,
    created_at: ctx.clock().toISOString(),
  };
  try {
    await changeItem(caller, itemId, async (change) => {
      await stillEditable(change, target.rev, principal?.userId ?? null, 'attachment');
      const again = await revisionUsage(change.trx, target.rev.id);
      if (again.bytes + received.size > limits.revisionBytes) throw overLimit();
      if (again.files >= limits.revisionFiles) throw tooMany();
      await insertAttachments(change.trx, [{ ...row, sort_order: again.maxOrder + 1 }]);
      await appendAudit(change.trx, ctx, actor, {
        action: 'item.attachment.add',
        objectType: 'item',
        objectId: itemId,
        orgPath: change.item.unit_path,
        summary: { attachment: row.id, name: row.name, size: row.size, type: row.type, sha256: row.sha256, revision: target.rev.revision_no },
      });
      await ctx.hooks.run('itemsChanged', change.trx, ctx, [itemId]);
    });
  } catch (err) {
    await store.remove(received.key);
    throw err;
  }
  return presentAttachment(row);
}

/** Removes an attachment from the working revision; its file goes when no revision refers to it any more. */
export async function removeAttachment(caller: PublicCaller, itemId: string, attachmentId: string): Promise<void> {
  const { ctx, principal, actor } = caller;
  const target = await editableRevision(caller, itemId);
  const row = (await revisionAttachments(ctx.db.kysely, target.rev.id)).find((r) => r.id === attachmentId);
  if (!row) throw notFound('附件不存在');
  await changeItem(caller, itemId, async (change) => {
    await stillEditable(change, target.rev, principal?.userId ?? null, 'attachment');
    if (!(await deleteAttachment(change.trx, target.rev.id, attachmentId))) throw notFound('附件不存在');
    await appendAudit(change.trx, ctx, actor, {
      action: 'item.attachment.remove',
      objectType: 'item',
      objectId: itemId,
      orgPath: change.item.unit_path,
      summary: { attachment: attachmentId, name: row.name, size: row.size, type: row.type, revision: target.rev.revision_no },
    });
    await ctx.hooks.run('itemsChanged', change.trx, ctx, [itemId]);
  });
  await storeOf(ctx).removeIfUnreferenced(ctx.db.kysely, [row.storage_key]);
}

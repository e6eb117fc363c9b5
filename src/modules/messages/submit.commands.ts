import crypto from 'node:crypto';
import { withTransaction } from '../../db/database.js';
import { guardSubmission } from '../../shared/abuse.js';
import { validationFailed } from '../../shared/errors.js';
import type { PublicCaller } from '../accounts/index.js';
import { storeOf } from '../attachments/index.js';
import { safeName } from '../attachments/index.js';
import { sniff } from '../attachments/index.js';
import { LIMITS } from '../attachments/index.js';
import { KIND_INFO, type Kind } from '../attachments/index.js';
import { appendAudit } from '../audit/index.js';
import { calendarFor } from '../calendar/index.js';
import { computeDeadline } from '../calendar/index.js';
import { openDeadline } from '../calendar/index.js';
import { todayIn } from '../calendar/index.js';
import { agencyOf } from '../organisations/index.js';
import { contactKey } from '../../shared/contact.js';
import { publishedItemOf } from './messages.repo.js';
import type { Submitted } from './messages.schemas.js';
import { loadSettings } from './settings.js';
import { newTrackingCode } from './tracking.js';
import { TYPE_LABELS, type MessageType } from './types.js';

export interface SubmitInput {
  org: string;
  type: MessageType;
  title: string;
  content: string;
  name: string;
  contact: string;
  public: boolean;
  correctionItemId?: string | null | undefined;
  challengeToken?: string | undefined;
  challengeAnswer?: string | undefined;
}

export interface IncomingFile {
  filename: string;
  data: Buffer;
  /** Cut at the upload limit: larger than allowed. */
  truncated: boolean;
}

/** Citizens' attachments: pictures or PDF only, a few small files (docs/adr/0014). */
export const MESSAGE_FILE_LIMITS = { max: 3, maxFileBytes: 5 * 1024 * 1024 } as const;
const MESSAGE_FILE_KINDS = new Set(['jpeg', 'png', 'pdf']);

/** The citizen's answer (the tracking code, the due date), and the message's id for the callers within. */
export type SubmittedMessage = Submitted & { id: string };

/** The sniffed kind; a broken or hostile archive is simply not one of the accepted kinds. */
function kindOf(data: Buffer): string | null {
  try {
    return sniff(data, LIMITS).kind;
  } catch {
    return null;
  }
}

function checkFiles(files: readonly IncomingFile[]) {
  if (files.length > MESSAGE_FILE_LIMITS.max) throw validationFailed({ attachments: `最多上传 ${MESSAGE_FILE_LIMITS.max} 个附件` });
  return files.map((f, i) => {
    const field = `attachments.${i}`;
    if (f.truncated || f.data.length > MESSAGE_FILE_LIMITS.maxFileBytes) throw validationFailed({ [field]: `附件“${f.filename}”超过 5 MB` });
    if (!f.data.length) throw validationFailed({ [field]: `附件“${f.filename}”是空文件` });
    const kind = kindOf(f.data);
    if (!kind || !MESSAGE_FILE_KINDS.has(kind)) throw validationFailed({ [field]: `附件“${f.filename}”不是 JPG、PNG 图片或 PDF 文件` });
    const named = safeName(f.filename || `附件${i + 1}`, kind as Kind, LIMITS.nameChars);
    if (!named.ok) throw validationFailed({ [field]: `附件“${f.filename}”的扩展名与内容不符` });
    return { name: named.name, kind, data: f.data };
  });
}

/**
 * A citizen's message (docs/contract.md POST /api/v1/messages): checked, limited per address and contact, then stored
 * with its tracking code, its legal deadline (the agency's working days, the day of submission not counted)
 * and its first history event, all in one transaction. Files are written first and removed if that fails, so
 * a 201 always means a stored message and a stored message always had its 201.
 */
export async function submitMessage(caller: PublicCaller, input: SubmitInput, files: readonly IncomingFile[] = []): Promise<SubmittedMessage> {
  const { ctx, actor } = caller;
  const agency = await agencyOf(ctx.db.kysely, input.org, { refuseUnits: '机关不存在' });
  if (input.type === 'correction' && !input.correctionItemId) throw validationFailed({ correctionItemId: '纠错须指明所纠正的信息' });
  if (input.correctionItemId && !(await publishedItemOf(ctx.db.kysely, agency.id, input.correctionItemId))) {
    throw validationFailed({ correctionItemId: '所纠正的信息不存在或未公开' });
  }
  const accepted = checkFiles(files);
  const key = contactKey(input.contact);
  await guardSubmission(ctx, {
    kind: 'message',
    address: actor.ip ?? 'unknown',
    contactKey: key,
    challengeToken: input.challengeToken,
    challengeAnswer: input.challengeAnswer,
  });

  const store = storeOf(ctx);
  const stored: { name: string; kind: string; data: Buffer; key: string; sha256: string }[] = [];
  try {
    for (const f of accepted) stored.push({ ...f, ...(await store.put(f.data)) });
    const id = crypto.randomUUID();
    const trackingCode = newTrackingCode();
    const now = ctx.clock();
    const submittedDate = todayIn(agency.timezone, now);
    // The agency's calendar from this instance's cache (dropped on every calendar change, on every instance).
    const calendar = await calendarFor(ctx, agency.id);
    const deadlineId = crypto.randomUUID();
    return await withTransaction(ctx.db, async (trx) => {
      const settings = await loadSettings(trx, agency.id);
      const workingDays = settings.replyLimits[input.type];
      const due = computeDeadline(calendar, [{ type: 'start', date: submittedDate, workingDays }]);
      const deadline = { due_date: due.dueDate };
      const at = now.toISOString();
      await trx
        .insertInto('messages')
        .values({
          id,
          agency_id: agency.id,
          unit_id: null,
          tracking_code: trackingCode,
          type: input.type,
          state: 'received',
          title: input.title,
          content: input.content,
          name: input.name,
          contact: input.contact,
          contact_key: key,
          address: actor.ip,
          public_consent: input.public ? 1 : 0,
          correction_item_id: input.correctionItemId ?? null,
          submitted_at: at,
          submitted_date: submittedDate,
          deadline_id: deadlineId,
          due_date: deadline.due_date,
          draft_reply: null, draft_by: null, reply: null, reply_unit_id: null, replied_by: null, replied_at: null,
          investigation: null, responsible_unit: null, measures: null, dismiss_reason: null, closed_at: null,
          published_at: null, public_title: null, public_content: null, public_reply: null,
          rating: null, rating_comment: null, rated_at: null, erased_at: null,
          updated_at: at,
          version: 1,
        })
        .execute();
      await trx
        .insertInto('message_events')
        .values({ id: crypto.randomUUID(), message_id: id, seq: 1, type: 'submitted', at, actor_id: null, actor_name: '留言人', from_unit_id: null, to_unit_id: null, note: null })
        .execute();
      for (const f of stored) {
        await trx
          .insertInto('message_attachments')
          .values({ id: crypto.randomUUID(), message_id: id, name: f.name, type: KIND_INFO[f.kind as Kind].mime, size: f.data.length, sha256: f.sha256, storage_key: f.key })
          .execute();
      }
      // The audit records last: on PostgreSQL they take the audit chain's lock, held until the commit.
      await openDeadline(trx, ctx, actor, {
        id: deadlineId,
        agencyId: agency.id,
        subjectType: 'message',
        subjectId: id,
        label: `${TYPE_LABELS[input.type]}留言 ${trackingCode}`,
        start: submittedDate,
        workingDays,
        calendar,
      });
      await appendAudit(trx, ctx, actor, {
        action: 'message.submit',
        objectType: 'message',
        objectId: id,
        orgPath: agency.path,
        summary: { type: input.type, dueDate: deadline.due_date, workingDays, attachments: stored.length },
      });
      return { id, trackingCode, dueDate: deadline.due_date, workingDays, state: 'received' as const };
    });
  } catch (err) {
    for (const f of stored) await store.remove(f.key).catch(() => undefined);
    throw err;
  }
}

import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import type { Caller, PublicCaller } from '../accounts/index.js';
import { authorize } from '../accounts/index.js';
import { storeOf } from '../attachments/index.js';
import { calendarFor, standingOf, todayIn, type Standing } from '../calendar/index.js';
import { handles, mayRead } from './access.js';
import { recordMessageView } from './inbox.js';
import { presentDetail, presentForCitizen, presentListed } from './messages.present.js';
import type { CitizenMessage, ListedMessage, MessageDetail } from './messages.schemas.js';
import { findByTrackingCode, findMessage, liveItemTitle, messageAttachments, messageEvents, type MessageWithContext } from './messages.repo.js';
import { loadSettings } from './settings.js';
import { canonicalTrackingCode } from './tracking.js';
import { forbidden } from '../../shared/errors.js';

/** The message of an id; 404 when there is none. */
export async function loadMessage(ctx: AppContext, id: string): Promise<MessageWithContext> {
  const m = await findMessage(ctx.db.kysely, id);
  if (!m) throw notFound('留言不存在');
  return m;
}

/** Where the message stands against its due date today, in its agency's calendar. */
export async function standingNow(ctx: AppContext, m: Pick<MessageWithContext, 'agency_id' | 'agency_timezone' | 'due_date'>): Promise<Standing> {
  const calendar = await calendarFor(ctx, m.agency_id);
  return standingOf(calendar, todayIn(m.agency_timezone, ctx.clock()), m.due_date);
}

async function detailOf(caller: Pick<PublicCaller, 'ctx' | 'principal'>, m: MessageWithContext): Promise<MessageDetail> {
  const { ctx, principal } = caller;
  const q = ctx.db.kysely;
  const settings = await loadSettings(q, m.agency_id);
  const item = m.correction_item_id ? await liveItemTitle(q, m.correction_item_id) : null;
  const attachments = handles(principal, m) ? (await messageAttachments(q, m.id)).map(({ storage_key: _k, ...a }) => a) : [];
  return presentDetail(m, await standingNow(ctx, m), settings, await messageEvents(q, m.id), attachments, principal, item);
}

/** A message the caller may read, else 404 (a message beyond one's scope does not exist for one). */
async function readable(caller: Pick<PublicCaller, 'ctx' | 'principal'>, id: string): Promise<MessageWithContext> {
  const m = await loadMessage(caller.ctx, id);
  if (!mayRead(caller.principal, m)) throw notFound('留言不存在');
  return m;
}

/** One message as staff see it, as the answer to an action on it. */
export async function messageDetail(caller: Pick<PublicCaller, 'ctx' | 'principal'>, id: string): Promise<MessageDetail> {
  return detailOf(caller, await readable(caller, id));
}

/** A staff member asks to read one message: recorded (`message.view`), then shown. */
export async function openMessage(caller: Caller, id: string): Promise<MessageDetail> {
  const m = await readable(caller, id);
  await recordMessageView(caller, m, handles(caller.principal, m));
  return detailOf(caller, m);
}

/** One row of the inbox: what a bulk action answers for each message it handled. */
export async function listedMessage(ctx: AppContext, id: string): Promise<ListedMessage> {
  const m = await loadMessage(ctx, id);
  const settings = await loadSettings(ctx.db.kysely, m.agency_id);
  return presentListed(m, await standingNow(ctx, m), settings.dueSoonDays);
}

/** A citizen's attachment, for those who handle the message only; the download is recorded. */
export async function messageAttachmentFile(caller: Caller, id: string, attachmentId: string): Promise<{ name: string; type: string; path: string }> {
  const { ctx, principal, actor } = caller;
  const m = await loadMessage(ctx, id);
  if (!handles(principal, m)) {
    await authorize(ctx, principal, actor, 'message.route', m.agency_path, { type: 'message', id: m.id });
    throw forbidden();
  }
  const att = (await messageAttachments(ctx.db.kysely, m.id)).find((a) => a.id === attachmentId);
  if (!att) throw notFound('附件不存在');
  await recordMessageView(caller, m, true, att.id);
  return { name: att.name, type: att.type, path: storeOf(ctx).pathOf(att.storage_key) };
}

/** The message of a tracking code as typed; 404 for a malformed or unknown code alike. */
export async function messageByCode(ctx: AppContext, typed: string): Promise<MessageWithContext> {
  const code = canonicalTrackingCode(typed);
  const m = code ? await findByTrackingCode(ctx.db.kysely, code) : undefined;
  if (!m) throw notFound('查询码不存在，请核对后重新输入');
  return m;
}

/** What the holder of a tracking code sees of the message. */
export async function trackMessage(ctx: AppContext, typed: string): Promise<CitizenMessage> {
  const m = await messageByCode(ctx, typed);
  return presentForCitizen(m, await messageEvents(ctx.db.kysely, m.id));
}

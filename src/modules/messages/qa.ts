import { withoutLikeWildcards, type Queryable } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import type { HookMap } from '../../shared/hooks.js';
import { agencyOf } from '../organisations/index.js';
import { localDate } from '../publishing/index.js';
import type { QaEntry } from './messages.schemas.js';
import { TYPE_LABELS, type MessageType } from './types.js';

/** The public Q&A: only the masked copies made at publication, never the stored originals. */
function published(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('messages as m')
    .innerJoin('organisations as a', 'a.id', 'm.agency_id')
    .leftJoin('organisations as r', 'r.id', 'm.reply_unit_id')
    .select([
      'm.id',
      'm.type',
      'm.public_title',
      'm.public_content',
      'm.public_reply',
      'm.submitted_date',
      'm.replied_at',
      'm.published_at',
      'm.rating',
      'a.code as org',
      'a.name as agency_name',
      'a.timezone',
      'r.name as reply_unit',
    ])
    .where('m.published_at', 'is not', null)
    .where('m.state', '=', 'answered');
}

type Row = Awaited<ReturnType<ReturnType<typeof published>['executeTakeFirst']>>;

function present(r: NonNullable<Row>): QaEntry {
  return {
    id: r.id,
    org: r.org,
    type: r.type,
    typeLabel: TYPE_LABELS[r.type as MessageType],
    title: r.public_title,
    content: r.public_content,
    reply: r.public_reply,
    /** 受理日期: the agency's calendar date of submission. */
    receivedDate: r.submitted_date,
    /** 答复日期, in the agency's time zone. */
    repliedDate: r.replied_at ? localDate(r, r.replied_at) : null,
    /** 答复部门. */
    replyUnit: r.reply_unit ?? r.agency_name,
    rating: r.rating,
    publishedAt: r.published_at,
  };
}

export async function listPublishedQa(
  ctx: AppContext,
  f: { org?: string | undefined; q?: string | undefined; type?: MessageType | undefined; page: number; pageSize: number },
): Promise<{ total: number; entries: QaEntry[] }> {
  let q = published(ctx);
  if (f.org) {
    const agency = await agencyOf(ctx.db.kysely, f.org, { refuseUnits: '机关不存在' });
    q = q.where('m.agency_id', '=', agency.id);
  }
  if (f.type) q = q.where('m.type', '=', f.type);
  if (f.q) {
    const like = `%${withoutLikeWildcards(f.q)}%`;
    q = q.where((eb) => eb.or([eb('m.public_title', 'like', like), eb('m.public_content', 'like', like), eb('m.public_reply', 'like', like)]));
  }
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('m.replied_at', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { total: Number(total.n), entries: rows.map(present) };
}

export async function publishedQa(ctx: AppContext, id: string): Promise<QaEntry | undefined> {
  const row = await published(ctx).where('m.id', '=', id).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** One published answer; 404 when it is not (or no longer) public. */
export async function requirePublishedQa(ctx: AppContext, id: string): Promise<QaEntry> {
  const entry = await publishedQa(ctx, id);
  if (!entry) throw notFound('该问答不存在或未公开');
  return entry;
}

/**
 * What a message of the agency offers the FAQ when the office promotes it (the `answerForFaq` hook): its published,
 * masked copy if there is one, else the title and the reply as written.
 */
export const offerAnswerForFaq: HookMap['answerForFaq'] = async (q: Queryable, ask, offer) => {
  const m = await q
    .selectFrom('messages')
    .select(['agency_id', 'state', 'title', 'reply', 'published_at', 'public_title', 'public_reply'])
    .where('id', '=', ask.messageId)
    .executeTakeFirst();
  if (!m || m.agency_id !== ask.agencyId) return;
  const published = m.published_at !== null;
  offer({ answered: m.state === 'answered', question: published ? m.public_title : m.title, answer: published ? m.public_reply : m.reply, published });
};

import { withoutLikeWildcards, withTransaction } from '../../db/database.js';
import { forbidden } from '../../shared/errors.js';
import { scopeFor, type Caller, type PublicCaller } from '../accounts/index.js';
import { appendAudit } from '../audit/index.js';
import type { WorkCalendar } from '../calendar/index.js';
import { calendarFor } from '../calendar/index.js';
import { standingOf } from '../calendar/index.js';
import { todayIn } from '../calendar/index.js';
import { agencyOf } from '../organisations/index.js';
import { presentListed } from './messages.present.js';
import type { Inbox, ListedMessage } from './messages.schemas.js';
import type { MessageWithContext } from './messages.repo.js';
import { loadSettings, type InteractionSettings } from './settings.js';
import type { MessageType } from './types.js';
import type { MessageState } from './workflow.js';

export interface InboxFilter {
  org?: string | undefined;
  state?: MessageState | undefined;
  type?: MessageType | undefined;
  unit?: string | undefined;
  standing?: 'overdue' | 'due-soon' | 'open' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const OPEN_STATES: MessageState[] = ['received', 'assigned', 'reviewing'];

/**
 * The office's inbox and a unit's queue are one list: what `message.read` covers — the whole agency for the
 * office and leaders, the unit's own messages for a unit — filtered in SQL, never after the query.
 */
export async function listInbox(caller: Caller, f: InboxFilter): Promise<Inbox> {
  const { ctx, principal } = caller;
  const scope = scopeFor(principal, 'message.read');
  if (!scope.all && !scope.paths.length) throw forbidden();
  const agency = f.org ? await agencyOf(ctx.db.kysely, f.org, { refuseUnits: '机关不存在' }) : undefined;
  // Due soon is "at most N working days left": as a date cut-off in the agency's (or the national) calendar.
  const calendar = await calendarFor(ctx, agency?.id ?? '');
  const settings = agency ? await loadSettings(ctx.db.kysely, agency.id) : await loadSettings(ctx.db.kysely, '');
  const today = todayIn(agency?.timezone ?? 'Asia/Shanghai', ctx.clock());
  let dueSoonCutoff: string;
  try {
    dueSoonCutoff = calendar.add(today, settings.dueSoonDays);
  } catch {
    dueSoonCutoff = today;
  }

  const paths = scope.all ? [] : scope.paths;
  let base = ctx.db.kysely
    .selectFrom('messages as m')
    .innerJoin('organisations as a', 'a.id', 'm.agency_id')
    .leftJoin('organisations as u', 'u.id', 'm.unit_id');
  if (!scope.all) base = base.where((eb) => eb.or(paths.flatMap((p) => [eb('a.path', 'like', `${p}%`), eb('u.path', 'like', `${p}%`)])));
  if (agency) base = base.where('m.agency_id', '=', agency.id);
  if (f.type) base = base.where('m.type', '=', f.type);
  if (f.unit) base = base.where('u.code', '=', f.unit);
  if (f.q) {
    const like = `%${withoutLikeWildcards(f.q)}%`;
    base = base.where((eb) => eb.or([eb('m.title', 'like', like), eb('m.tracking_code', 'like', like.toUpperCase())]));
  }

  const counts = await base
    .select((eb) => [
      eb.fn.count<number>(eb.case().when('m.state', '=', 'received').then(1).end()).as('received'),
      eb.fn.count<number>(eb.case().when('m.state', '=', 'assigned').then(1).end()).as('assigned'),
      eb.fn.count<number>(eb.case().when('m.state', '=', 'reviewing').then(1).end()).as('reviewing'),
      eb.fn.count<number>(eb.case().when(eb.and([eb('m.state', 'in', OPEN_STATES), eb('m.due_date', '<', today)])).then(1).end()).as('overdue'),
      eb.fn
        .count<number>(eb.case().when(eb.and([eb('m.state', 'in', OPEN_STATES), eb('m.due_date', '>=', today), eb('m.due_date', '<=', dueSoonCutoff)])).then(1).end())
        .as('dueSoon'),
    ])
    .executeTakeFirstOrThrow();

  let q = base;
  if (f.state) q = q.where('m.state', '=', f.state);
  if (f.standing) q = q.where('m.state', 'in', OPEN_STATES);
  if (f.standing === 'overdue') q = q.where('m.due_date', '<', today);
  if (f.standing === 'due-soon') q = q.where('m.due_date', '>=', today).where('m.due_date', '<=', dueSoonCutoff);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await q
    .selectAll('m')
    .select(['a.code as agency_code', 'a.path as agency_path', 'a.name as agency_name', 'a.timezone as agency_timezone', 'u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path'])
    // Open messages by due date first (the most urgent on top), then the closed ones, newest first.
    .orderBy((eb) => eb.case().when('m.state', 'in', OPEN_STATES).then(0).else(1).end())
    .orderBy('m.due_date')
    .orderBy('m.submitted_at', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute()) as MessageWithContext[];

  // A list across agencies (a province's office) reads each agency's calendar and settings once per page.
  const perAgency = new Map<string, Promise<[WorkCalendar, InteractionSettings]>>();
  if (agency) perAgency.set(agency.id, Promise.resolve([calendar, settings]));
  const messages: ListedMessage[] = [];
  for (const m of rows) {
    let entry = perAgency.get(m.agency_id);
    if (!entry) perAgency.set(m.agency_id, (entry = Promise.all([calendarFor(ctx, m.agency_id), loadSettings(ctx.db.kysely, m.agency_id)])));
    const [cal, s] = await entry;
    messages.push(presentListed(m, standingOf(cal, todayIn(m.agency_timezone, ctx.clock()), m.due_date), s.dueSoonDays));
  }
  return {
    total: Number(total.n),
    counts: {
      received: Number(counts.received),
      assigned: Number(counts.assigned),
      reviewing: Number(counts.reviewing),
      overdue: Number(counts.overdue),
      dueSoon: Number(counts.dueSoon),
    },
    messages,
  };
}

/**
 * A staff member opened one message — its content and, for those who handle it, the citizen's name and contact —
 * or one of its attachments: recorded like any read of a citizen's personal data (`message.view`), in the
 * message's unit (or agency) so the auditors of that agency see it. The list is not recorded row by row: it shows
 * titles, states and deadlines, no name, contact or content.
 */
export async function recordMessageView(d: PublicCaller, m: Pick<MessageWithContext, 'id' | 'agency_path' | 'unit_path'>, personalData: boolean, attachmentId?: string): Promise<void> {
  await withTransaction(d.ctx.db, (trx) =>
    appendAudit(trx, d.ctx, d.actor, {
      action: attachmentId ? 'message.attachment.view' : 'message.view',
      objectType: 'message',
      objectId: m.id,
      orgPath: m.unit_path ?? m.agency_path,
      summary: attachmentId ? { attachmentId } : { personalData },
    }),
  );
}

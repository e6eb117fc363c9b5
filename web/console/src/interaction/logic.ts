// Pure logic of the interaction screens (留言办理, templates, settings, hot topics, FAQ, solicitations): the
// inbox filters in the address, the API's parameters, labels, due-date tones and request bodies. No DOM, no server.
import { TAG_COLORS } from '../publishing/logic.js';
import type {
  Adoption,
  BulkResult,
  CommentState,
  FaqState,
  InteractionSettings,
  MessageEvent,
  MessageState,
  MessageType,
  SolicitationStatus,
  Standing,
} from './types.js';

export const PAGE_SIZE = 20;
/** GET /api/v1/inbox takes pages up to 10000 (http/validation.ts pageQuery). */
export const MAX_PAGE = 10000;

export const MESSAGE_TYPES: readonly MessageType[] = ['consultation', 'suggestion', 'problem', 'complaint', 'correction'];
export const TYPE_LABELS: Record<MessageType, string> = {
  consultation: '咨询',
  suggestion: '建议',
  problem: '问题',
  complaint: '投诉',
  correction: '纠错',
};
/** Dark shades under white text (contrast above 4.5:1). */
export const TYPE_COLORS: Record<MessageType, string> = {
  consultation: TAG_COLORS.blue,
  suggestion: TAG_COLORS.cyan,
  problem: TAG_COLORS.purple,
  complaint: TAG_COLORS.red,
  correction: TAG_COLORS.orange,
};

export const MESSAGE_STATES: readonly MessageState[] = ['received', 'assigned', 'reviewing', 'answered', 'dismissed'];
export const STATE_LABELS: Record<MessageState, string> = {
  received: '待分办',
  assigned: '办理中',
  reviewing: '待审核',
  answered: '已答复',
  dismissed: '不予受理',
};
export const STATE_COLORS: Record<MessageState, string> = {
  received: TAG_COLORS.blue,
  assigned: TAG_COLORS.cyan,
  reviewing: TAG_COLORS.purple,
  answered: TAG_COLORS.green,
  dismissed: TAG_COLORS.grey,
};

export const STANDING_LABELS: Record<Standing, string> = { overdue: '超期', 'due-soon': '临期' };

/** The inbox's heading: the office routes the agency's messages; a unit sees the queue of its own. */
export function inboxTitle(canRoute: boolean): string {
  return canRoute ? '留言办理' : '本单位留言';
}

/** What the inbox shows, as kept in the address (?state=received&type=complaint&standing=overdue&q=…&page=2). */
export interface InboxState {
  /** The agency (site) code; absent: the screen's default agency. */
  agency?: string;
  state?: MessageState;
  type?: MessageType;
  /** A unit's code. */
  unit?: string;
  standing?: Standing;
  q: string;
  page: number;
}

const UNIT_CODE = /^[A-Za-z0-9_-]{1,40}$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** The address → the state; values the API would refuse are dropped. */
export function readInboxState(params: URLSearchParams): InboxState {
  const page = Math.trunc(Number(params.get('page') ?? '1'));
  const state: InboxState = {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: Number.isFinite(page) ? Math.min(MAX_PAGE, Math.max(1, page)) : 1,
  };
  const agency = params.get('agency')?.trim();
  if (agency) state.agency = agency.slice(0, 32);
  const s = oneOf(MESSAGE_STATES, params.get('state'));
  if (s) state.state = s;
  const type = oneOf(MESSAGE_TYPES, params.get('type'));
  if (type) state.type = type;
  const unit = params.get('unit')?.trim();
  if (unit && UNIT_CODE.test(unit)) state.unit = unit;
  const standing = oneOf<Standing>(['overdue', 'due-soon'], params.get('standing'));
  if (standing) state.standing = standing;
  return state;
}

/** The state → the address, defaults left out. */
export function writeInboxState(state: InboxState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.agency) p.set('agency', state.agency);
  if (state.state) p.set('state', state.state);
  if (state.type) p.set('type', state.type);
  if (state.unit) p.set('unit', state.unit);
  if (state.standing) p.set('standing', state.standing);
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.page > 1) p.set('page', String(Math.min(MAX_PAGE, state.page)));
  return p;
}

/** The query string of GET /api/v1/inbox (with the leading '?'). */
export function inboxApiQuery(state: InboxState, agency: string | undefined, pageSize = PAGE_SIZE): string {
  const p = new URLSearchParams();
  if (agency) p.set('org', agency);
  if (state.state) p.set('state', state.state);
  if (state.type) p.set('type', state.type);
  if (state.unit) p.set('unit', state.unit);
  if (state.standing) p.set('standing', state.standing);
  if (state.q.trim()) p.set('q', state.q.trim());
  p.set('page', String(state.page));
  p.set('pageSize', String(pageSize));
  return '?' + p.toString();
}

/** Any change of what is listed starts again on page 1. */
export function changeInbox(state: InboxState, change: Partial<Omit<InboxState, 'page'>>): InboxState {
  const next: InboxState = { ...state, ...change, page: 1 };
  for (const k of Object.keys(next) as (keyof InboxState)[]) if (next[k] === undefined) delete next[k];
  return next;
}

/** How a message's due date is shown: the working days left, red when overdue, orange when due soon. */
export function dueTone(m: { state: MessageState; remainingWorkingDays: number | null; overdue: boolean; dueSoon: boolean }): {
  text: string;
  color: string | undefined;
} {
  if (m.state === 'answered' || m.state === 'dismissed') return { text: '已办结', color: undefined };
  const left = m.remainingWorkingDays;
  if (m.overdue) return { text: left === null ? '已超期' : `已超期 ${-left} 个工作日`, color: TAG_COLORS.red };
  if (left === null) return { text: '', color: undefined };
  const text = left === 0 ? '今日到期' : `剩余 ${left} 个工作日`;
  return { text, color: m.dueSoon ? TAG_COLORS.orange : undefined };
}

/** One line of the timeline: the step, the units it moved between and the note (reason, review comment). */
export function eventText(e: Pick<MessageEvent, 'type' | 'label' | 'fromUnit' | 'toUnit' | 'note'>): string {
  const parts = [e.label];
  if ((e.type === 'assign' || e.type === 'transfer') && e.toUnit) parts.push(e.type === 'transfer' && e.fromUnit ? `${e.fromUnit} → ${e.toUnit}` : `至 ${e.toUnit}`);
  if (e.type === 'return' && e.fromUnit) parts.push(`由 ${e.fromUnit}`);
  if (e.type === 'rated' && e.note) return `${e.label}：${e.note} 分`;
  if (e.note) parts.push(`（${e.note}）`);
  return parts.join(' ');
}

/** A file size in words: 2048 → '2.0 KB'. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface ReplyValues {
  reply: string;
  investigation?: string;
  responsibleUnit?: string;
  measures?: string;
}

/** The body of POST /inbox/{id}/reply: a complaint carries its accountability fields, other types none. */
export function replyBody(type: MessageType, v: ReplyValues): { reply: string; investigation?: string; responsibleUnit?: string; measures?: string } {
  const reply = v.reply.trim();
  if (type !== 'complaint') return { reply };
  return { reply, investigation: (v.investigation ?? '').trim(), responsibleUnit: (v.responsibleUnit ?? '').trim(), measures: (v.measures ?? '').trim() };
}

/** Templates to offer for a message type: those meant for it first, then the general ones; others left out. */
export function templatesFor<T extends { type: MessageType | null; title: string }>(templates: readonly T[], type: MessageType | undefined): T[] {
  if (!type) return [...templates];
  return [...templates.filter((t) => t.type === type), ...templates.filter((t) => t.type === null)];
}

/** A template's text added after what is written already: nothing the handler typed is replaced. */
export function withTemplate(current: string | undefined, body: string): string {
  const text = (current ?? '').trimEnd();
  return text ? `${text}\n\n${body}` : body;
}

/**
 * The rows of a bulk action's result in the order asked, named by their titles (a handled message by its title as
 * it is now); a refusal is said by what it found wrong with the fields, else by its message.
 */
export function bulkRows(result: BulkResult, titles: ReadonlyMap<string, string>): { id: string; title: string; ok: boolean; message: string }[] {
  return result.results.map((r) =>
    r.ok
      ? { id: r.id, title: titles.get(r.id) ?? r.result.title, ok: true, message: '' }
      : { id: r.id, title: titles.get(r.id) ?? r.id, ok: false, message: Object.values(r.error.fields ?? {}).join('；') || r.error.message },
  );
}

export type Trend = 'up' | 'down' | 'same' | 'new';

/** A topic's count against the period before. */
export function trendOf(current: number, previous: number): Trend {
  if (previous === 0) return current > 0 ? 'new' : 'same';
  if (current > previous) return 'up';
  if (current < previous) return 'down';
  return 'same';
}

export const TREND_LABELS: Record<Trend, string> = { up: '上升', down: '下降', same: '持平', new: '新出现' };

export const HOT_TOPIC_DAYS = [7, 30, 90] as const;
export type HotTopicDays = (typeof HOT_TOPIC_DAYS)[number];

/** The period of the hot topics in the address (?days=7); 30 otherwise. */
export function readDays(params: URLSearchParams): HotTopicDays {
  const n = Number(params.get('days'));
  return (HOT_TOPIC_DAYS as readonly number[]).includes(n) ? (n as HotTopicDays) : 30;
}

export interface SettingsValues {
  replyLimits: Record<MessageType, number>;
  reviewRequired: boolean;
  dueSoonDays: number;
  /** Empty: contact details are kept. */
  retentionDays: number | null | undefined;
}

/** The settings form → PUT /interaction/settings, with the version the form was loaded from. */
export function settingsBody(v: SettingsValues, version: number): InteractionSettings {
  const retention = v.retentionDays;
  return {
    replyLimits: Object.fromEntries(MESSAGE_TYPES.map((t) => [t, Number(v.replyLimits[t])])) as Record<MessageType, number>,
    reviewRequired: Boolean(v.reviewRequired),
    dueSoonDays: Number(v.dueSoonDays),
    retentionDays: retention === null || retention === undefined || String(retention).trim() === '' ? null : Number(retention),
    version,
  };
}

export const FAQ_STATE_LABELS: Record<FaqState, string> = { published: '公开', hidden: '隐藏' };

export const SOLICITATION_STATUS_LABELS: Record<SolicitationStatus, string> = { upcoming: '即将开始', open: '正在征集', closed: '已结束' };
export const SOLICITATION_STATUS_COLORS: Record<SolicitationStatus, string> = { upcoming: TAG_COLORS.blue, open: TAG_COLORS.green, closed: TAG_COLORS.grey };

export const COMMENT_STATES: readonly CommentState[] = ['pending', 'shown', 'hidden'];
export const COMMENT_STATE_LABELS: Record<CommentState, string> = { pending: '待审核', shown: '已显示', hidden: '已隐藏' };
export const COMMENT_STATE_COLORS: Record<CommentState, string> = { pending: TAG_COLORS.orange, shown: TAG_COLORS.green, hidden: TAG_COLORS.grey };

export const ADOPTIONS: readonly Adoption[] = ['adopted', 'partly', 'not-adopted'];
export const ADOPTION_LABELS: Record<Adoption, string> = { adopted: '采纳', partly: '部分采纳', 'not-adopted': '未采纳' };

/** Shown comments still without an adoption decision: the feedback can be published when none is left. */
export function undecided(counts: { shown: number; adopted: number; partly: number; notAdopted: number }): number {
  return counts.shown - counts.adopted - counts.partly - counts.notAdopted;
}

/** The unit choices of an agency: its units (not the agency itself) in tree order, nested ones named with their parents. */
export function unitOptions(orgs: readonly { id: string; code: string; name: string; kind: string; parentId: string | null }[]): { value: string; code: string; label: string }[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const children = new Map<string | null, typeof orgs[number][]>();
  for (const o of orgs) {
    const parent = o.parentId && byId.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { value: string; code: string; label: string }[] = [];
  const walk = (parent: string | null, prefix: string) => {
    for (const o of children.get(parent) ?? []) {
      const label = o.kind === 'agency' ? '' : prefix ? `${prefix} / ${o.name}` : o.name;
      if (o.kind !== 'agency') out.push({ value: o.id, code: o.code, label });
      walk(o.id, label);
    }
  };
  walk(null, '');
  return out;
}

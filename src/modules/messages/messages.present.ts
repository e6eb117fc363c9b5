import type { StaffPrincipal } from '../accounts/index.js';
import type { Standing } from '../calendar/index.js';
import { maskContact } from '../../shared/contact.js';
import { handles } from './access.js';
import type { MessageWithContext } from './messages.repo.js';
import type { CitizenMessage, ListedMessage, MessageDetail } from './messages.schemas.js';
import type { InteractionSettings } from './settings.js';
import { TYPE_LABELS, type MessageType } from './types.js';
import { possibleActions, publicStatus, STATE_LABELS, type MessageState } from './workflow.js';

type EventRow = { seq: number; type: string; at: string; actor_name: string; note: string | null; from_unit: string | null; to_unit: string | null };

const EVENT_LABELS: Record<string, string> = {
  submitted: '提交留言',
  assign: '分办',
  transfer: '转办',
  return: '退回公开办',
  reply: '答复',
  release: '审核通过，发布答复',
  'send-back': '退回修改',
  dismiss: '不予受理',
  published: '公开问答',
  unpublished: '撤下公开问答',
  rated: '留言人评价',
};

/** What citizens are shown of the history: when it was received, handled, answered — no staff names or internal notes. */
const PUBLIC_EVENTS: Record<string, string> = {
  submitted: '已受理',
  assign: '已转交承办单位办理',
  transfer: '已转交承办单位办理',
  release: '已答复',
  reply: '已答复',
  dismiss: '不予受理',
};

export function presentListed(m: MessageWithContext, standing: Standing, dueSoonDays: number): ListedMessage {
  const open = m.state !== 'answered' && m.state !== 'dismissed';
  return {
    id: m.id,
    trackingCode: m.tracking_code,
    org: m.agency_code,
    type: m.type as MessageType,
    typeLabel: TYPE_LABELS[m.type as MessageType],
    state: m.state as MessageState,
    stateLabel: STATE_LABELS[m.state as MessageState],
    title: m.title,
    submittedAt: m.submitted_at,
    dueDate: m.due_date,
    remainingWorkingDays: open ? standing.remainingWorkingDays : null,
    overdue: open && standing.overdue,
    dueSoon: open && !standing.overdue && standing.remainingWorkingDays !== null && standing.remainingWorkingDays <= dueSoonDays,
    unit: m.unit_id ? { id: m.unit_id, code: m.unit_code!, name: m.unit_name! } : null,
    published: m.published_at !== null,
    rating: m.rating,
  };
}

export function presentDetail(
  m: MessageWithContext,
  standing: Standing,
  settings: Pick<InteractionSettings, 'dueSoonDays' | 'reviewRequired'>,
  events: EventRow[],
  attachments: { id: string; name: string; type: string; size: number }[],
  principal: StaffPrincipal | null,
  correctionItem: { id: string; title: string } | null,
): MessageDetail {
  const handler = handles(principal, m);
  return {
    ...presentListed(m, standing, settings.dueSoonDays),
    content: m.content,
    name: handler ? m.name : m.name ? `${m.name.slice(0, 1)}**` : null,
    contact: handler ? m.contact : maskContact(m.contact),
    publicConsent: m.public_consent === 1,
    correctionItem,
    draftReply: m.draft_reply,
    reply: m.reply,
    repliedAt: m.replied_at,
    repliedBy: m.replied_by,
    investigation: m.investigation,
    responsibleUnit: m.responsible_unit,
    measures: m.measures,
    dismissReason: m.dismiss_reason,
    closedAt: m.closed_at,
    publicCopy: m.published_at ? { publishedAt: m.published_at, title: m.public_title, content: m.public_content, reply: m.public_reply } : null,
    ratingComment: m.rating_comment,
    ratedAt: m.rated_at,
    erased: m.erased_at !== null,
    attachments,
    events: events.map((e) => ({ seq: e.seq, type: e.type, label: EVENT_LABELS[e.type] ?? e.type, at: e.at, actor: e.actor_name, note: e.note, fromUnit: e.from_unit, toUnit: e.to_unit })),
    version: m.version,
    can: possibleActions({ message: m, principal, reviewRequired: settings.reviewRequired }),
  };
}

/** The status page of a tracking code (docs/contract.md GET /api/v1/messages/{trackingCode}). */
export function presentForCitizen(m: MessageWithContext, events: EventRow[]): CitizenMessage {
  const { status, label } = publicStatus(m.state as MessageState);
  return {
    trackingCode: m.tracking_code,
    status,
    statusLabel: label,
    type: m.type,
    typeLabel: TYPE_LABELS[m.type as MessageType],
    title: m.title,
    content: m.content,
    org: m.agency_code,
    orgName: m.agency_name,
    submittedAt: m.submitted_at,
    dueDate: m.due_date,
    ...(m.state === 'answered' ? { reply: m.reply, repliedAt: m.replied_at, replyUnit: m.unit_name ?? m.agency_name } : {}),
    ...(m.state === 'dismissed' ? { dismissReason: m.dismiss_reason } : {}),
    ...(m.type === 'complaint' && m.state === 'answered' ? { accountability: { investigation: m.investigation, responsibleUnit: m.responsible_unit, measures: m.measures } } : {}),
    timeline: events.filter((e) => PUBLIC_EVENTS[e.type]).map((e) => ({ type: e.type, at: e.at, label: PUBLIC_EVENTS[e.type]! })),
    rating: m.rating === null ? null : { rating: m.rating, comment: m.rating_comment, ratedAt: m.rated_at },
    canRate: m.state === 'answered' && m.rating === null,
    published: m.published_at !== null,
  };
}

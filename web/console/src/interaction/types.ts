// Shapes of the interaction API's answers (src/modules/messages/*.routes.ts, messages.present.ts, inbox.ts,
// settings.ts, hot-topics.ts; src/modules/participation/*.routes.ts, faq.repo.ts, solicitations.repo.ts).

export type MessageType = 'consultation' | 'suggestion' | 'problem' | 'complaint' | 'correction';
export type MessageState = 'received' | 'assigned' | 'reviewing' | 'answered' | 'dismissed';
export type Standing = 'overdue' | 'due-soon';

/** A row of GET /api/v1/inbox. */
export interface ListedMessage {
  id: string;
  trackingCode: string;
  org: string;
  type: MessageType;
  typeLabel: string;
  state: MessageState;
  stateLabel: string;
  title: string;
  submittedAt: string;
  /** YYYY-MM-DD in the agency's zone. */
  dueDate: string | null;
  /** Working days left (0 on the due date, negative when overdue); null for closed messages or an uncovered year. */
  remainingWorkingDays: number | null;
  overdue: boolean;
  dueSoon: boolean;
  unit: { id: string; code: string; name: string } | null;
  published: boolean;
  rating: number | null;
}

export interface InboxCounts {
  received: number;
  assigned: number;
  reviewing: number;
  overdue: number;
  dueSoon: number;
}

export interface InboxResponse {
  total: number;
  counts: InboxCounts;
  messages: ListedMessage[];
}

export interface MessageEvent {
  seq: number;
  type: string;
  label: string;
  at: string;
  actor: string;
  note: string | null;
  fromUnit: string | null;
  toUnit: string | null;
}

export interface MessageAbilities {
  assign: boolean;
  transfer: boolean;
  return: boolean;
  reply: boolean;
  review: boolean;
  dismiss: boolean;
  publish: boolean;
}

export interface PublicCopy {
  publishedAt: string;
  title: string | null;
  content: string | null;
  reply: string | null;
}

/** GET /api/v1/inbox/{id}, and the answer of every action on it. */
export interface MessageDetail extends ListedMessage {
  content: string;
  /** Masked (张**) for those who do not handle the message. */
  name: string | null;
  contact: string | null;
  publicConsent: boolean;
  correctionItem: { id: string; title: string } | null;
  draftReply: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  investigation: string | null;
  responsibleUnit: string | null;
  measures: string | null;
  dismissReason: string | null;
  closedAt: string | null;
  publicCopy: PublicCopy | null;
  ratingComment: string | null;
  ratedAt: string | null;
  /** Name and contact erased after the retention period. */
  erased: boolean;
  attachments: { id: string; name: string; type: string; size: number }[];
  events: MessageEvent[];
  version: number;
  can: MessageAbilities;
}

/** The outcome of one message of a bulk action: its row of the inbox, or why it was refused. */
export type BulkOutcome =
  | { id: string; ok: true; result: ListedMessage }
  | { id: string; ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

/** POST /api/v1/inbox/bulk (src/shared/bulk.ts): every message in the order asked, with the counts. */
export interface BulkResult {
  results: BulkOutcome[];
  succeeded: number;
  failed: number;
}

export interface ReplyTemplate {
  id: string;
  title: string;
  body: string;
  /** The type it is meant for; null: any. */
  type: MessageType | null;
  updatedAt: string;
  updatedBy: string;
}

export interface InteractionSettings {
  replyLimits: Record<MessageType, number>;
  reviewRequired: boolean;
  dueSoonDays: number;
  retentionDays: number | null;
  /** 0: the defaults, nothing saved yet. */
  version: number;
}

export interface HotTopic {
  term: string;
  messages: number;
  previous: number;
  examples: { id: string; title: string; trackingCode: string }[];
}

export interface HotTopics {
  from: string;
  to: string;
  messages: number;
  topics: HotTopic[];
}

export type FaqState = 'published' | 'hidden';

export interface FaqEntry {
  id: string;
  category: string;
  question: string;
  answer: string;
  updatedAt: string;
  state: FaqState;
  sortOrder: number;
  sourceMessageId: string | null;
  createdAt: string;
  updatedBy: string;
  version: number;
}

export type SolicitationStatus = 'upcoming' | 'open' | 'closed';

export interface SolicitationSummary {
  id: string;
  title: string;
  summary: string;
  status: SolicitationStatus;
  opensAt: string;
  closesAt: string;
  itemId: string | null;
  /** Shown comments. */
  commentCount: number;
  feedbackPublished: boolean;
}

export interface SolicitationList {
  total: number;
  solicitations: SolicitationSummary[];
}

export type Adoption = 'adopted' | 'partly' | 'not-adopted';

/** GET /api/v1/solicitations/{id} as the agency's office sees it (version and staff counts included). */
export interface Solicitation extends SolicitationSummary {
  body: string;
  feedback: string | null;
  feedbackPublishedAt: string | null;
  counts: { shown: number; adopted?: number; partly?: number; notAdopted?: number };
  version?: number;
  staff?: { pending: number; hidden: number };
}

export type CommentState = 'pending' | 'shown' | 'hidden';

export interface StaffComment {
  id: string;
  name: string | null;
  contact: string | null;
  content: string;
  state: CommentState;
  hiddenReason: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
  adoption: Adoption | null;
  adoptionReason: string | null;
  submittedAt: string;
  version: number;
}

export interface CommentCounts {
  pending: number;
  shown: number;
  hidden: number;
  adopted: number;
  partly: number;
  notAdopted: number;
}

export interface StaffComments {
  total: number;
  counts: CommentCounts;
  comments: StaffComment[];
}

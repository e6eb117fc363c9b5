import type { Generated } from 'kysely';

/**
 * Table types shared by SQLite and PostgreSQL. Timestamps are ISO 8601 UTC strings
 * (`2026-01-05T02:00:00.000Z`) and booleans are 0/1 integers on both engines, so one
 * query means the same thing everywhere (docs/adr/0003-portable-data-types.md).
 */
export interface OrganisationTable {
  id: string;
  code: string;
  name: string;
  kind: 'agency' | 'unit';
  parent_id: string | null;
  /** The agency this organisation belongs to (itself for an agency). */
  agency_id: string;
  /** Materialised path of ids, `/root/child/`, so a subtree is one LIKE prefix query. */
  path: string;
  sort_order: number;
  description: string | null;
  org_code: string | null;
  credit_code: string | null;
  site_code: string | null;
  sponsor: string | null;
  address: string | null;
  postcode: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  icp: string | null;
  disclosure_officer: string | null;
  host: string | null;
  timezone: string;
  /** 索引号 format of the agency; null = the default `{orgCode}/{YYYY}-{serial:05}`. */
  index_template: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  password_changed_at: string;
  status: 'active' | 'disabled';
  totp_secret: string | null;
  totp_pending_secret: string | null;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: number | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** 1 = a one-time password from a reset, to be replaced at the next sign-in (0010). */
  must_change_password: Generated<number>;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  /** The organisation whose subtree the role covers; '*' means every organisation of the deployment. */
  scope_org_id: string;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked database does not leak usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /** When the sign-in verified a TOTP code; null = password only (0010). */
  totp_verified_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
  success: number;
}

/** A reset of an administrator's password or second factor: requested by one person, decided by another (0010). */
export interface CredentialResetTable {
  id: string;
  user_id: string;
  kind: 'password' | 'totp';
  reason: string;
  state: 'pending' | 'approved' | 'refused' | 'expired';
  requested_by: string;
  requested_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  /** Materialised path of the organisation the action concerns, for scoped auditors. */
  org_path: string | null;
  summary: string | null;
  ip: string | null;
  request_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  prev_hash: string;
  hash: string;
  /** Id of the HMAC key that sealed the record; null = plain SHA-256, from before keyed chaining. */
  key_id: string | null;
}

export interface CalendarNoticeTable {
  id: string;
  scope: string;
  year: number;
  /** JSON array of the notice's URLs. */
  papers: string;
  /** JSON array of {name, date, isOffDay}. */
  days: string;
  imported_by: string | null;
  imported_at: string;
}

export interface CalendarOverrideTable {
  id: string;
  agency_id: string;
  date: string;
  is_off_day: number;
  name: string;
  reason: string | null;
  created_by: string | null;
  created_at: string;
}

export interface DeadlineTable {
  id: string;
  agency_id: string;
  subject_type: string;
  subject_id: string | null;
  label: string;
  state: 'open' | 'closed';
  status: 'running' | 'paused';
  due_date: string | null;
  /** JSON of the last computed DeadlineResult (due date and explanation). */
  result: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  version: number;
}

export interface DeadlineEventTable {
  id: string;
  deadline_id: string;
  seq: number;
  type: 'start' | 'pause' | 'resume' | 'extend' | 'restart';
  /** JSON of the event's fields. */
  payload: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DeadlineChangeTable {
  id: string;
  deadline_id: string;
  at: string;
  cause: string;
  before_due: string | null;
  after_due: string | null;
}

export interface CatalogCategoryTable {
  id: string;
  agency_id: string;
  code: string;
  parent_code: string | null;
  name: string;
  description: string | null;
  responsible_unit_id: string | null;
  disclosure_mode: string;
  update_interval: string | null;
  /** JSON array of extra metadata field definitions. */
  extra_fields: string;
  sort_order: number;
  updated_at: string;
}

export interface CatalogVersionTable {
  id: string;
  agency_id: string;
  version: number;
  /** JSON array of the categories as published. */
  snapshot: string;
  note: string;
  published_by: string | null;
  published_at: string;
}

export interface ItemTable {
  id: string;
  agency_id: string;
  unit_id: string;
  category_code: string;
  index_number: string | null;
  state: string;
  live_revision_id: string | null;
  working_revision_id: string | null;
  interprets_item_id: string | null;
  author_id: string | null;
  published_at: string | null;
  scheduled_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  withdrawn_by: string | null;
  source_key: string | null;
  timeliness_due: string | null;
  late: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ItemRevisionTable {
  id: string;
  item_id: string;
  revision_no: number;
  state: string;
  title: string;
  summary: string | null;
  body: string;
  doc_number: string | null;
  issuing_organ: string | null;
  written_at: string | null;
  formed_at: string | null;
  topic: string | null;
  genre: string | null;
  disclosure: string;
  exemption_code: string | null;
  validity: string;
  validity_date: string | null;
  replaced_by_item_id: string | null;
  keywords: string;
  change_note: string | null;
  reject_comment: string | null;
  doc_number_key: string | null;
  policy_kind: string | null;
  /** JSON object of the category's extra metadata fields: {key: value}. */
  extra: string;
  author_id: string | null;
  unit_reviewed_by: string | null;
  approved_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Someone who changed a revision's content, by kind of change: the people four eyes keeps from reviewing it. */
export interface ItemRevisionContributorTable {
  revision_id: string;
  user_id: string;
  kind: string;
  at: string;
}

export interface IndexCounterTable {
  agency_id: string;
  year: number;
  last_serial: number;
}

export interface ItemReviewTable {
  id: string;
  item_id: string;
  revision_id: string;
  stage: string;
  decision: string;
  comment: string | null;
  override_reason: string | null;
  findings: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  at: string;
}

/** An attachment of an item revision; `id` is kept when the attachment is carried into a newer revision. */
export interface ItemAttachmentTable {
  id: string;
  revision_id: string;
  item_id: string;
  /** Safe display name, with the extension of the sniffed type. */
  name: string;
  /** The file under DATA_DIR/attachments/<first two characters>/<key>; shared by carried rows. */
  storage_key: string;
  size: number;
  /** MIME type sniffed from the content. */
  type: string;
  sha256: string;
  /** Extracted text for search (capped), '' when none. */
  text: string;
  /** 'upload', or 'docx' for an image taken from an imported .docx. */
  origin: string;
  sort_order: number;
  created_by: string | null;
  created_at: string;
}

export interface SensitiveWordTable {
  id: string;
  scope: string;
  word: string;
  level: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** One searchable version of an item (migration 0008; `tsv` exists on PostgreSQL only). */
export interface SearchDocumentTable {
  doc_id: Generated<number>;
  doc_key: string;
  item_id: string;
  kind: 'live' | 'draft';
  revision_id: string;
  state: string;
  agency_id: string;
  unit_path: string;
  category_code: string;
  topic: string | null;
  organ: string | null;
  genre: string | null;
  validity: string;
  year: number | null;
  published_at: string | null;
  sort_at: string;
  title: string;
  doc_number: string | null;
  doc_number_key: string | null;
  index_number: string | null;
  summary: string | null;
  text: string;
  indexed_at: string;
}

export interface SearchQueryStatsTable {
  agency_id: string;
  day: string;
  query: string;
  searches: number;
  zero_results: number;
  clicks: number;
}

export interface SearchMetaTable {
  key: string;
  value: string;
}

export interface InteractionSettingsTable {
  agency_id: string;
  reply_limits: string;
  review_required: number;
  due_soon_days: number;
  retention_days: number | null;
  updated_at: string;
  version: number;
}

export interface MessageTable {
  id: string;
  agency_id: string;
  unit_id: string | null;
  tracking_code: string;
  type: string;
  state: string;
  title: string;
  content: string;
  name: string | null;
  contact: string | null;
  contact_key: string | null;
  address: string | null;
  public_consent: number;
  correction_item_id: string | null;
  submitted_at: string;
  submitted_date: string;
  deadline_id: string | null;
  due_date: string | null;
  draft_reply: string | null;
  draft_by: string | null;
  reply: string | null;
  reply_unit_id: string | null;
  replied_by: string | null;
  replied_at: string | null;
  investigation: string | null;
  responsible_unit: string | null;
  measures: string | null;
  dismiss_reason: string | null;
  closed_at: string | null;
  published_at: string | null;
  public_title: string | null;
  public_content: string | null;
  public_reply: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  erased_at: string | null;
  updated_at: string;
  version: number;
}

export interface MessageEventTable {
  id: string;
  message_id: string;
  seq: number;
  type: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  from_unit_id: string | null;
  to_unit_id: string | null;
  note: string | null;
}

export interface MessageAttachmentTable {
  id: string;
  message_id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  storage_key: string;
}

export interface ReplyTemplateTable {
  id: string;
  agency_id: string;
  title: string;
  body: string;
  type: string | null;
  updated_by: string;
  updated_at: string;
}

export interface FaqEntryTable {
  id: string;
  agency_id: string;
  category: string;
  question: string;
  answer: string;
  source_message_id: string | null;
  state: 'published' | 'hidden';
  sort_order: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface SolicitationTable {
  id: string;
  agency_id: string;
  title: string;
  summary: string;
  body: string;
  item_id: string | null;
  opens_at: string;
  closes_at: string;
  feedback: string | null;
  feedback_published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SolicitationCommentTable {
  id: string;
  solicitation_id: string;
  name: string | null;
  contact: string | null;
  address: string | null;
  content: string;
  state: 'pending' | 'shown' | 'hidden';
  hidden_reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  adoption: 'adopted' | 'partly' | 'not-adopted' | null;
  adoption_reason: string | null;
  submitted_at: string;
  version: number;
}

export interface MailOutboxTable {
  id: string;
  dedupe_key: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AppSecretTable {
  name: string;
  value: string;
}

export interface ChallengeUseTable {
  token_hash: string;
  expires_at: string;
}

export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  credential_resets: CredentialResetTable;
  audit_log: AuditLogTable;
  calendar_notices: CalendarNoticeTable;
  calendar_overrides: CalendarOverrideTable;
  deadlines: DeadlineTable;
  deadline_events: DeadlineEventTable;
  deadline_changes: DeadlineChangeTable;
  catalog_categories: CatalogCategoryTable;
  catalog_versions: CatalogVersionTable;
  items: ItemTable;
  item_revisions: ItemRevisionTable;
  item_revision_contributors: ItemRevisionContributorTable;
  index_counters: IndexCounterTable;
  item_reviews: ItemReviewTable;
  sensitive_words: SensitiveWordTable;
  item_attachments: ItemAttachmentTable;
  search_documents: SearchDocumentTable;
  search_query_stats: SearchQueryStatsTable;
  search_meta: SearchMetaTable;
  interaction_settings: InteractionSettingsTable;
  messages: MessageTable;
  message_events: MessageEventTable;
  message_attachments: MessageAttachmentTable;
  reply_templates: ReplyTemplateTable;
  faq_entries: FaqEntryTable;
  solicitations: SolicitationTable;
  solicitation_comments: SolicitationCommentTable;
  mail_outbox: MailOutboxTable;
  challenge_uses: ChallengeUseTable;
  app_secrets: AppSecretTable;
}

// Shapes of the publishing API's answers (src/modules/publishing/*.routes.ts, items.present.ts on the server).

export type ItemState = 'draft' | 'submitted' | 'unit-reviewed' | 'approved' | 'scheduled' | 'published' | 'superseded' | 'rejected' | 'withdrawn';

export interface Attachment {
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface Item {
  id: string;
  /** The agency (site) code. */
  org: string;
  category: string;
  indexNumber: string | null;
  title: string;
  summary: string | null;
  body: string;
  docNumber: string | null;
  issuingOrgan: string | null;
  writtenAt: string | null;
  formedAt: string | null;
  publishedAt: string | null;
  topic: string | null;
  genre: string | null;
  disclosure: 'proactive' | 'on-request' | 'withheld';
  exemptionCode: string | null;
  validity: 'valid' | 'amended' | 'expired' | 'repealed';
  validityDate: string | null;
  /** The item that amended or replaced this one (有效性 已修改 / 废止). */
  replacedBy: string | null;
  keywords: string[];
  /** Values of the category's extra metadata fields. */
  extra: Record<string, string | number | null>;
  state: ItemState;
  version: number;
  revision: number;
  changeNote: string | null;
  rejectComment: string | null;
  attachments: Attachment[];
  interpretations: string[];
  interprets?: string;
  timeliness: { due: string | null; late: boolean | null };
  policyKind: PolicyKind | null;
  scheduledAt: string | null;
  /** The unit handling the item (staff view). */
  unit?: { code: string; name: string };
  /** What the signed-in staff member may do next (staff view; four eyes applied). */
  can?: ItemAbilities;
  /** Why four eyes takes away an action the member's roles allow. */
  denied?: FourEyesDenied;
}

export type PolicyKind = '规章' | '规范性文件';

export interface ItemAbilities {
  edit: boolean;
  review: boolean;
  approve: boolean;
  publish: boolean;
  withdraw: boolean;
}

/** The decisions four eyes governs: 初审 (review), 复审 (approve) and publication. */
export type Decision = 'review' | 'approve' | 'publish';

/** For each decision the member's roles allow but four eyes forbids on this item: the server's reason. */
export type FourEyesDenied = Partial<Record<Decision, string>>;

/** The answer of a workflow POST (submit, approve, …): the item and what its handlers should be told. */
export type WorkflowAnswer = Item & { warnings?: string[] };

export interface WorkbenchRow {
  id: string;
  title: string;
  docNumber: string | null;
  category: string;
  indexNumber: string | null;
  unit: string;
  unitName: string;
  state: ItemState;
  live: 'published' | 'withdrawn' | null;
  revision: number;
  version: number;
  mine: boolean;
  rejectComment: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  can: ItemAbilities;
  denied?: FourEyesDenied;
}

export interface WorkbenchPage {
  total: number;
  items: WorkbenchRow[];
}

export type BulkAction = 'submit' | 'approve' | 'reject' | 'publish' | 'withdraw';

/** One id's outcome of POST /api/v1/items/bulk (the server's shared bulk shape): the state it reached, or why not. */
export type BulkOutcome = { id: string; ok: true; result: { state: ItemState } } | { id: string; ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

export interface BulkResult {
  results: BulkOutcome[];
  succeeded: number;
  failed: number;
}

export interface Revision {
  id: string;
  revision: number;
  state: ItemState;
  title: string;
  summary: string | null;
  body: string;
  docNumber: string | null;
  changeNote: string | null;
  rejectComment: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  live: boolean;
  working: boolean;
}

export type RiskLevel = '轻微' | '一般' | '较大' | '重大';

export interface Finding {
  kind: string;
  level: RiskLevel;
  field: string;
  excerpt: string;
  start: number;
  end: number;
  note?: string;
}

export interface Review {
  id: string;
  revisionId: string;
  stage: 'unit' | 'office';
  decision: string;
  comment: string | null;
  overrideReason: string | null;
  findings: Finding[];
  /** The reviewer's username. */
  reviewer: string | null;
  /** The reviewer's name (the username when none is recorded). */
  reviewerName: string | null;
  at: string;
}

export interface Category {
  code: string;
  name: string;
  parentCode: string | null;
  description: string | null;
  updateInterval: string | null;
  disclosureMode: string;
  responsibleUnitId: string | null;
  sortOrder: number;
  /** Extra metadata its items carry; absent in catalogs saved before fields existed. */
  extraFields?: ExtraField[];
}

/** An extra metadata field a category asks of its items (e.g. 项目编号, 金额). */
export interface ExtraField {
  key: string;
  label: string;
  type: 'text' | 'date' | 'number';
  required: boolean;
}

export interface WorkingCatalog {
  categories: Category[];
  publishedVersion: number | null;
  pending: {
    added: { code: string; name: string }[];
    removed: { code: string; name: string }[];
    changed: { code: string; fields: string[] }[];
  };
}

export interface CatalogVersion {
  version: number;
  note: string;
  publishedAt: string;
  publishedBy: string | null;
  categories: number;
  changes: WorkingCatalog['pending'];
}

export interface CatalogTemplates {
  templates: { name: 'seed' | 'statutory'; categories: unknown[] }[];
  updateIntervals: Record<string, { label: string; days: number | null }>;
}

export interface CategoryHealth {
  code: string;
  name: string;
  itemCount: number;
  newestPublishedAt: string | null;
  empty: boolean;
  stale: boolean;
  daysSinceUpdate: number | null;
}

export interface CatalogHealth {
  categories: CategoryHealth[];
  empty: number;
  stale: number;
}

export interface SensitiveWord {
  id: string;
  scope: string;
  word: string;
  level: RiskLevel;
  note: string | null;
}

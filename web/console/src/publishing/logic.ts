// Pure presentation logic of the publishing screens: labels, queues, payloads, the catalog tree. No DOM, no server.
import { DISCLOSURE_MODES, EXEMPTIONS, STATE_LABELS, TOPICS, VALIDITIES } from './reference.js';
import type { BulkAction, BulkResult, Category, Decision, ExtraField, FourEyesDenied, Item, ItemAbilities, ItemState, RiskLevel, WorkingCatalog } from './types.js';

export { STATE_LABELS };

/** Dark shades for solid tags with white text: each keeps a contrast above 4.5:1 (Ant Design's light presets do not). */
export const TAG_COLORS = {
  grey: '#595959',
  blue: '#0958d9',
  cyan: '#006d75',
  purple: '#531dab',
  green: '#237804',
  red: '#a8071a',
  orange: '#ad4e00',
} as const;

export const STATE_COLORS: Record<ItemState, string> = {
  draft: TAG_COLORS.grey,
  submitted: TAG_COLORS.blue,
  'unit-reviewed': TAG_COLORS.blue,
  approved: TAG_COLORS.cyan,
  scheduled: TAG_COLORS.purple,
  published: TAG_COLORS.green,
  superseded: TAG_COLORS.grey,
  rejected: TAG_COLORS.red,
  withdrawn: TAG_COLORS.orange,
};

export const RISK_KIND_LABELS: Record<string, string> = {
  'id-card': '身份证号',
  mobile: '手机号',
  'bank-card': '银行卡号',
  'credit-code': '统一社会信用代码',
  email: '电子邮箱',
  landline: '固定电话',
  'sensitive-word': '敏感词',
  'missing-field': '缺少信息',
};

export function riskKindLabel(kind: string): string {
  return RISK_KIND_LABELS[kind] ?? kind;
}

export const RISK_LEVELS: readonly RiskLevel[] = ['轻微', '一般', '较大', '重大'];

/** Dark shades under white text: every level keeps a contrast above 4.5:1. */
export const LEVEL_COLORS: Record<RiskLevel, string> = {
  轻微: '#0958d9',
  一般: '#874d00',
  较大: '#ad2102',
  重大: '#a8071a',
};

export function isBlockingLevel(level: RiskLevel): boolean {
  return level === '较大' || level === '重大';
}

export const FIELD_LABELS: Record<string, string> = {
  title: '标题',
  summary: '内容概述',
  body: '正文',
  docNumber: '发文字号',
  issuingOrgan: '发文机关',
  writtenAt: '成文日期',
  formedAt: '形成或变更日期',
  topic: '主题分类',
  genre: '体裁分类',
  policyKind: '文件类型',
  disclosure: '公开属性',
  exemptionCode: '不予公开理由',
  validity: '有效性',
  validityDate: '有效性日期',
  replacedBy: '替代它的文件',
  keywords: '关键词',
  category: '目录类别',
  org: '机构',
  interprets: '解读的文件',
  changeNote: '修改说明',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export function disclosureLabel(code: string): string {
  return DISCLOSURE_MODES.find((m) => m.code === code)?.name ?? code;
}
export function exemptionLabel(code: string | null): string {
  if (!code) return '';
  const e = EXEMPTIONS.find((x) => x.code === code);
  return e ? `${e.name}（${e.basis}）` : code;
}
export function validityLabel(code: string): string {
  return VALIDITIES.find((v) => v.code === code)?.name ?? code;
}
/** '02.01' → '综合政务/政务公开'. */
export function topicLabel(code: string | null): string {
  if (!code) return '';
  for (const t of TOPICS) {
    if (t.code === code) return t.path;
    const c = t.children.find((x) => x.code === code);
    if (c) return c.path;
  }
  return code;
}

/** The work queues of the workbench: each a filter of GET /workbench/items. */
export interface Queue {
  key: string;
  label: string;
  /** States listed (more than one: merged, newest first). */
  states: ItemState[];
  mine: boolean;
  /** Shown to users with any of these permissions. */
  anyOf: readonly string[];
  /** Bulk actions offered on the queue. */
  actions: BulkAction[];
  /** The decision its bulk actions take: a row the person may not decide (four eyes) cannot be selected. */
  decides?: Decision;
}

const HANDLING = ['item.edit', 'item.review-unit', 'item.approve', 'item.publish'];

export const QUEUES: readonly Queue[] = [
  { key: 'drafts', label: '我的草稿', states: ['draft', 'rejected'], mine: true, anyOf: ['item.create', 'item.edit'], actions: ['submit'] },
  { key: 'unit-review', label: '待初审', states: ['submitted'], mine: false, anyOf: ['item.review-unit'], actions: ['approve', 'reject'], decides: 'review' },
  { key: 'office-review', label: '待复审', states: ['unit-reviewed'], mine: false, anyOf: ['item.approve'], actions: ['approve', 'reject'], decides: 'approve' },
  { key: 'to-publish', label: '待发布', states: ['approved'], mine: false, anyOf: ['item.publish'], actions: ['publish'], decides: 'publish' },
  { key: 'scheduled', label: '定时发布', states: ['scheduled'], mine: false, anyOf: ['item.publish'], actions: [] },
  { key: 'published', label: '已发布', states: ['published'], mine: false, anyOf: HANDLING, actions: ['withdraw'] },
  { key: 'withdrawn', label: '已撤回', states: ['withdrawn'], mine: false, anyOf: HANDLING, actions: [] },
];

export function visibleQueues(permissions: readonly string[]): Queue[] {
  return QUEUES.filter((q) => q.anyOf.some((a) => permissions.includes(a)));
}

/** May the person take the queue's decision on this row, and if four eyes says no, why (the server's words). */
export function rowDecision(queue: Queue, row: { can: ItemAbilities; denied?: FourEyesDenied }): { allowed: boolean; reason: string | null } {
  if (!queue.decides) return { allowed: true, reason: null };
  const allowed = row.can[queue.decides];
  return { allowed, reason: allowed ? null : (row.denied?.[queue.decides] ?? null) };
}

/** The decision an item's state waits for. */
const WAITS_FOR: Partial<Record<ItemState, Decision>> = { submitted: 'review', 'unit-reviewed': 'approve', approved: 'publish' };

/** Said before someone who could decide an item edits it: the edit makes them its author, who decides nothing. */
export function editForfeits(item: Pick<Item, 'can'>): string | null {
  const can = item.can;
  if (!can || !(can.review || can.approve || can.publish)) return null;
  return '保存修改后，您将成为此稿件的修改人，不能再审核或发布此版本（四眼原则），须由他人办理。';
}

/** Why the signed-in person may not take the step the item waits for, when four eyes is the reason. */
export function fourEyesNotice(item: Pick<Item, 'state' | 'denied'>): string | null {
  const decision = WAITS_FOR[item.state];
  return (decision && item.denied?.[decision]) || null;
}

export const BULK_LABELS: Record<BulkAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回',
  publish: '立即发布',
  withdraw: '撤回',
};

/** The rows of a bulk action's result, named by their titles: the state each reached, or why it failed. */
export function bulkRows(result: BulkResult, titles: ReadonlyMap<string, string>): { id: string; title: string; ok: boolean; message: string }[] {
  return result.results.map((r) => ({
    id: r.id,
    title: titles.get(r.id) ?? r.id,
    ok: r.ok,
    message: r.ok ? `现为${STATE_LABELS[r.result.state]}` : r.error.message,
  }));
}

/** A wall-clock time in China ('2026-03-02 10:00' or with seconds) as an ISO instant with its +08:00 offset. */
export function chinaInstant(wallClock: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallClock.trim());
  if (!m) throw new Error(`not a date and time: ${wallClock}`);
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`;
}

/** Form values of the item editor. Dates are 'YYYY-MM-DD' text, as the API takes them. */
export interface ItemValues {
  org?: string;
  category?: string;
  title?: string;
  summary?: string;
  body?: string;
  docNumber?: string;
  issuingOrgan?: string;
  writtenAt?: string;
  formedAt?: string;
  topic?: string;
  genre?: string;
  policyKind?: string;
  disclosure?: string;
  exemptionCode?: string;
  validity?: string;
  validityDate?: string;
  replacedBy?: string;
  keywords?: string[];
  /** Values of the category's extra fields: text and dates as strings ('YYYY-MM-DD'), numbers as numbers. */
  extra?: Record<string, string | number | null | undefined>;
  interprets?: string;
  changeNote?: string;
}

/** 有效性 values under which the item names the one that amended or replaced it. */
export function hasReplacement(validity: string | undefined): boolean {
  return validity === 'amended' || validity === 'repealed';
}

/** The extra values of a category's fields: only its own keys, blanks as null, text trimmed. */
export function extraPayload(fields: readonly ExtraField[], values: ItemValues['extra']): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of fields) {
    const v = values?.[f.key];
    if (v === undefined || v === null) out[f.key] = null;
    else if (typeof v === 'number') out[f.key] = v;
    else out[f.key] = v.trim() === '' ? null : f.type === 'text' ? v.trim() : v;
  }
  return out;
}

const TEXT_FIELDS = ['title', 'summary', 'docNumber', 'issuingOrgan', 'writtenAt', 'formedAt', 'topic', 'genre', 'exemptionCode', 'validityDate'] as const;

/**
 * The JSON body of POST /items or PATCH /items/:id: blanks become null, the server validates the rest.
 * `extraFields` are the chosen category's fields; unknown (catalog not loaded), an update leaves the values as they are.
 */
export function itemPayload(v: ItemValues, mode: 'create' | 'update', extraFields?: readonly ExtraField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) {
    const t = (v[f] ?? '').trim();
    out[f] = t === '' ? null : t;
  }
  if (mode === 'create' || v.title !== undefined) out.title = (v.title ?? '').trim();
  out.body = v.body ?? '';
  out.category = v.category;
  out.policyKind = v.policyKind ? v.policyKind : null;
  out.disclosure = v.disclosure ?? 'proactive';
  if (out.disclosure !== 'withheld') out.exemptionCode = null;
  out.validity = v.validity ?? 'valid';
  out.replacedBy = hasReplacement(v.validity) && v.replacedBy ? v.replacedBy : null;
  if (extraFields) out.extra = extraPayload(extraFields, v.extra);
  else if (mode === 'create') out.extra = {};
  out.keywords = (v.keywords ?? []).map((k) => k.trim()).filter(Boolean);
  if (mode === 'create') {
    out.org = v.org;
    out.interprets = v.interprets ? v.interprets : null;
  } else {
    const note = (v.changeNote ?? '').trim();
    if (note) out.changeNote = note;
  }
  return out;
}

/** The editor's starting values for an existing item. */
export function itemValues(item: Item): ItemValues {
  return {
    category: item.category,
    title: item.title,
    summary: item.summary ?? '',
    body: item.body,
    docNumber: item.docNumber ?? '',
    issuingOrgan: item.issuingOrgan ?? '',
    writtenAt: item.writtenAt ?? '',
    formedAt: item.formedAt ?? '',
    topic: item.topic ?? undefined,
    genre: item.genre ?? undefined,
    policyKind: item.policyKind ?? undefined,
    disclosure: item.disclosure,
    exemptionCode: item.exemptionCode ?? undefined,
    validity: item.validity,
    validityDate: item.validityDate ?? '',
    replacedBy: item.replacedBy ?? undefined,
    keywords: item.keywords,
    extra: { ...item.extra },
    ...(item.interprets ? { interprets: item.interprets } : {}),
    changeNote: '',
  };
}

/** Editing a published item without a working revision starts a new revision: the server wants a change note. */
export function needsChangeNote(item: Item | undefined): boolean {
  return Boolean(item && item.state === 'published');
}

export function isEditableState(state: ItemState): boolean {
  return state === 'draft' || state === 'rejected' || state === 'published';
}

/** The steps of the workflow shown as a timeline, and where the item is. */
export const STEPS = ['起草', '初审', '复审', '发布'] as const;
export function stepOf(state: ItemState): { current: number; status: 'process' | 'finish' | 'error' | 'wait' } {
  switch (state) {
    case 'draft':
      return { current: 0, status: 'process' };
    case 'rejected':
      return { current: 0, status: 'error' };
    case 'submitted':
      return { current: 1, status: 'process' };
    case 'unit-reviewed':
      return { current: 2, status: 'process' };
    case 'approved':
    case 'scheduled':
      return { current: 3, status: 'process' };
    case 'published':
    case 'superseded':
      return { current: 3, status: 'finish' };
    case 'withdrawn':
      return { current: 3, status: 'error' };
  }
}

export type PendingStatus = 'added' | 'changed' | 'removed' | null;

export interface CategoryNode {
  key: string;
  code: string;
  name: string;
  status: PendingStatus;
  category: Category | null;
  children: CategoryNode[];
}

/**
 * The working catalog as a tree, each category marked 新增 / 修改 against the published version; categories
 * removed since then are kept (under their parent when it still exists) and marked 删除.
 */
export function categoryTree(working: WorkingCatalog): CategoryNode[] {
  const added = new Set(working.pending.added.map((a) => a.code));
  const changed = new Set(working.pending.changed.map((c) => c.code));
  const sorted = [...working.categories].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const nodes = new Map<string, CategoryNode>();
  for (const c of sorted) {
    nodes.set(c.code, { key: c.code, code: c.code, name: c.name, status: added.has(c.code) ? 'added' : changed.has(c.code) ? 'changed' : null, category: c, children: [] });
  }
  const roots: CategoryNode[] = [];
  for (const c of sorted) {
    const node = nodes.get(c.code)!;
    const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  for (const r of working.pending.removed) {
    const node: CategoryNode = { key: `removed:${r.code}`, code: r.code, name: r.name, status: 'removed', category: null, children: [] };
    const parentCode = r.code.includes('.') ? r.code.slice(0, r.code.lastIndexOf('.')) : null;
    const parent = parentCode ? nodes.get(parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export const PENDING_LABELS: Record<Exclude<PendingStatus, null>, { label: string; color: string }> = {
  added: { label: '新增', color: TAG_COLORS.green },
  changed: { label: '修改', color: TAG_COLORS.blue },
  removed: { label: '删除', color: TAG_COLORS.red },
};

/** Bytes as 12.3 KB / 1.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The download link of an attachment (outside the API; the name only makes the link readable). */
export function attachmentHref(a: { id: string; name: string }): string {
  return `/attachments/${encodeURIComponent(a.id)}/${encodeURIComponent(a.name)}`;
}

/**
 * Long digit runs (ID, bank-card and phone numbers) shortened to their first six and last four characters, for
 * text the console derives itself, such as the review record's summary taken from the body.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d{10,}[\dXx]?/g, (m) => m.slice(0, 6) + '*'.repeat(m.length - 10) + m.slice(-4));
}

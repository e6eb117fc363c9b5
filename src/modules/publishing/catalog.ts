/** A category of the disclosure catalog (公开目录), as edited and as published. Codes are stable: `01`, `01.02`. */
export interface CatalogCategory {
  code: string;
  name: string;
  parentCode: string | null;
  description: string | null;
  /** Expected update interval, e.g. '2w', '6m', '1y', 'dynamic' (docs/product.md M2). */
  updateInterval: string | null;
  disclosureMode: string;
  responsibleUnitId: string | null;
  sortOrder: number;
  /** Extra metadata its items carry; absent in catalogs published before fields existed. */
  extraFields?: ExtraField[];
}

export interface CatalogNode {
  code: string;
  name: string;
  description: string | null;
  itemCount: number;
  children: CatalogNode[];
}

const CODE = /^\d{2}(\.\d{2})*$/;

/** Checks a catalog: codes well-formed and unique, every parent present, a child's code extends its parent's. */
export function catalogProblems(categories: readonly CatalogCategory[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const c of categories) {
    if (!CODE.test(c.code)) problems.push(`类别编码 ${c.code} 格式不正确（应为 01、01.02 这样的两位数分段）`);
    if (codes.has(c.code)) problems.push(`类别编码 ${c.code} 重复`);
    codes.add(c.code);
  }
  for (const c of categories) {
    if (c.parentCode && !codes.has(c.parentCode)) problems.push(`类别 ${c.code} 的上级 ${c.parentCode} 不存在`);
    if (c.parentCode && !c.code.startsWith(`${c.parentCode}.`)) problems.push(`类别 ${c.code} 的编码应以上级编码 ${c.parentCode}. 开头`);
    if (!c.parentCode && c.code.includes('.')) problems.push(`类别 ${c.code} 缺少上级`);
  }
  return problems;
}

/** The tree of a published catalog with the number of published items under each category (its own and below). */
export function catalogTree(categories: readonly CatalogCategory[], counts: ReadonlyMap<string, number>): CatalogNode[] {
  const sorted = [...categories].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const build = (parent: string | null): CatalogNode[] =>
    sorted
      .filter((c) => c.parentCode === parent)
      .map((c) => {
        const children = build(c.code);
        return {
          code: c.code,
          name: c.name,
          description: c.description,
          itemCount: (counts.get(c.code) ?? 0) + children.reduce((n, ch) => n + ch.itemCount, 0),
          children,
        };
      });
  return build(null);
}

/** A category's node in the tree (with its count and children), or undefined. */
export function findNode(tree: readonly CatalogNode[], code: string): CatalogNode | undefined {
  for (const node of tree) {
    if (node.code === code) return node;
    const below = findNode(node.children, code);
    if (below) return below;
  }
  return undefined;
}

/** The chain of categories from the top level down to `code` (empty if unknown). */
export function categoryTrail(categories: readonly CatalogCategory[], code: string): CatalogCategory[] {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const trail: CatalogCategory[] = [];
  let current = byCode.get(code);
  while (current && trail.length < 20) {
    trail.unshift(current);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return trail;
}

/** `01.02.03` → ['01', '01.02', '01.02.03']: a category and the categories above it. */
export function codeAndAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

export interface CatalogDiff {
  added: { code: string; name: string }[];
  removed: { code: string; name: string }[];
  changed: { code: string; fields: string[] }[];
}

/** What changed from one published catalog to the next, for the public change history. */
export function diffCatalogs(before: readonly CatalogCategory[], after: readonly CatalogCategory[]): CatalogDiff {
  const old = new Map(before.map((c) => [c.code, c]));
  const next = new Map(after.map((c) => [c.code, c]));
  const fields: (keyof CatalogCategory)[] = ['name', 'parentCode', 'description', 'updateInterval', 'disclosureMode', 'responsibleUnitId', 'sortOrder', 'extraFields'];
  return {
    added: after.filter((c) => !old.has(c.code)).map(({ code, name }) => ({ code, name })),
    removed: before.filter((c) => !next.has(c.code)).map(({ code, name }) => ({ code, name })),
    changed: after
      .filter((c) => old.has(c.code))
      .map((c) => ({ code: c.code, fields: fields.filter((f) => JSON.stringify(old.get(c.code)![f] ?? null) !== JSON.stringify(c[f] ?? null)) }))
      .filter((c) => c.fields.length > 0),
  };
}

export interface CategoryHealth {
  code: string;
  name: string;
  itemCount: number;
  newestPublishedAt: string | null;
  /** No published item at all (the national inspection fails a site with five or more empty columns). */
  empty: boolean;
  /** The newest item is older than the category's expected update interval. */
  stale: boolean;
  daysSinceUpdate: number | null;
}

/**
 * The stale-category monitor: leaf categories only (a parent is as fresh as its children), each checked
 * against its expected update interval in days (null: never stale by age).
 */
export function categoryHealth(
  categories: readonly CatalogCategory[],
  newest: ReadonlyMap<string, { at: string; count: number }>,
  intervalDays: (interval: string | null) => number | null,
  now: Date,
): CategoryHealth[] {
  const parents = new Set(categories.map((c) => c.parentCode).filter(Boolean));
  return categories
    .filter((c) => !parents.has(c.code))
    .map((c) => {
      const n = newest.get(c.code);
      const days = n ? Math.floor((now.getTime() - new Date(n.at).getTime()) / 86_400_000) : null;
      const limit = intervalDays(c.updateInterval);
      return {
        code: c.code,
        name: c.name,
        itemCount: n?.count ?? 0,
        newestPublishedAt: n?.at ?? null,
        empty: !n,
        stale: Boolean(n && limit !== null && days !== null && days > limit),
        daysSinceUpdate: days,
      };
    });
}

/** An extra metadata field a category asks of its items (e.g. 项目编号 for 行政审批, 金额 for 财政预算). */
export interface ExtraField {
  key: string;
  label: string;
  type: 'text' | 'date' | 'number';
  required: boolean;
}

/** Checks an item's extra values against its category's fields: per-field Chinese messages, or none. */
export function extraFieldProblems(fields: readonly ExtraField[], values: Readonly<Record<string, unknown>>): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) if (!known.has(key)) problems[`extra.${key}`] = '该目录类别没有这个字段';
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) problems[`extra.${f.key}`] = `请填写${f.label}`;
      continue;
    }
    if (f.type === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) problems[`extra.${f.key}`] = `${f.label}应为数字`;
    if (f.type === 'date' && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))) problems[`extra.${f.key}`] = `${f.label}应为 YYYY-MM-DD 日期`;
    if (f.type === 'text' && (typeof v !== 'string' || v.length > 500)) problems[`extra.${f.key}`] = `${f.label}应为不超过 500 字的文字`;
  }
  return problems;
}

import { z } from 'zod';
import { optionalText, requiredText } from '../../shared/validation.js';
import { isCategoryCode, UPDATE_INTERVALS, type UpdateInterval } from './reference/catalog-templates.js';
import { DISCLOSURE_MODES } from './reference/disclosure.js';

export const OrgQuery = z.object({ org: z.string({ error: '请指定机关 org' }).trim().min(1).max(32) });
const intervals = Object.keys(UPDATE_INTERVALS) as [UpdateInterval, ...UpdateInterval[]];

export const ExtraFieldBody = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/, '字段键应为字母开头的英文标识'),
  label: requiredText(30, '字段名称'),
  type: z.enum(['text', 'date', 'number'], { error: '字段类型应为 text、date 或 number' }),
  required: z.boolean().default(false),
});

export const CategoryBody = z.object({
  org: z.string({ error: '请指定机关' }).trim().min(1).max(32),
  name: requiredText(60, '类别名称'),
  parentCode: z.string().trim().max(20).optional().nullable().transform((v) => v || null),
  description: optionalText(1000, '说明'),
  updateInterval: z.enum(intervals, { error: `更新周期应为 ${intervals.join('、')} 之一` }).optional().nullable().transform((v) => v ?? null),
  disclosureMode: z.enum(DISCLOSURE_MODES.map((d) => d.code) as [string, ...string[]]).default('proactive'),
  /** The code of the unit responsible for the category. */
  responsibleUnit: z.string().trim().max(32).optional().nullable(),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  extraFields: z
    .array(ExtraFieldBody)
    .max(20, '最多 20 个附加字段')
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, '附加字段的键不能重复')
    .default([]),
});
export type CategoryInput = z.output<typeof CategoryBody>;

export const CategoryParams = z.object({ code: z.string().refine(isCategoryCode, '类别编码应为 01、01.02 这样的两位数分段') });
export const PublishCatalogBody = z.object({ org: z.string().trim().min(1).max(32), note: requiredText(500, '发布说明') });
export const ApplyTemplateBody = z.object({ org: z.string().trim().min(1).max(32), template: z.enum(['seed', 'statutory']), note: requiredText(500, '发布说明') });

// ── Answers ────────────────────────────────────────────────────────────────────────────────────────────────────

const ExtraFieldView = z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'date', 'number']), required: z.boolean() });

/** A category of the catalog, as edited and as published (catalog.ts CatalogCategory). */
export const CategoryView = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  description: z.string().nullable(),
  updateInterval: z.string().nullable(),
  disclosureMode: z.string(),
  responsibleUnitId: z.string().nullable(),
  sortOrder: z.number(),
  extraFields: z.array(ExtraFieldView).optional(),
});

/** A node of the published catalog with its published items (its own and below). */
export interface CatalogNodeView {
  code: string;
  name: string;
  description: string | null;
  itemCount: number;
  children: CatalogNodeView[];
}
export const CatalogNodeView: z.ZodType<CatalogNodeView> = z.lazy(() =>
  z.object({ code: z.string(), name: z.string(), description: z.string().nullable(), itemCount: z.number().int(), children: z.array(CatalogNodeView) }),
);

const Change = z.object({ code: z.string(), name: z.string() });
export const CatalogDiffView = z.object({ added: z.array(Change), removed: z.array(Change), changed: z.array(z.object({ code: z.string(), fields: z.array(z.string()) })) });

export const CatalogVersionsView = z.object({
  versions: z.array(
    z.object({ version: z.number().int(), note: z.string(), publishedAt: z.string(), publishedBy: z.string().nullable(), categories: z.number().int(), changes: CatalogDiffView }),
  ),
});

export const TemplatesView = z.object({
  templates: z.array(z.object({ name: z.string(), categories: z.array(CategoryView) })),
  updateIntervals: z.record(z.string(), z.object({ label: z.string(), days: z.number().nullable() })),
});

export const WorkingCatalogView = z.object({ categories: z.array(CategoryView), publishedVersion: z.number().int().nullable(), pending: CatalogDiffView });

export const CatalogHealthView = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      itemCount: z.number().int(),
      newestPublishedAt: z.string().nullable(),
      empty: z.boolean(),
      stale: z.boolean(),
      daysSinceUpdate: z.number().int().nullable(),
    }),
  ),
  empty: z.number().int(),
  stale: z.number().int(),
});

export const VersionView = z.object({ version: z.number().int() });

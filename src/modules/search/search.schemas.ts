import { z } from 'zod';
import { isCalendarDate } from '../../shared/dates.js';
import { FACETS } from './engine.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (label: string) =>
  z
    .string()
    .trim()
    .regex(DATE, `${label}应为 YYYY-MM-DD`)
    // zod runs this refinement also when the format failed; the first message per field is the one shown.
    .refine(isCalendarDate, `${label}不是有效日期`)
    .optional();
const code = (label: string) => z.string().trim().max(64, `${label}过长`).optional();

/** The search request of the API and the portal (docs/contract.md: GET /api/v1/search). */
export const SearchQuery = z
  .object({
    q: z.string().max(200, '检索词最多 200 字').default(''),
    within: z.string().max(200, '二次检索词最多 200 字').optional(),
    org: code('机构代码'),
    category: z.string().trim().regex(/^\d{2}(\.\d{2}){0,9}$/, '目录类别代码应形如 01 或 01.02').optional(),
    topic: code('主题分类'),
    organ: z.string().trim().max(100, '发文机关过长').optional(),
    genre: code('体裁'),
    validity: code('有效性'),
    year: z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(1949, '年份不合理').max(2100, '年份不合理').optional(),
    from: date('起始日期'),
    to: date('截止日期'),
    sort: z.enum(['relevance', 'date'], { error: '排序应为 relevance 或 date' }).default('relevance'),
    page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').max(50, '最多翻到第 50 页，请缩小检索范围').default(1),
    pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(50, '每页最多 50 条').default(20),
    /** Staff only: also unpublished items of the units the staff member handles. */
    drafts: z.enum(['0', '1']).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '起始日期不能晚于截止日期', path: ['to'] });
export type SearchQuery = z.output<typeof SearchQuery>;

export const SuggestQuery = z.object({
  q: z.string().trim().min(1, '请输入检索词').max(50, '最多 50 字'),
  org: code('机构代码'),
});

export const ClickBody = z.object({
  q: z.string().trim().min(1, '缺少检索词').max(200),
  id: z.string().trim().min(1).max(64),
  org: code('机构代码'),
});

export const AnalyticsQuery = z
  .object({
    org: code('机构代码'),
    from: date('起始日期'),
    to: date('截止日期'),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '起始日期不能晚于截止日期', path: ['to'] });

export { FACETS };

// ── Answers ────────────────────────────────────────────────────────────────────────────────────────────────────

const LabelledFacet = z.object({ value: z.string(), count: z.number().int(), label: z.string() });

/** docs/contract.md GET /api/v1/search: a page of hits with facets, and what was searched. */
export const SearchView = z.object({
  total: z.number().int(),
  tookMs: z.number(),
  hits: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      /** The title with the matched words in <mark>, escaped. */
      titleHtml: z.string(),
      docNumber: z.string().nullable(),
      indexNumber: z.string().nullable(),
      publishedAt: z.string().nullable(),
      /** Escaped text around the matches, matched words in <mark>. */
      snippet: z.string(),
      kind: z.enum(['live', 'draft']),
      state: z.string(),
      /** The agency's code. */
      agency: z.string(),
      category: z.string(),
      organ: z.string().nullable(),
      /** Found by its 发文字号. */
      numberMatch: z.boolean(),
    }),
  ),
  facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(LabelledFacet)])) as Record<(typeof FACETS)[number], z.ZodArray<typeof LabelledFacet>>),
  terms: z.array(z.string()),
  /** Words beyond what one search may ask: not searched. */
  ignored: z.array(z.string()),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** For a search that found nothing. */
  didYouMean: z.object({ text: z.string(), kind: z.enum(['title', 'shorter']), total: z.number().int() }).nullable(),
  /** The Simplified form the query was searched as, when it was written otherwise. */
  convertedQuery: z.string().nullable(),
});
export type SearchView = z.infer<typeof SearchView>;

export const SuggestView = z.object({ suggestions: z.array(z.object({ text: z.string(), kind: z.enum(['title', 'query']), id: z.string().optional() })) });

const QueryStatView = z.object({ query: z.string(), searches: z.number(), zeroResults: z.number(), clicks: z.number(), clickThrough: z.number() });
export const AnalyticsView = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ searches: z.number(), zeroResults: z.number(), clicks: z.number(), queries: z.number() }),
  top: z.array(QueryStatView),
  zeroResults: z.array(QueryStatView),
});

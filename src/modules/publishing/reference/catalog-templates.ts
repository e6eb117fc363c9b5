/**
 * Catalog templates an agency can start its disclosure catalog from (docs/product.md M2):
 *  - `seed`: the eight top-level categories of the implementation plan (docs/plan.md ch.3 §1.1.13 信息分类) with the
 *    sub-categories it lists for each (“包括机构概况、组织结构、领导介绍等”);
 *  - `statutory`: the fifteen items agencies must disclose proactively under 政府信息公开条例 (2019) Art. 20,
 *    with a short name and the article's wording as the description.
 *
 * Codes are two digits per level joined by dots (`01`, `01.02`). Expected update intervals follow the national
 * website inspection (政府网站与政务新媒体检查指标): 动态、要闻 within 2 weeks, 通知公告、政策文件 within 6 months,
 * 人事、规划计划 within a year; 预决算 yearly (docs/product.md M2). Categories whose content changes only when the facts do
 * (机构概况, 办事指南 …) are `on-change`: never stale by age, still flagged when empty.
 */

export type UpdateInterval = 'dynamic' | '2w' | '1m' | '3m' | '6m' | '1y' | 'on-change';

export const UPDATE_INTERVALS: Record<UpdateInterval, { label: string; days: number | null }> = {
  dynamic: { label: '动态（2周内更新）', days: 14 },
  '2w': { label: '每2周', days: 14 },
  '1m': { label: '每月', days: 31 },
  '3m': { label: '每季度', days: 92 },
  '6m': { label: '每半年', days: 183 },
  '1y': { label: '每年', days: 366 },
  'on-change': { label: '有变化时更新', days: null },
};

/** How many days may pass after the newest item before a category counts as stale; null = never by age. */
export function updateIntervalDays(interval: UpdateInterval): number | null {
  return UPDATE_INTERVALS[interval].days;
}

export interface CatalogCategory {
  code: string;
  name: string;
  description: string;
  updateInterval: UpdateInterval;
  children: CatalogCategory[];
}

type Spec = [name: string, description: string, interval: UpdateInterval, children?: Spec[]];

function build(specs: Spec[], prefix = ''): CatalogCategory[] {
  return specs.map(([name, description, updateInterval, children], i) => {
    const code = `${prefix}${String(i + 1).padStart(2, '0')}`;
    return { code, name, description, updateInterval, children: build(children ?? [], `${code}.`) };
  });
}

export const SEED_TEMPLATE: readonly CatalogCategory[] = build([
  ['基本信息', '机构概况、组织结构、领导介绍等', 'on-change', [
    ['机构概况', '机关职能、机构设置、办公地址、办公时间、联系方式', 'on-change'],
    ['组织结构', '内设机构、下属单位及其职责', 'on-change'],
    ['领导介绍', '领导姓名、职务、分工', 'on-change'],
  ]],
  ['政策法规', '国家法律、地方性法规、部门规章、政策解读等', '6m', [
    ['国家法律', '与本机关职责相关的法律、行政法规', '6m'],
    ['地方性法规', '与本机关职责相关的地方性法规、地方政府规章', '6m'],
    ['部门规章', '部门规章和行政规范性文件', '6m'],
    ['政策解读', '政策文件的解读、图解、问答', '6m'],
  ]],
  ['规划计划', '工作计划、发展规划、年度报告等', '1y', [
    ['工作计划', '年度工作计划、工作要点、工作总结', '1y'],
    ['发展规划', '发展规划、专项规划、区域规划', '1y'],
    ['年度报告', '政府信息公开工作年度报告及其他年度报告', '1y'],
  ]],
  ['行政审批', '行政审批事项、办理流程、办理时限等', 'on-change', [
    ['行政审批事项', '审批事项目录、设定依据、申请条件', 'on-change'],
    ['办理流程', '申请材料、办理程序、办理地点', 'on-change'],
    ['办理时限', '承诺时限、法定时限', 'on-change'],
  ]],
  ['公共服务', '公共服务事项、服务指南、收费标准等', 'on-change', [
    ['公共服务事项', '公共服务事项目录', 'on-change'],
    ['服务指南', '办事指南、服务流程', 'on-change'],
    ['收费标准', '行政事业性收费项目及其依据、标准', 'on-change'],
  ]],
  ['财政预算', '财政预算、决算报告、资金使用情况等', '1y', [
    ['财政预算', '部门预算、“三公”经费预算', '1y'],
    ['决算报告', '部门决算、“三公”经费决算', '1y'],
    ['资金使用情况', '专项资金分配和使用、政府采购情况', '6m'],
  ]],
  ['人事信息', '公务员招聘、职务晋升、表彰奖励等', '1y', [
    ['公务员招聘', '招考职位、名额、报考条件、录用结果', '1y'],
    ['职务晋升', '任免、任前公示', '1y'],
    ['表彰奖励', '表彰奖励决定和公示', '1y'],
  ]],
  ['统计数据', '各类统计数据、分析报告等', '3m', [
    ['各类统计数据', '月度、季度、年度统计数据', '3m'],
    ['分析报告', '统计分析报告、统计公报', '1y'],
  ]],
]);

/** 政府信息公开条例 (国务院令第711号) Art. 20, items (一)–(十五), quoted in the descriptions. */
export const STATUTORY_TEMPLATE: readonly CatalogCategory[] = build([
  ['法规文件', '行政法规、规章和规范性文件', '6m'],
  ['机构职能', '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名', 'on-change'],
  ['规划信息', '国民经济和社会发展规划、专项规划、区域规划及相关政策', '1y'],
  ['统计信息', '国民经济和社会发展统计信息', '3m'],
  ['行政许可和对外管理服务', '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果', '1m'],
  ['行政处罚和行政强制', '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定', '1m'],
  ['财政预算决算', '财政预算、决算信息', '1y'],
  ['行政事业性收费', '行政事业性收费项目及其依据、标准', 'on-change'],
  ['政府集中采购', '政府集中采购项目的目录、标准及实施情况', '6m'],
  ['重大建设项目', '重大建设项目的批准和实施情况', '6m'],
  ['民生政策', '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况', '6m'],
  ['突发公共事件', '突发公共事件的应急预案、预警信息及应对情况', 'on-change'],
  ['监督检查', '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况', '6m'],
  ['公务员招考', '公务员招考的职位、名额、报考条件等事项以及录用结果', '1y'],
  ['其他法定公开信息', '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息', 'on-change'],
]);

export const CATALOG_TEMPLATES = { seed: SEED_TEMPLATE, statutory: STATUTORY_TEMPLATE } as const;
export type CatalogTemplateName = keyof typeof CATALOG_TEMPLATES;

export interface FlatCategory {
  code: string;
  name: string;
  description: string;
  updateInterval: UpdateInterval;
  parentCode: string | null;
  /** 1 for a top-level category. */
  depth: number;
  /** Names from the top: `基本信息/组织结构`. */
  path: string;
  /** Position among its siblings, from 0. */
  position: number;
}

/** The tree in pre-order (each category before its children), with parent codes — ready to insert row by row. */
export function flattenTemplate(nodes: readonly CatalogCategory[], parent: FlatCategory | null = null): FlatCategory[] {
  return nodes.flatMap((n, position) => {
    const flat: FlatCategory = {
      code: n.code,
      name: n.name,
      description: n.description,
      updateInterval: n.updateInterval,
      parentCode: parent?.code ?? null,
      depth: (parent?.depth ?? 0) + 1,
      path: parent ? `${parent.path}/${n.name}` : n.name,
      position,
    };
    return [flat, ...flattenTemplate(n.children, flat)];
  });
}

/** Whether a text is a well-formed category code: one to four levels of two digits, `01` … `99`. */
export function isCategoryCode(code: string): boolean {
  return /^(?:0[1-9]|[1-9]\d)(?:\.(?:0[1-9]|[1-9]\d)){0,3}$/.test(code);
}

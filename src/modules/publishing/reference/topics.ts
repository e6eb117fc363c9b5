/**
 * 主题分类: the two-level subject classification of the State Council portal (docs/product.md §4.4, 22 first-level subjects in
 * the portal's order). Codes are stable: `NN` for a subject in that order, `NN.MM` for its second level, and `NN.99`
 * always for 其他 so that second levels added later never renumber it.
 *
 * The second levels of 综合政务 are the portal's (docs/product.md §4.4). For the other subjects the lists are a modest
 * selection after the portal's headings; agencies may edit them (the catalog of topics is data, not code).
 */

export interface Topic {
  code: string;
  name: string;
  /** `综合政务/政务公开`; for a first-level subject just its name. */
  path: string;
  parentCode: string | null;
  children: Topic[];
}

const SUBJECTS: [string, string[]][] = [
  ['国务院组织机构', ['国务院办公厅', '国务院组成部门', '国务院直属特设机构', '国务院直属机构', '国务院办事机构', '国务院直属事业单位', '国务院部委管理的国家局']],
  ['综合政务', ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史']],
  ['国民经济管理、国有资产监管', ['发展规划', '经济体制改革', '宏观经济', '价格', '统计', '国有资产监管', '节能与资源综合利用']],
  ['财政、金融、审计', ['财政', '税务', '金融', '审计']],
  ['国土资源、能源', ['土地', '矿产', '海洋', '测绘', '电力', '煤炭', '石油与天然气', '新能源']],
  ['农业、林业、水利', ['农业、畜牧业、渔业', '林业', '水利', '农村经济']],
  ['工业、交通', ['工业', '信息产业（含电信）', '铁路', '公路', '水运', '民航', '邮政']],
  ['商贸、海关、旅游', ['国内贸易（含供销）', '对外经贸合作', '海关', '口岸', '旅游']],
  ['市场监管、安全生产监管', ['市场监管', '质量监督', '食品药品监管', '知识产权', '安全生产监管']],
  ['城乡建设、环境保护', ['城乡规划', '城乡建设（含住房）', '环境监测、保护与治理', '气象、水文、地震']],
  ['科技、教育', ['科技', '教育']],
  ['文化、广电、新闻出版', ['文化', '广播影视', '新闻出版', '文物']],
  ['卫生、体育', ['卫生', '中医药', '体育']],
  ['人口与计划生育、妇女儿童工作', ['人口与计划生育', '妇女儿童', '老龄工作']],
  ['劳动、人事、监察', ['劳动就业', '社会保障', '人事工作', '机构编制', '监察']],
  ['公安、安全、司法', ['公安', '国家安全', '司法']],
  ['民政、扶贫、救灾', ['民政', '扶贫', '救灾']],
  ['民族、宗教', ['民族事务', '宗教事务']],
  ['对外事务', ['外交', '国际合作']],
  ['港澳台侨工作', ['港澳工作', '对台工作', '侨务工作']],
  ['国防', ['国防建设', '国防动员', '人民防空']],
  ['其他', []],
];

const pad = (n: number): string => String(n).padStart(2, '0');

export const TOPICS: readonly Topic[] = SUBJECTS.map(([name, seconds], i) => {
  const code = pad(i + 1);
  const children: Topic[] = [...seconds.map((s, j) => [pad(j + 1), s] as const), ['99', '其他'] as const].map(([c, s]) => ({
    code: `${code}.${c}`,
    name: s,
    path: `${name}/${s}`,
    parentCode: code,
    children: [],
  }));
  return { code, name, path: name, parentCode: null, children };
});

const BY_CODE = new Map<string, Topic>();
const BY_PATH = new Map<string, Topic>();
for (const t of TOPICS) {
  BY_CODE.set(t.code, t);
  BY_PATH.set(t.path, t);
  for (const c of t.children) {
    BY_CODE.set(c.code, c);
    BY_PATH.set(c.path, c);
  }
}

export function topicByCode(code: string): Topic | null {
  return BY_CODE.get(code.trim()) ?? null;
}

export function isTopicCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * A topic by its name: a first-level name (`综合政务`), a path (`综合政务/政务公开`, also with ／ > › or ` - ` between
 * the levels and spaces around them), or a second-level name alone when only one subject has it (`政务公开`;
 * `其他` alone means the first-level 其他).
 */
export function topicByName(name: string): Topic | null {
  const text = name.normalize('NFKC').trim();
  if (text === '') return null;
  const parts = text.split(/\s*(?:\/|>|›|»|\s-\s)\s*/u).filter((p) => p !== '');
  if (parts.length === 1) {
    const first = BY_PATH.get(parts[0]!);
    if (first) return first;
    const seconds = TOPICS.flatMap((t) => t.children.filter((c) => c.name === parts[0]));
    return seconds.length === 1 ? seconds[0]! : null;
  }
  if (parts.length === 2) return BY_PATH.get(`${parts[0]}/${parts[1]}`) ?? null;
  return null;
}

/** Every topic, first levels each followed by their second levels. */
export function allTopics(): Topic[] {
  return TOPICS.flatMap((t) => [t, ...t.children]);
}

import * as OpenCC from 'opencc-js';

/** Interface languages: Simplified Chinese first; Traditional is the Simplified page converted by OpenCC. */
export const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

const zh = {
  colon: '：',
  skipLink: '跳到主要内容',
  portalName: '政府信息公开',
  directoryTitle: '政务公开站群导航',
  directoryIntro: '本平台承载以下机关的政府信息公开网站，请选择要访问的站点。',
  directoryEmpty: '平台尚未开设站点。',
  visitSite: '进入网站',
  home: '首页',
  about: '机构概况',
  structure: '组织结构',
  calendar: '工作日与办理时限',
  catalog: '信息公开目录',
  guide: '公开指南',
  interaction: '互动交流',
  faq: '在线问答',
  solicitations: '意见征集',
  latestItems: '最新公开信息',
  latestItemsEmpty: '暂无公开信息。',
  moreCatalog: '查看信息公开目录',
  guideIntro: '政府信息的分类、编排体系和获取方式，信息公开工作机构及联系方式，如何申请公开。',
  moreGuide: '阅读政府信息公开指南',
  mainNav: '主导航',
  // the header's search box (the search pages have their own words)
  siteSearch: '站内检索',
  siteSearchLabel: '检索本站政府信息',
  siteSearchButton: '检索',
  language: '语言',
  displayMode: '显示模式',
  elderOn: '长者模式',
  elderOff: '标准模式',
  breadcrumb: '当前位置',
  aboutIntro: '机关职能、办公地址、联系方式和信息公开工作机构。',
  structureIntro: '内设机构和下属单位，以及各自的主要职责和联系电话。',
  structureEmpty: '暂未发布内设机构信息。',
  contactUs: '联系我们',
  profile: '基本信息',
  moreAbout: '查看机构概况',
  moreStructure: '查看组织结构',
  unitCount: (n: number) => `共 ${n} 个内设机构和下属单位`,
  functions: '机构职能',
  name: '机构名称',
  address: '办公地址',
  postcode: '邮政编码',
  officeHours: '办公时间',
  phone: '联系电话',
  fax: '传真',
  email: '电子邮箱',
  disclosureOfficer: '信息公开工作机构',
  creditCode: '统一社会信用代码',
  orgCode: '组织机构代码',
  sponsor: '主办单位',
  siteCode: '网站标识码',
  icp: 'ICP备案号',
  footerNav: '网站信息',
  errorNotFound: '页面不存在',
  errorServer: '服务暂时不可用',
  errorClient: '请求有误',
  errorHint: '如需帮助，请联系本网站并提供下面的请求编号。',
  requestId: '请求编号',
  backHome: '返回首页',
};

export type Messages = typeof zh;
/** Keys of plain strings (not the formatting functions). */
export type TextKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

const en: Messages = {
  colon: ': ',
  skipLink: 'Skip to main content',
  portalName: 'Government Information Disclosure',
  directoryTitle: 'Government Disclosure Sites',
  directoryIntro: 'This platform hosts the disclosure websites of the following government agencies. Choose a site to visit.',
  directoryEmpty: 'No sites have been opened yet.',
  visitSite: 'Visit site',
  home: 'Home',
  about: 'About the agency',
  structure: 'Organisation',
  calendar: 'Working days',
  catalog: 'Disclosure catalog',
  guide: 'Disclosure guide',
  interaction: 'Contact us',
  faq: 'Q&A',
  solicitations: 'Consultations',
  latestItems: 'Latest disclosures',
  latestItemsEmpty: 'Nothing has been published yet.',
  moreCatalog: 'Browse the disclosure catalog',
  guideIntro: 'How government information is classified and arranged, how to obtain it, the disclosure office and how to make a request.',
  moreGuide: 'Read the disclosure guide',
  mainNav: 'Main navigation',
  siteSearch: 'Search this site',
  siteSearchLabel: 'Search the government information of this site',
  siteSearchButton: 'Search',
  language: 'Language',
  displayMode: 'Display mode',
  elderOn: 'Large text mode',
  elderOff: 'Standard mode',
  breadcrumb: 'You are here',
  aboutIntro: 'Functions, address, contact details and the office responsible for information disclosure.',
  structureIntro: 'Internal departments and subordinate units, with their main duties and telephone numbers.',
  structureEmpty: 'No internal departments have been published yet.',
  contactUs: 'Contact',
  profile: 'Profile',
  moreAbout: 'About the agency',
  moreStructure: 'View the organisation',
  unitCount: (n: number) => `${n} ${n === 1 ? 'department or unit' : 'departments and units'}`,
  functions: 'Functions',
  name: 'Name',
  address: 'Address',
  postcode: 'Postcode',
  officeHours: 'Office hours',
  phone: 'Telephone',
  fax: 'Fax',
  email: 'E-mail',
  disclosureOfficer: 'Disclosure office',
  creditCode: 'Unified social credit code',
  orgCode: 'Organisation code',
  sponsor: 'Run by',
  siteCode: 'Website ID',
  icp: 'ICP licence',
  footerNav: 'Site information',
  errorNotFound: 'Page not found',
  errorServer: 'Service temporarily unavailable',
  errorClient: 'Bad request',
  errorHint: 'If you need help, contact this website and quote the request ID below.',
  requestId: 'Request ID',
  backHome: 'Back to home page',
};

/** zh-TW uses the Simplified strings; the whole page is converted afterwards. */
export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : zh;
}

const cn2tw = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Marks a region that conversion leaves alone, e.g. the label "简体" in the language switch. */
export const KEEP_OPEN = '<!--keep-->';
export const KEEP_CLOSE = '<!--/keep-->';

/**
 * Converts a rendered page to Traditional characters. Text and human-readable attributes are converted;
 * link targets (href, src, action) and KEEP regions are left exactly as they are, so URLs never change.
 */
export function toTraditional(page: string): string {
  const protectedParts = /(<!--keep-->[\s\S]*?<!--\/keep-->|\s(?:href|src|action)="[^"]*")/g;
  return page
    .split(protectedParts)
    .map((part, i) => (i % 2 === 1 ? part : cn2tw(part)))
    .join('');
}

/** The side menu: each entry appears only for users whose permissions include one of `anyOf`. */
export interface MenuEntry {
  path: string;
  label: string;
  anyOf: readonly string[];
  /** Entries of a group appear together under its heading in the side menu. */
  group?: string;
}

const HANDLING = ['item.edit', 'item.review-unit', 'item.approve', 'item.publish'];

export const MENU: readonly MenuEntry[] = [
  { path: '/', label: '工作台', anyOf: [] },
  { path: '/publishing', label: '发布工作台', anyOf: HANDLING, group: '信息发布' },
  { path: '/publishing/new', label: '新建信息', anyOf: ['item.create'], group: '信息发布' },
  { path: '/search', label: '站内检索', anyOf: HANDLING, group: '信息发布' },
  { path: '/search/analytics', label: '检索分析', anyOf: ['stats.read'], group: '信息发布' },
  { path: '/catalog', label: '公开目录', anyOf: ['catalog.edit'], group: '信息发布' },
  { path: '/risk-words', label: '敏感词', anyOf: ['catalog.edit'], group: '信息发布' },
  { path: '/messages', label: '留言办理', anyOf: ['message.read'], group: '互动交流' },
  { path: '/messages/hot-topics', label: '留言热点', anyOf: ['message.route', 'stats.read'], group: '互动交流' },
  { path: '/messages/templates', label: '答复模板', anyOf: ['interaction.manage'], group: '互动交流' },
  { path: '/faq', label: '在线问答', anyOf: ['interaction.manage'], group: '互动交流' },
  { path: '/solicitations', label: '意见征集', anyOf: ['interaction.manage'], group: '互动交流' },
  { path: '/messages/settings', label: '互动设置', anyOf: ['interaction.manage'], group: '互动交流' },
  { path: '/orgs', label: '机构与科室', anyOf: ['org.read'] },
  { path: '/profile', label: '机关概况', anyOf: ['org.read'] },
  { path: '/users', label: '用户与角色', anyOf: ['user.read'] },
  { path: '/calendar', label: '工作日历', anyOf: ['org.read', 'calendar.edit'] },
  { path: '/deadlines', label: '办理时限', anyOf: ['org.read'] },
  { path: '/calculator', label: '时限计算器', anyOf: [] },
  { path: '/audit', label: '审计日志', anyOf: ['audit.read'] },
  { path: '/account', label: '我的账号', anyOf: [] },
];

export function visibleMenu(permissions: readonly string[]): MenuEntry[] {
  return MENU.filter((m) => m.anyOf.length === 0 || m.anyOf.some((a) => permissions.includes(a)));
}

/** The menu entry a location belongs to: the longest entry path it starts with ('/users?page=2' → '/users'). */
export function selectedMenuKey(pathname: string): string {
  const path = '/' + pathname.split('/').filter(Boolean).join('/');
  let best = '/';
  for (const m of MENU) {
    if (m.path === '/') continue;
    if ((path === m.path || path.startsWith(m.path + '/')) && m.path.length > best.length) best = m.path;
  }
  return best;
}

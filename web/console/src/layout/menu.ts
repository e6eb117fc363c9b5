/** The side menu: each entry appears only for users whose permissions include one of `anyOf`. */
export interface MenuEntry {
  path: string;
  label: string;
  anyOf: readonly string[];
}

export const MENU: readonly MenuEntry[] = [
  { path: '/', label: '工作台', anyOf: [] },
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

/** The menu entry a location belongs to ('/users?page=2' → '/users'). */
export function selectedMenuKey(pathname: string): string {
  const first = '/' + (pathname.split('/').filter(Boolean)[0] ?? '');
  return MENU.some((m) => m.path === first) ? first : '/';
}

import type { TextKey } from './i18n.js';

/** The main navigation of an agency site. Later modules (catalog, news, search) add their pages here. */
export interface NavItem {
  id: string;
  path: string;
  label: TextKey;
}

export const PORTAL_NAV: readonly NavItem[] = [
  { id: 'home', path: '/', label: 'home' },
  { id: 'catalog', path: '/catalog', label: 'catalog' },
  { id: 'guide', path: '/guide', label: 'guide' },
  { id: 'about', path: '/about', label: 'about' },
  { id: 'structure', path: '/structure', label: 'structure' },
  { id: 'calendar', path: '/calendar', label: 'calendar' },
  { id: 'interaction', path: '/interaction', label: 'interaction' },
];

import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANG, isLang, type Lang } from './i18n.js';

/** A reader's display preferences, kept in cookies so they work without JavaScript. */
export interface Prefs {
  lang: Lang;
  elder: boolean;
  /** The language was chosen by `?lang=` in the address: internal links keep it so a shared link stays in that language. */
  langFromQuery: boolean;
}

export const LANG_COOKIE = 'gk_lang';
export const ELDER_COOKIE = 'gk_elder';
export const PREF_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function readPrefs(req: FastifyRequest): Prefs {
  const query = req.query as Record<string, unknown> | undefined;
  const fromQuery = query?.lang;
  const fromCookie = req.cookies[LANG_COOKIE];
  const elder = req.cookies[ELDER_COOKIE] === '1';
  if (isLang(fromQuery) && fromQuery !== (isLang(fromCookie) ? fromCookie : DEFAULT_LANG)) {
    return { lang: fromQuery, elder, langFromQuery: true };
  }
  return { lang: isLang(fromCookie) ? fromCookie : DEFAULT_LANG, elder, langFromQuery: false };
}

/**
 * Where /prefs may send the reader back to: a path on this site only. Anything that a browser could read
 * as another origin (`//host`, `/\host`, `http:`), control characters or an overlong value gives `fallback`.
 */
export function safeBack(back: unknown, fallback = '/'): string {
  if (typeof back !== 'string' || back.length === 0 || back.length > 2000) return fallback;
  if (!back.startsWith('/') || back.startsWith('//') || back.includes('\\')) return fallback;
  // Control characters (CR/LF would split the Location header; browsers drop tabs and newlines in URLs).
  if ([...back].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  try {
    const base = 'http://gongkai.invalid';
    const url = new URL(back, base);
    if (url.origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return back;
}

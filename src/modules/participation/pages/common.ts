import { html, type SafeHtml } from '../../../portal/html.js';
import { data, href, type View } from '../../../portal/view.js';
import type { ParticipationWords } from './words.js';

export const FAQ_PATH = '/faq';
export const SOLICITATIONS_PATH = '/solicitations';
export const solicitationPath = (id: string): string => `${SOLICITATIONS_PATH}/${encodeURIComponent(id)}`;
export const commentFormPath = (id: string): string => `${solicitationPath(id)}/comments`;

/** A query value as one bounded string: repeated parameters take the last, anything else is absent. */
export function queryText(query: Record<string, unknown>, name: string, max: number): string {
  const v = query[name];
  const value: unknown = Array.isArray(v) ? (v as unknown[]).at(-1) : v;
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** `?page=`: a page number from 1, anything else 1. */
export function queryPage(query: Record<string, unknown>): number {
  const raw = queryText(query, 'page', 6);
  return /^\d{1,5}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
}

/** A query string from the values that are set (the first page goes without its number). */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([k, v]) => v !== undefined && v !== '' && !(k === 'page' && v === 1))
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Plain text a person wrote, as paragraphs: every line break is kept, nothing is read as markup. */
export function paragraphs(view: View, text: string | null): SafeHtml {
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return html`${lines.map((l) => html`<p>${data(view, l)}</p>`)}`;
}

/** What a reader typed goes back into a form field as it was, not converted to Traditional characters. */
export { keepTyped as keep } from '../../../portal/form-fields.js';

/** Page links: first, last and two either side of the current page. */
export function pagination(view: View, w: Pick<ParticipationWords, 'pagination' | 'pageN' | 'pageOf' | 'prev' | 'next'>, page: number, pages: number, link: (page: number) => string): SafeHtml {
  if (pages <= 1) return html``;
  const shown = [...new Set([1, pages, ...[-2, -1, 0, 1, 2].map((k) => page + k)])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const parts: SafeHtml[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1]! > 1) parts.push(html`<li class="gap" aria-hidden="true">…</li>`);
    parts.push(
      p === page
        ? html`<li><span class="page-current" aria-current="page">${p}</span></li>`
        : html`<li><a href="${href(view, link(p))}" aria-label="${w.pageN(p)}">${p}</a></li>`,
    );
  });
  return html`<nav class="pagination" aria-label="${w.pagination}"><p class="hint">${w.pageOf(Math.min(page, pages), pages)}</p><ul>
${page > 1 ? html`<li><a href="${href(view, link(Math.min(page - 1, pages)))}" rel="prev">${w.prev}</a></li>` : ''}
${parts}
${page < pages ? html`<li><a href="${href(view, link(page + 1))}" rel="next">${w.next}</a></li>` : ''}
</ul></nav>`;
}

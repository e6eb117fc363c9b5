import type { OrgRow } from '../../organisations/index.js';
import { itemPath } from './common.js';
import type { ItemSummary } from '../items.present.js';

/**
 * RSS 2.0 and Atom 1.0 feeds of an agency's newest published items (the whole site or one category with those below
 * it), and the sitemap. Pure: addresses are absolute, built from `siteUrl` (BASE_URL or the request's origin, plus the
 * site prefix).
 */

/** Text for XML: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlEscape(value: string | null | undefined): string {
  return [...String(value ?? '')]
    .filter((c) => {
      const code = c.charCodeAt(0);
      const loneSurrogate = c.length === 1 && code >= 0xd800 && code <= 0xdfff;
      return (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) && code !== 0xfffe && code !== 0xffff && !loneSurrogate;
    })
    .join('')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface FeedInput {
  agency: OrgRow;
  /** The site's absolute address without a trailing slash, e.g. `https://gk.example.gov.cn/sites/jiangchuan`. */
  siteUrl: string;
  /** The feed's own absolute address. */
  selfUrl: string;
  /** The page the feed belongs to (the site's home page or the category page). */
  pageUrl: string;
  title: string;
  description: string;
  items: ItemSummary[];
}

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
export const XML_TYPE = 'application/xml; charset=utf-8';

/** The newest change among the items, or the agency's last change for an empty feed (so the feed is stable). */
function feedUpdated(input: FeedInput): string {
  const latest = input.items.map((i) => i.updatedAt).filter(Boolean).sort().at(-1);
  return latest ?? input.agency.updated_at;
}

function entryText(item: ItemSummary): string {
  return [item.docNumber, item.summary].filter(Boolean).join(' ') || item.title;
}

export function renderRss(input: FeedInput): string {
  const items = input.items.map((item) => {
    const url = `${input.siteUrl}${itemPath(item.id)}`;
    return `<item>
<title>${xmlEscape(item.title)}</title>
<link>${xmlEscape(url)}</link>
<guid isPermaLink="true">${xmlEscape(url)}</guid>
<pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>
<description>${xmlEscape(entryText(item))}</description>
</item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xmlEscape(input.title)}</title>
<link>${xmlEscape(input.pageUrl)}</link>
<description>${xmlEscape(input.description)}</description>
<language>zh-CN</language>
<lastBuildDate>${new Date(feedUpdated(input)).toUTCString()}</lastBuildDate>
<atom:link href="${xmlEscape(input.selfUrl)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}

export function renderAtom(input: FeedInput): string {
  const entries = input.items.map((item) => {
    const url = `${input.siteUrl}${itemPath(item.id)}`;
    return `<entry>
<title>${xmlEscape(item.title)}</title>
<id>${xmlEscape(url)}</id>
<link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>
<published>${xmlEscape(item.publishedAt)}</published>
<updated>${xmlEscape(item.updatedAt)}</updated>
<summary>${xmlEscape(entryText(item))}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${xmlEscape(input.title)}</title>
<subtitle>${xmlEscape(input.description)}</subtitle>
<id>${xmlEscape(input.selfUrl)}</id>
<link rel="self" type="application/atom+xml" href="${xmlEscape(input.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${xmlEscape(input.pageUrl)}"/>
<updated>${xmlEscape(feedUpdated(input))}</updated>
<author><name>${xmlEscape(input.agency.name)}</name></author>
${entries.join('\n')}
</feed>
`;
}

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

export function renderSitemap(entries: readonly SitemapEntry[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `<url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${xmlEscape(e.lastmod)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}

/** robots.txt: everything public may be crawled except the console, the API and the preference links; the sitemaps. */
export function renderRobots(sitemapUrls: readonly string[]): string {
  return `User-agent: *\nDisallow: /console\nDisallow: /api/\nDisallow: /prefs\nDisallow: /sites/*/prefs\n${sitemapUrls.map((u) => `Sitemap: ${u}\n`).join('')}`;
}

import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../shared/context.js';
import type { Agency } from './site-api.js';
import { renderPortalError } from './error-page.js';
import { html, raw } from './html.js';
import { toTraditional } from './i18n.js';
import { renderPage } from './layout.js';
import { etagMatches, PageCache, pageFor } from './page-cache.js';
import { safeBack } from './prefs.js';
import { indexAgencies, pickSite, siteCodeOf } from './site.js';
import { href, makeView } from './view.js';

function org(over: Partial<Agency> & { id: string; code: string; name: string }): Agency {
  const empty = { description: null, org_code: null, credit_code: null, site_code: null, sponsor: null, address: null, postcode: null };
  const contact = { office_hours: null, phone: null, fax: null, email: null, icp: null, disclosure_officer: null, host: null };
  return {
    ...{ kind: 'unit', parent_id: null, agency_id: 'a', path: '/', sort_order: 0, timezone: 'Asia/Shanghai', index_template: null, version: 1 },
    ...{ created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' },
    ...empty,
    ...contact,
    ...over,
  };
}

const a = org({ id: 'a', code: 'jiangchuan', name: '江川市人民政府', kind: 'agency', host: 'www.jiangchuan.gov.cn' });
const b = org({ id: 'b', code: 'hexi', name: '河西县人民政府', kind: 'agency', agency_id: 'b' });

describe('html template', () => {
  it('escapes values, keeps SafeHtml, flattens arrays', () => {
    const out = html`<p title="${'"x"'}">${'<i>'}${raw('<b>ok</b>')}${['&', html`<br>`]}${null}${false}</p>`;
    expect(out.value).toBe('<p title="&quot;x&quot;">&lt;i&gt;<b>ok</b>&amp;<br></p>');
  });
});

describe('site resolution', () => {
  const both = indexAgencies([a, b]);
  it('selects by /sites/{code}/ first, with the prefix as link base', () => {
    expect(pickSite(both, { host: 'www.jiangchuan.gov.cn', code: 'hexi', defaultSite: undefined })).toEqual({ kind: 'site', site: { agency: b, base: '/sites/hexi' } });
    expect(pickSite(both, { host: undefined, code: 'nope', defaultSite: 'hexi' })).toEqual({ kind: 'none' });
  });
  it('then by host (case and port ignored), then the default, then the only agency, else the directory', () => {
    expect(pickSite(both, { host: 'WWW.jiangchuan.gov.cn:8443', code: undefined, defaultSite: 'hexi' })).toEqual({ kind: 'site', site: { agency: a, base: '' } });
    expect(pickSite(both, { host: 'localhost:3000', code: undefined, defaultSite: 'hexi' })).toEqual({ kind: 'site', site: { agency: b, base: '' } });
    expect(pickSite(both, { host: 'localhost', code: undefined, defaultSite: 'unknown' })).toEqual({ kind: 'directory' });
    expect(pickSite(indexAgencies([b]), { host: 'localhost', code: undefined, defaultSite: undefined })).toEqual({ kind: 'site', site: { agency: b, base: '' } });
    expect(pickSite(indexAgencies([]), { host: 'localhost', code: undefined, defaultSite: undefined })).toEqual({ kind: 'directory' });
  });
  it('reads the code of a /sites/ URL', () => {
    expect(siteCodeOf('/sites/hexi/about?x=1')).toBe('hexi');
    expect(siteCodeOf('/sites/hexi')).toBe('hexi');
    expect(siteCodeOf('/about')).toBeUndefined();
    expect(siteCodeOf('/sites/%E0%A4%A/')).toBe('%E0%A4%A');
  });
  it('builds every link through one helper that keeps the prefix', () => {
    const prefs = { lang: 'en' as const, elder: false, langFromQuery: true };
    const v = makeView({ prefs, agency: b, base: '/sites/hexi', path: '/', cssHref: '' });
    expect(href(v, '/')).toBe('/sites/hexi/?lang=en');
    expect(href(v, '/about')).toBe('/sites/hexi/about?lang=en');
  });
});

describe('safe redirect target', () => {
  it.each(['/', '/about', '/sites/hexi/structure?x=1#y', '/%E6%9C%BA'])('accepts %s', (p) => expect(safeBack(p)).toBe(p));
  it.each(['//evil.example', '/\\evil.example', '\\\\evil', 'https://evil.example/', 'javascript:alert(1)', 'about', '', '/a\r\nx', '/a\tb', `/${'x'.repeat(2001)}`, 42, undefined])(
    'refuses %s',
    (p) => expect(safeBack(p, '/home')).toBe('/home'),
  );
});

describe('Traditional conversion', () => {
  it('converts text and labels but never link targets or kept regions', () => {
    const page = '<a href="/搜索?q=发展" title="机构概况">发展</a><img src="/图片.png" alt="图片"><!--keep-->简体<!--/keep-->';
    expect(toTraditional(page)).toBe('<a href="/搜索?q=发展" title="機構概況">發展</a><img src="/图片.png" alt="圖片"><!--keep-->简体<!--/keep-->');
  });
  it('produces a zh-TW page with Traditional interface text', () => {
    const v = makeView({ prefs: { lang: 'zh-TW', elder: true, langFromQuery: false }, agency: a, base: '', path: '/about', cssHref: '/c.css' });
    const out = renderPage(v, { title: v.t.about, current: 'about', main: html`<h1>${v.t.about}</h1>` });
    expect(out).toContain('<html lang="zh-TW" class="elder">');
    expect(out).toContain('<a href="/about" aria-current="page">機構概況</a>');
    expect(out).toContain('>简体</a>');
    expect(out).not.toContain('keep-->');
  });
});

describe('page cache', () => {
  const page = (s: string) => pageFor(s, 'zh-CN');
  it('is bounded, dropping the least recently used page', () => {
    const cache = new PageCache(2);
    cache.set('1', 'a', page('1'), cache.generation());
    cache.set('2', 'a', page('2'), cache.generation());
    expect(cache.get('1')).toBeDefined();
    cache.set('3', 'a', page('3'), cache.generation());
    expect(cache.get('2')).toBeUndefined();
    expect(cache.get('1')).toBeDefined();
    expect(cache.size).toBe(2);
  });
  it("drops one agency's pages and the directory, not other agencies' pages", () => {
    const cache = new PageCache();
    cache.set('a1', 'a', page('a1'), cache.generation());
    cache.set('b1', 'b', page('b1'), cache.generation());
    cache.set('dir', null, page('dir'), cache.generation());
    cache.invalidateAgency('a');
    expect([cache.get('a1'), cache.get('dir')]).toEqual([undefined, undefined]);
    expect(cache.get('b1')?.body.toString()).toBe('b1');
  });
  it('does not store a page rendered across a change', () => {
    const cache = new PageCache();
    const before = cache.generation();
    cache.invalidateAgency('x');
    cache.set('k', 'a', page('old'), before);
    expect(cache.get('k')).toBeUndefined();
  });
  it('expires entries after the backstop TTL', () => {
    let now = 0;
    const cache = new PageCache(10, 1000, () => now);
    cache.set('k', 'a', page('p'), cache.generation());
    now = 999;
    expect(cache.get('k')).toBeDefined();
    now = 1000;
    expect(cache.get('k')).toBeUndefined();
  });
  it('matches If-None-Match lists, weak validators and *', () => {
    const { etag } = page('x');
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"nope", W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"nope"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});

describe('error page', () => {
  it('renders without a portal, a site or even cookies, and never throws', async () => {
    const ctx = { config: { defaultSite: undefined } } as unknown as AppContext;
    const req = { url: '/x?y', headers: {}, query: {} } as unknown as FastifyRequest;
    const out = await renderPortalError(ctx, req, 500, '服务器内部错误<script>', 'req-12345678');
    expect(out).toContain('<h1>服务暂时不可用</h1>');
    expect(out).toContain('服务器内部错误&lt;script&gt;');
    expect(out).toContain('<code>req-12345678</code>');
    expect(out).toContain('<html lang="zh-CN">');
  });
});

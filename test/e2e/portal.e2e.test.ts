import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, launchBrowser, screenshot, describeViolations } from '../support/browser.js';
import { startHttpServer } from '../support/server.js';

type Server = Awaited<ReturnType<typeof startHttpServer>>;

describe.skipIf(!browserAvailable())('public portal in Chromium', () => {
  let server: Server;
  let browser: Browser;
  // The portal's CSP forbids inline scripts, and axe-core is injected as one: the test contexts bypass CSP
  // (the pages themselves contain no script at all).

  beforeAll(async () => {
    server = await startHttpServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, options: { width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const res = await page.goto(server.url + path);
    expect(res?.status()).toBe(200);
    return { context, page };
  }

  async function expectAccessible(page: Page): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  async function expectSkipLinkFirst(page: Page): Promise<void> {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { className: string; getAttribute(n: string): string | null } | null } }).document.activeElement;
      return el ? { cls: el.className, href: el.getAttribute('href') } : null;
    });
    expect(focused).toEqual({ cls: 'skip-link', href: '#main' });
    await page.keyboard.press('Enter');
    const target = await page.evaluate(
      () => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id,
    );
    expect(target).toBe('main');
  }

  it('home page in Simplified Chinese: accessible, skip link first', async () => {
    const { context, page } = await open('/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('h1')).toContain('江川市人民政府');
    await expectAccessible(page);
    await expectSkipLinkFirst(page);
    await screenshot(page, 'portal-home-zh-CN');
    await context.close();
  });

  it('机构概况 and 组织结构 in Simplified Chinese are accessible', async () => {
    for (const [path, name] of [
      ['/about', 'portal-about-zh-CN'],
      ['/structure', 'portal-structure-zh-CN'],
    ] as const) {
      const { context, page } = await open(path);
      await expectAccessible(page);
      await expectSkipLinkFirst(page);
      await screenshot(page, name);
      await context.close();
    }
  });

  it('switching to Traditional Chinese through the header link, without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.click('a[hreflang="zh-TW"]');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
    expect(await page.textContent('nav.main-nav')).toContain('機構概況');
    await context.close();

    const { context: c2, page: p2 } = await open('/?lang=zh-TW');
    await expectAccessible(p2);
    await expectSkipLinkFirst(p2);
    await screenshot(p2, 'portal-home-zh-TW');
    await c2.close();
  });

  it('English interface is accessible', async () => {
    const { context, page } = await open('/about?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page);
    await screenshot(page, 'portal-about-en');
    await context.close();
  });

  it('elder mode: large text, line height ≥ 1.3, accessible', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.click('a.elder-toggle');
    expect(await page.getAttribute('html', 'class')).toBe('elder');
    for (const selector of ['main p', 'main h2', 'nav.main-nav a', 'footer li']) {
      const m = await page.$eval(selector, (el) => {
        const s = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string; lineHeight: string } }).getComputedStyle(el);
        return { fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) };
      });
      expect(m.fontSize, selector).toBeGreaterThanOrEqual(20);
      expect(m.lineHeight, selector).toBeGreaterThanOrEqual(1.3 * m.fontSize);
    }
    await expectAccessible(page);
    await expectSkipLinkFirst(page);
    await screenshot(page, 'portal-home-elder');
    await page.goto(server.url + '/structure');
    await expectAccessible(page);
    await screenshot(page, 'portal-structure-elder');
    await context.close();
  });

  it('fits a narrow phone screen without horizontal scrolling', async () => {
    const { context, page } = await open('/about', { width: 360 });
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return d.documentElement.scrollWidth - d.documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'portal-about-phone');
    await context.close();
  });

  it('the 404 page is accessible and shows the request id', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const res = await page.goto(server.url + '/no-such-page');
    expect(res?.status()).toBe(404);
    expect(await page.textContent('.request-id code')).toBe(res?.headers()['x-request-id']);
    await expectAccessible(page);
    await screenshot(page, 'portal-404');
    await context.close();
  });
});

// The staff console in Chromium: one signed-in page per staff member, and axe-core on a screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { axeViolations, describeViolations, newTestContext } from './browser.js';

export { describeViolations };

/** The browser contexts a suite opens and the page errors they saw: closed and checked by the suite. */
export interface ConsoleSessions {
  browser: Browser;
  contexts: BrowserContext[];
  pageErrors: string[];
}

/** A signed-in page of one staff member, under the console's real Content-Security-Policy. */
export async function signedIn(s: ConsoleSessions, baseUrl: string, username: string, displayName: string): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  s.contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => s.pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: new RegExp(`，${displayName}$`) }).waitFor();
  return page;
}

/**
 * axe-core on the page's current address, in a context that shares the session but bypasses the CSP (axe is
 * injected inline). `ready` waits for the screen's content.
 */
export async function expectAccessible(browser: Browser, page: Page, ready: (p: Page) => Promise<unknown>): Promise<void> {
  const axeContext = await newTestContext(browser, { viewport: { width: 1366, height: 900 }, storageState: await page.context().storageState() });
  try {
    const axePage = await axeContext.newPage();
    axePage.setDefaultTimeout(10_000);
    await axePage.goto(page.url());
    await ready(axePage);
    // Messages and tooltips fade out; only the screen itself is checked.
    await axePage.locator('.ant-message-notice').waitFor({ state: 'detached' }).catch(() => undefined);
    const violations = await axeViolations(axePage);
    expect(violations, describeViolations(violations)).toEqual([]);
  } finally {
    await axeContext.close();
  }
}

// The working-day calendar in Chromium: the public page of 2026 with its holidays and make-up days and the
// calculator without JavaScript; the office adds a local holiday and opens a deadline in the console and reads
// its explanation; the public page then shows the local holiday.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { axeViolations, browserAvailable, launchBrowser, newTestContext, screenshot, buildConsole, describeViolations } from '../support/browser.js';
import { startHttpServer } from '../support/server.js';

/** Types a date into an Ant Design DatePicker and confirms it (the picker takes typed dates on Enter). */
async function pickDate(scope: Page | ReturnType<Page['getByRole']>, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe.skipIf(!browserAvailable())('working-day calendar in Chromium', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let browser: Browser;
  let portal: BrowserContext;
  let noScript: BrowserContext;
  let staff: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildConsole();
    server = await startHttpServer();
    browser = await launchBrowser();
    // The public pages: axe-core is a script, so the checks run with JavaScript; the calculator is used without.
    portal = await newTestContext(browser, { viewport: { width: 1280, height: 900 } });
    noScript = await newTestContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    staff = await newTestContext(browser, { viewport: { width: 1366, height: 900 } });
    page = await staff.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the holidays and make-up days of 2026 on the public page, accessibly', async () => {
    const p = await portal.newPage();
    const res = await p.goto(`${server.url}/calendar?year=2026`);
    expect(res?.status()).toBe(200);
    await p.getByRole('heading', { name: '2026 年节假日安排' }).waitFor();
    const spring = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: '春节' }) });
    expect(await spring.textContent()).toContain('2026-02-15 至 2026-02-23');
    expect(await spring.textContent()).toContain('9 天');
    for (const date of ['2026-02-14', '2026-02-28']) {
      const row = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: date }) });
      expect(await row.textContent()).toContain('春节');
    }
    expect(await p.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作日与办理时限' }).getAttribute('aria-current')).toBe('page');
    const violations = await axeViolations(p);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(p, 'calendar-portal');
    await p.close();
  });

  it('computes a deadline with the form, without JavaScript', async () => {
    const p = await noScript.newPage();
    await p.goto(`${server.url}/calendar`);
    await p.getByLabel('起算日期').fill('2026-02-10');
    await p.getByLabel('工作日数').fill('20');
    await p.getByRole('button', { name: '计算' }).click();
    await p.getByRole('heading', { name: '计算结果' }).waitFor();
    const url = new URL(p.url());
    expect(url.searchParams.get('start')).toBe('2026-02-10');
    expect(await p.locator('.calc-result .due').textContent()).toContain('2026-03-16（星期一）');
    const steps = await p.locator('.calc-result ol.steps li').allTextContents();
    expect(steps).toContain('2026-02-15 至 2026-02-23 春节放假（9 天），不计入。');
    expect(steps).toContain('2026-02-28（星期六）为春节调休上班日，计入工作日。');
    expect(steps.at(-1)).toBe('办理期限截止于 2026-03-16（星期一）。');
    await screenshot(p, 'calendar-portal-calculator');

    // The same answer page, and the one explaining a date that does not exist, checked by axe (with scripts).
    const checked = await portal.newPage();
    for (const address of [p.url(), `${server.url}/calendar?start=2025-02-30&days=20`]) {
      await checked.goto(address);
      const violations = await axeViolations(checked);
      expect(violations, describeViolations(violations)).toEqual([]);
    }
    await checked.getByRole('alert').filter({ hasText: '起算日期“2025-02-30”不存在' }).waitFor();
    await checked.close();
    await p.close();
  });

  it('lets the office add a local holiday in the console', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '工作日历' }).click();
    // The browser's clock is the real one, the server's stands in 2026: choose the year in the address.
    await page.goto(`${server.url}/console/calendar?agency=jiangchuan&year=2026`);
    await page.getByText('2026 年放假安排').waitFor();
    await page.getByRole('row').filter({ hasText: '2026-02-15 至 2026-02-23' }).getByText('全国').waitFor();

    await page.getByRole('button', { name: '新增调整' }).click();
    const dialog = page.getByRole('dialog');
    await pickDate(dialog, '日期', '2026-03-03');
    await dialog.getByLabel('名称').fill('三月三');
    await dialog.getByLabel('理由').fill('依据自治条例放假');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const local = page.getByRole('row').filter({ hasText: '三月三' }).filter({ hasText: '本机关' }).first();
    await local.waitFor();
    expect(await local.textContent()).toContain('2026-03-03');
    await screenshot(page, 'calendar-console');
  });

  it('creates a deadline and shows its explanation', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '办理时限' }).click();
    await page.getByRole('button', { name: '新建办理时限' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('事项名称').fill('端到端测试申请答复');
    await pickDate(dialog, '起算日期', '2026-02-27');
    await dialog.getByLabel('工作日数').fill('5');
    await dialog.getByRole('button', { name: '创建' }).click();
    const drawer = page.getByRole('dialog', { name: '端到端测试申请答复' });
    await drawer.waitFor();
    // 02-28 (make-up Saturday), 03-02, 03-04, 03-05, 03-06: the local holiday on 03-03 is not counted.
    await drawer.getByTestId('due-date').filter({ hasText: '2026-03-06' }).waitFor();
    const explanation = drawer.getByRole('region', { name: '计算说明' });
    await explanation.getByText('2026-02-28（星期六）为春节调休上班日，计入工作日。').waitFor();
    await explanation.getByText('2026-03-03（星期二）三月三放假，不计入。').waitFor();
    await explanation.getByText('办理期限截止于 2026-03-06（星期五）。').waitFor();
    await drawer.getByRole('region', { name: '事件记录' }).getByText(/起算，2026-02-27，时限 5 个工作日/).waitFor();
    // The confirmations fade out after a few seconds; the screenshot shows the drawer without them.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 });
    await screenshot(page, 'deadline-explanation');
  });

  it('shows the local holiday on the public page', async () => {
    const p = await portal.newPage();
    await p.goto(`${server.url}/calendar?year=2026`);
    const row = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: '三月三' }) });
    expect(await row.textContent()).toContain('2026-03-03');
    expect(await row.textContent()).toContain('本机关调整');
    // The plain address (cached) shows it too: the cache was dropped on calendar.changed. Its year is the server's.
    await p.goto(`${server.url}/calendar`);
    await p.getByRole('rowheader', { name: '三月三' }).waitFor();
    await p.close();
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

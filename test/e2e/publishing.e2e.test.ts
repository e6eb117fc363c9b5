import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/app.js';
import { axeViolations, browserAvailable, launchBrowser, newTestContext, screenshot, describeViolations } from '../support/browser.js';
import { startHttpServer } from '../support/server.js';
import { testCategory, withCatalog } from '../support/catalog.js';
import { publishedItem } from '../support/publishing.js';

type Server = Awaited<ReturnType<typeof startHttpServer>>;

const category = testCategory;

const CATALOG = [
  category('01', '机构职能', null, 0, { updateInterval: 'on-change' }),
  category('02', '政策文件', null, 1, { description: '本机关制定的规范性文件和其他政策文件。', updateInterval: '6m' }),
  category('02.01', '规范性文件', '02', 0, { updateInterval: '6m' }),
  category('02.02', '其他文件', '02', 1, { updateInterval: '6m' }),
  category('02.03', '政策解读', '02', 2, { updateInterval: 'dynamic' }),
  category('03', '规划信息', null, 2, { updateInterval: '1y' }),
  category('04', '财政信息', null, 3, { updateInterval: '1y' }),
];

const BODY = `<p>各县（市、区）人民政府，市政府各部门、各直属单位：</p>
<p>为持续优化营商环境，激发市场主体活力，经市政府同意，现将《江川市营商环境优化提升行动方案（2026—2027年）》印发给你们，请认真贯彻执行。</p>
<p>一、总体目标。到2027年底，政务服务事项网上可办率达到100%，企业开办时间压缩至1个工作日以内。</p>
<p>二、重点任务。（一）深化“一网通办”改革；（二）推进涉企审批减环节、减材料、减时限；（三）健全政企沟通机制。</p>
<table><tr><th>指标</th><th>2026年</th><th>2027年</th></tr><tr><td>网上可办率</td><td>98%</td><td>100%</td></tr></table>
<p>江川市发展和改革委员会</p><p>2026年2月25日</p>`;

describe.skipIf(!browserAvailable())('the disclosure catalog in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let policy = '';
  const errors: string[] = [];

  /** Published by staff signed in for it: an hour passes after each, longer than a session stays idle. */
  async function publish(fields: Record<string, unknown>): Promise<string> {
    const { id } = await publishedItem(server, { category: '02.01', body: '<p>正文。</p>', ...fields });
    server.clock.advance(3600_000);
    return id;
  }

  beforeAll(async () => {
    server = await startHttpServer();
    browser = await launchBrowser();
    await withCatalog(server, CATALOG);
    for (let i = 1; i <= 22; i++) {
      await publish({
        title: `江川市发展和改革委员会关于做好2026年第${i}批重点项目申报工作的通知`,
        docNumber: `江发改〔2026〕${i + 20}号`,
        writtenAt: `2026-01-${String(i + 5).padStart(2, '0')}`,
        category: i % 3 === 0 ? '02.02' : '02.01',
      });
    }
    policy = await publish({
      title: '江川市人民政府办公室关于印发《江川市营商环境优化提升行动方案（2026—2027年）》的通知',
      body: BODY,
      docNumber: '江政办发〔2026〕12号',
      issuingOrgan: '江川市人民政府办公室',
      writtenAt: '2026-02-25',
      topic: '03.02',
      summary: '持续优化营商环境的两年行动方案。',
    });
    await publish({ category: '02.03', title: '《江川市营商环境优化提升行动方案（2026—2027年）》政策解读', interprets: policy, body: '<p>一、出台背景……</p>' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, status = 200, options: { width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newTestContext(browser, { viewport: { width: options.width ?? 1280, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      // The 410 of a withdrawal notice is reported as a failed load: that one is expected.
      if ((m.type() === 'error' || m.type() === 'warning') && !(status === 410 && m.text().includes('status of 410'))) errors.push(`${path}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    const res = await page.goto(server.url + path);
    expect(res?.status()).toBe(status);
    return { context, page };
  }

  async function expectAccessible(page: Page): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('catalog → category → item, accessible at each step, without JavaScript errors', async () => {
    const { context, page } = await open('/catalog');
    expect(await page.textContent('h1')).toBe('信息公开目录');
    await expectAccessible(page);
    await screenshot(page, 'portal-catalog');

    await page.click('a[href="/catalog/02"]');
    expect(page.url()).toBe(`${server.url}/catalog/02`);
    expect(await page.textContent('h1')).toBe('政策文件');
    expect(await page.locator('table.item-list tbody tr').count()).toBe(20);
    await expectAccessible(page);
    await screenshot(page, 'portal-category');

    await page.click('nav.pagination a[rel="next"]');
    expect(page.url()).toBe(`${server.url}/catalog/02?page=2`);
    expect(await page.locator('table.item-list tbody tr').count()).toBe(4);
    await page.click('nav.sort-links a');
    expect(page.url()).toBe(`${server.url}/catalog/02?sort=written`);
    await expectAccessible(page);

    await page.goto(`${server.url}/catalog/02`);
    await page.click(`a[href="/items/${policy}"]`);
    expect(await page.textContent('h1')).toContain('营商环境优化提升行动方案');
    expect(await page.textContent('table.meta-table')).toContain('江政办发〔2026〕12号');
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'portal-item');

    // Print media: navigation, footer and tools are hidden, the metadata table and text stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.main-nav').isVisible()).toBe(false);
    expect(await page.locator('footer.site-footer').isVisible()).toBe(false);
    expect(await page.locator('.item-tools').isVisible()).toBe(false);
    expect(await page.locator('table.meta-table').isVisible()).toBe(true);
    await screenshot(page, 'portal-item-print');
    await context.close();
  });

  it('the print view and the guide are accessible', async () => {
    const print = await open(`/items/${policy}?print=1`);
    expect(await print.page.locator('nav.main-nav').isVisible()).toBe(false);
    await expectAccessible(print.page);
    await print.context.close();

    const guide = await open('/guide');
    expect(await guide.page.textContent('h1')).toBe('政府信息公开指南');
    await expectAccessible(guide.page);
    await screenshot(guide.page, 'portal-guide');
    await guide.context.close();
  });

  it('works on a phone-sized screen', async () => {
    const { context, page } = await open(`/items/${policy}`, 200, { width: 375 });
    await expectAccessible(page);
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-item-mobile');
    await context.close();
  });

  it('after withdrawal through the API the item page is a 410 notice, and the lists no longer show it', async () => {
    const office = await signIn(server, 'office');
    const res = await office.request('POST', `/api/v1/items/${policy}/withdraw`, { reason: '该文件已被《江川市营商环境优化提升行动方案（修订）》替代' });
    expect(res.statusCode, res.body).toBe(200);
    const { context, page } = await open(`/items/${policy}`, 410);
    expect(await page.textContent('h1')).toBe('该信息已撤回');
    expect(await page.textContent('main')).toContain('该文件已被《江川市营商环境优化提升行动方案（修订）》替代');
    expect(await page.locator('.item-body').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'portal-withdrawn');
    await page.click('a.button[href="/catalog"]');
    await page.click('a[href="/catalog/02"]');
    expect(await page.locator(`a[href="/items/${policy}"]`).count()).toBe(0);
    await context.close();
    expect(errors).toEqual([]);
  });
});

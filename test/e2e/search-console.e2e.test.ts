// The search screens of the staff console in Chromium against a real server with the demo agency and its
// documents, on each database: the office searches a law (suggestions, highlighted title, facets), narrows by a
// facet, goes back and forth, follows "did you mean" and opens a result; the editor finds a draft of their own
// that the public search does not return; the analytics screen lists a query the public searched for and one
// that found nothing, each linking back to the staff search.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_LABELS } from '../../web/console/src/publishing/logic.js';
import { signIn } from '../support/app.js';
import { browserAvailable, buildConsole, launchBrowser, screenshot } from '../support/browser.js';
import { expectAccessible as checkAccessible, signedIn as signInToConsole } from '../support/console.js';
import { testDatabases } from '../support/databases.js';
import { startHttpServer, type HttpServer } from '../support/server.js';

const LAW = '中华人民共和国个人信息保护法';
const DRAFT_TITLE = '江川市发展和改革委员会关于居民阶梯水价调整听证会的公告';
const PUBLIC_QUERY = '数据安全';
const GAP_QUERY = '低空飞行器起降点';

describe.skipIf(!browserAvailable())('search in the staff console', () => {
  describe.each(testDatabases())('on $name', (database) => {
    let server: HttpServer;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      buildConsole();
      server = await startHttpServer(database, { demoDocuments: true });
      browser = await launchBrowser();
    });

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    const signedIn = (username: string, displayName: string): Promise<Page> => signInToConsole({ browser, contexts, pageErrors }, server.url, username, displayName);

    const expectAccessible = (page: Page, ready: (p: Page) => Promise<unknown>) => checkAccessible(browser, page, ready);

    /** The public search API, asked without any session. */
    async function publicSearch(q: string, extra = ''): Promise<{ total: number; hits: { title: string; kind: string }[] }> {
      const res = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { total: number; hits: { title: string; kind: string }[] };
    }

    const results = (page: Page) => page.getByRole('list', { name: '检索结果列表' });
    const status = (page: Page) => page.getByRole('region', { name: '检索结果' }).getByRole('status');

    it('lets the office search a law with suggestions, highlighted results and facets, filter by a facet and open a result', async () => {
      const page = await signedIn('office', '王敏');
      await page.getByRole('navigation').getByRole('link', { name: '站内检索' }).click();
      await page.getByRole('heading', { name: '站内检索', level: 1 }).waitFor();

      // Suggestions appear once typing pauses.
      const box = page.getByRole('combobox', { name: '检索词' });
      await box.fill('个人信息保');
      const suggestion = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: LAW });
      await suggestion.waitFor();
      expect(await suggestion.textContent()).toContain('标题');
      await screenshot(page, 'console-search-suggest');
      await box.fill('个人信息');
      await page.getByRole('button', { name: '搜索' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('个人信息');

      const hit = results(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: LAW }) });
      await hit.waitFor();
      expect(await hit.locator('mark').first().textContent()).toContain('个人信息');
      await hit.locator('.ant-tag').filter({ hasText: STATE_LABELS.published }).waitFor();
      expect(await hit.textContent()).toContain('索引号：');
      expect(await hit.textContent()).toContain('发布日期：2021-08-20');
      // No markup from the server's highlighting ever reaches the page as text.
      expect(await results(page).textContent()).not.toContain('<mark>');
      const unfiltered = /共找到 \d+ 条结果/.exec((await status(page).textContent()) ?? '')![0];

      const facets = page.getByRole('region', { name: '分面筛选' });
      const national = facets.getByRole('group', { name: '目录类别' }).getByRole('checkbox', { name: /^国家法律（\d+）$/ });
      await national.waitFor();
      await facets.getByRole('group', { name: '年份' }).getByRole('checkbox', { name: /^2021年（\d+）$/ }).waitFor();
      await facets.getByRole('group', { name: '有效性' }).getByRole('checkbox', { name: /^有效（\d+）$/ }).waitFor();
      await screenshot(page, 'console-search');
      await expectAccessible(page, (p) => p.getByRole('list', { name: '检索结果列表' }).getByRole('link', { name: LAW }).waitFor());

      // A facet adds its filter to the address; the count it showed is the number of results.
      const count = Number(/（(\d+)）/.exec((await national.textContent()) ?? '')![1]);
      await national.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('category')).toBe('02.01');
      await expect.poll(() => status(page).textContent()).toContain(`共找到 ${count} 条结果`);
      await page.getByRole('group', { name: '已选筛选条件' }).getByRole('button', { name: '取消筛选 目录类别：国家法律' }).waitFor();
      expect(await national.getAttribute('aria-checked')).toBe('true');
      await screenshot(page, 'console-search-filtered');

      // Back and forward walk through the searches; a reload keeps the search.
      await page.goBack();
      await expect.poll(() => status(page).textContent()).toContain(unfiltered);
      expect(new URL(page.url()).searchParams.has('category')).toBe(false);
      await page.goForward();
      await expect.poll(() => status(page).textContent()).toContain(`共找到 ${count} 条结果`);
      await page.reload();
      await expect.poll(() => page.getByRole('combobox', { name: '检索词' }).inputValue()).toBe('个人信息');
      await expect.poll(() => status(page).textContent()).toContain(`共找到 ${count} 条结果`);

      // A query that finds nothing offers the closest title.
      await page.goto(`${server.url}/console/search?q=${encodeURIComponent('数据安全法 火星')}`);
      await expect.poll(() => status(page).textContent()).toContain('共找到 0 条结果');
      await page.getByRole('alert').or(page.locator('.ant-alert-info')).getByRole('link', { name: '中华人民共和国数据安全法' }).click();
      await results(page).getByRole('link', { name: '中华人民共和国数据安全法' }).waitFor();
      expect(new URL(page.url()).searchParams.get('q')).toBe('中华人民共和国数据安全法');

      await page.goBack();
      await page.goBack();
      await results(page).getByRole('link', { name: LAW }).click();
      await page.getByRole('heading', { name: LAW }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/console\/publishing\/items\/[0-9a-f-]{36}$/);
    }, 120_000);

    it('shows the editor their own draft with drafts on; the public search does not return it', async () => {
      const editor = await signIn(server, 'editor');
      const created = await editor.request('POST', '/api/v1/items', {
        org: 'jc-fgw',
        category: '02.01',
        title: DRAFT_TITLE,
        body: '<p>为完善居民阶梯水价制度，定于2026年3月召开听证会。</p>',
      });
      expect(created.statusCode).toBe(201);

      const page = await signedIn('editor', '李强');
      await page.getByRole('navigation').getByRole('link', { name: '站内检索' }).click();
      await page.getByRole('combobox', { name: '检索词' }).fill('阶梯水价');
      await page.getByRole('button', { name: '搜索' }).click();
      const hit = results(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: DRAFT_TITLE }) });
      await hit.waitFor();
      await hit.locator('.ant-tag').filter({ hasText: `未发布稿件 · ${STATE_LABELS.draft}` }).waitFor();
      expect(await hit.locator('mark').first().textContent()).toBe('阶梯水价');
      const drafts = page.getByRole('switch', { name: '包含未发布的稿件' });
      expect(await drafts.getAttribute('aria-checked')).toBe('true');
      await screenshot(page, 'console-search-drafts');
      await expectAccessible(page, (p) => p.getByRole('list', { name: '检索结果列表' }).getByRole('link', { name: DRAFT_TITLE }).waitFor());

      // Without drafts the staff search sees what the public sees.
      await drafts.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('drafts')).toBe('0');
      await expect.poll(() => status(page).textContent()).toContain('共找到 0 条结果');

      for (const extra of ['', '&drafts=1']) {
        const answer = await publicSearch('阶梯水价', extra);
        expect(answer.hits.map((h) => h.title)).not.toContain(DRAFT_TITLE);
        expect(answer.hits.every((h) => h.kind === 'live')).toBe(true);
      }
    }, 90_000);

    it('shows the office what the public searched for, and what found nothing, in the search analytics', async () => {
      // The analytics of an agency count the searches made on its site (org=jiangchuan).
      expect((await publicSearch(PUBLIC_QUERY, '&org=jiangchuan')).total).toBeGreaterThan(0);
      expect((await publicSearch(PUBLIC_QUERY, '&org=jiangchuan')).total).toBeGreaterThan(0);
      expect((await publicSearch(GAP_QUERY, '&org=jiangchuan')).total).toBe(0);

      const page = contexts[0]!.pages()[0]!;
      await page.getByRole('navigation').getByRole('link', { name: '检索分析' }).click();
      await page.getByRole('heading', { name: '检索分析', level: 1 }).waitFor();
      const top = page.getByRole('region', { name: '热门检索词' });
      const gaps = page.getByRole('region', { name: '无结果检索词（内容缺口）' });
      const topRow = top.getByRole('row').filter({ has: page.getByRole('link', { name: PUBLIC_QUERY, exact: true }) });
      await topRow.waitFor();
      expect((await topRow.getByRole('cell').allTextContents()).slice(1)).toEqual(['2', '0', '0%']);
      const gapRow = gaps.getByRole('row').filter({ has: page.getByRole('link', { name: GAP_QUERY, exact: true }) });
      await gapRow.waitFor();
      expect((await gapRow.getByRole('cell').allTextContents()).slice(1)).toEqual(['1', '1']);
      // The period is the server's default: the 30 days up to its today.
      expect(await page.getByLabel('统计日期').inputValue()).toBe('2026-01-31');
      const searches = page.locator('.ant-statistic').filter({ hasText: '检索次数' });
      expect(Number((await searches.locator('.ant-statistic-content').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'console-search-analytics');
      await expectAccessible(page, (p) => p.getByRole('region', { name: '热门检索词' }).getByRole('link', { name: PUBLIC_QUERY, exact: true }).waitFor());

      // A query leads to the staff search for it.
      await gapRow.getByRole('link', { name: GAP_QUERY }).click();
      await page.getByRole('heading', { name: '站内检索', level: 1 }).waitFor();
      expect(new URL(page.url()).searchParams.get('q')).toBe(GAP_QUERY);
      await expect.poll(() => page.getByRole('combobox', { name: '检索词' }).inputValue()).toBe(GAP_QUERY);
    }, 90_000);

    it('raised no script errors', () => {
      expect(pageErrors).toEqual([]);
    });
  });
});

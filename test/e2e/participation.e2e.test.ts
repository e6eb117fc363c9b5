// 在线问答 and 意见征集 in Chromium: the FAQ, the list of solicitations and a solicitation's page pass axe-core
// (WCAG 2.1 AA) in Simplified Chinese, English and elder mode; a citizen comments without JavaScript, meets the
// challenge question after several comments, and after closing reads the adoption feedback.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Staff } from '../support/app.js';
import { axeViolations, browserAvailable, launchBrowser, newTestContext, screenshot, describeViolations } from '../support/browser.js';
import { answerChallenge } from '../support/participation.js';
import { startHttpServer } from '../support/server.js';

const DAY = 24 * 3600_000;

describe.skipIf(!browserAvailable())('在线问答 and 意见征集 in Chromium', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let browser: Browser;
  let portal: BrowserContext;
  let noScript: BrowserContext;
  let office: Staff;
  let solicitationId: string;

  async function expectAccessible(page: Page): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  async function visit(path: string): Promise<Page> {
    const page = await portal.newPage();
    const res = await page.goto(server.url + path);
    expect(res?.status()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    // The challenge after three comments from one address, so the journey reaches it quickly.
    server = await startHttpServer(undefined, { config: { challengeAfter: 3 } });
    browser = await launchBrowser();
    portal = await newTestContext(browser, { viewport: { width: 1280, height: 900 } });
    noScript = await newTestContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    office = await signIn(server, 'office');
    for (const [category, question, answer] of [
      ['户籍办理', '居住证办理需要哪些材料？', '居民身份证、居住证明材料和近期一寸照片。\n可在政务服务中心户籍窗口办理。'],
      ['户籍办理', '新生儿落户怎么办理？', '携带出生医学证明和父母户口簿到派出所办理。'],
      ['社会保障', '如何查询社保缴费记录？', '登录社保网上服务平台，或到社保经办窗口查询。'],
    ]) {
      expect((await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category, question, answer })).statusCode).toBe(201);
    }
    const now = server.clock.now().getTime();
    const res = await office.request('POST', '/api/v1/solicitations', {
      org: 'jiangchuan',
      title: '《江川市养犬管理规定（征求意见稿）》公开征求意见',
      summary: '为规范养犬行为，保障公民健康和人身安全，现将征求意见稿全文公布，征求社会各界意见。',
      body: '<h2>第一章 总则</h2><p><strong>第一条</strong> 为了规范养犬行为，保障公民健康和人身安全，维护市容环境和社会公共秩序，制定本规定。</p><p><strong>第二条</strong> 本市行政区域内养犬及相关管理活动，适用本规定。</p>',
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: new Date(now + 7 * DAY).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    solicitationId = res.json().id;
    await office.request('POST', '/api/v1/solicitations', {
      org: 'jiangchuan',
      title: '《江川市公共停车场管理办法（征求意见稿）》公开征求意见',
      summary: '现公开征求意见。',
      body: '<p>第一条 为了加强公共停车场管理，制定本办法。</p>',
      opensAt: new Date(now + 2 * DAY).toISOString(),
      closesAt: new Date(now + 20 * DAY).toISOString(),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the FAQ page is accessible, in Chinese, English and elder mode, and searchable without JavaScript', async () => {
    const page = await visit('/faq');
    await page.getByRole('heading', { level: 1, name: '在线问答' }).waitFor();
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '互动交流' }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(page);
    await screenshot(page, 'participation-faq');
    for (const path of ['/faq?lang=en', '/faq?lang=zh-TW']) {
      await page.goto(server.url + path);
      await expectAccessible(page);
    }
    await page.close();

    const plain = await noScript.newPage();
    await plain.goto(`${server.url}/faq`);
    await plain.getByLabel('关键词').fill('社保');
    await plain.getByRole('search', { name: '检索问答' }).getByRole('button', { name: '检索' }).click();
    await plain.getByText('检索“社保”，找到 1 条问答').waitFor();
    expect(await plain.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['问：如何查询社保缴费记录？']);
    await plain.close();

    const elder = await newTestContext(browser, { viewport: { width: 360, height: 800 } });
    const phone = await elder.newPage();
    await phone.goto(`${server.url}/prefs?elder=1&back=/faq`);
    expect(await phone.getAttribute('html', 'class')).toBe('elder');
    await expectAccessible(phone);
    await screenshot(phone, 'participation-faq-elder-phone');
    await elder.close();
  });

  it('the list of solicitations is accessible and shows each status', async () => {
    const page = await visit('/solicitations');
    expect(await page.locator('.solicitation-list .tag').allTextContents()).toEqual(['即将开始', '正在征集']);
    await expectAccessible(page);
    await screenshot(page, 'participation-solicitations');
    await page.close();
  });

  it('a citizen comments without JavaScript, answers the challenge when asked, and the pages stay accessible', async () => {
    const page = await visit(`/solicitations/${solicitationId}`);
    await expectAccessible(page);
    await screenshot(page, 'participation-solicitation-open');
    await page.close();

    const plain = await noScript.newPage();
    for (let n = 1; n <= 3; n++) {
      await plain.goto(`${server.url}/solicitations/${solicitationId}`);
      await plain.getByLabel('姓名（选填）').fill('市民甲');
      await plain.getByLabel('联系方式（选填）').fill('13800001111');
      await plain.getByLabel('意见内容').fill(`第${n}条意见：建议明确遛犬时须使用牵引绳。`);
      await plain.getByRole('button', { name: '提交意见' }).click();
      await plain.getByText('已提交，审核后显示。').waitFor();
      expect(new URL(plain.url()).search).toBe('?submitted=1');
    }
    await plain.goto(`${server.url}/solicitations/${solicitationId}`);
    await plain.getByLabel('意见内容').fill('第四条意见：建议设置犬只活动区域。');
    await plain.getByRole('button', { name: '提交意见' }).click();
    const question = await plain.locator('#comment-challengeAnswer-before').textContent();
    expect(question).toMatch(/^请计算：/);
    expect(await plain.getByLabel('意见内容').inputValue()).toBe('第四条意见：建议设置犬只活动区域。');
    const challengeHtml = await plain.content();
    await plain.getByLabel('验证问题').fill(answerChallenge(question!));
    await plain.getByRole('button', { name: '提交意见' }).click();
    await plain.getByText('已提交，审核后显示。').waitFor();
    await plain.close();

    // The page with the challenge, checked with axe in a context that runs scripts.
    const check = await portal.newPage();
    await check.setContent(challengeHtml.replace('<head>', `<head><base href="${server.url}/">`));
    await expectAccessible(check);
    await screenshot(check, 'participation-solicitation-challenge');
    await check.close();

    const pending = (await office.request('GET', `/api/v1/solicitations/${solicitationId}/comments?state=pending`)).json();
    expect(pending.total).toBe(4);
    for (const c of pending.comments as { id: string }[]) {
      await office.request('POST', `/api/v1/solicitation-comments/${c.id}/moderate`, { decision: 'show' });
    }
  });

  it('after closing, the page shows the adoption feedback and counts, accessibly', async () => {
    server.clock.advance(8 * DAY);
    office = await signIn(server, 'office');
    const comments = (await office.request('GET', `/api/v1/solicitations/${solicitationId}/comments`)).json().comments as { id: string }[];
    for (const [i, c] of comments.entries()) {
      const adoption = (['adopted', 'partly', 'not-adopted'] as const)[i % 3];
      await office.request('POST', `/api/v1/solicitation-comments/${c.id}/adoption`, { adoption, reason: '已研究，见采纳情况说明。' });
    }
    const fed = await office.request('POST', `/api/v1/solicitations/${solicitationId}/feedback`, { feedback: '征求意见期间共收到意见 4 条。\n对遛犬须使用牵引绳的意见予以采纳，已写入第十二条。' });
    expect(fed.statusCode, fed.body).toBe(200);
    const page = await visit(`/solicitations/${solicitationId}`);
    await page.getByRole('heading', { name: '意见采纳情况' }).waitFor();
    expect(await page.getByRole('table', { name: '采纳情况统计' }).locator('td').allTextContents()).toEqual(['4 条', '2 条', '1 条', '1 条']);
    expect(await page.locator('form[method="post"]').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'participation-solicitation-feedback');
    await page.goto(`${server.url}/solicitations/${solicitationId}?lang=en`);
    await expectAccessible(page);
    await page.close();
  });
});

// A citizen's message from the portal to the public Q&A in Chromium, on each database, every page checked with
// axe-core: the citizen writes without JavaScript (互动交流 → 我要留言, similar FAQ entries in step 2, a PNG
// attached), keeps the tracking code and looks it up again as typed by hand; the office finds the message in
// the console's inbox and routes it to the development and reform commission, whose editor answers it; the
// office publishes it; the citizen reads the masked public answer, rates the reply once and cannot rate twice.
// Then 我要留言 in elder mode and in English.
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/app.js';
import { axeViolations, browserAvailable, buildConsole, launchBrowser, newTestContext, screenshot } from '../support/browser.js';
import { describeViolations, expectAccessible as checkAccessible, signedIn as signInToConsole } from '../support/console.js';
import { testDatabases } from '../support/databases.js';
import { startHttpServer, type HttpServer } from '../support/server.js';
import { chooseInSelect } from '../support/antd.js';

const DAY = 24 * 3600_000;
const NAME = '陈静怡';
const PHONE = '13800138000';
const EMAIL = 'chenjingyi@example.com';
const TITLE = '小区安装新能源汽车充电桩需要办理哪些手续';
const CONTENT = `我是${NAME}，住在江川市东城区，想在小区自有车位安装新能源汽车充电桩，请问需要办理哪些手续？我的电话${PHONE}。`;
const FAQ = { category: '便民服务', question: '小区安装新能源汽车充电桩需要办理哪些手续？', answer: '向物业服务企业提出申请并取得同意后，向供电企业申请报装。' };
const REPLY = '您好！在自有车位安装充电桩，请先向物业服务企业提出申请，再持车位产权证明向供电企业申请报装，供电企业将上门勘察。';
const UNIT = '市发展和改革委员会';
const PHOTO = '现场照片.png';

/** A valid PNG of one white pixel: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC. */
function onePixelPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  const scanline = Buffer.from([0, 255, 255, 255]); // filter byte "none", then one white pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(scanline)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(!browserAvailable())("a citizen's message from the portal to the public Q&A", () => {
  describe.each(testDatabases())('on $name', (database) => {
    let server: HttpServer;
    let browser: Browser;
    /** Pages checked with axe-core: scripts on, the CSP bypassed for the injected script. */
    let portal: BrowserContext;
    /** The citizen's browser: no JavaScript at all. */
    let citizen: BrowserContext;
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    const png = onePixelPng();
    let code = '';
    let messageId = '';

    beforeAll(async () => {
      buildConsole();
      server = await startHttpServer(database);
      browser = await launchBrowser();
      portal = await newTestContext(browser, { viewport: { width: 1280, height: 900 } });
      citizen = await newTestContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
      // The office's FAQ answers the question before it is asked: step 2 suggests it.
      const office = await signIn(server, 'office');
      const faq = await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', ...FAQ });
      expect(faq.statusCode, faq.body).toBe(201);
    });

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    const signedIn = (username: string, displayName: string): Promise<Page> => signInToConsole({ browser, contexts, pageErrors }, server.url, username, displayName);
    const expectConsoleAccessible = (page: Page, ready: (p: Page) => Promise<unknown>) => checkAccessible(browser, page, ready);
    const menu = (page: Page, label: string) => page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
    const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

    async function expectNoViolations(page: Page): Promise<void> {
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    }

    /** axe-core on the address the citizen's page shows, loaded again in a context that runs scripts. */
    async function expectPortalAccessible(plain: Page, shot?: string): Promise<void> {
      const page = await portal.newPage();
      try {
        const res = await page.goto(plain.url());
        expect(res?.status()).toBe(200);
        await expectNoViolations(page);
        if (shot) await screenshot(page, shot);
      } finally {
        await page.close();
      }
    }

    /** axe-core on the answer to a POST (it cannot be loaded again), set into a context that runs scripts. */
    async function expectHtmlAccessible(plain: Page, shot?: string): Promise<void> {
      const html = await plain.content();
      const page = await portal.newPage();
      try {
        await page.setContent(html.replace('<head>', `<head><base href="${server.url}/">`));
        await expectNoViolations(page);
        if (shot) await screenshot(page, shot);
      } finally {
        await page.close();
      }
    }

    /** The value of a term in a description list. */
    const fact = (scope: Page | Locator, term: string) => {
      const page = 'goto' in scope ? scope : scope.page();
      return scope.locator('.field').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
    };

    it('lets a citizen leave a message without JavaScript, shown similar FAQ entries, with a picture, and look it up by its code', async () => {
      const plain = await citizen.newPage();
      await plain.goto(`${server.url}/interaction`);
      await plain.getByRole('heading', { level: 1, name: '互动交流' }).waitFor();
      await expectPortalAccessible(plain, 'journey-hub');
      await plain.getByRole('main').getByRole('link', { name: '我要留言', exact: true }).click();
      await plain.getByRole('heading', { level: 1, name: '我要留言' }).waitFor();
      expect(new URL(plain.url()).pathname).toBe('/messages/new');
      await expectPortalAccessible(plain);

      await plain.getByLabel('咨询', { exact: true }).check();
      await plain.getByLabel('标题', { exact: true }).fill(TITLE);
      await plain.getByLabel('内容', { exact: true }).fill(CONTENT);
      await plain.getByLabel('姓名', { exact: true }).fill(NAME);
      await plain.getByLabel('联系方式', { exact: true }).fill(EMAIL);
      await plain.getByLabel('同意在答复后公开本留言及答复（个人信息将遮蔽）').check();
      await plain.getByRole('button', { name: '下一步' }).click();

      // Step 2: the FAQ entry answering the same question is suggested first; the message is shown to check.
      await plain.getByText('第 2 步，共 2 步：确认并提交').waitFor();
      const similar = plain.getByRole('region', { name: '以下内容可能已经解答了您的问题' });
      expect(await similar.locator('summary').allTextContents()).toContain(FAQ.question);
      const review = plain.getByRole('region', { name: '您的留言' });
      expect(await fact(review, '内容').textContent()).toContain(PHONE);
      expect(await fact(review, '联系方式').textContent()).toBe(EMAIL);
      await expectHtmlAccessible(plain, 'journey-message-step-2');

      await plain.getByLabel('附件（可选）').setInputFiles({ name: PHOTO, mimeType: 'image/png', buffer: png });
      await plain.getByRole('button', { name: '确认提交' }).click();
      await plain.getByRole('heading', { name: '留言已提交' }).waitFor();
      const created = new URL(plain.url());
      expect(created.pathname).toMatch(/^\/messages\/track\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(created.search).toBe('?created=1');
      code = (await plain.locator('.tracking-code strong').textContent())!;
      expect(created.pathname).toBe(`/messages/track/${code}`);
      // Submitted on Monday 2 March: a consultation is answered within five working days, from the next day.
      expect(await fact(plain, '答复期限').locator('time').textContent()).toBe('2026-03-09');
      expect(await fact(plain, '办理状态').textContent()).toBe('已受理，待分办');
      await expectPortalAccessible(plain, 'journey-message-created');

      // The code typed by hand: lower case, no dashes.
      await plain.goto(`${server.url}/messages/track`);
      await expectPortalAccessible(plain);
      await plain.getByLabel('查询码').fill(code.toLowerCase().replaceAll('-', ''));
      await plain.getByRole('button', { name: '查询', exact: true }).click();
      await plain.getByRole('heading', { level: 2, name: TITLE }).waitFor();
      expect(await fact(plain, '查询码').textContent()).toBe(code);
      expect(await fact(plain, '答复期限').locator('time').textContent()).toBe('2026-03-09');
      await expectPortalAccessible(plain, 'journey-message-lookup');
      await plain.close();

      const stored = await server.db.kysely.selectFrom('messages').select(['id', 'contact', 'public_consent']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ contact: EMAIL, public_consent: 1 });
      messageId = stored.id;
    }, 120_000);

    it('lets the office find the message in the inbox, with its picture, and route it to a unit', async () => {
      const page = await signedIn('office', '王敏');
      await menu(page, '留言办理');
      await page.getByRole('heading', { name: '留言办理', level: 1 }).waitFor();
      await page.getByLabel('按标题或查询码搜索').fill(code);
      await page.getByRole('button', { name: '搜索' }).click();
      const message = row(page, TITLE);
      await message.waitFor();
      expect(await message.textContent()).toContain(code);
      expect(await message.textContent()).toContain('2026-03-09');
      await expectConsoleAccessible(page, (p) => p.getByRole('link', { name: TITLE }).waitFor());

      await page.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await page.getByText(EMAIL).waitFor();
      const picture = page.getByRole('region', { name: '附件' }).getByRole('link', { name: PHOTO });
      await picture.waitFor();
      const cookies = await page.context().cookies();
      const file = await server.app.inject({ method: 'GET', url: (await picture.getAttribute('href'))!, headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(png)).toBe(true);

      await page.getByRole('button', { name: /分办/ }).click();
      const assign = page.getByRole('dialog', { name: '分办' });
      await chooseInSelect(assign, '承办单位', UNIT);
      await assign.getByRole('button', { name: '分办', exact: true }).click();
      await assign.waitFor({ state: 'hidden' });
      await page.getByText(`分办 至 ${UNIT}`).waitFor();
      await screenshot(page, 'journey-console-routed');
      await expectConsoleAccessible(page, (p) => p.getByText(`分办 至 ${UNIT}`).waitFor());
    }, 90_000);

    it("lets the unit's editor answer it from the unit's queue the next day", async () => {
      server.clock.advance(DAY);
      const page = await signedIn('editor', '李强');
      await menu(page, '留言办理');
      await page.getByRole('heading', { name: '本单位留言', level: 1 }).waitFor();
      await row(page, TITLE).waitFor();
      await expectConsoleAccessible(page, (p) => p.getByRole('link', { name: TITLE }).waitFor());
      await page.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();

      await page.getByRole('button', { name: /答复/ }).first().click();
      const dialog = page.getByRole('dialog', { name: '答复' });
      await dialog.getByLabel('答复内容').fill(REPLY);
      await dialog.getByRole('button', { name: '提交答复' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('已答复，留言人将收到通知').waitFor();
      await page.locator('.ant-tag').filter({ hasText: '已答复' }).waitFor();
      await page.getByText(REPLY).waitFor();
      await screenshot(page, 'journey-console-answered');
      await expectConsoleAccessible(page, (p) => p.getByText(REPLY).waitFor());
    }, 90_000);

    it('lets the office publish the answer as a masked public Q&A', async () => {
      // A day later the office's earlier session has lapsed: it signs in again.
      const page = await signedIn('office', '王敏');
      await page.goto(`${server.url}/console/messages/${messageId}`);
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await page.getByRole('button', { name: /公开问答/ }).click();
      await page.getByRole('dialog').filter({ hasText: '公开这条问答？' }).getByRole('button', { name: '公开', exact: true }).click();
      const copy = page.locator('.ant-card').filter({ has: page.getByText('公开的问答', { exact: true }) });
      await copy.getByText(REPLY).waitFor();
      expect(await copy.textContent()).not.toContain(PHONE);
      expect(await copy.textContent()).not.toContain(NAME);
      await expectConsoleAccessible(page, (p) => p.getByText('公开的问答', { exact: true }).waitFor());
    }, 90_000);

    it('shows the citizen the masked public answer and takes one rating of the reply', async () => {
      const plain = await citizen.newPage();
      await plain.goto(`${server.url}/qa`);
      const entry = plain.getByRole('main').getByRole('listitem').filter({ has: plain.getByRole('link', { name: TITLE }) });
      await entry.waitFor();
      expect(await fact(entry, '答复部门').textContent()).toBe(UNIT);
      await expectPortalAccessible(plain, 'journey-qa');

      await entry.getByRole('link', { name: TITLE }).click();
      await plain.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await fact(plain, '受理日期').textContent()).toBe('2026-03-02');
      expect(await fact(plain, '答复日期').textContent()).toBe('2026-03-03');
      expect(await fact(plain, '答复部门').textContent()).toBe(UNIT);
      const main = (await plain.getByRole('main').textContent())!;
      expect(main).toContain('自有车位安装新能源汽车充电桩');
      expect(main).toContain(REPLY);
      const whole = await plain.content();
      expect(whole).not.toContain(PHONE);
      expect(whole).not.toContain(NAME);
      expect(whole).not.toContain(EMAIL);
      await expectPortalAccessible(plain, 'journey-qa-entry');

      // The track page shows the answer and the rating form; a second tab keeps the form open.
      await plain.goto(`${server.url}/messages/track/${code}`);
      const answer = plain.getByRole('region', { name: '答复', exact: true });
      await answer.getByText(REPLY).waitFor();
      expect(await answer.textContent()).toContain(`答复部门：${UNIT}`);
      await answer.getByText('本留言及答复已公开。').waitFor();
      expect(await fact(plain, '办理状态').textContent()).toBe('已答复');
      await expectPortalAccessible(plain);
      const stale = await citizen.newPage();
      await stale.goto(plain.url());

      const rating = plain.getByRole('region', { name: '评价答复' });
      await rating.getByLabel('5 — 很满意').check();
      await rating.getByLabel('评价意见（可选）').fill('答复及时、清楚，谢谢！');
      await rating.getByRole('button', { name: '提交评价' }).click();
      await plain.getByText('感谢您的评价。').waitFor();
      expect(new URL(plain.url()).search).toBe('?rated=1');
      const yours = plain.getByRole('region', { name: '您的评价' });
      expect(await yours.textContent()).toContain('5 / 5');
      expect(await yours.textContent()).toContain('答复及时、清楚，谢谢！');
      expect(await plain.getByRole('button', { name: '提交评价' }).count()).toBe(0);
      await expectPortalAccessible(plain, 'journey-message-rated');

      // Looked up again, the page shows the rating and no form.
      await plain.goto(`${server.url}/messages/track?code=${code}`);
      await plain.getByRole('region', { name: '您的评价' }).waitFor();
      expect(await plain.getByRole('region', { name: '评价答复' }).count()).toBe(0);
      expect(await plain.locator(`form[action$="/rating"]`).count()).toBe(0);

      // The form kept open in the other tab is refused, and says why.
      await stale.getByLabel('1 — 很不满意').check();
      const [refused] = await Promise.all([stale.waitForResponse((r) => r.request().method() === 'POST'), stale.getByRole('button', { name: '提交评价' }).click()]);
      expect(refused.status()).toBe(409);
      await stale.getByText('您已评价过此答复，每条留言只能评价一次').waitFor();
      expect(await stale.getByRole('region', { name: '您的评价' }).textContent()).toContain('5 / 5');
      await expectHtmlAccessible(stale, 'journey-message-rating-refused');
      await stale.close();
      await plain.close();

      const stored = await server.db.kysely.selectFrom('messages').select(['rating', 'rating_comment']).where('id', '=', messageId).executeTakeFirstOrThrow();
      expect(stored).toEqual({ rating: 5, rating_comment: '答复及时、清楚，谢谢！' });
    }, 120_000);

    it('keeps 我要留言 accessible in elder mode and in English', async () => {
      const elder = await newTestContext(browser, { viewport: { width: 360, height: 800 } });
      contexts.push(elder);
      const phone = await elder.newPage();
      await phone.goto(`${server.url}/prefs?elder=1&back=/messages/new`);
      expect(new URL(phone.url()).pathname).toBe('/messages/new');
      expect(await phone.getAttribute('html', 'class')).toBe('elder');
      await phone.getByRole('heading', { level: 1, name: '我要留言' }).waitFor();
      await expectNoViolations(phone);
      await screenshot(phone, 'journey-message-new-elder-phone');

      const page = await portal.newPage();
      await page.goto(`${server.url}/messages/new?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Leave a message' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expectNoViolations(page);
      await screenshot(page, 'journey-message-new-en');
      await page.close();
    }, 60_000);

    it('raised no script errors', () => {
      expect(pageErrors).toEqual([]);
    });
  });
});


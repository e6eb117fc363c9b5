// The interaction screens of the staff console in Chromium against a real server with the demo agency, on each
// database: citizens' messages arrive through the public API; the office filters the inbox and routes two of them
// to the development and reform commission in one bulk action; the commission's editor sees them in the unit's
// queue and replies from the detail screen; the office publishes the answer as a masked public Q&A, edits the
// public copy and adds it to the FAQ. Then the office's other screens: reply templates, settings (with a stale
// version), hot topics, the FAQ and a solicitation from its creation to the published adoption feedback. Every
// screen is checked with axe-core.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Staff } from '../support/app.js';
import { browserAvailable, buildConsole, launchBrowser, screenshot } from '../support/browser.js';
import { expectAccessible as checkAccessible, signedIn as signInToConsole } from '../support/console.js';
import { testDatabases } from '../support/databases.js';
import { startHttpServer, type HttpServer } from '../support/server.js';
import { chooseInSelect } from '../support/antd.js';

const RESIDENCE = { org: 'jiangchuan', type: 'consultation', title: '关于居住证办理材料的咨询', content: '请问外地户籍人员在本市办理居住证需要哪些材料？可致电13912345678联系我。', name: '张小明', contact: '13800138000', public: true };
const RENEWAL = { org: 'jiangchuan', type: 'consultation', title: '居住证续签是否需要本人到场', content: '居住证到期后续签，是否需要本人到场办理？', name: '李华', contact: 'lihua@example.com', public: true };
const COMPLAINT = { org: 'jiangchuan', type: 'complaint', title: '投诉农贸市场商户缺斤短两', content: '在城东农贸市场购买蔬菜时发现商户缺斤短两，请予查处。', name: '王芳', contact: '13700137000', public: false };
const REPLY = '您好！外地户籍人员办理居住证需提供居民身份证、近期照片和居住证明，可到居住地派出所办理。';
const PUBLIC_TITLE = '外地户籍人员办理居住证需要哪些材料';

describe.skipIf(!browserAvailable())('interaction in the staff console', () => {
  describe.each(testDatabases())('on $name', (database) => {
    let server: HttpServer;
    let browser: Browser;
    let office: Staff;
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      buildConsole();
      server = await startHttpServer(database, { config: { challengeAfter: 0, messageLimitPerHour: 1000, messageLimitPerContact: 1000 } });
      browser = await launchBrowser();
      office = await signIn(server, 'office');
      for (const [key, body] of Object.entries({ residence: RESIDENCE, renewal: RENEWAL, complaint: COMPLAINT })) {
        const res = await server.app.inject({ method: 'POST', url: '/api/v1/messages', payload: body, remoteAddress: '203.0.113.7' });
        expect(res.statusCode, res.body).toBe(201);
        const row = await server.db.kysely.selectFrom('messages').select('id').where('tracking_code', '=', res.json().trackingCode).executeTakeFirstOrThrow();
        ids[key] = row.id;
      }
    });

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    const signedIn = (username: string, displayName: string): Promise<Page> => signInToConsole({ browser, contexts, pageErrors }, server.url, username, displayName);
    const expectAccessible = (page: Page, ready: (p: Page) => Promise<unknown>) => checkAccessible(browser, page, ready);
    // The office's one signed-in page, shared by the journeys (each can also run alone).
    let officeTab: Page | undefined;
    const officePage = async () => (officeTab ??= await signedIn('office', '王敏'));
    let editorTab: Page | undefined;
    const editorPage = async () => (editorTab ??= await signedIn('editor', '李强'));
    const menu = (page: Page, label: string) => page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
    const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

    it('lets the office filter the inbox and route two messages to a unit in one bulk action', async () => {
      const page = await officePage();
      await menu(page, '留言办理');
      await page.getByRole('heading', { name: '留言办理', level: 1 }).waitFor();
      const residence = row(page, RESIDENCE.title);
      await residence.waitFor();
      // Submitted Monday 2 March: five working days, the day of submission not counted.
      expect(await residence.textContent()).toContain('2026-03-09');
      expect(await residence.textContent()).toContain('剩余 5 个工作日');
      expect(await residence.textContent()).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
      await badge(page.getByRole('tab', { name: /待分办/ }), 3).waitFor();

      await page.getByRole('tab', { name: /待分办/ }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('received');
      await page.getByLabel('按标题或查询码搜索').fill('居住证');
      await page.getByRole('button', { name: '搜索' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('居住证');
      await row(page, COMPLAINT.title).waitFor({ state: 'detached' });
      await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(3);
      await screenshot(page, 'console-inbox');
      await expectAccessible(page, (p) => p.getByRole('link', { name: RESIDENCE.title }).waitFor());

      await page.getByRole('checkbox', { name: `选择“${RESIDENCE.title}”` }).check();
      await page.getByRole('checkbox', { name: `选择“${RENEWAL.title}”` }).check();
      await page.getByRole('group', { name: '批量操作' }).getByRole('button', { name: '批量分办' }).click();
      const dialog = page.getByRole('dialog', { name: '批量分办或转办（2 条）' });
      await chooseInSelect(dialog, '承办单位', '市发展和改革委员会');
      await dialog.getByRole('button', { name: '提交', exact: true }).click();
      const result = page.getByRole('dialog', { name: '批量分办结果' });
      await result.getByText('成功 2 条，失败 0 条。').waitFor();
      await result.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      // Routed messages leave the 待分办 list.
      await row(page, RESIDENCE.title).waitFor({ state: 'detached' });

      await page.getByRole('tab', { name: /办理中/ }).click();
      await page.getByRole('link', { name: RESIDENCE.title }).click();
      await page.getByRole('heading', { name: RESIDENCE.title, level: 1 }).waitFor();
      await page.getByText('分办 至 市发展和改革委员会').waitFor();
      await page.getByText(RESIDENCE.contact).waitFor();
      await screenshot(page, 'console-message-detail');
      await expectAccessible(page, (p) => p.getByText('分办 至 市发展和改革委员会').waitFor());
      // The way back keeps the inbox's filters.
      await page.getByRole('link', { name: '← 返回留言列表' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('assigned');
      expect(new URL(page.url()).searchParams.get('q')).toBe('居住证');
    }, 120_000);

    it("lets the unit's editor reply from the detail screen of the unit's queue", async () => {
      const page = await editorPage();
      await menu(page, '留言办理');
      await page.getByRole('heading', { name: '本单位留言', level: 1 }).waitFor();
      await row(page, RENEWAL.title).waitFor();
      // Only the unit's own messages: the complaint was never routed here.
      expect(await page.getByRole('table').textContent()).not.toContain(COMPLAINT.title);
      await page.getByRole('link', { name: RESIDENCE.title }).click();
      await page.getByRole('heading', { name: RESIDENCE.title, level: 1 }).waitFor();
      // The unit handles the message, so it sees the contact details.
      await page.getByText(RESIDENCE.contact).waitFor();
      await expectAccessible(page, (p) => p.getByRole('button', { name: /答复/ }).waitFor());

      await page.getByRole('button', { name: /答复/ }).first().click();
      const dialog = page.getByRole('dialog', { name: '答复' });
      await dialog.getByLabel('答复内容').fill(REPLY);
      await dialog.getByRole('button', { name: '提交答复' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('已答复，留言人将收到通知').waitFor();
      await page.locator('.ant-tag').filter({ hasText: '已答复' }).waitFor();
      await page.getByText(REPLY).waitFor();
      expect(await page.getByRole('button', { name: /答复/ }).count()).toBe(0);

      const status = await server.app.inject({ method: 'GET', url: `/api/v1/inbox/${ids.residence}`, headers: { cookie: office.cookie } });
      expect(status.json()).toMatchObject({ state: 'answered', reply: REPLY, repliedBy: '李强' });
    }, 90_000);

    it('lets the office publish the answer as a masked public Q&A, edit the public copy and add it to the FAQ', async () => {
      const page = await officePage();
      await page.goto(`${server.url}/console/messages/${ids.residence}`);
      await page.getByRole('heading', { name: RESIDENCE.title, level: 1 }).waitFor();
      await page.getByRole('button', { name: /公开问答/ }).click();
      await page.getByRole('dialog').filter({ hasText: '公开这条问答？' }).getByRole('button', { name: '公开', exact: true }).click();
      const copy = page.locator('.ant-card').filter({ has: page.getByText('公开的问答', { exact: true }) });
      await copy.getByText(REPLY).waitFor();
      // The phone number in the question is masked in the public copy.
      expect(await copy.textContent()).not.toContain('13912345678');
      expect(await copy.textContent()).toContain('外地户籍人员');

      await copy.getByRole('button', { name: /编辑公开内容/ }).click();
      const edit = page.getByRole('dialog', { name: '编辑公开内容' });
      await edit.getByLabel('公开标题').fill(PUBLIC_TITLE);
      await edit.getByRole('button', { name: '重新公开' }).click();
      await edit.waitFor({ state: 'hidden' });
      await copy.getByText(PUBLIC_TITLE, { exact: true }).waitFor();
      const qa = await server.app.inject({ method: 'GET', url: '/api/v1/qa?org=jiangchuan' });
      expect(qa.json().entries.map((e: { title: string }) => e.title)).toContain(PUBLIC_TITLE);
      await screenshot(page, 'console-message-published');
      await expectAccessible(page, (p) => p.getByText(PUBLIC_TITLE, { exact: true }).waitFor());

      await page.getByRole('button', { name: /加入问答库/ }).click();
      const promote = page.getByRole('dialog', { name: '加入问答库' });
      await promote.getByLabel('分类').fill('户籍办理');
      await promote.getByRole('button', { name: '加入' }).click();
      await promote.waitFor({ state: 'hidden' });
      await page.getByText('已加入问答库并公开').waitFor();
    }, 90_000);

    it('lets the office write reply templates and change the settings, refusing a stale version', async () => {
      const page = await officePage();
      await menu(page, '答复模板');
      await page.getByRole('heading', { name: '答复模板', level: 1 }).waitFor();
      await page.getByRole('button', { name: /新建模板/ }).click();
      const dialog = page.getByRole('dialog', { name: '新建答复模板' });
      await dialog.getByLabel('模板名称').fill('咨询已受理');
      await dialog.getByLabel('模板内容').fill('您好！您的咨询已收悉，我们将在规定时限内答复。');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row(page, '咨询已受理').waitFor();
      await row(page, '咨询已受理').getByRole('button', { name: /编辑/ }).click();
      const editing = page.getByRole('dialog', { name: '编辑答复模板' });
      await chooseInSelect(editing, '适用类型', '咨询');
      await editing.getByRole('button', { name: '保存' }).click();
      await editing.waitFor({ state: 'hidden' });
      await expect.poll(() => row(page, '咨询已受理').getByRole('cell').nth(1).textContent()).toBe('咨询');
      await expectAccessible(page, (p) => p.getByRole('cell', { name: '咨询已受理', exact: true }).waitFor());

      await menu(page, '互动设置');
      await page.getByRole('heading', { name: '互动设置', level: 1 }).waitFor();
      await page.getByLabel('咨询', { exact: true }).fill('6');
      await page.getByRole('button', { name: /保存设置/ }).click();
      await page.getByText('互动设置已保存；新留言按新时限计算').waitFor();
      await expect.poll(async () => (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json().replyLimits.consultation).toBe(6);
      await expectAccessible(page, (p) => p.getByRole('button', { name: /保存设置/ }).waitFor());

      // Someone else saves meanwhile: this form's version is stale.
      const current = (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json();
      await page.getByLabel('临期提醒').waitFor();
      expect((await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { ...current, dueSoonDays: 3 })).statusCode).toBe(200);
      await page.getByLabel('临期提醒').fill('1');
      await page.getByRole('button', { name: /保存设置/ }).click();
      await page.getByText('设置已被他人修改，请刷新后重试').waitFor();
      await page.getByRole('button', { name: '重新加载' }).click();
      await expect.poll(() => page.getByLabel('临期提醒').inputValue()).toBe('3');
    }, 90_000);

    it('shows the office the hot topics of recent messages, linking to them', async () => {
      const page = await officePage();
      await menu(page, '留言热点');
      await page.getByRole('heading', { name: '留言热点', level: 1 }).waitFor();
      const topic = page.getByRole('table', { name: '热点词' }).getByRole('row').filter({ has: page.getByRole('cell', { name: '居住证', exact: true }) });
      await topic.waitFor();
      expect((await topic.getByRole('cell').allTextContents()).slice(1, 4).map((c) => c.trim())).toEqual(['2', '0', '新出现']);
      await page.getByRole('radiogroup', { name: '统计周期' }).getByText('近 7 天').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('days')).toBe('7');
      await topic.waitFor();
      await screenshot(page, 'console-hot-topics');
      await expectAccessible(page, (p) => p.getByRole('cell', { name: '居住证', exact: true }).waitFor());
      await topic.getByRole('link', { name: RENEWAL.title }).click();
      await page.getByRole('heading', { name: RENEWAL.title, level: 1 }).waitFor();
    }, 60_000);

    it('lets the office hide and publish FAQ entries, the promoted answer among them', async () => {
      const page = await officePage();
      await menu(page, '在线问答');
      await page.getByRole('heading', { name: '在线问答', level: 1 }).waitFor();
      const entry = row(page, PUBLIC_TITLE);
      await entry.waitFor();
      expect(await entry.textContent()).toContain('户籍办理');
      await entry.getByRole('link', { name: '来源留言' }).waitFor();
      await expectAccessible(page, (p) => p.getByText(PUBLIC_TITLE).waitFor());
      await entry.getByRole('button', { name: /^隐藏/ }).click();
      await page.getByText('已隐藏').waitFor();
      await entry.locator('.ant-tag').filter({ hasText: '隐藏' }).waitFor();
      const published = await server.app.inject({ method: 'GET', url: '/api/v1/faq?org=jiangchuan' });
      expect(published.json().entries).toEqual([]);
      await entry.getByRole('button', { name: /^公开/ }).click();
      await entry.locator('.ant-tag').filter({ hasText: '公开' }).waitFor();
    }, 60_000);

    it("holds the unit's reply for the office's review when the agency requires it, and says so when a message was handled meanwhile", async () => {
      const current = (await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan')).json();
      expect((await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', { ...current, reviewRequired: true })).statusCode).toBe(200);

      const editor = await editorPage();
      await editor.goto(`${server.url}/console/messages/${ids.renewal}`);
      await editor.getByRole('heading', { name: RENEWAL.title, level: 1 }).waitFor();
      await editor.getByRole('button', { name: /答复/ }).first().click();
      const reply = editor.getByRole('dialog', { name: '答复' });
      await reply.getByLabel('答复内容').fill('续签居住证需本人到场。');
      await reply.getByRole('button', { name: '提交答复' }).click();
      await editor.getByText('答复已提交公开办审核').waitFor();
      await editor.locator('.ant-tag').filter({ hasText: '待审核' }).waitFor();

      const page = await officePage();
      await page.goto(`${server.url}/console/messages/${ids.renewal}`);
      await page.getByRole('heading', { name: RENEWAL.title, level: 1 }).waitFor();
      await page.getByText('续签居住证需本人到场。').waitFor();
      await expectAccessible(page, (p) => p.getByRole('button', { name: /审核/ }).waitFor());
      await page.getByRole('button', { name: /审核/ }).click();
      const review = page.getByRole('dialog', { name: '审核答复' });
      await expect.poll(() => review.getByLabel('答复内容（可修改）').inputValue()).toBe('续签居住证需本人到场。');
      await review.getByLabel('答复内容（可修改）').fill('续签居住证需本人携带居民身份证到场办理。');
      await review.getByRole('button', { name: '提交审核意见' }).click();
      await page.getByText('审核通过，答复已发送').waitFor();
      await page.locator('.ant-tag').filter({ hasText: '已答复' }).waitFor();
      await page.getByText('续签居住证需本人携带居民身份证到场办理。').waitFor();
      await page.getByText('审核通过，发布答复').waitFor();

      // Someone dismisses the complaint while the office has it open: routing it is refused and said so.
      await page.goto(`${server.url}/console/messages/${ids.complaint}`);
      await page.getByRole('heading', { name: COMPLAINT.title, level: 1 }).waitFor();
      expect((await office.request('POST', `/api/v1/inbox/${ids.complaint}/dismiss`, { reason: '重复留言' })).statusCode).toBe(200);
      await page.getByRole('button', { name: /分办/ }).click();
      const assign = page.getByRole('dialog', { name: '分办' });
      await chooseInSelect(assign, '承办单位', '市市场监督管理局');
      await assign.getByRole('button', { name: '分办', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '留言当前为“不予受理”，不能分办' }).waitFor();
      await page.locator('.ant-tag').filter({ hasText: '不予受理' }).first().waitFor();
      await page.getByText('理由：重复留言').waitFor();
    }, 90_000);

    it('lets the office open a solicitation, moderate its comments, decide on them after closing and publish the feedback', async () => {
      const page = await officePage();
      await menu(page, '意见征集');
      await page.getByRole('heading', { name: '意见征集', level: 1 }).waitFor();
      await page.getByRole('button', { name: /发起意见征集/ }).click();
      const dialog = page.getByRole('dialog', { name: '发起意见征集' });
      await dialog.getByLabel('标题', { exact: true }).fill('《江川市居住证积分管理办法（征求意见稿）》公开征求意见');
      await dialog.getByLabel('征集说明').fill('为做好居住证积分管理工作，现公开征求社会公众意见。');
      await dialog.getByLabel('开始时间（北京时间）').fill('2026-03-01 09:00');
      await dialog.getByLabel('开始时间（北京时间）').press('Enter');
      await dialog.getByLabel('截止时间（北京时间）').fill('2026-03-02 10:05');
      await dialog.getByLabel('截止时间（北京时间）').press('Enter');
      const body = dialog.getByRole('textbox', { name: '征求意见稿正文' });
      await body.click();
      await body.pressSequentially('第一条 为规范居住证积分管理，制定本办法。');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByRole('heading', { name: /居住证积分管理办法/, level: 1 }).waitFor();
      await page.locator('.ant-tag').filter({ hasText: '正在征集' }).waitFor();
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const created = (await server.app.inject({ method: 'GET', url: `/api/v1/solicitations/${id}` })).json();
      expect(created).toMatchObject({ opensAt: '2026-03-01T01:00:00.000Z', closesAt: '2026-03-02T02:05:00.000Z', status: 'open' });
      expect(created.body).toContain('第一条');

      for (const content of ['建议积分项目增加志愿服务时长。', '广告：代办居住证，加微信。']) {
        const res = await server.app.inject({ method: 'POST', url: `/api/v1/solicitations/${id}/comments`, payload: { content }, remoteAddress: '203.0.113.8' });
        expect(res.statusCode, res.body).toBe(201);
      }
      await page.reload();
      const queue = page.getByRole('region', { name: '意见审核' });
      await badge(queue.getByRole('tab', { name: /待审核/ }), 2).waitFor();
      await expectAccessible(page, (p) => p.getByRole('region', { name: '意见审核' }).getByText('建议积分项目增加志愿服务时长。').waitFor());
      await row(page, '建议积分项目增加志愿服务时长。').getByRole('button', { name: '显示' }).click();
      await page.getByText('意见已显示').waitFor();
      await row(page, '广告：代办居住证').getByRole('button', { name: '隐藏' }).click();
      const hide = page.getByRole('dialog', { name: '隐藏意见' });
      await hide.getByLabel('隐藏理由').fill('广告信息');
      await hide.getByRole('button', { name: '隐藏' }).click();
      await hide.waitFor({ state: 'hidden' });
      await badge(queue.getByRole('tab', { name: /待审核/ }), 0).waitFor();

      // Publishing the feedback before the close is refused and said so.
      const feedback = page.locator('.ant-card').filter({ has: page.getByText('采纳情况反馈', { exact: true }) });
      expect(await feedback.textContent()).toContain('征集结束后');

      // The period ends (the clock moves past the close); decisions and the feedback follow.
      server.clock.advance(10 * 60_000);
      await page.reload();
      await page.locator('.ant-tag').filter({ hasText: '已结束' }).waitFor();
      await queue.getByRole('tab', { name: /已显示/ }).click();
      await row(page, '建议积分项目增加志愿服务时长。').getByRole('button', { name: '采纳决定' }).click();
      const decide = page.getByRole('dialog', { name: '采纳决定' });
      await decide.getByText('部分采纳', { exact: true }).click();
      await decide.getByLabel('理由').fill('志愿服务时长纳入加分项目，上限另行规定。');
      await decide.getByRole('button', { name: '保存' }).click();
      await decide.waitFor({ state: 'hidden' });
      await row(page, '建议积分项目增加志愿服务时长。').getByText('部分采纳：志愿服务时长纳入加分项目，上限另行规定。').waitFor();
      await feedback.getByLabel('采纳情况说明').fill('共收到有效意见 1 条，部分采纳 1 条。');
      await feedback.getByRole('button', { name: '公布采纳情况' }).click();
      await feedback.getByText(/已于 .* 公布采纳情况/).waitFor();
      const pub = (await server.app.inject({ method: 'GET', url: `/api/v1/solicitations/${id}` })).json();
      expect(pub).toMatchObject({ feedback: '共收到有效意见 1 条，部分采纳 1 条。', counts: { shown: 1, partly: 1 } });
      await screenshot(page, 'console-solicitation');
      await expectAccessible(page, (p) => p.getByText(/已于 .* 公布采纳情况/).waitFor());

      await page.getByRole('link', { name: '← 返回意见征集' }).click();
      await row(page, '居住证积分管理办法').getByText('已公布').waitFor();
      await expectAccessible(page, (p) => p.getByRole('link', { name: /居住证积分管理办法/ }).waitFor());
    }, 120_000);

    it('raised no script errors', () => {
      expect(pageErrors).toEqual([]);
    });
  });
});

/** The count badge of a tab. */
function badge(scope: Locator, n: number): Locator {
  return scope.locator(`.ant-badge-count[title="${n}"]`);
}


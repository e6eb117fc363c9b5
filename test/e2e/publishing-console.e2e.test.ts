// The publishing screens of the staff console in Chromium against a real server with the demo agency: the editor
// drafts an item with a table and a citizen's ID number and submits it; the unit reviewer sees the ID number in
// the risk panel, masks it with one action and approves; the office approves (the index number appears) and
// publishes; the public page shows the masked number only; the office withdraws it and the public page answers
// 410 with the notice. A second journey runs a bulk withdrawal whose result table names the item that failed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/modules/audit/audit.js';
import { withdrawItem } from '../../src/modules/publishing/items.commands.js';
import { browserAvailable, launchBrowser, screenshot, buildConsole } from '../support/browser.js';
import { expectAccessible as checkAccessible, signedIn as signInToConsole } from '../support/console.js';
import { chooseInSelect, chooseInTreeSelect } from '../support/antd.js';
import { publishedItem } from '../support/publishing.js';
import { startHttpServer } from '../support/server.js';

const RAW_ID = '11010519491231002X';
const MASKED_ID = '110105********002X';
const TITLE = '江川市发展和改革委员会关于2026年价格监测补贴发放情况的公告';
const BODY =
  `<h2>一、发放情况</h2><p>2026年第一季度共发放价格临时补贴，领取人张某（身份证号${RAW_ID}）等已核实。</p>` +
  '<table><tr><th>月份</th><th>人数</th></tr><tr><td>1月</td><td>120</td></tr><tr><td>2月</td><td>118</td></tr></table>' +
  '<p>江川市发展和改革委员会</p>';

describe.skipIf(!browserAvailable())('publishing in the staff console', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let itemId = '';

  beforeAll(async () => {
    buildConsole();
    server = await startHttpServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const signedIn = (username: string, displayName: string): Promise<Page> => signInToConsole({ browser, contexts, pageErrors }, server.url, username, displayName);

  const expectAccessible = (page: Page, ready: (p: Page) => Promise<unknown>) => checkAccessible(browser, page, ready);

  it('lets the editor draft an item with a table and submit it', async () => {
    const page = await signedIn('editor', '李强');
    await page.getByRole('navigation').getByRole('link', { name: '新建信息' }).click();
    await page.getByRole('heading', { name: '新建信息' }).waitFor();
    // The unit defaults to the editor's own.
    await page.locator('form').getByTitle('市发展和改革委员会').first().waitFor();
    await chooseInTreeSelect(page.locator('form'), '目录类别', '02.01 国家法律');
    // A required field's name starts with the "*" Ant Design draws before its label.
    await page.getByRole('textbox', { name: /^(\* )?标题$/ }).fill(TITLE);
    await page.getByLabel('发文字号', { exact: true }).fill('江发改[2026]7号');
    await page.getByLabel('发文机关', { exact: true }).fill('江川市发展和改革委员会');
    await page.getByLabel('成文日期', { exact: true }).fill('2026-02-25');
    await chooseInSelect(page.locator('form'), '体裁分类', '公告');
    // The body through the HTML source, then a table from the toolbar in the visual editor.
    await page.getByRole('tab', { name: 'HTML 源码' }).click();
    await page.getByLabel('正文（HTML 源码）').fill(BODY);
    await page.getByRole('tab', { name: '可视化编辑' }).click();
    const editor = page.getByRole('textbox', { name: '正文', exact: true });
    await editor.locator('table').first().waitFor();
    await expect.poll(() => editor.locator('h2').textContent()).toBe('一、发放情况');
    await editor.locator('p').last().click();
    await page.getByRole('toolbar', { name: '正文格式' }).getByRole('button', { name: '插入表格' }).click();
    await expect.poll(() => editor.locator('table').count()).toBe(2);
    await screenshot(page, 'console-item-editor');
    await expectAccessible(page, (p) => p.getByRole('textbox', { name: '正文', exact: true }).waitFor());

    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.locator('.ant-tag').filter({ hasText: '待初审' }).first().waitFor();
    itemId = new URL(page.url()).pathname.split('/').pop()!;
    expect(itemId).toMatch(/^[0-9a-f-]{36}$/);
    // The docNumber was normalised by the server, the table kept.
    await page.getByRole('cell', { name: '江发改〔2026〕7号' }).first().waitFor();
    expect(await page.getByRole('region', { name: '正文预览' }).locator('table').count()).toBe(2);
  }, 90_000);

  it('shows the unit reviewer the ID number in the risk panel; masking clears it and the reviewer approves', async () => {
    const page = await signedIn('reviewer', '赵丽');
    await page.getByRole('navigation').getByRole('link', { name: '发布工作台' }).click();
    await page.getByRole('tab', { name: /待初审/ }).click();
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    await screenshot(page, 'console-review-queue');
    await expectAccessible(page, (p) => p.getByRole('row').filter({ hasText: TITLE }).waitFor());

    await row.getByRole('link', { name: TITLE }).click();
    const risks = page.getByRole('region', { name: '风险提示' });
    const idFinding = risks.getByRole('listitem').filter({ hasText: '身份证号' });
    await idFinding.waitFor();
    expect(await idFinding.textContent()).toContain('重大');
    // The excerpt is masked already; the raw number never reaches the panel.
    expect(await risks.textContent()).not.toContain(RAW_ID);
    await screenshot(page, 'console-risk-panel');
    await expectAccessible(page, (p) => p.getByRole('region', { name: '风险提示' }).getByRole('listitem').first().waitFor());

    await risks.getByRole('button', { name: '一键遮盖' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '遮盖' }).click();
    await risks.getByText('未发现风险').waitFor();
    await expect.poll(() => page.getByRole('region', { name: '正文预览' }).textContent()).toContain(MASKED_ID);

    await page.getByRole('button', { name: '初审通过' }).click();
    const dialog = page.getByRole('dialog', { name: '初审通过' });
    await dialog.getByLabel('审核意见').fill('已遮盖个人信息，同意公开。');
    await dialog.getByRole('button', { name: '通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag').filter({ hasText: '待复审' }).first().waitFor();
  }, 90_000);

  it('lets the office approve (index number) and publish; the public page shows only the masked number', async () => {
    const page = await signedIn('office', '王敏');
    await page.getByRole('navigation').getByRole('link', { name: '发布工作台' }).click();
    await page.getByRole('tab', { name: /待复审/ }).click();
    await page.getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();

    await page.getByRole('button', { name: '复审通过' }).click();
    const approve = page.getByRole('dialog', { name: '复审通过' });
    await approve.getByRole('button', { name: '通过' }).click();
    await approve.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag').filter({ hasText: '待发布' }).first().waitFor();
    // 索引号 is the first entry of the metadata: compiled by the server at 复审.
    const indexCell = page.locator('.ant-descriptions-item-content').first();
    await expect.poll(async () => (await indexCell.textContent())?.trim()).not.toBe('复审通过后编制');
    const indexNumber = (await indexCell.textContent())?.trim() ?? '';
    expect(indexNumber.length).toBeGreaterThan(5);

    await page.getByRole('button', { name: /发布$/ }).click();
    const publish = page.getByRole('dialog', { name: '发布' });
    await publish.getByRole('radio', { name: '立即发布' }).check();
    await publish.getByRole('button', { name: '确定' }).click();
    await publish.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag').filter({ hasText: '已发布' }).first().waitFor();
    // The review record lists both stages.
    await page.getByText('初审（科室）').waitFor();
    await page.getByText('复审（公开办）').waitFor();
    await screenshot(page, 'console-item-published');
    await expectAccessible(page, (p) => p.getByRole('heading', { name: TITLE }).waitFor());

    const res = await page.request.get(`${server.url}/items/${itemId}`);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain(MASKED_ID);
    expect(html).not.toContain(RAW_ID);
    expect(html).toContain(indexNumber);
  }, 90_000);

  it('lets the office withdraw the item with a reason; the public page then answers 410 with the notice', async () => {
    const page = contexts[2]!.pages()[0]!;
    await page.getByRole('button', { name: /撤回$/ }).click();
    const dialog = page.getByRole('dialog', { name: '撤回已发布的信息' });
    await dialog.getByLabel('撤回理由').fill('补贴名单需重新核实');
    await dialog.getByRole('button', { name: '撤回' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag').filter({ hasText: '已撤回' }).first().waitFor();

    const portal = await contexts[2]!.newPage();
    const res = await portal.goto(`${server.url}/items/${itemId}`);
    expect(res?.status()).toBe(410);
    await portal.getByText('补贴名单需重新核实').first().waitFor();
    expect(await portal.content()).not.toContain(RAW_ID);
    await screenshot(portal, 'portal-item-withdrawn');
    await portal.close();
  }, 60_000);

  it('shows a per-item result table for a bulk withdrawal', async () => {
    const actor = cliActor();
    const publishOne = async (title: string) =>
      (await publishedItem(server, { category: '02.01', title, body: '<p>正文。</p>', writtenAt: '2026-02-20', issuingOrgan: '江川市发展和改革委员会' })).id;
    const first = await publishOne('批量撤回测试甲：江川市2026年第一批项目公示');
    const second = await publishOne('批量撤回测试乙：江川市2026年第二批项目公示');
    expect(first).not.toBe(second);

    const page = contexts[2]!.pages()[0]!;
    await page.getByRole('navigation').getByRole('link', { name: '发布工作台' }).click();
    await page.getByRole('tab', { name: /已发布/ }).click();
    await page.getByRole('searchbox', { name: '按标题搜索' }).fill('批量撤回测试');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByText('共 2 条').waitFor();
    await page.getByRole('checkbox', { name: /批量撤回测试甲/ }).check();
    await page.getByRole('checkbox', { name: /批量撤回测试乙/ }).check();
    // Someone else withdraws the second item meanwhile: the bulk action reports it failed, the first succeeds.
    await withdrawItem(server.ctx, null, actor, second, '已由他人撤回');
    await page.getByRole('button', { name: '批量撤回' }).click();
    const ask = page.getByRole('dialog', { name: /批量撤回/ });
    await ask.getByLabel('撤回理由').fill('项目公示期满');
    await ask.getByRole('button', { name: '撤回' }).click();

    const result = page.getByRole('dialog', { name: '批量撤回结果' });
    await result.getByText('成功 1 条，失败 1 条。').waitFor();
    const ok = result.getByRole('row').filter({ hasText: '批量撤回测试甲' });
    const failed = result.getByRole('row').filter({ hasText: '批量撤回测试乙' });
    expect(await ok.textContent()).toContain('成功');
    expect(await failed.textContent()).toContain('失败');
    expect(await failed.textContent()).toContain('只能撤回已发布的信息');
    await screenshot(page, 'console-bulk-result');
    await result.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  }, 60_000);

  it('lets the office add a category, publish the catalog and add a sensitive word', async () => {
    const page = contexts[2]!.pages()[0]!;
    await page.getByRole('navigation').getByRole('link', { name: '公开目录' }).click();
    const tree = page.getByRole('tree', { name: '目录类别' });
    await tree.getByText('02 政策法规').click();
    await page.getByRole('button', { name: /新增下级类别/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /类别编码/ }).fill('02.05');
    await dialog.getByRole('textbox', { name: /类别名称/ }).fill('价格监测');
    // An 附加字段 with a bad key: the server's error lands under the key input.
    await dialog.getByRole('button', { name: '添加字段' }).click();
    await dialog.getByRole('textbox', { name: '附加字段 1 的键' }).fill('1price');
    await dialog.getByRole('textbox', { name: '附加字段 1 的名称' }).fill('价格指数');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('字段键应为字母开头的英文标识').waitFor();
    await dialog.getByRole('textbox', { name: '附加字段 1 的键' }).fill('priceIndex');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await tree.getByText('02.05 价格监测').waitFor();
    await page.getByText('价格指数（priceIndex，文字）').waitFor();
    expect(await tree.locator('.ant-tree-treenode').filter({ hasText: '02.05 价格监测' }).textContent()).toContain('新增');
    await page.getByText('栏目监测').waitFor();
    await screenshot(page, 'console-catalog');

    await page.getByRole('button', { name: /发布目录/ }).click();
    const publish = page.getByRole('dialog', { name: '发布目录' });
    await publish.getByRole('textbox', { name: /发布说明/ }).fill('增加价格监测类别');
    await publish.getByRole('button', { name: '发布' }).click();
    await publish.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: '增加价格监测类别' }).waitFor();
    expect(await tree.locator('.ant-tree-treenode').filter({ hasText: '02.05 价格监测' }).textContent()).not.toContain('新增');

    await page.getByRole('navigation').getByRole('link', { name: '敏感词' }).click();
    const form = page.getByRole('form', { name: '增加敏感词' });
    await form.getByRole('textbox', { name: /敏感词/ }).fill('内部资料');
    await form.getByRole('button', { name: /增加/ }).click();
    await page.getByRole('row').filter({ hasText: '内部资料' }).waitFor();
    await screenshot(page, 'console-sensitive-words');
  }, 60_000);

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

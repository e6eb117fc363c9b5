// The staff console in Chromium against a real server with the demo agency: the system administrator enrols a
// second factor, creates a unit and a user through the UI and signs out; the new user replaces the one-time initial
// password at the first sign-in; the auditor enrols, opens the audit log and finds the actions there.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/modules/accounts/totp.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { axeViolations, browserAvailable, launchBrowser, screenshot, buildConsole } from '../support/browser.js';
import { chooseInTreeSelect } from '../support/antd.js';
import { expectAccessible, signedIn } from '../support/console.js';
import { startHttpServer } from '../support/server.js';

const UNIT = { code: 'jc-test-unit', name: '测试科', description: '端到端测试创建的科室' };
const USER = { username: 'zhangce', displayName: '张测', password: 'Ceshi#2026go', own: 'Wode&Mima2027' };

describe.skipIf(!browserAvailable())('staff console', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildConsole();
    server = await startHttpServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    // A step that cannot find its element fails on that step (with the locator named), well before the test's timeout.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** First sign-in of an administrator: the console shows the enrolment secret; the code is computed from it. */
  async function signInEnrolling(username: string, displayName: string): Promise<void> {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByRole('img', { name: '动态验证码绑定二维码' }).waitFor();
    await screenshot(page, `console-${username}-enrol`);
    // The test server's clock stands still: the code is computed for the server's time, not the wall clock.
    await page.getByLabel('动态验证码').fill(totpAt(secret, server.clock.now()));
    await page.getByRole('button', { name: '绑定并登录' }).click();
    await page.getByRole('heading', { name: new RegExp(`，${displayName}$`) }).waitFor();
  }

  it('shows the login form in Chinese without serious accessibility problems', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: '政务公开管理平台' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await screenshot(page, 'console-login');
    // axe-core is injected as an inline script, which the console's CSP rightly forbids: a separate
    // context bypasses the CSP for this check only, the journey below runs under the real policy.
    const axeContext = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    try {
      const axePage = await axeContext.newPage();
      await axePage.goto(`${server.url}/console/login`);
      await axePage.getByRole('button', { name: '登录' }).waitFor();
      const serious = (await axeViolations(axePage)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    } finally {
      await axeContext.close();
    }
  });

  it('refuses a wrong password with the server message', async () => {
    await page.getByLabel('用户名').fill('sysadmin');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
  });

  it('signs the system administrator in with TOTP enrolment', async () => {
    await signInEnrolling('sysadmin', '周系统');
    await page.getByRole('banner').getByText('系统管理员').waitFor();
    // The menu follows the permissions: a system administrator has no audit log.
    await page.getByRole('navigation').getByRole('link', { name: '用户与角色' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await screenshot(page, 'console-sysadmin-dashboard');
  });

  it('creates a unit under the agency', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '机构与科室' }).click();
    await page.getByRole('tree').getByText('江川市人民政府', { exact: true }).click();
    await page.getByRole('button', { name: '新建下级科室' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('机构编码').fill(UNIT.code);
    await dialog.getByLabel('名称').fill(UNIT.name);
    await dialog.getByLabel('机构职能').fill(UNIT.description);
    await screenshot(page, 'console-unit-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('tree').getByText(UNIT.name, { exact: true }).waitFor();
    await page.getByRole('cell', { name: UNIT.code, exact: true }).waitFor();
    await screenshot(page, 'console-unit-created');
  });

  it('refuses a duplicate unit code on the field', async () => {
    await page.getByRole('button', { name: '新建下级科室' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('机构编码').fill(UNIT.code);
    await dialog.getByLabel('名称').fill('重复科');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('机构编码已存在').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('creates a user in the new unit', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(USER.username);
    await dialog.getByLabel('姓名').fill(USER.displayName);
    await chooseInTreeSelect(dialog, '所属机构', UNIT.name);
    await dialog.getByLabel('初始密码').fill(USER.password);
    await screenshot(page, 'console-user-form');
    await dialog.getByRole('button', { name: '创建' }).click();
    const row = page.getByRole('row').filter({ hasText: USER.username });
    await row.getByText(UNIT.name).waitFor();
    await screenshot(page, 'console-user-created');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    // The session is gone on the server too, not only in the page.
    const res = await page.request.get(`${server.url}/api/v1/session`);
    expect(res.status()).toBe(401);
  });

  it('makes the new user replace the one-time initial password at the first sign-in', async () => {
    await page.getByLabel('用户名').fill(USER.username);
    await page.getByLabel('密码', { exact: true }).fill(USER.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '一次性密码' }).waitFor();
    // The same password again is refused on its field: only the owner's own password goes on.
    await page.getByLabel('新密码', { exact: true }).fill(USER.password);
    await page.getByLabel('确认新密码').fill(USER.password);
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await page.getByText('新密码不能与一次性密码相同').first().waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(USER.own);
    await page.getByLabel('确认新密码').fill(USER.own);
    await screenshot(page, 'console-first-sign-in-new-password');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    // Signed in where the sign-out left off (用户与角色, which a person with no role yet may not use); the workbench greets them.
    await page.getByRole('navigation').getByRole('link', { name: '工作台' }).click();
    await page.getByRole('heading', { name: new RegExp(`，${USER.displayName}$`) }).waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    // The initial password is spent; the owner's own one signs in.
    const old = await page.request.post(`${server.url}/api/v1/session`, { data: { username: USER.username, password: USER.password } });
    expect(old.status()).toBe(401);
    const own = await page.request.post(`${server.url}/api/v1/session`, { data: { username: USER.username, password: USER.own } });
    expect(own.status()).toBe(200);
    await page.request.delete(`${server.url}/api/v1/session`, { headers: { 'x-csrf-token': (await own.json()).csrfToken } });
  });

  it('shows the auditor both actions in the audit log', async () => {
    await signInEnrolling('auditor', '郑审计');
    await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
    const unitRow = page.getByRole('row').filter({ hasText: 'unit.create' }).filter({ hasText: UNIT.code });
    const userRow = page.getByRole('row').filter({ hasText: 'user.create' }).filter({ hasText: USER.username });
    await unitRow.waitFor();
    await userRow.waitFor();
    // Who did it, under which role: the log names the account and its roles at the time.
    expect(await unitRow.textContent()).toContain('sysadmin');
    expect(await userRow.textContent()).toContain('系统管理员');
    await screenshot(page, 'console-audit');

    // Filtering by actor and action narrows the table to that one record; its summary opens as JSON.
    const filters = page.getByRole('search', { name: '筛选审计记录' });
    await filters.getByLabel('操作人').fill('sysadmin');
    await filters.getByLabel('操作', { exact: true }).fill('user.create');
    await filters.getByLabel('操作', { exact: true }).press('Escape');
    await filters.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 条').waitFor();
    await userRow.getByRole('button', { name: /展开/ }).click();
    await page.getByLabel('摘要').filter({ hasText: `"username": "${USER.username}"` }).waitFor();
    await screenshot(page, 'console-audit-filtered');

    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page.getByText(/哈希链完整：已校验 \d+ 条记录/).waitFor();
  }, 60_000);

  it('shows the office the messages waiting on it on the dashboard, accessibly', async () => {
    const sessions = { browser, contexts: [] as BrowserContext[], pageErrors };
    const office = await signedIn(sessions, server.url, 'office', '王敏');
    const submitted = await fetch(`${server.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ org: 'jiangchuan', type: 'problem', title: '路灯损坏', content: '小区门口路灯损坏多日。', name: '赵先生', contact: '13900002222', public: false }),
    });
    expect(submitted.status).toBe(201);
    await office.reload();
    const card = office.getByRole('link', { name: '待分办 1 条' });
    await card.waitFor();
    await expectAccessible(browser, office, (p) => p.getByRole('link', { name: '待分办 1 条' }).waitFor());
    await card.click();
    await office.getByRole('link', { name: '路灯损坏' }).waitFor();
    await Promise.all(sessions.contexts.map((c) => c.close()));
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});


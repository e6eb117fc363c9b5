// Two-person reset of an administrator's password in the console (三员分立): the security administrator asks for
// the auditor's password to be reset, cannot approve it, the system administrator approves and is shown the
// one-time password once; the auditor signs in with it, must choose a new password, and enrols a second factor.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/modules/accounts/totp.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { browserAvailable, buildConsole, launchBrowser, screenshot } from '../support/browser.js';
import { expectAccessible } from '../support/console.js';
import { startHttpServer } from '../support/server.js';

const REASON = '本人遗忘密码，已电话核实身份';
const OWN_PASSWORD = 'Shenji&Mima2027';

describe.skipIf(!browserAvailable())('two-person reset of an administrator in the console', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildConsole();
    server = await startHttpServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });

  async function newPage(name: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
    return page;
  }

  /** An administrator's first sign-in: enrols the authenticator shown (the code computed for the server's clock). */
  async function enrolAndSignIn(page: Page): Promise<void> {
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('动态验证码').fill(totpAt(secret, server.clock.now()));
    await page.getByRole('button', { name: '绑定并登录' }).click();
  }

  async function signInAdmin(name: string, username: string, displayName: string): Promise<Page> {
    const page = await newPage(name);
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await enrolAndSignIn(page);
    await page.getByRole('heading', { name: new RegExp(`，${displayName}$`) }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '用户与角色' }).click();
    return page;
  }

  let oneTimePassword = '';

  it('lets the security administrator ask, not approve', async () => {
    const sec = await signInAdmin('secadmin', 'secadmin', '吴安全');
    await sec.getByRole('button', { name: '郑审计的更多操作' }).click();
    await sec.getByRole('menuitem', { name: '申请重置密码' }).click();
    const dialog = sec.getByRole('dialog');
    await dialog.getByText('三员分立：管理员账号的密码和动态验证码须两人办理').waitFor();
    await dialog.getByLabel('申请理由').fill(REASON);
    await screenshot(sec, 'console-reset-request-form');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    const card = sec.locator('.ant-card').filter({ hasText: '管理员账号重置申请（两人办理）' });
    const row = card.getByRole('row').filter({ hasText: REASON });
    await row.getByText('待批准').waitFor();
    await row.getByText('等待另一名管理员批准').waitFor();
    expect(await row.getByRole('button', { name: '批准' }).count()).toBe(0);
    await screenshot(sec, 'console-reset-request-pending');
    await expectAccessible(browser, sec, (p) => p.getByText(REASON).waitFor());
  });

  it('lets the system administrator approve and shows the one-time password once', async () => {
    const sys = await signInAdmin('sysadmin', 'sysadmin', '周系统');
    const row = sys.locator('.ant-card').filter({ hasText: '管理员账号重置申请（两人办理）' }).getByRole('row').filter({ hasText: REASON });
    await row.getByRole('button', { name: '批准' }).click();
    await sys.getByRole('dialog').filter({ hasText: '批准重置 郑审计 的密码？' }).getByRole('button', { name: '批准' }).click();
    const shown = sys.getByRole('dialog').filter({ hasText: '此密码只显示这一次' });
    oneTimePassword = (await shown.getByTestId('one-time-password').textContent())?.trim() ?? '';
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
    await screenshot(sys, 'console-reset-one-time-password');
    await shown.getByRole('button', { name: '我已记下' }).click();
    await row.getByText('已批准').waitFor();
  });

  it('makes the auditor replace the one-time password and enrol at the next sign-in', async () => {
    const page = await newPage('auditor');
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('用户名').fill('auditor');
    // The old password is gone with the reset.
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await page.getByLabel('密码', { exact: true }).fill(oneTimePassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '一次性密码' }).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(OWN_PASSWORD);
    await page.getByLabel('确认新密码').fill(OWN_PASSWORD);
    await screenshot(page, 'console-reset-new-password');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await enrolAndSignIn(page);
    await page.getByRole('heading', { name: /，郑审计$/ }).waitFor();
    // The auditor finds the whole story in the audit log: asked, approved, replaced.
    await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
    for (const action of ['user.reset-request', 'user.reset-approve', 'user.change-password']) {
      await page.getByRole('row').filter({ hasText: action }).first().waitFor();
    }
    await screenshot(page, 'console-reset-audit');
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

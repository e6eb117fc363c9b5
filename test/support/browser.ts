import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { buildDist } from './build.js';

/** Debian's chromium package; the /usr/bin/chromium wrapper prints errors, so the binary is used directly. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-output', 'screenshots');

/**
 * Browser suites run when Chromium is installed. CI installs it and sets REQUIRE_BROWSER=1, so there a
 * missing browser fails the run instead of skipping it.
 */
export function browserAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM);
  if (!present && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
  if (!present) console.warn(`${CHROMIUM} not found: browser suites are skipped (CI installs chromium).`);
  return present;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A browser context for tests. It bypasses the pages' Content-Security-Policy because axe-core is injected
 * as an inline script, which the CSP (`script-src 'self'`) rightly forbids for real visitors.
 */
export function newTestContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', ...options, bypassCSP: true });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the violations. The page's context must
 * come from newTestContext (bypassCSP), or the injected script is blocked. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // Runs in the page, where axe-core was just injected as a global.
    const g = globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

/** The violations as a failing assertion shows them: rule, impact, help, and each offending element. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.html}`).join('\n')}`).join('\n');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The browser suites serve dist/console: built when older than its sources. */
export const buildConsole = buildDist;

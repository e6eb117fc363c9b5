import type { Locator } from 'playwright-core';

/**
 * Picks an option of an Ant Design TreeSelect by typing its name and clicking it. The dropdown animates in,
 * and a click during the animation can be lost under load; a single select closes its dropdown once it has
 * taken the choice, so the click is repeated until it does.
 */
export async function chooseInTreeSelect(scope: Locator, label: string, option: string): Promise<void> {
  const page = scope.page();
  await scope.getByLabel(label).click();
  await scope.getByLabel(label).fill(option);
  const openDropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 1; ; attempt++) {
    await openDropdown.locator('.ant-select-tree').getByTitle(option, { exact: true }).click();
    try {
      await openDropdown.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

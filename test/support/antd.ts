import type { Locator } from 'playwright-core';

/**
 * Clicks an option of an open Ant Design dropdown until the dropdown closes. It animates in, and a click during
 * the animation can be lost under load; a single select closes its dropdown once it has taken the choice, so the
 * click is repeated until it does.
 */
async function clickUntilClosed(openDropdown: Locator, option: () => Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await option().click();
    try {
      await openDropdown.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

function openDropdownOf(scope: Locator): Locator {
  return scope.page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** Picks an option of a TreeSelect by typing its name and clicking it. */
export async function chooseInTreeSelect(scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label).click();
  await scope.getByLabel(label).fill(option);
  const openDropdown = openDropdownOf(scope);
  await clickUntilClosed(openDropdown, () => openDropdown.locator('.ant-select-tree').getByTitle(option, { exact: true }));
}

/** Picks an option of a plain Select: open it, click the option. */
export async function chooseInSelect(scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label).click();
  const openDropdown = openDropdownOf(scope);
  await clickUntilClosed(openDropdown, () => openDropdown.locator('.ant-select-item-option').getByText(option, { exact: true }));
}

import { operatorCaller } from '../../src/modules/accounts/index.js';
import { replaceAndPublishCatalog, type CatalogCategory } from '../../src/modules/publishing/index.js';
import type { TestApp } from './app.js';

/** A catalog category for tests: only what a test cares about, the rest empty. */
export function testCategory(code: string, name: string, parentCode: string | null = null, sortOrder = 0, extra: Partial<CatalogCategory> = {}): CatalogCategory {
  return { code, name, parentCode, description: null, updateInterval: null, disclosureMode: 'proactive', responsibleUnitId: null, sortOrder, ...extra };
}

/**
 * Replaces an agency's catalog (the demo agency's unless `agency` is given) with `categories` and publishes it, as
 * `gongkai` on the command line would; returns the catalog's new version.
 */
export async function withCatalog(t: Pick<TestApp, 'ctx'>, categories: CatalogCategory[], options: { agency?: string; note?: string } = {}): Promise<number> {
  return (await replaceAndPublishCatalog(operatorCaller(t.ctx), options.agency ?? 'jiangchuan', categories, options.note ?? '初始目录')).version;
}

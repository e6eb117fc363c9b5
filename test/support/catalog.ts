import type { CatalogCategory } from '../../src/modules/publishing/catalog.js';

/** A catalog category for tests: only what a test cares about, the rest empty. */
export function testCategory(code: string, name: string, parentCode: string | null = null, sortOrder = 0, extra: Partial<CatalogCategory> = {}): CatalogCategory {
  return { code, name, parentCode, description: null, updateInterval: null, disclosureMode: 'proactive', responsibleUnitId: null, sortOrder, ...extra };
}

/** The disclosure catalog and its items: the publishing workflow with two-stage review, and the public pages (docs/adr/0012). */
export { replaceAndPublishCatalog, templateCategories } from './catalog.commands.js';
export { publishedCatalog } from './catalog.repo.js';
export type { CatalogCategory } from './catalog.js';
export { handlingScope } from './handling.js';
export { countItems, existingItemIds, isPublicItem, itemIdsAfter, searchableVersions, type SearchableVersion } from './items.queries.js';
export { importDocuments } from './import.commands.js';
export { itemPath, localDate, localDateTime } from './pages/common.js';
export type { ItemSummary } from './items.present.js';
export { newestItems } from './items.views.js';
export { CATALOG_TAG, ITEMS_TAG } from './publishing.pages.js';
export { flattenTemplate, SEED_TEMPLATE } from './reference/catalog-templates.js';
export { VALIDITIES } from './reference/disclosure.js';
export { docNumberSearchKey } from './reference/doc-number.js';
export { parseJsonLines, parseMarkdownDocument, type ImportedDocument } from './reference/import-format.js';
export { topicByCode, TOPICS } from './reference/topics.js';
export { sanitizeBody } from './sanitize.js';

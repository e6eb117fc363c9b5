import type { GongkaiModule } from '../../http/module.js';
import { indexItems } from './indexer.js';
import { registerSearchGo, SEARCH_PAGES } from './search.pages.js';
import { registerSearchRoutes } from './search.routes.js';

/** What the search module registers with the application (its public API is index.ts). */
export const searchModule: GongkaiModule = {
  name: 'search',
  routes: registerSearchRoutes,
  site: { pages: SEARCH_PAGES, routes: registerSearchGo },
  // Published content changed: the index follows in the same transaction.
  hooks: { itemsChanged: indexItems },
};

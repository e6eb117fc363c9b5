/** Full-text search of published items (docs/adr/0013): index, query language, API and portal pages. */
import type { GongkaiModule } from '../../http/module.js';
import { registerSearchGo, SEARCH_PAGES } from './search.pages.js';
import { registerSearchRoutes } from './search.routes.js';

export { searchStats, type SearchStats } from './analytics.js';
export { indexItems } from './indexer.js';
export { searchWords } from './pages/words.js';
export { indexIsStale, reindexAll } from './reindex.js';
export { normalise, queryTokens } from './segment.js';

export const searchModule: GongkaiModule = {
  name: 'search',
  routes: registerSearchRoutes,
  site: { pages: SEARCH_PAGES, routes: registerSearchGo },
};

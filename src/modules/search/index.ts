/** Full-text search of published items (docs/adr/0013): index, query language, API and portal pages. */
export { searchStats, type SearchStats } from './analytics.js';
export { searchWords } from './pages/words.js';
export { indexIsStale, reindexAll } from './reindex.js';
export { normalise, queryTokens } from './segment.js';

import { api, ApiError } from '../api.js';
import { useLoad } from '../shared/useLoad.js';
import { categoryTree, type CategoryNode } from './logic.js';
import type { WorkingCatalog } from './types.js';

export interface CategoryOption {
  value: string;
  title: string;
  children: CategoryOption[];
}

function options(nodes: readonly CategoryNode[]): CategoryOption[] {
  return nodes.filter((n) => n.status !== 'removed').map((n) => ({ value: n.code, title: `${n.code} ${n.name}`, children: options(n.children) }));
}

/** The agency's working catalog: the category picker of the item editor and the catalog manager. */
export function useWorkingCatalog(agency: string | undefined) {
  return useLoad(async () => {
    if (!agency) return undefined;
    const working = await api.get<WorkingCatalog>('/api/v1/catalog/working?org=' + encodeURIComponent(agency));
    const tree = categoryTree(working);
    return { working, tree, options: options(tree) };
  }, agency ?? '');
}

interface PublishedNode {
  code: string;
  name: string;
  children: PublishedNode[];
}

function publishedOptions(nodes: readonly PublishedNode[]): CategoryOption[] {
  return nodes.map((n) => ({ value: n.code, title: `${n.code} ${n.name}`, children: publishedOptions(n.children) }));
}

/**
 * The categories an item may be filed under. The working catalog is for staff who handle the whole agency;
 * an editor scoped to a unit is refused it (403) and picks from the published catalog instead.
 */
export function useCategoryOptions(agency: string | undefined) {
  return useLoad(async () => {
    if (!agency) return [];
    try {
      const working = await api.get<WorkingCatalog>('/api/v1/catalog/working?org=' + encodeURIComponent(agency));
      return options(categoryTree(working));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 403)) throw e;
      return publishedOptions(await api.get<PublishedNode[]>('/api/v1/catalog?org=' + encodeURIComponent(agency)));
    }
  }, 'categories:' + (agency ?? ''));
}

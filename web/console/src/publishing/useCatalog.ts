import { api } from '../api.js';
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

/**
 * The agency's working catalog: the category picker (and each category's extra fields) of the item editor, and
 * the catalog manager. Anyone handling items in the agency may read it.
 */
export function useWorkingCatalog(agency: string | undefined) {
  return useLoad(async () => {
    if (!agency) return undefined;
    const working = await api.get<WorkingCatalog>('/api/v1/catalog/working?org=' + encodeURIComponent(agency));
    const tree = categoryTree(working);
    return { working, tree, options: options(tree) };
  }, agency ?? '');
}

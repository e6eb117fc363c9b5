import { api } from '../api.js';
import type { Org } from '../types.js';
import { useLoad } from '../shared/useLoad.js';
import { buildOrgTree } from './tree.js';

/** The agencies (sites) of this deployment. */
export function useAgencies() {
  return useLoad(async () => (await api.get<{ orgs: Org[] }>('/api/v1/orgs')).orgs, 'agencies');
}

/** One agency and its units, flat and as a tree. */
export function useAgencyTree(agency: string | undefined) {
  return useLoad(async () => {
    if (!agency) return { flat: [] as Org[], tree: [] };
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/v1/orgs?agency=' + encodeURIComponent(agency));
    return { flat: orgs, tree: buildOrgTree(orgs) };
  }, agency ?? '');
}

/** Every organisation of every agency, for pickers (a user's organisation, a role's scope). */
export function useAllOrgTrees() {
  return useLoad(async () => {
    const { orgs: agencies } = await api.get<{ orgs: Org[] }>('/api/v1/orgs');
    const lists = await Promise.all(
      agencies.map(async (a) => (await api.get<{ orgs: Org[] }>('/api/v1/orgs?agency=' + encodeURIComponent(a.code))).orgs),
    );
    const flat = lists.flat();
    return { agencies, flat, tree: buildOrgTree(flat) };
  }, 'all-orgs');
}

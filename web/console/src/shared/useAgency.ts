import { useSearchParams } from 'react-router';
import { useSession } from '../session.js';
import type { Org } from '../types.js';

/**
 * The agency a screen works on, kept in the address (?agency=CODE) so that a reload or a shared link
 * shows the same one. Defaults to the first agency the user has a role in, else the first agency.
 */
export function useSelectedAgency(agencies: readonly Org[] | undefined): [string | undefined, (code: string) => void] {
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const chosen = params.get('agency');
  const scoped = new Set((user.assignments ?? []).map((a) => a.scopeOrgId));
  const fallback = agencies?.find((a) => scoped.has(a.id) || scoped.has(a.agencyId))?.code ?? agencies?.[0]?.code;
  const code = chosen && agencies?.some((a) => a.code === chosen) ? chosen : fallback;
  const set = (next: string) =>
    setParams(
      (p) => {
        p.set('agency', next);
        return p;
      },
      { replace: true },
    );
  return [code, set];
}

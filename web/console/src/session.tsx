import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api.js';
import { permissionsOf, type Permissions } from './permissions.js';
import type { Policy, RoleInfo, SessionResponse, SessionUser } from './types.js';

/** The signed-in user and their permission flags, all derived from the server's policy (permissions.ts). */
export interface Session extends Permissions {
  user: SessionUser;
}

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; user: SessionUser; policy: Policy };

interface SessionContextValue {
  state: State;
  /** Reloads the session (after sign-in, or to pick up new roles). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const [session, policy] = await Promise.all([
        api.get<SessionResponse>('/api/v1/session', { allow401: true }),
        api.get<Policy>('/api/v1/roles'),
      ]);
      setCsrfToken(session.csrfToken);
      setState({ status: 'signed-in', user: session.user, policy });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
      } else throw e;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/v1/session');
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    // Any 401 outside sign-in means the session ended: fall back to the login screen.
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    });
    refresh().catch(() => setState({ status: 'anonymous' }));
    return () => setUnauthorizedHandler(null);
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionState outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for screens rendered inside the signed-in layout. */
export function useSession(): Session & { signOut: () => Promise<void>; refresh: () => Promise<void> } {
  const { state, signOut, refresh } = useSessionState();
  const session = useMemo(() => {
    if (state.status !== 'signed-in') return null;
    const { user, policy } = state;
    return { user, ...permissionsOf(policy, user.assignments ?? []), signOut, refresh };
  }, [state, signOut, refresh]);
  if (!session) throw new Error('useSession without a session');
  return session;
}

export function useRoles(): RoleInfo[] {
  const { state } = useSessionState();
  return state.status === 'signed-in' ? state.policy.roles : [];
}

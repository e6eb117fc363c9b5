import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api.js';
import type { RoleInfo, SessionResponse, SessionUser } from './types.js';

export interface Session {
  user: SessionUser;
  /** Action names the server says this user may perform somewhere (drives menus and buttons only). */
  can: (action: string) => boolean;
  roleLabel: (role: string) => string;
}

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; user: SessionUser; roles: RoleInfo[] };

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
      const [session, roles] = await Promise.all([
        api.get<SessionResponse>('/api/v1/session', { allow401: true }),
        api.get<{ roles: RoleInfo[] }>('/api/v1/roles'),
      ]);
      setCsrfToken(session.csrfToken);
      setState({ status: 'signed-in', user: session.user, roles: roles.roles });
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
    const { user, roles } = state;
    const permissions = new Set(user.permissions ?? []);
    const labels = new Map(roles.map((r) => [r.role, r.label]));
    return {
      user,
      can: (action: string) => permissions.has(action),
      roleLabel: (role: string) => labels.get(role) ?? role,
      signOut,
      refresh,
    };
  }, [state, signOut, refresh]);
  if (!session) throw new Error('useSession without a session');
  return session;
}

export function useRoles(): RoleInfo[] {
  const { state } = useSessionState();
  return state.status === 'signed-in' ? state.roles : [];
}

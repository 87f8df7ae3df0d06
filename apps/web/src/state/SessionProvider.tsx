// Who is signed in: loads GET /api/me once, keeps it current after sign-up, login, logout and
// workspace changes, and drops to "anonymous" whenever the API says the session is gone.
import type { Me } from '@factdesk/model';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { onUnauthorized } from '../api/request.ts';
import { dropAllLocalCopies } from '../editor/localCopyNames.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signedIn'; me: Me }
  | { status: 'unavailable'; error: ApiError };

export interface Session {
  state: SessionState;
  /** Sign-up and login answer with Me: use it without another round trip. */
  signedIn(me: Me): void;
  /** Reload GET /api/me (after creating, joining or renaming a workspace). */
  refresh(): Promise<void>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'signedIn', me: await api.me() });
    } catch (error) {
      const apiError = ApiError.from(error);
      setState(
        apiError.status === 401
          ? { status: 'anonymous' }
          : { status: 'unavailable', error: apiError },
      );
    }
  }, []);

  useEffect(() => {
    onUnauthorized(() => setState({ status: 'anonymous' }));
    void refresh();
    return () => onUnauthorized(undefined);
  }, [refresh]);

  const signedIn = useCallback((me: Me) => setState({ status: 'signedIn', me }), []);

  const logOut = useCallback(async () => {
    await api.logOut();
    setState({ status: 'anonymous' });
    // Documents kept for offline editing go with the session: the next person at this
    // browser must not find them. An open document closes its copy as its page unmounts,
    // which the deletion waits for.
    await dropAllLocalCopies();
  }, []);

  return (
    <SessionContext.Provider value={{ state, signedIn, refresh, logOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>.');
  return session;
}

/** The signed-in user; only for components rendered behind <RequireSignIn>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe needs a signed-in session.');
  return state.me;
}

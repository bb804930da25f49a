import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, apiRequest, setUnauthorizedHandler } from '../api-client';
import type { LoginResponse, MeResponse, ObjectPermission } from '../api-types';
import { useI18n } from '../i18n/i18n-context';
import { hasStoredLocale, isLocale, readStoredLocale } from '../i18n/locale-storage';
import { readStoredToken, storeToken } from './token-storage';

export const meQueryKey = ['me'] as const;

interface AuthState {
  token: string | null;
  me: MeResponse | undefined;
  meLoading: boolean;
  meError: unknown;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Path to return to after login, e.g. /customers?page=2. */
export function loginPath(returnTo?: string): string {
  return returnTo && returnTo !== '/' ? `/login?returnTo=${encodeURIComponent(returnTo)}` : '/login';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => readStoredToken());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { setLocale } = useI18n();

  const endSession = useCallback(() => {
    storeToken(null);
    setToken(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      endSession();
      if (window.location.pathname !== '/login') {
        navigate(loginPath(window.location.pathname + window.location.search), { replace: true });
      }
    });
  }, [endSession, navigate]);

  const meQuery = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => api.get<MeResponse>('/api/me', undefined, signal),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });

  // A language chosen in this browser wins and is saved to the profile; otherwise the profile's applies.
  const syncLocaleAfterLogin = useCallback(
    (profileLocale: unknown) => {
      const chosen = readStoredLocale();
      if (hasStoredLocale()) {
        if (profileLocale !== chosen) api.patch('/api/me', { locale: chosen }).catch(() => undefined);
      } else if (isLocale(profileLocale)) {
        setLocale(profileLocale);
      }
    },
    [setLocale],
  );

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await apiRequest<LoginResponse>('/api/auth/login', {
        method: 'POST',
        body: { email, password },
        ignoreUnauthorized: true,
      });
      queryClient.clear();
      storeToken(result.token);
      setToken(result.token);
      syncLocaleAfterLogin(result.user.locale);
    },
    [queryClient, syncLocaleAfterLogin],
  );

  const logout = useCallback(async () => {
    try {
      await apiRequest<void>('/api/auth/logout', { method: 'POST', body: {}, ignoreUnauthorized: true });
    } catch {
      // The session is dropped locally either way.
    }
    endSession();
    navigate('/login', { replace: true });
  }, [endSession, navigate]);

  const value = useMemo<AuthState>(
    () => ({ token, me: meQuery.data, meLoading: meQuery.isPending && token !== null, meError: meQuery.error, login, logout }),
    [token, meQuery.data, meQuery.isPending, meQuery.error, login, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

/** The signed-in user; only call below <RequireAuth>, which waits for GET /api/me. */
export function useMe(): MeResponse {
  const { me } = useAuth();
  if (!me) throw new Error('useMe called before the current user was loaded');
  return me;
}

const noPermission: ObjectPermission = {
  read: false,
  create: false,
  update: false,
  delete: false,
  export: false,
  dataScope: 'self',
};

export function useObjectPermission(object: string): ObjectPermission {
  return useMe().objects[object] ?? noPermission;
}

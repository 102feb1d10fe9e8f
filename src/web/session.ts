import { useMutation, useQuery } from '@tanstack/react-query';
import type { SessionView } from '../contracts/auth.ts';
import { api, ApiError } from './api.ts';
import { queryClient, SESSION_KEY } from './query-client.ts';

export type { SessionView };
export type SessionOrganisation = SessionView['organisations'][number];

/** The current session, or null when signed out (GET /api/session answers 401). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<SessionView | null> => {
      try {
        return await api.get<SessionView>('/api/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Signed in with every step the account needs (password, and a TOTP code when it has one). */
export function isFullySignedIn(view: SessionView | null | undefined): boolean {
  return !!view && (view.secondFactor === 'passed' || view.secondFactor === 'not_needed');
}

export function currentOrganisation(view: SessionView | null | undefined): SessionOrganisation | undefined {
  return view?.organisations.find((o) => o.id === view.currentOrganisationId);
}

/** A new session view replaces the cached one; everything else was for the old one, so it goes. */
function replaceSession(view: SessionView | null) {
  queryClient.setQueryData(SESSION_KEY, view);
  const others = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== SESSION_KEY[0] };
  // Pages still on screen refetch for the new organisation; after sign-out nothing should refetch.
  if (view) void queryClient.resetQueries(others);
  else queryClient.removeQueries(others);
}

export function useSignIn() {
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<SessionView>('/api/session', body),
    onSuccess: replaceSession,
  });
}

export function useTotp() {
  return useMutation({
    mutationFn: (code: string) => api.post<SessionView>('/api/session/totp', { code }),
    onSuccess: replaceSession,
  });
}

/** Where an organisation requires a second step, starting it needs the one-time code an administrator issued. */
export function useBeginEnrolment() {
  return useMutation({
    mutationFn: (enrolmentCode?: string) =>
      api.post<{ secret: string; uri: string }>('/api/session/totp/enrolment', enrolmentCode ? { enrolmentCode } : {}),
  });
}

/** Changing my password signs out my other sessions; this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.put<{ endedSessions: number }>('/api/session/password', body),
  });
}

/** Setting a new password with a reset code from an administrator (no session needed). */
export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { code: string; newPassword: string }) => api.post<{ ok: true }>('/api/password-reset', body),
  });
}

export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (code: string) => api.post<SessionView>('/api/session/totp/enrolment/confirm', { code }),
    onSuccess: replaceSession,
  });
}

export function useSwitchOrganisation() {
  return useMutation({
    mutationFn: (organisationId: string) => api.put<SessionView>('/api/session/organisation', { organisationId }),
    onSuccess: replaceSession,
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: (everywhere: boolean) => api.delete<{ ok: true }>(`/api/session?everywhere=${everywhere}`),
    onSettled: () => replaceSession(null),
  });
}

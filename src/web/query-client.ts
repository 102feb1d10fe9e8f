import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';

/** One client for the whole app; api.ts reads the cached session from it for the CSRF token. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors won't fix themselves by retrying; flaky networks on exit days might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export const SESSION_KEY = ['session'] as const;

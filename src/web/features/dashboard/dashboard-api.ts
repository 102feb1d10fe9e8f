import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import type { CreatedPublicRelease } from '../../../contracts/public-statistics.ts';
import { api } from '../../api.ts';

/** The reports dashboard for the current organisation, with the page's filters as a query string. */
export function useDashboard(qs: string, organisationId: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', qs, organisationId],
    queryFn: () => api.get<Dashboard>(`/api/reports/dashboard${qs ? `?${qs}` : ''}`),
    enabled: !!organisationId,
  });
}

/** Publishes the next public release (a coordination organisation's admins and analysts; the server decides). */
export function usePublishRelease() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CreatedPublicRelease>('/api/public/releases'),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['public-statistics'] }),
  });
}

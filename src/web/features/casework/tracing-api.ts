/** Tracing API calls as TanStack Query hooks (contracts: src/contracts/tracing.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TracingDecisionBody,
  TracingProposalList,
  TracingRequestCreate,
  TracingRequestList,
  TracingRequestView,
} from '../../../contracts/tracing.ts';
import { api } from '../../api.ts';

const KEY = ['casework', 'tracing'] as const;

/** The organisation's own requests and their status. */
export function useTracingRequests() {
  return useQuery({
    queryKey: [...KEY, 'requests'],
    queryFn: () => api.get<TracingRequestList>('/api/tracing/requests'),
  });
}

/** Proposals about the organisation's own survivors. */
export function useTracingProposals() {
  return useQuery({
    queryKey: [...KEY, 'proposals'],
    queryFn: () => api.get<TracingProposalList>('/api/tracing/proposals'),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

export function useCreateTracingRequest(onDone: () => void) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof TracingRequestCreate>) =>
      api.post<TracingRequestView>('/api/tracing/requests', body),
    onSuccess: () => {
      onDone();
      void refresh();
    },
  });
}

export function useCloseTracingRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.post<TracingRequestView>(`/api/tracing/requests/${id}/close`),
    onSuccess: refresh,
  });
}

export function useDecideTracingProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof TracingDecisionBody> }) =>
      api.post<{ id: string; state: string }>(`/api/tracing/proposals/${id}/decision`, body),
    onSuccess: refresh,
  });
}

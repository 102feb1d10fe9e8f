/** Matching API calls as TanStack Query hooks (contracts: src/contracts/matching.ts). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProposalList, ProposalView } from '../../../contracts/matching.ts';
import { api } from '../../api.ts';

export const PROPOSAL_FILTERS = ['open', 'same', 'cross', 'decided'] as const;
export type ProposalFilter = (typeof PROPOSAL_FILTERS)[number];
const FILTER_QUERY: Record<ProposalFilter, string> = {
  open: 'status=proposed,undone',
  same: 'scope=same&status=proposed,undone',
  cross: 'scope=cross',
  decided: 'status=confirmed,rejected',
};

/** The organisation's possible matches under one filter, 25 at a time. */
export function useProposals(filter: ProposalFilter) {
  return useInfiniteQuery({
    queryKey: ['matching', 'list', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const cursor = pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : '';
      return api.get<ProposalList>(`/api/matching/proposals?limit=25&${FILTER_QUERY[filter]}${cursor}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Possible matches of one survivor (for the case page). */
export function useSurvivorProposals(survivorId: string) {
  return useQuery({
    queryKey: ['matching', 'survivor', survivorId],
    queryFn: () => api.get<ProposalList>(`/api/matching/survivors/${survivorId}/proposals?limit=50`),
  });
}

export type ProposalAction = ProposalView['actions'][number];

/** A decision on a proposal (confirm, reject, undo) or on its link request (accept, decline, revoke). */
export function useProposalAction(p: ProposalView) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ProposalAction) => {
      if (action === 'confirm' || action === 'reject' || action === 'undo')
        return api.patch<ProposalView>(`/api/matching/proposals/${p.id}`, { decision: action });
      const state = action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'revoked';
      return api.patch<ProposalView>(`/api/matching/link-requests/${p.link!.id}`, { state });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['matching'] }),
  });
}

/** Networks API calls as TanStack Query hooks (contracts: src/contracts/networks.ts). */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { EntityDetail, EntityGraph, ScreenResponse } from '../../../contracts/networks.ts';
import { api } from '../../api.ts';

export interface ScreenInput {
  name: string;
  birthDate?: string;
  countries?: string[];
  schema?: string;
}

export function useNetworksSummary() {
  return useQuery({
    queryKey: ['networks', 'summary'],
    queryFn: () => api.get<{ live: number; disappeared: number }>('/api/networks/summary'),
  });
}

export function useSanctionsAlerts() {
  return useQuery({
    queryKey: ['networks', 'alerts'],
    queryFn: () =>
      api.get<{
        items: {
          id: string;
          title: string;
          compoundId: string | null;
          entityId: string | null;
          score: number | null;
        }[];
      }>('/api/networks/alerts?limit=20'),
  });
}

export function useScreen() {
  return useMutation({
    mutationFn: (input: ScreenInput) => api.post<ScreenResponse>('/api/screen', { ...input, limit: 20 }),
  });
}

export function useEntity(id: string) {
  return useQuery({
    queryKey: ['networks', 'entity', id],
    queryFn: () => api.get<EntityDetail>(`/api/networks/entities/${encodeURIComponent(id)}`),
  });
}

/** One entity's neighbourhood (called again for each node the network view expands). */
export function fetchNeighbourhood(id: string): Promise<EntityGraph> {
  return api.get<EntityGraph>(`/api/networks/entities/${encodeURIComponent(id)}/graph`);
}

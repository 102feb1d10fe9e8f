/** Networks API calls as TanStack Query hooks (contracts: src/contracts/networks.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionView } from '../../../contracts/auth.ts';
import type { Message } from '../../../core/message.ts';
import type {
  EntityDetail,
  EntityGraph,
  EntityPath,
  EntityView,
  FlowTrace,
  HandEntityRequest,
  ScreenResponse,
} from '../../../contracts/networks.ts';
import { can } from '../../../core/permissions/matrix.ts';
import { api, ApiError } from '../../api.ts';
import { queryClient, SESSION_KEY } from '../../query-client.ts';
import { currentOrganisation, useSession } from '../../session.ts';

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
          titleMessage: Message | null;
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

/** May the signed-in person add and edit network data (the matrix the server checks; the server has the last word)? */
export function useNetworkRights() {
  const roles = currentOrganisation(useSession().data)?.roles ?? [];
  return { create: can(roles, 'create', 'entity'), update: can(roles, 'update', 'entity') };
}

/** Adds (no id) or edits (id) a hand-made entity or relation; the entity pages it touches reload. */
export function useSaveEntity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: HandEntityRequest }) =>
      id
        ? api.put<{ entity: EntityView }>(`/api/networks/entities/${encodeURIComponent(id)}`, body)
        : api.post<{ entity: EntityView }>('/api/networks/entities', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['networks'] }),
  });
}

/** The shortest chain of relations between two entities. */
export function fetchPath(from: string, to: string): Promise<EntityPath> {
  return api.get<EntityPath>(`/api/networks/path?${new URLSearchParams({ from, to })}`);
}

export function useTrace(address: string, hops: number, direction: 'out' | 'in' | 'both') {
  return useQuery({
    queryKey: ['networks', 'trace', address, hops, direction],
    queryFn: () =>
      api.get<FlowTrace>(
        `/api/networks/transfers/trace?${new URLSearchParams({ address, hops: String(hops), direction })}`,
      ),
  });
}

export interface TransferImport {
  lines: number;
  imported: number;
  duplicates: number;
  rejected: number;
  problems: { line: number; error: string }[];
}

/** Sends a transfers CSV as the request body (the endpoint reads it raw, like the FtM import). */
export function useImportTransfers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, dataset }: { file: File; dataset: string }): Promise<TransferImport> => {
      const csrf = queryClient.getQueryData<SessionView | null>(SESSION_KEY)?.csrfToken;
      const headers: Record<string, string> = {
        accept: 'application/json, application/problem+json',
        'content-type': 'text/csv',
      };
      if (csrf) headers['x-csrf-token'] = csrf;
      let response: Response;
      try {
        response = await fetch(`/api/networks/transfers?${new URLSearchParams({ dataset })}`, {
          method: 'POST',
          headers,
          body: file,
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError(0, 'Network error', undefined);
      }
      const data = (await response.json().catch(() => undefined)) as
        (TransferImport & { title?: string; detail?: string }) | undefined;
      if (!response.ok) throw new ApiError(response.status, data?.title ?? response.statusText, data?.detail, []);
      return data as TransferImport;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['networks', 'trace'] }),
  });
}

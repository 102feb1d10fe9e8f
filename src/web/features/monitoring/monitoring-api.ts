/** Monitoring API calls as TanStack Query hooks (contracts: src/contracts/monitoring/index.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionView } from '../../../contracts/auth.ts';
import type {
  AlertList,
  AlertView,
  CompoundSummary,
  CompoundView,
  CustodyLog,
  EventList,
  EvidenceList,
  EvidenceUploadQuery,
  EvidenceView,
  EditHistory,
  MapData,
  VerificationStepInput,
} from '../../../contracts/monitoring/index.ts';
import { can } from '../../../core/permissions/matrix.ts';
import { api, ApiError } from '../../api.ts';
import { queryClient, SESSION_KEY } from '../../query-client.ts';
import { currentOrganisation, useSession } from '../../session.ts';

const BASE = '/api/monitoring';

/** Every page of a cursor list (compounds are few; the cap stops a runaway loop). */
async function allPages<T>(path: string, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res: { items: T[]; nextCursor: string | null } = await api.get(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function useCompounds() {
  return useQuery({
    queryKey: ['monitoring', 'compounds'],
    queryFn: () => allPages<CompoundSummary>(`${BASE}/compounds`),
  });
}

/** Map data for a day (undefined = today). The previous day's data stays on screen while the next loads. */
export function useMapData(at?: string) {
  return useQuery({
    queryKey: ['monitoring', 'map', at ?? 'today'],
    queryFn: () => api.get<MapData>(`${BASE}/map${at ? `?at=${at}` : ''}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCompound(id: string) {
  return useQuery({
    queryKey: ['monitoring', 'compound', id],
    queryFn: () => api.get<CompoundView>(`${BASE}/compounds/${id}`),
  });
}

export function useCompoundEvents(id: string) {
  return useQuery({
    queryKey: ['monitoring', 'events', id],
    queryFn: () => api.get<EventList>(`${BASE}/compounds/${id}/events?limit=200`),
  });
}

export function useCompoundEvidence(id: string, enabled = true) {
  return useQuery({
    queryKey: ['monitoring', 'evidence-list', id],
    queryFn: () => api.get<EvidenceList>(`${BASE}/evidence?compoundId=${id}&limit=200`),
    enabled,
  });
}

export function useEvidence(id: string) {
  return useQuery({
    queryKey: ['monitoring', 'evidence', id],
    queryFn: () => api.get<EvidenceView>(`${BASE}/evidence/${id}`),
  });
}

/** The item's chain of custody, with who acted as the reader may know them. */
export function useCustody(id: string) {
  return useQuery({
    queryKey: ['monitoring', 'evidence', id, 'custody'],
    queryFn: () => api.get<CustodyLog>(`${BASE}/evidence/${id}/custody`),
  });
}

export function useAlerts(options: { compoundId?: string; status?: 'open' | 'acknowledged' | 'any' } = {}) {
  const params = new URLSearchParams({ status: options.status ?? 'open', limit: '200' });
  if (options.compoundId) params.set('compoundId', options.compoundId);
  return useQuery({
    queryKey: ['monitoring', 'alerts', options.compoundId ?? 'all', options.status ?? 'open'],
    queryFn: () => api.get<AlertList>(`${BASE}/alerts?${params}`),
  });
}

export function useAcknowledgeAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AlertView>(`${BASE}/alerts/${id}/acknowledge`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'alerts'] }),
  });
}

/** Closes a shared alert for every organisation (the compound's owner or coordination; the server refuses others). */
export function useCloseAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AlertView>(`${BASE}/alerts/${id}/close`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'alerts'] }),
  });
}

/** Who changed a shared evidence item or compound, when, and the values before and after. */
export function useEditHistory(subject: 'evidence' | 'compounds', id: string) {
  return useQuery({
    queryKey: ['monitoring', subject, id, 'history'],
    queryFn: () => api.get<EditHistory>(`${BASE}/${subject}/${id}/history`),
  });
}

export function useVerificationStep(evidenceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (step: VerificationStepInput) =>
      api.post<EvidenceView>(`${BASE}/evidence/${evidenceId}/verification`, step),
    onSuccess: (view) => {
      client.setQueryData(['monitoring', 'evidence', evidenceId], view);
      void client.invalidateQueries({ queryKey: ['monitoring', 'evidence', evidenceId, 'history'] });
      void client.invalidateQueries({ queryKey: ['monitoring', 'evidence', evidenceId, 'custody'] });
      void client.invalidateQueries({ queryKey: ['monitoring', 'evidence-list'] });
    },
  });
}

export interface UrlEvidence {
  kind: EvidenceView['kind'];
  title: string | null;
  url: string;
  compoundId: string;
}

/** Upload a file (raw bytes; metadata in the query string) or register a URL to capture later. */
export function useAddEvidence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; query: Omit<EvidenceUploadQuery, 'fileName'> } | UrlEvidence) =>
      'file' in input
        ? uploadFile(input.file, input.query)
        : api.post<EvidenceView>(`${BASE}/evidence`, {
            kind: input.kind,
            title: input.title,
            compoundId: input.compoundId,
            source: { url: input.url, publisher: null, originalSha256: null, acquiredFrom: null },
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring'] }),
  });
}

async function uploadFile(file: File, query: Omit<EvidenceUploadQuery, 'fileName'>): Promise<EvidenceView> {
  const params = new URLSearchParams({ fileName: file.name });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const csrf = queryClient.getQueryData<SessionView | null>(SESSION_KEY)?.csrfToken;
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'content-type': file.type || 'application/octet-stream',
  };
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(`${BASE}/evidence/upload?${params}`, {
      method: 'POST',
      headers,
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'Network error', undefined);
  }
  const data = (await response.json().catch(() => undefined)) as
    | (EvidenceView & { title?: string; detail?: string; invalidParams?: { name: string; reason: string }[] })
    | undefined;
  if (!response.ok)
    throw new ApiError(
      response.status,
      data?.title ?? response.statusText,
      data?.detail,
      data?.invalidParams ?? [],
      undefined,
      undefined,
      data ?? {},
    );
  return data as EvidenceView;
}

/** What the signed-in person may do here (the same matrix the server checks; the server has the last word). */
export function useMonitoringRights() {
  const session = useSession();
  const roles = currentOrganisation(session.data)?.roles ?? [];
  return {
    read: can(roles, 'read', 'compound'),
    readEvidence: can(roles, 'read', 'evidence'),
    addEvidence: can(roles, 'create', 'evidence'),
    // Mirrors services/monitoring/access.service.ts authoriseVerification.
    verify: can(roles, 'verify', 'evidence') || can(roles, 'update', 'evidence'),
    acknowledge: can(roles, 'update', 'compound'),
  };
}

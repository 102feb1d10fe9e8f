/**
 * Casework API calls as TanStack Query hooks (contracts: src/contracts/casework/index.ts).
 * Every key starts with 'casework', so a write can refresh every casework screen at once.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AlertView,
  AttachmentView,
  CaseDetail,
  CaseSummary,
  ConsentFlagsInput,
  ConsentHistoryView,
  ConsularQueueItem,
  ConsularUpdateRequest,
  CompoundLookupResult,
  CoordinationSummary,
  CreateReferralRequest,
  FollowUpView,
  GroupFlightResult,
  NeedView,
  NoteView,
  ReferralView,
  RegisteredSurvivor,
  RegisterSurvivorRequest,
  ScreeningRequest,
  ScreeningView,
  TestimonyHandOffRequest,
  TestimonyHandOffResult,
  TriageItem,
} from '../../../contracts/casework/index.ts';
import type { OrganisationDirectory } from '../../../contracts/home.ts';
import { api } from '../../api.ts';
import { currentOrganisation, useSession } from '../../session.ts';
import { withQuery } from './components/Pager.tsx';

type Page<T> = { items: T[]; nextCursor: string | null };
type QueryParams = Parameters<typeof withQuery>[1];
export type DirectoryEntry = OrganisationDirectory['items'][number];

const CASEWORK = ['casework'] as const;

/** Refreshes every casework query (lists, boards and case pages) after a write. */
function useRefreshCasework() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: CASEWORK });
}

// ---- Lists and boards (paged; the previous page stays on screen while the next loads) ----

export function useCaseList(params: QueryParams) {
  const path = withQuery('/api/cases', params);
  return useQuery({
    queryKey: ['casework', 'cases', path],
    queryFn: () => api.get<Page<CaseSummary>>(path),
    placeholderData: keepPreviousData,
  });
}

/** The organisation's people a name being registered may already be (the case search, first few only). */
export function usePossibleDuplicates(name: string) {
  const path = withQuery('/api/cases', { q: name, limit: 5 });
  return useQuery({
    queryKey: ['casework', 'cases', path],
    queryFn: () => api.get<Page<CaseSummary>>(path),
    enabled: name.length >= 3,
  });
}

export function useTriageBoard(params: QueryParams) {
  const path = withQuery('/api/triage', params);
  return useQuery({
    queryKey: ['casework', 'triage', path],
    queryFn: () => api.get<Page<TriageItem>>(path),
    placeholderData: keepPreviousData,
  });
}

export function useReferralList(params: QueryParams) {
  const path = withQuery('/api/referrals', params);
  return useQuery({
    queryKey: ['casework', 'referrals', path],
    queryFn: () => api.get<Page<ReferralView>>(path),
    placeholderData: keepPreviousData,
  });
}

export function useConsularQueue(params: QueryParams) {
  const path = withQuery('/api/consular/queue', params);
  return useQuery({
    queryKey: ['casework', 'consular', path],
    queryFn: () => api.get<Page<ConsularQueueItem>>(path),
    placeholderData: keepPreviousData,
  });
}

export function useCaseworkAlerts(params: QueryParams) {
  const path = withQuery('/api/alerts', params);
  return useQuery({
    queryKey: ['casework', 'alerts', path],
    queryFn: () => api.get<Page<AlertView>>(path),
  });
}

export function useDueFollowUps(params: QueryParams) {
  const path = withQuery('/api/followups/due', params);
  return useQuery({
    queryKey: ['casework', 'followups', path],
    queryFn: () => api.get<Page<FollowUpView>>(path),
  });
}

export function useCoordinationSummary() {
  return useQuery({
    queryKey: ['casework', 'coordination'],
    queryFn: () => api.get<z.infer<typeof CoordinationSummary>>('/api/coordination/summary'),
  });
}

/** Every other responding organisation, from the directory (GET /api/organisations), by kind then name. */
export function useKnownOrganisations() {
  const session = useSession();
  const current = currentOrganisation(session.data);
  return useQuery({
    queryKey: ['casework', 'organisation-directory'],
    enabled: !!current,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<DirectoryEntry[]> => {
      const all: DirectoryEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: OrganisationDirectory = await api.get<OrganisationDirectory>(
          `/api/organisations?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all
        .filter((o) => o.id !== current?.id)
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    },
  });
}

// ---- One case ----

export const caseKey = (caseId: string) => ['casework', 'case', caseId] as const;

export function useCase(caseId: string) {
  return useQuery({ queryKey: caseKey(caseId), queryFn: () => api.get<CaseDetail>(`/api/cases/${caseId}`) });
}

export function useConsentHistory(survivorId: string) {
  return useQuery({
    queryKey: ['casework', 'consent', survivorId],
    queryFn: () => api.get<ConsentHistoryView>(`/api/survivors/${survivorId}/consent`),
  });
}

/** The screening rule in force (it changes only with a release). */
export function useScreeningRule() {
  return useQuery({
    queryKey: ['casework', 'screening-rule'],
    queryFn: () => api.get<{ ruleVersion: string; ruleText: string }>('/api/screening/rule'),
    staleTime: Infinity,
  });
}

/** No caseId filter on GET /api/referrals yet: the newest outgoing page, narrowed to this case. */
export function useOutgoingReferralsForCase(caseId: string) {
  return useQuery({
    queryKey: ['casework', 'referrals', 'outgoing-for-case', caseId],
    queryFn: () => api.get<{ items: ReferralView[] }>('/api/referrals?direction=outgoing&limit=200'),
    select: (d) => d.items.filter((r) => r.caseId === caseId),
  });
}

/** A write on a case that refreshes the case page (and lists) afterwards. */
function useCaseMutation<TBody, TResult = unknown>(caseId: string, method: 'post' | 'put' | 'patch', path: string) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: TBody) => api[method]<TResult>(path, body),
    onSuccess: refresh,
    meta: { caseId },
  });
}

export const useSaveConsent = (caseId: string, survivorId: string) =>
  useCaseMutation<ConsentFlagsInput, ConsentHistoryView>(caseId, 'put', `/api/survivors/${survivorId}/consent`);

export const useSaveScreening = (caseId: string) =>
  useCaseMutation<ScreeningRequest, ScreeningView>(caseId, 'put', `/api/cases/${caseId}/screening`);

export const useAddNeed = (caseId: string) =>
  useCaseMutation<{ kind: string; priority: string; note?: string }>(caseId, 'post', `/api/cases/${caseId}/needs`);

export const useAddNote = (caseId: string) =>
  useCaseMutation<{ body: string }, NoteView>(caseId, 'post', `/api/cases/${caseId}/notes`);

export const useAddAttachment = (caseId: string) =>
  useCaseMutation<{ fileName: string; contentType: string; dataBase64: string }, AttachmentView>(
    caseId,
    'post',
    `/api/cases/${caseId}/attachments`,
  );

export const useCreateReferral = (caseId: string) =>
  useCaseMutation<CreateReferralRequest, ReferralView>(caseId, 'post', '/api/referrals');

export const useChangeCaseStatus = (caseId: string) =>
  useCaseMutation<{ status: string; reason?: string }>(caseId, 'patch', `/api/cases/${caseId}/status`);

export const useChangeCaseRisk = (caseId: string) =>
  useCaseMutation<{ riskLevel: string; reason?: string }>(caseId, 'patch', `/api/cases/${caseId}/risk`);

export const useAssignCase = (caseId: string) =>
  useCaseMutation<{ assignedTo: string | null }>(caseId, 'patch', `/api/cases/${caseId}/assignment`);

// ---- Writes outside one case page ----

export function useRegisterSurvivor(onRegistered: (r: RegisteredSurvivor) => void) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: RegisterSurvivorRequest) => api.post<RegisteredSurvivor>('/api/survivors', body),
    onSuccess: (r) => {
      void refresh();
      onRegistered(r);
    },
  });
}

/** PATCH /api/needs/:id (status or priority), from the case page or the triage board. */
export function useUpdateNeed() {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { status?: string; priority?: string } }) =>
      api.patch<NeedView>(`/api/needs/${id}`, body),
    onSuccess: refresh,
  });
}

export function useChangeReferralState(referralId: string, onChanged: () => void) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: { state: string; reason?: string }) =>
      api.patch<ReferralView>(`/api/referrals/${referralId}`, body),
    onSuccess: () => {
      onChanged();
      return refresh();
    },
  });
}

/** PATCH /api/consular/cases/:id with one step; refreshes the queue. */
export function useConsularUpdate(caseId: string) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: ConsularUpdateRequest) => api.patch<ConsularQueueItem>(`/api/consular/cases/${caseId}`, body),
    onSuccess: refresh,
  });
}

/** Books everyone chosen on one flight (dry run first); refreshes casework once a booking is applied. */
export function useBookGroupFlight(onApplied: () => void) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: { caseIds: string[]; flight: { date: string; flightNumber: string }; dryRun: boolean }) =>
      api.post<z.infer<typeof GroupFlightResult>>('/api/consular/flights', body),
    onSuccess: (r) => {
      if (r.applied) {
        void refresh();
        onApplied();
      }
    },
  });
}

export function useChangeAlertStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'acknowledged' | 'dismissed' | 'open' }) =>
      api.patch<AlertView>(`/api/alerts/${id}`, { status }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['casework', 'alerts'] }),
  });
}

export function useRecordCheckIn() {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: ({ id, outcome, compoundId }: { id: string; outcome: string; compoundId?: string }) =>
      api.post(`/api/followups/${id}/checkins`, compoundId ? { outcome, compoundId } : { outcome }),
    onSuccess: refresh,
  });
}

/** Compounds of the registry matching what was typed, in any script (the registration and check-in pickers). */
export function useCompoundLookup(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['casework', 'compound-lookup', query],
    queryFn: () => api.get<CompoundLookupResult>(withQuery('/api/compound-lookup', { q: query, limit: 8 })),
    enabled: query.length >= 1,
    placeholderData: keepPreviousData,
  });
}

/** Hands a de-identified testimony to monitoring (the survivor's consent is checked by the server too). */
export function useHandOffTestimony(caseId: string) {
  return useMutation({
    mutationFn: (body: TestimonyHandOffRequest) =>
      api.post<TestimonyHandOffResult>(`/api/cases/${caseId}/testimony`, body),
  });
}

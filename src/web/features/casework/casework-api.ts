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
  CaseView,
  CaseSummary,
  ConsentFlagsInput,
  ConsentHistoryView,
  BulkStepRequest,
  BulkStepResult,
  ConsularQueue,
  ConsularQueueItem,
  ConsularUpdateRequest,
  CompoundLookupResult,
  CoordinationSummary,
  CreateReferralRequest,
  FollowUpView,
  GroupFlightResult,
  NeedView,
  NoteView,
  PostReferralMessage,
  ReferralThread,
  ReferralView,
  RegisteredSurvivor,
  RegisterSurvivorRequest,
  ScreeningRequest,
  ScreeningView,
  TestimonyHandOffRequest,
  TestimonyHandOffResult,
  TriageItem,
} from '../../../contracts/casework/index.ts';
import type { HelpNextStepsChange, HelpRequestView } from '../../../contracts/help.ts';
import type { OrganisationDirectory } from '../../../contracts/home.ts';
import type { HelpRequestStatus } from '../../../core/help/help-request.ts';
import { api, ApiError } from '../../api.ts';
import type {
  CapacityList,
  CapacityView,
  NeedsAgainstCapacityView,
  NoConsularPathView,
  PublishCapacityRequest,
  RoomList,
} from '../../../contracts/capacity.ts';
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
    queryFn: () => api.get<ConsularQueue>(path),
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

/**
 * An edit of the case row from the version on screen (If-Match). When someone else changed the case meanwhile the
 * server refuses it (409, nothing changed): the page reloads the case so the person sees the other change first.
 */
function useVersionedCaseEdit<TBody>(path: string) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: ({ version, ...body }: TBody & { version: number | null }) =>
      api.patch<CaseView>(path, body, { ifMatch: version }),
    onSuccess: refresh,
    onError: (error) => (isEditConflict(error) ? refresh() : undefined),
  });
}

/** A 409 because the record changed since it was loaded (not a refused state change). */
export const isEditConflict = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.currentVersion !== undefined;

export const useChangeCaseStatus = (caseId: string) =>
  useVersionedCaseEdit<{ status: string; reason?: string }>(`/api/cases/${caseId}/status`);

export const useChangeCaseRisk = (caseId: string) =>
  useVersionedCaseEdit<{ riskLevel: string; reason?: string }>(`/api/cases/${caseId}/risk`);

export const useAssignCase = (caseId: string) =>
  useVersionedCaseEdit<{ assignedTo: string | null }>(`/api/cases/${caseId}/assignment`);

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
    mutationFn: ({
      id,
      body,
      version,
    }: {
      id: string;
      body: { status?: string; priority?: string };
      version?: number;
    }) => api.patch<NeedView>(`/api/needs/${id}`, body, { ifMatch: version }),
    onSuccess: refresh,
    onError: (error) => (isEditConflict(error) ? refresh() : undefined),
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
export function useBookGroupFlight(onApplied: (r: GroupFlightResult) => void) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: { caseIds: string[]; flight: { date: string; flightNumber: string }; dryRun: boolean }) =>
      api.post<GroupFlightResult>('/api/consular/flights', body),
    onSuccess: (r) => {
      if (r.applied) {
        void refresh();
        onApplied(r);
      }
    },
  });
}

/** One step for everyone chosen (all or none); refreshes casework once applied. */
export function useBulkStep(onApplied: (r: BulkStepResult, step: BulkStepRequest['step']) => void) {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: BulkStepRequest) => api.post<BulkStepResult>('/api/consular/steps', body),
    onSuccess: (r, body) => {
      if (r.applied) {
        void refresh();
        onApplied(r, body.step);
      }
    },
  });
}

/** The exchange on one referral (what was asked, replies, care recorded), as this side may read it. */
export function useReferralThread(referralId: string, enabled = true) {
  return useQuery({
    queryKey: ['casework', 'referrals', 'thread', referralId],
    queryFn: () => api.get<ReferralThread>(`/api/referrals/${referralId}/messages`),
    enabled,
  });
}

/** A reply, or the receiver's record of care; the thread comes back whole. */
export function usePostReferralMessage(referralId: string, onPosted: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PostReferralMessage) => api.post<ReferralThread>(`/api/referrals/${referralId}/messages`, body),
    onSuccess: (thread) => {
      client.setQueryData(['casework', 'referrals', 'thread', referralId], thread);
      onPosted();
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

// ---- Help requests from the public help page (issue #15): unverified, the organisation's own queue ----

export function useHelpRequests() {
  return useQuery({
    queryKey: ['casework', 'help-requests'],
    queryFn: () => api.get<{ items: HelpRequestView[] }>('/api/help-requests'),
  });
}

export function useSetHelpRequestStatus() {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: HelpRequestStatus }) =>
      api.patch<{ status: HelpRequestStatus }>(`/api/help-requests/${id}`, { status }),
    onSuccess: refresh,
  });
}

export function useSetHelpRequestNextSteps() {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & HelpNextStepsChange) =>
      api.put<HelpNextStepsChange>(`/api/help-requests/${id}/next-steps`, body),
    onSuccess: refresh,
  });
}
// ---- Capacity, needs against capacity and consular coverage (issue #10) ----

export function useCapacity() {
  return useQuery({
    queryKey: ['casework', 'capacity'],
    queryFn: () => api.get<z.infer<typeof CapacityList>>('/api/capacity'),
  });
}

export function usePublishCapacity() {
  const refresh = useRefreshCasework();
  return useMutation({
    mutationFn: (body: PublishCapacityRequest) => api.put<CapacityView>('/api/capacity', body),
    onSuccess: refresh,
  });
}

/** Where there is room for this case's chosen (or open) needs, best first (the referral form). */
export function useRoomForCase(caseId: string, needIds: readonly string[]) {
  const path = withQuery('/api/capacity/room', { caseId, needIds: needIds.length ? needIds.join(',') : undefined });
  return useQuery({
    queryKey: ['casework', 'capacity', 'room', path],
    queryFn: () => api.get<z.infer<typeof RoomList>>(path),
  });
}

export function useNeedsAgainstCapacity() {
  return useQuery({
    queryKey: ['casework', 'coordination', 'needs'],
    queryFn: () => api.get<NeedsAgainstCapacityView>('/api/coordination/needs'),
  });
}

export function useNoConsularPath() {
  return useQuery({
    queryKey: ['casework', 'consular', 'no-path'],
    queryFn: () => api.get<NoConsularPathView>('/api/consular/no-path'),
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

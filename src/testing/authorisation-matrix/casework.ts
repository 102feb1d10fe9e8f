/**
 * The authorisation matrix's reviewed routes: casework, capacity, help requests, tracing, deaths, matching.
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { consent } from '../casework-fixtures.ts';
import { all, any, caseRead, caseUpdate, type Expectation } from './world.ts';

export const CASEWORK: Record<string, Expectation> = {
  // --- casework: lists and creation within the caller's organisation ----------------------
  'POST /api/survivors': { none: "registers a survivor in the caller's organisation" },
  'GET /api/cases': { none: 'cases the caller may see (row-level security)', list: true },
  'GET /api/screening/rule': { none: 'the screening rule text; no data' },
  'GET /api/triage': { none: "the caller's organisation's open needs", list: true },
  'POST /api/referrals': {
    none: 'the case id travels in the body; a foreign case is refused by loadVisibleCase (sharing.routes.test.ts)',
  },
  'GET /api/referrals': { none: "incoming or outgoing referrals of the caller's organisation", list: true },
  'GET /api/consular/queue': { none: "the embassy's consenting nationals", list: true },
  'POST /api/consular/flights': { none: 'case ids in the body, each loaded through loadVisibleCase (all or none)' },
  'POST /api/consular/steps': {
    none: 'case ids in the body, each loaded through loadVisibleCase (all or none; consular-queue.routes.test.ts: another embassy changes nothing)',
  },
  'GET /api/consular/manifest': {
    none: "the embassy's own consenting nationals on one flight (export consular; consular-queue.routes.test.ts: another embassy's manifest is empty)",
  },
  'GET /api/followups/due': { none: "the caller's organisation's due check-ins", list: true },
  // --- issue #10: capacity, needs against it, consular coverage, the receiver's care ----------
  'GET /api/capacity': {
    none: 'published capacity: about organisations, not people (every working role reads it)',
    list: true,
  },
  'PUT /api/capacity': {
    none: "the caller's own shelter's or clinic's capacity (capacity.routes.test.ts refuses other kinds and roles)",
  },
  'GET /api/capacity/room': {
    none: 'the case id travels in the query; loadVisibleCase answers only its owner (capacity.routes.test.ts: 404)',
  },
  'GET /api/coordination/needs': {
    none: 'suppressed counts and capacity, for coordination only (capacity.routes.test.ts)',
  },
  'GET /api/consular/coverage': { none: 'who covers each nationality: about organisations', list: true },
  'GET /api/consular/no-path': {
    none: "the caller's own cases on the list, suppressed counts for coordination (capacity.routes.test.ts)",
    list: true,
  },
  'PATCH /api/referrals/{id}/needs/{needId}': {
    none: "the receiver's curated care door: a referral and one of its needs; exit-day.routes.test.ts refuses the sender, other organisations and raw SQL as the app role",
  },
  'POST /api/followups/evaluations': { none: "re-evaluates the caller's organisation's cases" },
  'GET /api/alerts': { none: "the caller's organisation's and shared alerts", list: true },
  'GET /api/matching/proposals': { none: "matches involving the caller's organisation", list: true },
  'POST /api/matching/dedupe': { none: "starts a de-duplication job for the caller's organisation" },
  'GET /api/compound-lookup': {
    none: 'shared compound names for the registration picker (compound-links.routes.test.ts: signed out is 401)',
    list: true,
  },
  'POST /api/cases/{id}/testimony': {
    none: "needs the survivor's testimony consent, which no case here has; testimony-handoff.routes.test.ts refuses another organisation (404), an analyst (403) and a case without the consent (403), storing nothing",
  },
  'POST /api/help-requests': {
    none: 'public: lands in the named organisation’s queue and answers only with a code (help.routes.test.ts)',
  },
  'POST /api/help-requests/status': {
    none: 'public: the private code is the credential; any wrong code is the same 404 (help.routes.test.ts)',
  },
  'GET /api/help-requests': { none: "the caller's organisation's help requests (row-level security)", list: true },
  'PATCH /api/help-requests/{id}': {
    none: "a help request of the caller's organisation; another organisation's is 404 (help.routes.test.ts)",
  },
  'PUT /api/help-requests/{id}/next-steps': {
    none: "a help request of the caller's organisation; another organisation's is 404 and changes nothing (help.routes.test.ts)",
  },
  // --- issue #10: tracing requests (blind both ways) and deaths (restricted) ---------------------
  'POST /api/tracing/requests': { none: "records a request in the caller's organisation (create tracing)" },
  'GET /api/tracing/requests': {
    none: "the caller's organisation's requests (row-level security); tracing.routes.test.ts: another organisation sees none",
    list: true,
  },
  'POST /api/tracing/requests/{id}/close': {
    none: "a request of the caller's organisation; another organisation's is 404 (tracing.routes.test.ts)",
  },
  'GET /api/tracing/proposals': {
    none: "proposals about the caller's own survivors only (row-level security; tracing.routes.test.ts)",
    list: true,
  },
  'POST /api/tracing/proposals/{id}/decision': {
    none: 'the holder alone decides; the requester and any other organisation get 404 (tracing.routes.test.ts)',
  },
  'POST /api/deaths': { none: "records a restricted report in the caller's organisation (create death)" },
  'GET /api/deaths': {
    none: "the caller's organisation's reports (row-level security; tracing.routes.test.ts)",
    list: true,
  },
  'GET /api/deaths/counts': {
    none: 'own reports exact, across organisations suppressed for coordination only (tracing.routes.test.ts)',
  },

  // --- casework: one survivor or case -------------------------------------------------------
  'GET /api/survivors/{id}/consent': { kind: 'survivor', permitted: all('read:survivor@org') },
  'GET /api/cases/{id}': { kind: 'case', permitted: caseRead },
  'GET /api/cases/{id}/timeline': { kind: 'case', permitted: caseRead },
  'GET /api/cases/{id}/attachments/{attachmentId}': { kind: 'attachment', permitted: caseRead },
  'PUT /api/survivors/{id}/consent': {
    kind: 'survivor',
    permitted: all('update:survivor@org'),
    body: (w) => consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [w.clinicId], useInStatistics: false }),
  },
  // A case is marked assessed only after a screening: the screening's positive control runs first.
  'PUT /api/cases/{id}/screening': {
    kind: 'case',
    permitted: all('create:screening', 'read:case@org'),
    body: () => ({ answers: { deception: { answer: 'yes' } } }),
  },
  'PATCH /api/cases/{id}/status': { kind: 'case', permitted: caseUpdate, body: () => ({ status: 'assessed' }) },
  'PATCH /api/cases/{id}/risk': { kind: 'case', permitted: caseUpdate, body: () => ({ riskLevel: 'critical' }) },
  'PATCH /api/cases/{id}/assignment': { kind: 'case', permitted: caseUpdate, body: () => ({ assignedTo: null }) },
  'POST /api/cases/{id}/notes': { kind: 'case', permitted: caseUpdate, body: () => ({ body: 'matrix note' }) },
  'POST /api/cases/{id}/attachments': {
    kind: 'case',
    permitted: caseUpdate,
    body: () => ({ fileName: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('hello').toString('base64') }),
  },
  'POST /api/cases/{id}/needs': {
    kind: 'case',
    permitted: all('create:need', 'read:case@org'),
    body: () => ({ kind: 'food', priority: 'low' }),
  },
  'PATCH /api/needs/{id}': {
    kind: 'need',
    permitted: all('update:need', 'read:case@org'),
    body: () => ({ status: 'in_progress' }),
  },
  'POST /api/followups/{id}/checkins': {
    kind: 'followup',
    permitted: caseUpdate,
    body: () => ({ outcome: 'reached' }),
  },
  'PATCH /api/consular/cases/{id}': {
    kind: 'case',
    permitted: () => false,
    body: () => ({ exitClearance: 'paid' }),
    positive: { org: 'embId', role: 'consular_officer' },
  },
  'PATCH /api/alerts/{id}': {
    kind: 'alert',
    permitted: any('read:case', 'read:compound'),
    body: () => ({ status: 'acknowledged' }),
  },
  'GET /api/referrals/{id}': {
    kind: 'referral',
    permitted: all('read:referral@org'),
    alsoReads: [{ org: 'clinic', role: 'medic' }],
  },
  'GET /api/referrals/{id}/messages': {
    kind: 'referral',
    permitted: all('read:referral@org'),
    alsoReads: [{ org: 'clinic', role: 'medic' }],
  },
  // Before the PATCH below revokes the referral (a revoked one takes no more messages).
  'POST /api/referrals/{id}/messages': {
    kind: 'referral',
    permitted: all('update:referral@org'),
    body: () => ({ kind: 'reply', text: 'matrix positive control' }),
  },
  'PATCH /api/referrals/{id}': {
    kind: 'referral',
    permitted: all('update:referral@org'),
    body: () => ({ state: 'revoked', reason: 'matrix positive control' }),
  },
  // --- matching ---------------------------------------------------------------------------
  'GET /api/matching/survivors/{id}/proposals': { kind: 'survivor', permitted: all('read:match@org') },
  'GET /api/matching/proposals/{id}': { kind: 'proposal', permitted: all('read:match@org') },
  'POST /api/matching/survivors/{id}/check': { kind: 'survivor', permitted: all('create:match@org') },
  'PATCH /api/matching/proposals/{id}': {
    kind: 'proposal',
    permitted: all('update:match@org'),
    body: () => ({ decision: 'confirm' }),
  },
  // Blind matching: only the holder (alpha, who registered first) decides the link request the system raised.
  'PATCH /api/matching/link-requests/{id}': {
    kind: 'link',
    permitted: all('update:match@org'),
    body: () => ({ state: 'declined', reason: 'not the same person' }),
  },
};

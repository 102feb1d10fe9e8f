/**
 * The authorisation matrix's reviewed routes: care across organisations (referrals, capacity, help requests, tracing, deaths).
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { allOf, type Expectation } from './world.ts';

export const CARE: Record<string, Expectation> = {
  'POST /api/referrals': {
    none: 'the case id travels in the body; a foreign case is refused by loadVisibleCase (sharing.routes.test.ts)',
  },
  'GET /api/referrals': { none: "incoming or outgoing referrals of the caller's organisation", list: true },
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
  'GET /api/referrals/{id}': {
    kind: 'referral',
    permitted: allOf('read:referral@org'),
    alsoReads: [{ org: 'clinic', role: 'medic' }],
  },
  'GET /api/referrals/{id}/messages': {
    kind: 'referral',
    permitted: allOf('read:referral@org'),
    alsoReads: [{ org: 'clinic', role: 'medic' }],
  },
  // Before the PATCH below revokes the referral (a revoked one takes no more messages).
  'POST /api/referrals/{id}/messages': {
    kind: 'referral',
    permitted: allOf('update:referral@org'),
    body: () => ({ kind: 'reply', text: 'matrix positive control' }),
  },
  'PATCH /api/referrals/{id}': {
    kind: 'referral',
    permitted: allOf('update:referral@org'),
    body: () => ({ state: 'revoked', reason: 'matrix positive control' }),
  },
};

/**
 * The authorisation matrix's reviewed routes: casework (survivors, cases and what hangs off a case, consular steps, alerts).
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { consent } from '../casework-fixtures.ts';
import { allOf, anyOf, caseRead, caseUpdate, type Expectation } from './world.ts';

export const CASEWORK: Record<string, Expectation> = {
  // --- casework: lists and creation within the caller's organisation ----------------------
  'POST /api/survivors': { none: "registers a survivor in the caller's organisation" },
  'GET /api/cases': { none: 'cases the caller may see (row-level security)', list: true },
  'GET /api/screening/rule': { none: 'the screening rule text; no data' },
  'GET /api/triage': { none: "the caller's organisation's open needs", list: true },
  'GET /api/consular/queue': { none: "the embassy's consenting nationals", list: true },
  'POST /api/consular/flights': { none: 'case ids in the body, each loaded through loadVisibleCase (all or none)' },
  'POST /api/consular/steps': {
    none: 'case ids in the body, each loaded through loadVisibleCase (all or none; consular-queue.routes.test.ts: another embassy changes nothing)',
  },
  'GET /api/consular/manifest': {
    none: "the embassy's own consenting nationals on one flight (export consular; consular-queue.routes.test.ts: another embassy's manifest is empty)",
  },
  'GET /api/followups/due': { none: "the caller's organisation's due check-ins", list: true },
  'POST /api/followups/evaluations': { none: "re-evaluates the caller's organisation's cases" },
  'GET /api/alerts': { none: "the caller's organisation's and shared alerts", list: true },
  'GET /api/compound-lookup': {
    none: 'shared compound names for the registration picker (compound-links.routes.test.ts: signed out is 401)',
    list: true,
  },
  'POST /api/cases/{id}/testimony': {
    none: "needs the survivor's testimony consent, which no case here has; testimony-handoff.routes.test.ts refuses another organisation (404), an analyst (403) and a case without the consent (403), storing nothing",
  },

  // --- casework: one survivor or case -------------------------------------------------------
  'GET /api/survivors/{id}/consent': { kind: 'survivor', permitted: allOf('read:survivor@org') },
  'GET /api/cases/{id}': { kind: 'case', permitted: caseRead },
  'GET /api/cases/{id}/timeline': { kind: 'case', permitted: caseRead },
  'GET /api/cases/{id}/attachments/{attachmentId}': { kind: 'attachment', permitted: caseRead },
  'PUT /api/survivors/{id}/consent': {
    kind: 'survivor',
    permitted: allOf('update:survivor@org'),
    body: (w) => consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [w.clinicId], useInStatistics: false }),
  },
  // A case is marked assessed only after a screening: the screening's positive control runs first.
  'PUT /api/cases/{id}/screening': {
    kind: 'case',
    permitted: allOf('create:screening', 'read:case@org'),
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
    permitted: allOf('create:need', 'read:case@org'),
    body: () => ({ kind: 'food', priority: 'low' }),
  },
  'PATCH /api/needs/{id}': {
    kind: 'need',
    permitted: allOf('update:need', 'read:case@org'),
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
    permitted: anyOf('read:case', 'read:compound'),
    body: () => ({ status: 'acknowledged' }),
  },
};

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { scopeFor, type Action, type Resource } from '../core/permissions/matrix.ts';
import { ROLES, type OrganisationKind, type Role } from '../core/vocabulary.ts';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import { asSystem } from '../db/transaction.ts';
import { tablesInDependencyOrder } from '../services/data-transfer.service.ts';
import { checkSurvivorForDuplicates } from '../services/matching/check.service.ts';
import { JobRunner } from '../services/jobs.service.ts';
import { jobHandlers } from './job-handlers.ts';
import { consent, register } from '../testing/casework-fixtures.ts';
import { createCompound, png, upload } from '../testing/monitoring-fixtures.ts';
import { createUser } from '../services/accounts.service.ts';
import { hashPassword } from '../services/passwords.service.ts';
import { createTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../testing/test-server.ts';

/**
 * The authorisation matrix, generated from the permission table (core/permissions/matrix.ts) and
 * the OpenAPI route list: every role of every organisation × every route with an id × every
 * resource that organisation must not reach (another organisation's, another nationality's, an
 * unconsented national's, a shelter's or clinic's without a referral for it) is refused with
 * 403/404 and changes nothing; the owning organisation's permitted roles get a 2xx on the same
 * route (positive controls), so a server that refuses everything cannot pass.
 *
 * A route in /api/openapi.json without an entry in EXPECTATIONS fails the first test: a new
 * route is reviewed here (which resource its ids name, or why it has none) before it ships.
 */

// ---------------------------------------------------------------------------------------------
// The world: eight organisations, each with one user per role.
// ---------------------------------------------------------------------------------------------

const ORGS = {
  alpha: { kind: 'ngo', nationalities: [] }, // owns every casework resource below
  beta: { kind: 'ngo', nationalities: [] }, // another organisation
  gamma: { kind: 'ngo', nationalities: [] }, // holds the other side of a cross-organisation match
  clinic: { kind: 'clinic', nationalities: [] }, // receives one referral, for the consented case only
  shelter: { kind: 'shelter', nationalities: [] }, // a shelter without any referral
  embId: { kind: 'embassy', nationalities: ['ID'] }, // the survivors' embassy: consented national only
  embTh: { kind: 'embassy', nationalities: ['TH'] }, // another nationality's embassy
  watch: { kind: 'monitor', nationalities: [] }, // owns monitoring resources (restricted evidence)
} as const satisfies Record<string, { kind: OrganisationKind; nationalities: string[] }>;
type Org = keyof typeof ORGS;
const ORG_NAMES = Object.keys(ORGS) as Org[];

/**
 * What an :id in a route names. Organisation-scoped kinds have an owner; shared kinds are monitoring data every role
 * with the permission may use.
 */
const KINDS = {
  survivor: 'alpha',
  case: 'alpha',
  need: 'alpha',
  attachment: 'alpha',
  referral: 'alpha',
  followup: 'alpha',
  alert: 'alpha',
  proposal: 'alpha',
  link: 'alpha',
  job: 'alpha',
  evidence: 'watch',
  compound: 'shared',
  event: 'shared',
  monitoringAlert: 'shared',
} as const satisfies Record<string, Org | 'shared'>;
type Kind = keyof typeof KINDS;

/**
 * One resource: the values for the route's path parameters, in order, and who may legitimately reach it besides its
 * owner.
 */
interface Instance {
  label: string;
  params: string[];
  visibleTo: Org[];
}

// ---------------------------------------------------------------------------------------------
// Permissions, stated with the permission table: "read:case@org" = a scope of organisation or
// all for (read, case); "@all" = scope all; no suffix = any scope.
// ---------------------------------------------------------------------------------------------

type Requirement = `${Action}:${Resource}` | `${Action}:${Resource}@org` | `${Action}:${Resource}@all`;
function granted(role: Role, req: Requirement): boolean {
  const [ar, at] = req.split('@');
  const [action, resource] = ar!.split(':') as [Action, Resource];
  const scope = scopeFor([role], action, resource);
  if (at === 'org') return scope === 'organisation' || scope === 'all';
  if (at === 'all') return scope === 'all';
  return scope !== null;
}
const all =
  (...reqs: Requirement[]) =>
  (role: Role) =>
    reqs.every((r) => granted(role, r));
const any =
  (...reqs: Requirement[]) =>
  (role: Role) =>
    reqs.some((r) => granted(role, r));
const SENSITIVE: readonly Role[] = ['analyst', 'admin'];
/**
 * Restricted evidence: the permission, and an analyst or admin of a monitor organisation
 * (services/monitoring/access.service.ts).
 */
const sensitive =
  (...reqs: Requirement[]) =>
  (role: Role) =>
    SENSITIVE.includes(role) && all(...reqs)(role);

type World = Record<Kind, Instance[]> & { clinicId: string };

interface IdRoute {
  kind: Kind;
  /** Which roles of the owning organisation may use this route (derived from the permission table). */
  permitted: (role: Role) => boolean;
  body?: (w: World) => unknown;
  /** The permitted actor of an unsafe positive control, when it is not the owner's first permitted role. */
  positive?: { org: Org; role: Role; instance?: number };
  /** Extra positive controls for reads by another organisation that is entitled (e.g. the referral receiver). */
  alsoReads?: { org: Org; role: Role }[];
}
interface NoIdRoute {
  none: string;
  /** A list: must not contain the id of anything the caller may not reach. */ list?: boolean;
}
type Expectation = IdRoute | NoIdRoute;

const caseRead = all('read:case@org');
const caseUpdate = all('update:case@org');

/**
 * Every route in the OpenAPI description. Keys are `METHOD /path/{param}` as OpenAPI writes them.
 * Unsafe routes that end a resource's life (revoke, retract) come after the others of their kind
 * because positive controls run in this order.
 */
const EXPECTATIONS: Record<string, Expectation> = {
  // --- system, session, directory ---------------------------------------------------------
  'GET /api/health': { none: 'liveness; no data' },
  'GET /api/demo': { none: 'public demo sign-ins; section 2 of issue #8 restricts it to demo deployments' },
  'GET /api/organisations': { none: 'directory of names and kinds, shown to every signed-in user by design' },
  'GET /api/home': { none: "the caller's own organisation's numbers (aggregates)" },
  'GET /api/reports/dashboard': {
    none: "aggregates of what the caller's organisation may see (dashboard.routes.test.ts: cross-organisation figures suppressed)",
  },
  'GET /api/public/statistics': { none: 'the published release and verified compounds, public by design' },
  'POST /api/public/releases': {
    none: 'coordination organisations only (public-statistics.routes.test.ts refuses every other organisation and role)',
  },
  'POST /api/session': { none: 'sign-in' },
  'GET /api/session': { none: "the caller's own session" },
  'DELETE /api/session': { none: "ends the caller's own session" },
  'POST /api/session/totp': { none: "the caller's own second factor" },
  'POST /api/session/totp/enrolment': { none: "the caller's own second factor" },
  'POST /api/session/totp/enrolment/confirm': { none: "the caller's own second factor" },
  'PUT /api/session/organisation': {
    none: "switches among the caller's own memberships (auth.routes.test.ts refuses a foreign one)",
  },
  'PUT /api/session/password': { none: "changes the caller's own password (needs the current one)" },
  'POST /api/password-reset': {
    none: 'the one-time code is the credential (auth-hardening.routes.test.ts: wrong, reused and foreign codes refused)',
  },
  'POST /api/members/{userId}/account-codes': {
    none: "an administrator of an organisation the user belongs to (auth-hardening.routes.test.ts refuses another organisation's admin and non-admins)",
  },
  'GET /api/jobs': { none: "the caller's organisation's jobs (row-level security)", list: true },
  'POST /api/jobs': { none: "starts a maintenance job in the caller's organisation; admins only" },
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
  'GET /api/coordination/summary': { none: 'aggregates per nationality' },
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
  // --- exports: streamed files of the caller's organisation or of shared data ----------------
  'GET /api/exports/cases': {
    none: "the caller's organisation's own cases only (export report and read case@org; exports.routes.test.ts)",
    list: true,
  },
  'GET /api/exports/deidentified_cases': {
    none: "the caller's organisation's statistics-consenting survivors, de-identified (export report)",
    list: true,
  },
  'GET /api/exports/compounds': {
    none: 'shared monitoring data (read compound), like the compounds GeoJSON',
    list: true,
  },
  'GET /api/exports/events': { none: 'shared monitoring data (read compound)', list: true },
  'GET /api/exports/figures': {
    none: 'aggregates per nationality through the suppression code (export report)',
    list: true,
  },
  'GET /api/exports/situation-report.pdf': {
    none: 'aggregates through the suppression code and shared monitoring data (export report and read compound)',
  },
  'GET /api/reports/schedules': { none: "the caller's organisation's schedules (row-level security)", list: true },
  'POST /api/reports/schedules': { none: "schedules a report in the caller's organisation (export report)" },
  'DELETE /api/reports/schedules/{id}': {
    none: "a schedule of the caller's organisation; another organisation's is 404 (report-schedules.routes.test.ts)",
  },
  'GET /api/reports/generated': { none: "the caller's organisation's produced reports", list: true },
  'GET /api/reports/generated/{id}': {
    none: "a report of the caller's organisation; another organisation's is 404 (report-schedules.routes.test.ts)",
  },
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
  // --- monitoring: shared data without an id -----------------------------------------------
  'GET /api/monitoring/compounds': { none: 'monitoring data is shared across organisations (scope all)', list: true },
  'POST /api/monitoring/compounds': { none: 'creates shared monitoring data' },
  'GET /api/monitoring/compounds.geojson': { none: 'shared monitoring data', list: true },
  'POST /api/monitoring/compounds/import': { none: 'creates shared monitoring data' },
  'GET /api/monitoring/evidence': {
    none: 'shared evidence; restricted items only for monitor analysts and admins',
    list: true,
  },
  'POST /api/monitoring/evidence': { none: 'creates shared evidence' },
  'POST /api/monitoring/evidence/upload': { none: 'creates shared evidence' },
  'POST /api/monitoring/events': { none: 'compound id in the body; shared monitoring data' },
  'GET /api/monitoring/alerts': { none: 'shared monitoring alerts', list: true },
  'GET /api/monitoring/map': { none: 'shared monitoring data; restricted evidence left out for others', list: true },
  // Articles (issue #17): monitoring data of monitor and coordination organisations only; articles.routes.test.ts
  // refuses NGO and viewer sessions on every one, and row-level security shows other organisations nothing.
  'POST /api/monitoring/articles': { none: 'creates shared articles (monitor and coordination organisations only)' },
  'POST /api/monitoring/articles/upload': {
    none: 'creates shared articles (monitor and coordination organisations only)',
  },
  'GET /api/monitoring/stories': { none: 'shared articles grouped into stories (monitor and coordination only)' },
  'GET /api/monitoring/stories/{id}': {
    none: 'one shared story; ids name articles data of no organisation in particular',
  },
  'GET /api/monitoring/article-disagreements': {
    none: 'figures shared articles disagree on (monitor and coordination only)',
  },
  'POST /api/monitoring/article-claims/{id}/review': {
    none: 'reviews a shared claim; analysts and admins of monitor and coordination organisations',
  },
  'GET /api/monitoring/article-feeds': { none: "the caller's organisation's feeds" },
  'POST /api/monitoring/article-feeds': { none: "adds a feed for the caller's organisation" },
  'POST /api/monitoring/article-feeds/poll': { none: "polls the caller's organisation's feeds" },

  // --- networks: FtM entities, shared by every seat that reads entities (analysts, admins); no organisation owns
  // them, so there is nothing of another organisation's to reach. Refusal of other roles: networks.routes.test.ts.
  'GET /api/networks/summary': { none: 'entity counts (read entity@all)', list: true },
  'GET /api/networks/entities/{id}': { none: 'shared network data (read entity@all); the id is an FtM id' },
  'GET /api/networks/entities/{id}/graph': { none: 'shared network data (read entity@all); the id is an FtM id' },
  'GET /api/networks/entities.ftm.json': { none: 'shared network data, streamed (read entity@all)', list: true },
  'POST /api/networks/imports': { none: 'creates shared network data (create entity@all)' },
  'GET /api/networks/alerts': { none: 'shared sanctions-hit alerts (read entity@all)', list: true },
  'POST /api/networks/screen-compounds': { none: 'screens shared compounds against shared entities' },
  'POST /api/networks/compound-links': { none: 'links a shared compound to a shared entity (update entity@all)' },
  'POST /api/networks/entities': { none: 'creates shared network data by hand (create entity@all)' },
  'PUT /api/networks/entities/{id}': { none: 'edits shared hand-made network data (update entity@all); an FtM id' },
  'GET /api/networks/path': { none: 'a path between two shared entities (read entity@all); FtM ids' },
  'POST /api/networks/transfers': { none: 'creates shared wallet transfers (create entity@all)' },
  'GET /api/networks/transfers/trace': {
    none: 'flows between wallet addresses, shared network data (read entity@all)',
  },
  'GET /api/networks/transfers/summary': { none: 'a count of shared wallet transfers (read entity@all)', list: true },
  'POST /api/screen': { none: 'screens a name against shared entities; survivors are never read' },
  'POST /api/match/{dataset}': { none: "yente's /match over shared entities; the parameter is a dataset name" },
  'GET /api/reconcile': { none: 'W3C reconciliation over shared entities (read entity@all)' },
  'POST /api/reconcile': { none: 'W3C reconciliation over shared entities (read entity@all)' },

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
  'GET /api/jobs/{id}': { kind: 'job', permitted: all('read:job@org') },
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
  // --- monitoring ---------------------------------------------------------------------------
  'GET /api/monitoring/compounds/{id}': { kind: 'compound', permitted: all('read:compound@all') },
  'GET /api/monitoring/compounds/{id}/timeline': { kind: 'compound', permitted: all('read:compound@all') },
  'GET /api/monitoring/compounds/{id}/events': { kind: 'compound', permitted: all('read:compound@all') },
  'PATCH /api/monitoring/compounds/{id}': {
    kind: 'compound',
    permitted: all('update:compound@all'),
    body: () => ({ aliases: ['matrix'] }),
  },
  'GET /api/monitoring/evidence/{id}': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/original': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/media': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/thumbnail': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/custody': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'PATCH /api/monitoring/evidence/{id}': {
    kind: 'evidence',
    permitted: sensitive('update:evidence@all'),
    body: () => ({ title: 'matrix' }),
  },
  'POST /api/monitoring/evidence/{id}/verification': {
    kind: 'evidence',
    permitted: (r) => sensitive('verify:evidence@all')(r) || sensitive('update:evidence@all')(r),
    body: () => ({ kind: 'dispute', reasoning: 'matrix positive control' }),
  },
  'POST /api/monitoring/evidence/{id}/retract': {
    kind: 'evidence',
    permitted: sensitive('update:evidence@all'),
    body: () => ({ reason: 'matrix positive control' }),
  },
  'PATCH /api/monitoring/events/{id}': {
    kind: 'event',
    permitted: all('update:compound@all'),
    body: () => ({ date: '2025-01-02' }),
  },
  'POST /api/monitoring/alerts/{id}/acknowledge': { kind: 'monitoringAlert', permitted: all('update:compound@all') },
  // Closing for everyone: the compound's owner (watch registered it) or coordination (sharing.routes.test.ts refuses
  // others).
  'POST /api/monitoring/alerts/{id}/close': {
    kind: 'monitoringAlert',
    permitted: all('update:compound@all'),
    positive: { org: 'watch', role: 'analyst' },
  },
  'GET /api/monitoring/compounds/{id}/history': { kind: 'compound', permitted: all('read:compound@all') },
  'GET /api/monitoring/evidence/{id}/history': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/proof': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'POST /api/monitoring/events/{id}/retract': {
    kind: 'event',
    permitted: all('update:compound@all'),
    body: () => ({ reason: 'matrix positive control' }),
  },
};

const isIdRoute = (e: Expectation): e is IdRoute => 'kind' in e;
const UNSAFE = (method: string) => method !== 'GET';

// ---------------------------------------------------------------------------------------------
// "Nothing changed": a digest of every table's content. Sessions, rate limits and users (last
// seen) move on every request; the audit trail may gain sign-in events and, once refused access
// is audited (issue #8 section 5), entries recording the refusal.
// ---------------------------------------------------------------------------------------------

const VOLATILE = new Set(['sessions', 'rate_limits', 'users', 'audit_events']);

async function digest(t: TestServer, tables: string[]): Promise<Record<string, string>> {
  const cols = tables.map(
    (tb) =>
      sql`(SELECT md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) FROM ${sql.table(tb)} x) AS ${sql.ref(tb)}`,
  );
  const { rows } = await asSystem(t.database, (trx) =>
    sql<Record<string, string>>`SELECT ${sql.join(cols)},
    (SELECT count(*) FROM audit_events WHERE action NOT LIKE 'auth.%' AND action NOT LIKE '%refus%' AND action NOT LIKE '%denied%' AND action NOT LIKE '%forbidden%')::text AS audit_events`.execute(
      trx,
    ),
  );
  return rows[0]!;
}

const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((k) => a[k] !== b[k]);

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const fill = (path: string, params: string[]) => {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => params[i++]!);
};

describe.each(DATABASE_KINDS)('authorisation matrix on %s', (engine) => {
  let t: TestServer;
  let tables: string[];
  let routes: string[];
  const users = {} as Record<Org, Record<Role, TestClient>>;
  let world: World;

  beforeAll(async () => {
    t = await createTestServer(engine);
    for (const org of ORG_NAMES) await t.org(org, ORGS[org].kind, [...ORGS[org].nationalities]);
    // One password hash for all 48 users; the per-address sign-in limit is reset between organisations.
    const passwordHash = await hashPassword(TEST_PASSWORD);
    for (const org of ORG_NAMES) {
      users[org] = {} as Record<Role, TestClient>;
      for (const role of ROLES)
        await createUser(
          t.app,
          {
            email: `${role}@${org}.matrix.test`,
            displayName: `${role} ${org}`,
            password: TEST_PASSWORD,
            memberships: [{ organisation: org, role }],
          },
          null,
          undefined,
          passwordHash,
        );
      await Promise.all(
        ROLES.map(async (role) => {
          users[org][role] = await t.signIn(`${role}@${org}.matrix.test`);
        }),
      );
      await asSystem(t.database, (trx) => sql`DELETE FROM rate_limits`.execute(trx));
    }
    const cw = users.alpha.caseworker;
    const clinicId = await t.org('clinic');
    // A national of ID who consented to her embassy and to the clinic; one who consented to nothing.
    const consented = await register(cw, {
      names: [{ value: 'Ratna Sari', script: 'Latn', preferred: true }],
      contacts: [{ channel: 'phone', value: '+62 811 1111 1111' }],
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinicId], useInStatistics: true }),
    });
    const unconsented = await register(cw, {
      names: [{ value: 'Wulan Dari', script: 'Latn', preferred: true }],
      contacts: [{ channel: 'phone', value: '+62 822 2222 2222' }],
      consent: consent(),
    });
    const pngBytes = (await png(7)).toString('base64');
    const perCase = async (caseId: string) => {
      const need = (await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' })).json
        .id as string;
      const attachment = (
        await cw.request('POST', `/api/cases/${caseId}/attachments`, {
          fileName: 'p.png',
          contentType: 'image/png',
          dataBase64: pngBytes,
        })
      ).json.id as string;
      const followUp = (await cw.request('GET', `/api/cases/${caseId}`)).json.followUps[0].id as string;
      return { need, attachment, followUp };
    };
    const c = await perCase(consented.caseId);
    const u = await perCase(unconsented.caseId);
    const referral = await cw.request('POST', '/api/referrals', {
      caseId: consented.caseId,
      toOrganisationId: clinicId,
    });
    if (referral.status !== 201) throw new Error(`referral: ${referral.status} ${referral.body}`);
    // A duplicate pair within alpha (proposal + alert) and a cross-organisation pair with gamma (link request).
    const person = (name: string, phone: string) => ({
      names: [{ value: name, script: 'Latn', preferred: true }],
      nationalities: ['MM'],
      dateOfBirth: '1993-04-05',
      contacts: [{ channel: 'phone', value: phone }],
      consent: consent({ crossOrganisationMatching: true }),
    });
    const first = await register(cw, person('Aung Kyaw Moe', '+95 9 420 111 222'));
    const twin = await register(cw, person('AUNG KYAW MOE', '+95 9 420 111 222'));
    t.app.advance(60_000); // gamma registers later, so alpha holds the earlier record and is the one asked
    const theirs = await register(users.gamma.caseworker, person('Aung Kyaw Moe', '09 420 111 222'));
    await checkSurvivorForDuplicates(t.app, null, twin.survivorId);
    await checkSurvivorForDuplicates(t.app, null, theirs.survivorId);
    // The cross-organisation search runs as the system's own job.
    const runner = new JobRunner(t.app, jobHandlers);
    while (await runner.runOnce()) {
      /* run every queued job */
    }
    // Alpha holds the earlier record, so alpha is asked; gamma (the later registration) learns nothing.
    const proposals = (await cw.request('GET', `/api/matching/survivors/${first.survivorId}/proposals`)).json.items as {
      id: string;
      sameOrganisation: boolean;
      link: { id: string } | null;
    }[];
    const same = proposals.find((p) => p.sameOrganisation)?.id;
    const crossProposal = proposals.find((p) => !p.sameOrganisation);
    const cross = crossProposal?.id;
    const link = crossProposal?.link?.id;
    if (!same || !cross || !link) throw new Error(`matching fixtures: ${JSON.stringify(proposals)}`);
    const alert = ((await cw.request('GET', '/api/alerts?kind=possible_duplicate')).json.items as { id: string }[])[0]
      ?.id;
    if (!alert) throw new Error('no duplicate alert');
    const job = (await users.alpha.admin.request('POST', '/api/jobs', { kind: 'audit.verify' })).json.id as string;
    // Monitoring: a compound, an event with its alert and a restricted evidence item, all by the monitor.
    const analyst = users.watch.analyst;
    const compound = await createCompound(analyst, 'Matrix Park', 103.5, 10.6);
    const raid = await analyst.request('POST', '/api/monitoring/events', {
      compoundId: compound,
      kind: 'raid',
      date: '2025-01-01',
      confidence: 'high',
    });
    if (raid.status !== 201 || !raid.json.alerts?.[0]) throw new Error(`event: ${raid.status} ${raid.body}`);
    const restricted = await upload(
      t,
      analyst,
      await png(1),
      { kind: 'photo', fileName: 'gate.png', sensitivity: 'restricted' },
      'image/png',
    );
    if (restricted.status !== 201) throw new Error(`evidence: ${restricted.status}`);

    world = {
      clinicId,
      survivor: [
        { label: 'consented survivor', params: [consented.survivorId], visibleTo: ['embId'] },
        { label: 'unconsented survivor', params: [unconsented.survivorId], visibleTo: [] },
      ],
      case: [
        { label: 'consented case', params: [consented.caseId], visibleTo: ['embId'] },
        { label: 'unconsented case', params: [unconsented.caseId], visibleTo: [] },
      ],
      need: [
        { label: 'consented need', params: [c.need], visibleTo: ['embId'] },
        { label: 'unconsented need', params: [u.need], visibleTo: [] },
      ],
      attachment: [
        { label: 'consented attachment', params: [consented.caseId, c.attachment], visibleTo: ['embId'] },
        { label: 'unconsented attachment', params: [unconsented.caseId, u.attachment], visibleTo: [] },
      ],
      followup: [
        { label: 'consented follow-up', params: [c.followUp], visibleTo: ['embId'] },
        { label: 'unconsented follow-up', params: [u.followUp], visibleTo: [] },
      ],
      referral: [{ label: 'referral to the clinic', params: [referral.json.id], visibleTo: ['clinic'] }],
      alert: [{ label: 'duplicate alert', params: [alert], visibleTo: [] }],
      proposal: [
        { label: 'match within alpha', params: [same], visibleTo: [] },
        { label: 'match with gamma', params: [cross], visibleTo: [] },
      ],
      link: [{ label: "link request about gamma's record", params: [link], visibleTo: [] }],
      job: [{ label: 'alpha job', params: [job], visibleTo: [] }],
      evidence: [{ label: 'restricted evidence', params: [restricted.json.id], visibleTo: [] }],
      compound: [{ label: 'compound', params: [compound], visibleTo: ORG_NAMES }],
      event: [{ label: 'raid', params: [raid.json.event.id], visibleTo: ORG_NAMES }],
      monitoringAlert: [{ label: 'raid alert', params: [raid.json.alerts[0].id], visibleTo: ORG_NAMES }],
    };
    tables = (await tablesInDependencyOrder(t.database)).filter((tb) => !VOLATILE.has(tb));
    const spec = (await t.anonymous().request('GET', '/api/openapi.json')).json;
    routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has a reviewed entry for every route in the OpenAPI description, and none for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in EXPECTATIONS))).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((r) => !routes.includes(r))).toEqual([]);
    for (const [route, e] of Object.entries(EXPECTATIONS)) {
      if (!isIdRoute(e)) {
        expect(e.none.length, route).toBeGreaterThan(5);
        continue;
      }
      expect((route.match(/\{/g) ?? []).length, route).toBe(world[e.kind][0]!.params.length);
    }
  });

  it('refuses every role of every organisation on every resource it may not reach, and changes nothing', async () => {
    const failures: string[] = [];
    let cells = 0;
    // Reads are checked under one digest (any write by a refused read shows up there); each unsafe route under its own.
    const idRoutes = Object.entries(EXPECTATIONS).filter((x): x is [string, IdRoute] => isIdRoute(x[1]));
    const reads = idRoutes.filter(([r]) => !UNSAFE(r.split(' ')[0]!));
    const readsBefore = await digest(t, tables);
    for (const [route, e] of [...reads, ...idRoutes.filter(([r]) => UNSAFE(r.split(' ')[0]!))]) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const owner = KINDS[e.kind];
      const attempts: { who: string; client: TestClient; url: string }[] = [];
      for (const org of ORG_NAMES)
        for (const role of ROLES)
          for (const instance of world[e.kind]) {
            // Refused: a role the table does not grant, anywhere; and any role of an organisation that is neither the
            // owner nor entitled to this resource.
            const entitledOrg = owner === 'shared' || org === owner || instance.visibleTo.includes(org);
            if (entitledOrg && e.permitted(role)) continue;
            if (entitledOrg && org !== owner && owner !== 'shared') continue; // entitled through sharing: its own rules, tested elsewhere
            attempts.push({
              who: `${role}@${org} → ${instance.label}`,
              client: users[org][role],
              url: fill(path, instance.params),
            });
          }
      const before = UNSAFE(method) ? await digest(t, tables) : null;
      await inBatches(attempts, 12, async (a) => {
        const res = await a.client.request(method, a.url, e.body?.(world));
        cells++;
        if (res.status !== 403 && res.status !== 404)
          failures.push(`${route} as ${a.who}: ${res.status} ${res.body.slice(0, 160)}`);
      });
      if (before) {
        const moved = changed(before, await digest(t, tables));
        if (moved.length) failures.push(`${route}: refused requests changed ${moved.join(', ')}`);
      } else if (route === reads[reads.length - 1]![0]) {
        const moved = changed(readsBefore, await digest(t, tables));
        if (moved.length) failures.push(`refused reads changed ${moved.join(', ')}`);
      }
    }
    console.log(`[authorisation matrix] ${engine}: ${cells} refusal cells checked`);
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  }, 300_000);

  it('answers a resource its caller may not reach exactly as one that does not exist (no existence oracle)', async () => {
    // A 403 for another organisation's case and a 404 for a made-up id would tell a compromised partner account which
    // ids are real (and so that a person is held somewhere). Every refused cell must answer like an id nobody has:
    // the same status, code, params and wording.
    const failures: string[] = [];
    let cells = 0;
    const shape = (res: { status: number; json: unknown }) => {
      const { requestId: _requestId, ...rest } = (res.json ?? {}) as Record<string, unknown>;
      return JSON.stringify({ status: res.status, ...rest });
    };
    const idRoutes = Object.entries(EXPECTATIONS).filter((x): x is [string, IdRoute] => isIdRoute(x[1]));
    for (const [route, e] of idRoutes) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const owner = KINDS[e.kind];
      if (owner === 'shared') continue; // shared monitoring data exists for everyone by design
      const nowhere = world[e.kind][0]!.params.map(() => randomUUID());
      const phantom = new Map<string, string>();
      const before = UNSAFE(method) ? await digest(t, tables) : null;
      const attempts: { who: string; org: Org; role: Role; url: string }[] = [];
      for (const org of ORG_NAMES)
        for (const role of ROLES)
          for (const instance of world[e.kind]) {
            if (org === owner || instance.visibleTo.includes(org)) continue; // the owner and the entitled know it exists
            attempts.push({ who: `${role}@${org} → ${instance.label}`, org, role, url: fill(path, instance.params) });
          }
      await inBatches([...new Set(attempts.map((a) => `${a.org}/${a.role}`))], 12, async (key) => {
        const [org, role] = key.split('/') as [Org, Role];
        phantom.set(key, shape(await users[org][role].request(method, fill(path, nowhere), e.body?.(world))));
      });
      await inBatches(attempts, 12, async (a) => {
        const res = await users[a.org][a.role].request(method, a.url, e.body?.(world));
        cells++;
        const got = shape(res);
        const expected = phantom.get(`${a.org}/${a.role}`)!;
        if (got !== expected)
          failures.push(`${route} as ${a.who}: ${got.slice(0, 200)} ≠ made-up id ${expected.slice(0, 200)}`);
      });
      if (before) {
        const moved = changed(before, await digest(t, tables));
        if (moved.length) failures.push(`${route}: requests with made-up or hidden ids changed ${moved.join(', ')}`);
      }
    }
    console.log(`[authorisation matrix] ${engine}: ${cells} existence cells checked`);
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(500);
  }, 300_000);

  it('shows no list a resource its caller may not reach', async () => {
    const failures: string[] = [];
    let cells = 0;
    const hidden = (org: Org) =>
      (Object.keys(KINDS) as Kind[]).flatMap((k) =>
        KINDS[k] === 'shared' || KINDS[k] === org
          ? []
          : world[k]
              .filter((i) => !i.visibleTo.includes(org))
              .flatMap((i) => i.params.map((p) => ({ id: p, label: `${i.label} (${k})` }))),
      );
    for (const [route, e] of Object.entries(EXPECTATIONS)) {
      if (isIdRoute(e) || !e.list) continue;
      const path = route.split(' ')[1]!;
      for (const org of ORG_NAMES) {
        const secrets = hidden(org);
        await inBatches([...ROLES], 6, async (role) => {
          const res = await users[org][role].request('GET', path);
          cells++;
          if (res.status >= 500) failures.push(`${route} as ${role}@${org}: ${res.status}`);
          for (const s of secrets)
            if (res.body.includes(s.id)) failures.push(`${route} as ${role}@${org} shows ${s.label}`);
        });
      }
    }
    console.log(`[authorisation matrix] ${engine}: ${cells} list cells checked`);
    expect(failures).toEqual([]);
  }, 120_000);

  it("positive controls: the owner's permitted roles (and entitled organisations) get a 2xx on the same routes", async () => {
    const failures: string[] = [];
    let cells = 0;
    const entries = Object.entries(EXPECTATIONS).filter((x): x is [string, IdRoute] => isIdRoute(x[1]));
    const ordered = [
      ...entries.filter(([r]) => !UNSAFE(r.split(' ')[0]!)),
      ...entries.filter(([r]) => UNSAFE(r.split(' ')[0]!)),
    ];
    for (const [route, e] of ordered) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH', string];
      const owner = KINDS[e.kind] === 'shared' ? 'watch' : (KINDS[e.kind] as Org);
      const instance = world[e.kind][e.positive?.instance ?? 0]!;
      const actors = UNSAFE(method)
        ? [e.positive ?? { org: owner, role: ROLES.find((r) => e.permitted(r))! }]
        : [...ROLES.filter((r) => e.permitted(r)).map((role) => ({ org: owner, role })), ...(e.alsoReads ?? [])];
      if (!actors.length || !actors[0]!.role)
        failures.push(`${route}: no role of the owner is permitted — the entry cannot be right`);
      for (const a of actors) {
        const res = await users[a.org][a.role].request(method, fill(path, instance.params), e.body?.(world));
        cells++;
        if (res.status < 200 || res.status > 299)
          failures.push(`${route} as ${a.role}@${a.org} → ${instance.label}: ${res.status} ${res.body.slice(0, 160)}`);
      }
    }
    console.log(`[authorisation matrix] ${engine}: ${cells} positive controls`);
    expect(failures).toEqual([]);
  }, 120_000);
});

/**
 * The SQL each repository emits for its main queries, committed under src/db/queries/ so that a
 * reviewer sees query changes in a diff (as Immich does with its generated query files). Queries
 * are compiled by Kysely's PostgreSQL compiler against a driver that runs nothing (DummyDriver
 * answers every query with no rows), so the text is deterministic: values are $n placeholders.
 * `npm run queries:update` rewrites the files; src/db/queries.test.ts fails when they differ.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Schema } from '../db/schema.ts';
import * as accounts from '../db/repositories/accounts.repository.ts';
import * as alerts from '../db/repositories/alerts.repository.ts';
import * as caseEvents from '../db/repositories/casework/case-events.repository.ts';
import * as cases from '../db/repositories/casework/cases.repository.ts';
import * as consular from '../db/repositories/casework/consular.repository.ts';
import * as consularQueue from '../db/repositories/casework/consular-queue.repository.ts';
import * as followups from '../db/repositories/casework/followups.repository.ts';
import * as needs from '../db/repositories/casework/needs.repository.ts';
import * as records from '../db/repositories/casework/records.repository.ts';
import * as registration from '../db/repositories/casework/registration.repository.ts';
import * as referralMessages from '../db/repositories/casework/referral-messages.repository.ts';
import * as referrals from '../db/repositories/casework/referrals.repository.ts';
import * as jobs from '../db/repositories/jobs.repository.ts';
import * as linkRequests from '../db/repositories/matching/link-requests.repository.ts';
import * as proposals from '../db/repositories/matching/proposals.repository.ts';
import * as matchSurvivors from '../db/repositories/matching/survivors.repository.ts';
import * as compounds from '../db/repositories/monitoring/compounds.repository.ts';
import * as events from '../db/repositories/monitoring/events.repository.ts';
import * as evidence from '../db/repositories/monitoring/evidence.repository.ts';
import * as evidenceCustody from '../db/repositories/monitoring/evidence-custody.repository.ts';
import * as sessions from '../db/repositories/sessions.repository.ts';
import * as survivors from '../db/repositories/survivors.repository.ts';
import { registrationRows } from './registration-rows.ts';

type Db = Kysely<Schema>;
const ID = '00000000-0000-4000-8000-000000000000';
const AT = '2026-01-01T00:00:00.000Z';

/** Per snapshot file (repository path under src/db/repositories, `/` → `.`): named calls of its functions. */
export const QUERY_CASES: Record<string, Record<string, (db: Db) => Promise<unknown>>> = {
  alerts: {
    'listAlerts (organisation, open, next page)': (db) =>
      alerts.listAlerts(db, {
        organisationId: ID,
        statuses: ['open'],
        kinds: ['re_trafficking_risk'],
        administrator: false,
        after: { rank: 100, createdAt: AT, id: ID },
        limit: 50,
      }),
    upsertAlerts: (db) =>
      alerts.upsertAlerts(db, [
        {
          id: ID,
          kind: 're_trafficking_risk',
          organisationId: ID,
          severity: 'urgent',
          rank: 100,
          title: 't',
          dedupeKey: 'k',
          subjectType: 'case',
          subjectId: ID,
          details: {},
          at: AT,
        },
      ]),
  },
  survivors: {
    listConsentVersions: (db) => survivors.listConsentVersions(db, ID),
    findOwnSurvivorIdentities: (db) => survivors.findOwnSurvivorIdentities(db, ID, [ID]),
    setSurvivorConsent: (db) =>
      survivors.setSurvivorConsent(db, ID, {
        version: 2,
        shareWithOwnEmbassy: true,
        shareWithOrganisationIds: [ID],
        useInStatistics: true,
        crossOrganisationMatching: false,
      }),
  },
  'casework.cases': {
    findCaseWithSurvivor: (db) => cases.findCaseWithSurvivor(db, ID),
    'findCaseWithSurvivor (for update)': (db) => cases.findCaseWithSurvivor(db, ID, true),
    'findCaseForActor (for update)': (db) => cases.findCaseForActor(db, ID, ID, true),
    'listCases (organisation, filtered, next page)': (db) =>
      cases.listCases(db, {
        scope: { kind: 'organisation', organisationId: ID },
        statuses: ['open'],
        risks: ['high'],
        assignedTo: ID,
        documentStatuses: ['confiscated'],
        nationalities: ['VN'],
        sexes: ['female'],
        ageBands: ['25_34'],
        registeredFrom: '2026-01',
        registeredTo: '2026-03',
        limit: 50,
        after: { openedAt: AT, id: ID },
      }),
    'listCases (embassy)': (db) =>
      cases.listCases(db, { scope: { kind: 'embassy', nationalities: ['ID'] }, limit: 50 }),
    updateCase: (db) => cases.updateCase(db, ID, { status: 'assessed', riskLevel: 'high', at: AT }),
  },
  'casework.case-events': {
    listCaseEvents: (db) => caseEvents.listCaseEvents(db, ID, 50, { at: AT, id: ID }),
  },
  'casework.needs': {
    findNeed: (db) => needs.findNeed(db, ID),
    listNeedsOfCase: (db) => needs.listNeedsOfCase(db, ID),
    needUpdate: (db) => db.executeQuery(needs.needUpdate(db, ID, { status: 'met', at: AT })),
    'triageBoard (ordered walk)': (db) => needs.triageBoard(db, { organisationId: ID, limit: 50 }),
    'triageBoard (filtered walk, next page)': (db) =>
      needs.triageBoard(db, {
        organisationId: ID,
        kinds: ['medical_urgent'],
        nationalities: ['VN'],
        locationKinds: ['shelter'],
        ageBands: ['under_18'],
        limit: 50,
        after: { tier: 0, effectivePriority: 1, createdAt: AT, id: ID },
      }),
  },
  'casework.registration': {
    'registerInOneCall (consent given, one care-first need)': (db) =>
      registration.registerInOneCall(
        db,
        registrationRows('t', ID, ID, {
          consent: {
            survivorId: ID,
            version: 1,
            organisationId: ID,
            recordedBy: ID,
            at: AT,
            method: 'verbal',
            shareWithOwnEmbassy: false,
            shareWithOrganisationIds: [],
            useInStatistics: true,
            changes: [],
          },
          needs: [
            {
              id: ID,
              caseId: ID,
              organisationId: ID,
              kind: 'medical',
              priority: 'high',
              status: 'open',
              noteEnc: null,
              createdBy: ID,
              createdAt: AT,
              updatedAt: AT,
              urgencyTier: 1,
              effectivePriority: 1,
              ageBand: 'under_18',
              nationalities: ['ID'],
              locationKind: 'street',
              caseRisk: 'high',
            },
          ],
        }),
      ),
  },
  'casework.followups': {
    followUpsOfCase: (db) => followups.followUpsOfCase(db, ID),
    listDueFollowUps: (db) => followups.listDueFollowUps(db, ID, AT, 50, { dueAt: AT, id: ID }),
    casesWithMissedFollowUps: (db) => followups.casesWithMissedFollowUps(db, AT, 100, ID, ID),
    followUpCompletion: (db) => db.executeQuery(followups.followUpCompletion(db, ID, 'reached', null, ID, AT)),
  },
  'casework.referrals': {
    findReferral: (db) => referrals.findReferral(db, ID, true),
    listReferrals: (db) =>
      referrals.listReferrals(db, {
        organisationId: ID,
        direction: 'incoming',
        states: ['sent'],
        limit: 50,
        after: { createdAt: AT, id: ID },
      }),
    referralsOfSurvivor: (db) => referrals.referralsOfSurvivor(db, ID),
  },
  'casework.consular': {
    findConsularRecords: (db) => consular.findConsularRecords(db, [ID], ID, true),
    consularRecordsOfCase: (db) => consular.consularRecordsOfCase(db, ID),
  },
  'casework.consular-queue': {
    'listConsularQueue (filtered, ready, one flight, search, next page by flight)': (db) =>
      consularQueue.listConsularQueue(
        db,
        {
          embassyOrganisationId: ID,
          nationalitiesServed: ['ID'],
          statuses: ['awaiting_travel'],
          documentStatuses: ['lost'],
          emergencyDocument: ['issued'],
          exitClearance: ['paid'],
          ready: true,
          flight: { flightNumber: 'QZ 273', date: '2026-03-01' },
          search: { survivorIds: [ID], idPrefix: 'abcd' },
        },
        { sort: 'flight', limit: 50, after: { key: '2026-03-01', id: ID } },
      ),
    'listConsularQueue (not ready, newest)': (db) =>
      consularQueue.listConsularQueue(
        db,
        { embassyOrganisationId: ID, nationalitiesServed: ['ID'], ready: false, flight: 'none' },
        { sort: 'newest', limit: 50 },
      ),
    countConsularQueue: (db) =>
      consularQueue.countConsularQueue(db, {
        embassyOrganisationId: ID,
        nationalitiesServed: ['ID'],
        flight: 'booked',
      }),
    'countConsularQueue (through the lists, capped)': (db) =>
      consularQueue.countConsularQueue(db, {
        embassyOrganisationId: ID,
        nationalitiesServed: ['ID'],
        statuses: ['awaiting_travel'],
        exitClearance: ['pending'],
      }),
    listQueueFlights: (db) =>
      consularQueue.listQueueFlights(db, { embassyOrganisationId: ID, nationalitiesServed: ['ID'] }),
  },
  'casework.referral-messages': {
    listReferralMessages: (db) => referralMessages.listReferralMessages(db, ID),
  },
  'casework.records': {
    listNotes: (db) => records.listNotes(db, ID, 50),
    listAttachments: (db) => records.listAttachments(db, ID, 50),
    latestScreening: (db) => records.latestScreening(db, ID),
  },
  'matching.proposals': {
    findProposal: (db) => proposals.findProposal(db, ID),
    listProposals: (db) =>
      proposals.listProposals(db, {
        organisationId: ID,
        statuses: ['proposed'],
        sameOrganisation: false,
        survivorId: ID,
        limit: 50,
        after: { createdAt: AT, id: ID },
      }),
    setProposalStatus: (db) => proposals.setProposalStatus(db, ID, 'confirmed', ID, AT),
  },
  'matching.link-requests': {
    latestLinkRequests: (db) => linkRequests.latestLinkRequests(db, [ID]),
    setLinkRequestState: (db) => linkRequests.setLinkRequestState(db, ID, 'accepted', null, ID, AT),
  },
  'matching.survivors': {
    survivorsAfter: (db) => matchSurvivors.survivorsAfter(db, { registeredAt: AT, id: ID }, 500),
    findMatchSurvivors: (db) => matchSurvivors.findMatchSurvivors(db, [ID]),
  },
  accounts: {
    findOrganisation: (db) => accounts.findOrganisation(db, ID),
    membershipsOf: (db) => accounts.membershipsOf(db, ID),
    membershipsOfUsers: (db) => accounts.membershipsOfUsers(db, [ID]),
    searchOrganisations: (db) =>
      accounts.searchOrganisations(db, { kinds: ['ngo'], q: 'aid', after: { name: 'a', id: ID }, limit: 20 }),
  },
  sessions: {
    loadSessionBundle: (db) => sessions.loadSessionBundle(db, 'token-hash'),
  },
  jobs: {
    claimJob: (db) => jobs.claimJob(db, 'worker', ['kind'], 60),
    findJob: (db) => jobs.findJob(db, ID),
  },
  'monitoring.compounds': {
    findCompound: (db) => compounds.findCompound(db, ID),
    listAllCompounds: (db) => compounds.listAllCompounds(db),
  },
  'monitoring.events': {
    findEvent: (db) => events.findEvent(db, ID),
    listLiveEvents: (db) => events.listLiveEvents(db, [ID]),
  },
  'monitoring.evidence': {
    findEvidence: (db) => evidence.findEvidence(db, ID),
  },
  'monitoring.evidence-custody': {
    listCustody: (db) => evidenceCustody.listCustody(db, ID, 100),
  },
};

/** The text of every snapshot file, by file name (`casework.needs.sql` …). */
export async function renderQuerySnapshots(): Promise<Map<string, string>> {
  let captured: string[] = [];
  const db = new Kysely<Schema>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured.push(event.query.sql);
    },
  });
  const files = new Map<string, string>();
  for (const [file, calls] of Object.entries(QUERY_CASES)) {
    const parts = [`-- Generated by \`npm run queries:update\` (src/testing/query-snapshots.ts). Do not edit.\n`];
    for (const [name, call] of Object.entries(calls)) {
      captured = [];
      // No rows come back, so a function that insists on one throws after its query ran; the query is what counts.
      await call(db).catch(() => undefined);
      if (captured.length === 0) throw new Error(`${file} ${name}: no query was emitted`);
      parts.push(`-- ${name}\n${captured.map((q) => `${q.trim()};`).join('\n\n')}\n`);
    }
    files.set(`${file}.sql`, parts.join('\n'));
  }
  await db.destroy();
  return files;
}

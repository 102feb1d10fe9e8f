/**
 * Matching tracing requests against registered survivors, as the system (core/tracing has the rules). The engine
 * and its name handling are matching's own: a request's sought person becomes records exactly as a survivor does
 * (services/matching/records survivorRecords: every name given, date of birth, phone, nationalities, document),
 * scored with the product model against the process's survivor index — and, for a survivor registered later,
 * the survivor's records against an index of the open requests.
 *
 * Blind both ways: what is written here is a proposal only its holder reads (and an alert to it), plus an audit
 * entry in the system audit (organisation NULL). The request row is never touched, so the requester reads the same
 * whether or not anything was found.
 */
import { alertRank } from '../../core/alerts/rank.ts';
import { MatchIndex, type ScoredCandidate } from '../../core/matching/match-index.ts';
import type { TrainedModel } from '../../core/matching/model.ts';
import type { MatchRecord } from '../../core/matching/types.ts';
import {
  proposalSummary,
  tracingCandidateAllowed,
  type Requester,
  type SoughtPerson,
  type TracingRequesterKind,
} from '../../core/tracing/tracing.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { upsertAlerts } from '../../db/repositories/alerts.repository.ts';
import { findMatchSurvivors } from '../../db/repositories/matching/survivors.repository.ts';
import {
  findTracingRequest,
  insertTracingProposals,
  listOpenTracingRequests,
  type TracingProposalInsert,
  type TracingRequestRow,
} from '../../db/repositories/tracing/tracing.repository.ts';
import { asSystem, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext } from '../context.ts';
import { survivorIndex } from '../matching/index-cache.ts';
import { survivorIdOf, survivorRecords } from '../matching/records.service.ts';
import { weightsOf } from '../matching/store.service.ts';

/** The system job that matches one new request (payload `{ requestId }`), queued with organisation NULL. */
export const TRACING_MATCH_JOB = 'tracing.match';
/** At most this many open requests are compared with one new registration. */
const OPEN_REQUESTS_LIMIT = 20_000;

export interface TracingDetails {
  requester: Requester;
  sought: SoughtPerson;
}

export const openDetails = (app: AppContext, r: Pick<TracingRequestRow, 'id' | 'detailsEnc'>): TracingDetails =>
  app.cipher.decryptJson<TracingDetails>(r.detailsEnc, encryptionContext('tracing_requests', 'details_enc', r.id));

const REQUEST_PREFIX = 'tracing-request';

/** The sought person as matching records, read the way a survivor is (survivorRecords). */
export function soughtRecords(requestId: string, organisationId: string, sought: SoughtPerson): MatchRecord[] {
  return survivorRecords({
    id: `${REQUEST_PREFIX}:${requestId}`,
    organisationId,
    nationalities: sought.nationalities,
    identity: {
      names: sought.names.map((value, i) => ({ value, preferred: i === 0 })),
      dateOfBirth: sought.dateOfBirth,
      contacts: sought.phone ? [{ channel: 'phone', value: sought.phone }] : [],
      documentNumber: sought.documentNumber,
    },
  });
}

interface Pair {
  request: TracingRequestRow;
  details: TracingDetails;
  survivorId: string;
  score: ScoredCandidate;
}

/** Keeps the best-scoring pair of records per key, among pairs the model proposes. */
function keepBest(best: Map<string, ScoredCandidate>, key: string, c: ScoredCandidate): void {
  if (!c.proposed) return;
  const prev = best.get(key);
  if (!prev || c.matchWeight > prev.matchWeight) best.set(key, c);
}

/** Stores proposals for the pairs the consent rule allows, alerts each holder once and audits in the system audit. */
async function storePairs(trx: Tx, app: AppContext, model: TrainedModel, pairs: readonly Pair[]): Promise<number> {
  if (pairs.length === 0) return 0;
  const survivors = await findMatchSurvivors(trx, [...new Set(pairs.map((p) => p.survivorId))]);
  const at = app.now().toISOString();
  const rows: (TracingProposalInsert & { requesterOrganisationId: string })[] = [];
  for (const p of pairs) {
    const s = survivors.get(p.survivorId);
    if (!s) continue;
    const allowed = tracingCandidateAllowed(p.request.organisationId, {
      organisationId: s.organisationId,
      crossOrganisationMatching: s.consentCrossOrgMatching,
    });
    if (!allowed) continue;
    const id = app.newId();
    const prov = p.score.provenance;
    const summary = proposalSummary(
      p.details.sought,
      p.details.requester,
      p.request.requesterKind as TracingRequesterKind,
    );
    rows.push({
      id,
      requestId: p.request.id,
      survivorId: s.id,
      holderOrganisationId: s.organisationId,
      summaryEnc: app.cipher.encryptJson(summary, encryptionContext('tracing_proposals', 'summary_enc', id)),
      matchWeight: p.score.matchWeight,
      matchProbability: p.score.matchProbability,
      levels: prov.levels,
      weights: weightsOf(model, prov.levels),
      settingsId: prov.settingsId,
      settingsVersion: prov.settingsVersion,
      threshold: prov.threshold,
      createdAt: at,
      requesterOrganisationId: p.request.organisationId,
    });
  }
  const fresh = await insertTracingProposals(trx, rows);
  const requesterOf = new Map(rows.map((r) => [r.id, r.requesterOrganisationId]));
  for (const p of fresh) {
    await upsertAlerts(trx, [
      {
        id: app.newId(),
        kind: 'tracing_request',
        organisationId: p.holderOrganisationId,
        severity: 'medium',
        rank: alertRank('medium', { aboutAPerson: true }),
        title: 'Someone is being sought who may be your survivor',
        dedupeKey: `tracing_request:${p.id}`,
        subjectType: 'survivor',
        subjectId: p.survivorId,
        details: {
          tracingProposalId: p.id,
          reasons: ['a tracing request describes someone like this person; ask them, then decide what to answer'],
        },
        at,
      },
    ]);
    // The system audit: organisation NULL, so neither organisation's audit view shows it.
    await audit(trx, app, null, 'tracing.candidate', 'tracing_proposal', p.id, {
      requestId: p.requestId,
      survivorId: p.survivorId,
      requesterOrganisationId: requesterOf.get(p.id),
      holderOrganisationId: p.holderOrganisationId,
      matchWeight: p.matchWeight,
    });
  }
  return fresh.length;
}

/** Compares one request with every registered survivor (the job queued when the request is recorded). */
export async function matchTracingRequest(app: AppContext, requestId: string): Promise<{ proposals: number }> {
  const request = await asSystem(app.database, (trx) => findTracingRequest(trx, requestId));
  if (!request || request.closedAt) return { proposals: 0 };
  const details = openDetails(app, request);
  const idx = await survivorIndex(app);
  const best = new Map<string, ScoredCandidate>();
  for (const rec of soughtRecords(request.id, request.organisationId, details.sought))
    for (const c of idx.index.score(rec)) keepBest(best, survivorIdOf(c.id), c);
  const pairs = [...best].map(([survivorId, score]) => ({ request, details, survivorId, score }));
  const proposals = await asSystem(app.database, (trx) => storePairs(trx, app, idx.model, pairs));
  return { proposals };
}

/** Compares one (newly registered) survivor with every open request. */
export async function matchSurvivorAgainstTracing(app: AppContext, survivorId: string): Promise<{ proposals: number }> {
  const requests = await asSystem(app.database, (trx) => listOpenTracingRequests(trx, OPEN_REQUESTS_LIMIT));
  if (requests.length === 0) return { proposals: 0 };
  const idx = await survivorIndex(app, [survivorId]);
  const self = idx.survivors.get(survivorId);
  if (!self) return { proposals: 0 };
  const index = new MatchIndex(idx.model);
  const byId = new Map<string, { request: TracingRequestRow; details: TracingDetails }>();
  for (const request of requests) {
    const details = openDetails(app, request);
    byId.set(`${REQUEST_PREFIX}:${request.id}`, { request, details });
    for (const rec of soughtRecords(request.id, request.organisationId, details.sought)) index.add(rec);
  }
  const best = new Map<string, ScoredCandidate>();
  for (const rec of self.records) for (const c of index.score(rec)) keepBest(best, survivorIdOf(c.id), c);
  const pairs = [...best].map(([key, score]) => ({ ...byId.get(key)!, survivorId, score }));
  const proposals = await asSystem(app.database, (trx) => storePairs(trx, app, idx.model, pairs));
  return { proposals };
}

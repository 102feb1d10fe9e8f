import { sql } from 'kysely';
import type { TracingConsentBasis, TracingProposalState, TracingRequesterKind } from '../../../core/tracing/tracing.ts';
import type { Queryable } from '../../transaction.ts';

/** A tracing request as the requesting organisation reads it (migration 0024). */
export interface TracingRequestRow {
  id: string;
  organisationId: string;
  requesterKind: TracingRequesterKind;
  consentBasis: TracingConsentBasis;
  detailsEnc: string;
  answerEnc: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

const REQUEST_COLUMNS = [
  'id',
  'organisation_id',
  'requester_kind',
  'consent_basis',
  'details_enc',
  'answer_enc',
  'answered_at',
  'closed_at',
  'created_at',
] as const;

const requestFrom = (r: {
  id: string;
  organisation_id: string;
  requester_kind: TracingRequesterKind;
  consent_basis: TracingConsentBasis;
  details_enc: string;
  answer_enc: string | null;
  answered_at: string | null;
  closed_at: string | null;
  created_at: string;
}): TracingRequestRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  requesterKind: r.requester_kind,
  consentBasis: r.consent_basis,
  detailsEnc: r.details_enc,
  answerEnc: r.answer_enc,
  answeredAt: r.answered_at,
  closedAt: r.closed_at,
  createdAt: r.created_at,
});

export async function insertTracingRequest(
  trx: Queryable,
  r: Pick<
    TracingRequestRow,
    'id' | 'organisationId' | 'requesterKind' | 'consentBasis' | 'detailsEnc' | 'createdAt'
  > & {
    createdBy: string;
  },
): Promise<void> {
  await trx
    .insertInto('tracing_requests')
    .values({
      id: r.id,
      organisation_id: r.organisationId,
      requester_kind: r.requesterKind,
      consent_basis: r.consentBasis,
      details_enc: r.detailsEnc,
      created_by: r.createdBy,
      created_at: r.createdAt,
    })
    .execute();
}

/** The organisation's requests, newest first (row-level security keeps them to it). */
export async function listTracingRequests(
  trx: Queryable,
  organisationId: string,
  limit: number,
): Promise<TracingRequestRow[]> {
  const rows = await trx
    .selectFrom('tracing_requests')
    .select([...REQUEST_COLUMNS])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(requestFrom);
}

export async function findTracingRequest(trx: Queryable, id: string): Promise<TracingRequestRow | null> {
  const r = await trx
    .selectFrom('tracing_requests')
    .select([...REQUEST_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? requestFrom(r) : null;
}

/** Open requests (system: matching a new registration against them), oldest first. */
export async function listOpenTracingRequests(trx: Queryable, limit: number): Promise<TracingRequestRow[]> {
  const rows = await trx
    .selectFrom('tracing_requests')
    .select([...REQUEST_COLUMNS])
    .where('closed_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map(requestFrom);
}

export async function closeTracingRequest(trx: Queryable, id: string, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('tracing_requests')
    .set({ closed_at: at })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A proposal as its holder reads it. */
export interface TracingProposalRow {
  id: string;
  requestId: string;
  survivorId: string;
  holderOrganisationId: string;
  summaryEnc: string;
  matchWeight: number;
  matchProbability: number;
  levels: Record<string, number>;
  weights: Record<string, number>;
  settingsId: string;
  settingsVersion: number;
  threshold: number;
  state: TracingProposalState;
  decidedAt: string | null;
  createdAt: string;
}

export type TracingProposalInsert = Omit<TracingProposalRow, 'state' | 'decidedAt'>;

/** Stores new proposals (the system); an existing (request, survivor) pair is left as it is. Returns the new ones. */
export async function insertTracingProposals(
  trx: Queryable,
  rows: readonly TracingProposalInsert[],
): Promise<TracingProposalInsert[]> {
  if (rows.length === 0) return [];
  const inserted = await trx
    .insertInto('tracing_proposals')
    .values(
      rows.map((p) => ({
        id: p.id,
        request_id: p.requestId,
        survivor_id: p.survivorId,
        holder_organisation_id: p.holderOrganisationId,
        summary_enc: p.summaryEnc,
        match_weight: p.matchWeight,
        match_probability: p.matchProbability,
        levels: JSON.stringify(p.levels),
        weights: JSON.stringify(p.weights),
        settings_id: p.settingsId,
        settings_version: p.settingsVersion,
        threshold: p.threshold,
        created_at: p.createdAt,
      })),
    )
    .onConflict((oc) => oc.columns(['request_id', 'survivor_id']).doNothing())
    .returning('id')
    .execute();
  const ids = new Set(inserted.map((r) => r.id));
  return rows.filter((r) => ids.has(r.id));
}

const PROPOSAL_COLUMNS = [
  'id',
  'request_id',
  'survivor_id',
  'holder_organisation_id',
  'summary_enc',
  'match_weight',
  'match_probability',
  'levels',
  'weights',
  'settings_id',
  'settings_version',
  'threshold',
  'state',
  'decided_at',
  'created_at',
] as const;

const proposalFrom = (r: {
  id: string;
  request_id: string;
  survivor_id: string;
  holder_organisation_id: string;
  summary_enc: string;
  match_weight: number;
  match_probability: number;
  levels: Record<string, number>;
  weights: Record<string, number>;
  settings_id: string;
  settings_version: number;
  threshold: number;
  state: TracingProposalState;
  decided_at: string | null;
  created_at: string;
}): TracingProposalRow => ({
  id: r.id,
  requestId: r.request_id,
  survivorId: r.survivor_id,
  holderOrganisationId: r.holder_organisation_id,
  summaryEnc: r.summary_enc,
  matchWeight: Number(r.match_weight),
  matchProbability: Number(r.match_probability),
  levels: r.levels ?? {},
  weights: r.weights ?? {},
  settingsId: r.settings_id,
  settingsVersion: r.settings_version,
  threshold: Number(r.threshold),
  state: r.state,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

/** The holder's proposals, newest first (row-level security keeps them to the holder). */
export async function listTracingProposals(
  trx: Queryable,
  holderOrganisationId: string,
  limit: number,
): Promise<TracingProposalRow[]> {
  const rows = await trx
    .selectFrom('tracing_proposals')
    .select([...PROPOSAL_COLUMNS])
    .where('holder_organisation_id', '=', holderOrganisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(proposalFrom);
}

export async function findTracingProposal(trx: Queryable, id: string): Promise<TracingProposalRow | null> {
  const r = await trx
    .selectFrom('tracing_proposals')
    .select([...PROPOSAL_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? proposalFrom(r) : null;
}

/** Records a decision on a proposal still open; false when it was already decided. */
export async function decideTracingProposal(
  trx: Queryable,
  id: string,
  state: Exclude<TracingProposalState, 'proposed'>,
  by: string,
  at: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('tracing_proposals')
    .set({ state, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .where('state', '=', 'proposed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes the holder's answer into the request through the database's curated door (0024 refuge_tracing_answer). */
export async function writeTracingAnswer(
  trx: Queryable,
  proposalId: string,
  answerEnc: string,
  at: string,
): Promise<boolean> {
  const { rows } = await sql<{
    ok: boolean | null;
  }>`SELECT refuge_tracing_answer(${proposalId}::uuid, ${answerEnc}, ${at}::timestamptz) AS ok`.execute(trx);
  return rows[0]?.ok === true;
}

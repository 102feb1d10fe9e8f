import { sql, type CompiledQuery, type Insertable } from 'kysely';
import type { TimelineKind } from '../../../core/cases/timeline.ts';
import type { CaseEventsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';

/** A case's timeline (case_events): entries as kind + params, their free text sealed. */
/** A timeline entry as stored: kind + params, and the entry's free text already sealed (detail_enc). */
export interface CaseEventInsert {
  id: string;
  caseId: string;
  organisationId: string | null;
  actorUserId: string | null;
  at: string;
  kind: TimelineKind;
  params: Record<string, unknown>;
  detailEnc: string | null;
}

/** A timeline entry as its columns, params as a JSON value (the registration function takes it so). */
export function caseEventColumns(
  e: CaseEventInsert,
): Omit<Insertable<CaseEventsTable>, 'params'> & { params: Record<string, unknown> } {
  return {
    id: e.id,
    case_id: e.caseId,
    organisation_id: e.organisationId,
    actor_user_id: e.actorUserId,
    at: e.at,
    kind: e.kind,
    params: e.params,
    detail_enc: e.detailEnc,
  };
}

export async function insertCaseEvents(trx: Queryable, events: readonly CaseEventInsert[]): Promise<void> {
  if (events.length > 0) await trx.executeQuery(caseEventsInsert(trx, events));
}

/** The statement insertCaseEvents sends, for a caller that writes it together with others (db/write-together). */
export function caseEventsInsert(trx: Queryable, events: readonly CaseEventInsert[]): CompiledQuery {
  return trx
    .insertInto('case_events')
    .values(events.map((e) => ({ ...caseEventColumns(e), params: JSON.stringify(e.params) })))
    .compile();
}

export interface CaseEventRow {
  id: string;
  kind: TimelineKind;
  at: string;
  actorUserId: string | null;
  organisationId: string | null;
  params: Record<string, unknown>;
  detailEnc: string | null;
}

export async function listCaseEvents(
  trx: Queryable,
  caseId: string,
  limit: number,
  before?: { at: string; id: string },
): Promise<CaseEventRow[]> {
  let q = trx
    .selectFrom('case_events')
    .select(['id', 'kind', 'at', 'actor_user_id', 'organisation_id', 'params', 'detail_enc'])
    .where('case_id', '=', caseId);
  if (before) q = q.where(sql<boolean>`(at, id) < (${before.at}::timestamptz, ${before.id}::uuid)`);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    actorUserId: r.actor_user_id,
    organisationId: r.organisation_id,
    params: r.params ?? {},
    detailEnc: r.detail_enc,
  }));
}

/** Clear timeline summaries left from before 0009, for the start-up seal (system transaction). */
export async function clearCaseEventSummaries(
  trx: Queryable,
  limit: number,
): Promise<{ id: string; summary: string }[]> {
  const rows = await trx
    .selectFrom('case_events')
    .select(['id', 'summary'])
    .where('summary', 'is not', null)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, summary: r.summary! }));
}

export async function sealCaseEventSummary(trx: Queryable, id: string, detailEnc: string): Promise<void> {
  await trx.updateTable('case_events').set({ detail_enc: detailEnc, summary: null }).where('id', '=', id).execute();
}

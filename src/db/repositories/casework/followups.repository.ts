import { sql, type CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { FollowUpOutcome } from '../../../core/followups/evaluate.ts';
import type { CaseStatus, RiskLevel } from '../../../core/vocabulary.ts';
import type { FollowUpsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

export type FollowUpRow = RowOf<FollowUpsTable>;

const followUpFrom = (r: Selectable<FollowUpsTable>): FollowUpRow => ({
  id: r.id,
  caseId: r.case_id,
  organisationId: r.organisation_id,
  dueAt: r.due_at,
  completedAt: r.completed_at,
  outcome: r.outcome,
  noteEnc: r.note_enc,
  recordedBy: r.recorded_by,
  createdAt: r.created_at,
});

/** A follow-up as its columns. */
export function followUpColumns(f: FollowUpRow): Insertable<FollowUpsTable> {
  return {
    id: f.id,
    case_id: f.caseId,
    organisation_id: f.organisationId,
    due_at: f.dueAt,
    completed_at: f.completedAt,
    outcome: f.outcome,
    note_enc: f.noteEnc,
    recorded_by: f.recordedBy,
    created_at: f.createdAt,
  };
}

export async function insertFollowUps(trx: Queryable, rows: readonly FollowUpRow[]): Promise<void> {
  if (rows.length > 0) await trx.executeQuery(followUpsInsert(trx, rows));
}

/** The statement insertFollowUps sends, for a caller that writes it together with others (db/write-together). */
export function followUpsInsert(trx: Queryable, rows: readonly FollowUpRow[]): CompiledQuery {
  return trx.insertInto('follow_ups').values(rows.map(followUpColumns)).compile();
}

export async function findFollowUp(trx: Queryable, id: string, forUpdate = false): Promise<FollowUpRow | undefined> {
  let q = trx.selectFrom('follow_ups').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forNoKeyUpdate();
  const r = await q.executeTakeFirst();
  return r ? followUpFrom(r) : undefined;
}

/** A check-in's outcome on its follow-up (written together with its timeline line: db/write-together). */
export function followUpCompletion(
  trx: Queryable,
  id: string,
  outcome: FollowUpOutcome,
  noteEnc: string | null,
  by: string | null,
  at: string,
): CompiledQuery {
  return trx
    .updateTable('follow_ups')
    .set({ outcome, note_enc: noteEnc, recorded_by: by, completed_at: at })
    .where('id', '=', id)
    .compile();
}

export async function followUpsOfCase(trx: Queryable, caseId: string): Promise<FollowUpRow[]> {
  return (
    await trx
      .selectFrom('follow_ups')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('due_at')
      .orderBy('id')
      .limit(500)
      .execute()
  ).map(followUpFrom);
}

export interface DueFollowUpRow extends FollowUpRow {
  survivorId: string;
  caseRisk: RiskLevel;
  caseStatus: CaseStatus;
}

/** Open check-ins due before `before`, earliest first, keyset on (due_at, id). */
export async function listDueFollowUps(
  trx: Queryable,
  organisationId: string,
  before: string,
  limit: number,
  after?: { dueAt: string; id: string },
): Promise<DueFollowUpRow[]> {
  let q = trx
    .selectFrom('follow_ups as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .selectAll('f')
    .select(['c.risk_level', 'c.status as case_status', 'c.survivor_id'])
    .where('f.organisation_id', '=', organisationId)
    .where('f.completed_at', 'is', null)
    .where('f.due_at', '<=', before);
  if (after) q = q.where(sql<boolean>`(f.due_at, f.id) > (${after.dueAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await q.orderBy('f.due_at').orderBy('f.id').limit(limit).execute();
  return rows.map((r) => ({
    ...followUpFrom(r),
    survivorId: r.survivor_id,
    caseRisk: r.risk_level,
    caseStatus: r.case_status,
  }));
}

/** Active cases with an open check-in already past `missedBefore` (candidates for evaluation), a page at a time. */
export async function casesWithMissedFollowUps(
  trx: Queryable,
  missedBefore: string,
  limit: number,
  afterCaseId?: string,
  organisationId?: string,
): Promise<string[]> {
  let q = trx
    .selectFrom('follow_ups')
    .select('case_id')
    .distinct()
    .where('completed_at', 'is', null)
    .where('due_at', '<', missedBefore);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  if (afterCaseId) q = q.where('case_id', '>', afterCaseId);
  return (await q.orderBy('case_id').limit(limit).execute()).map((r) => r.case_id);
}

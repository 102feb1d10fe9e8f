import { sql, type CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { ConsularRecordsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

export type ConsularRecordRow = RowOf<ConsularRecordsTable>;

const recordFrom = (r: Selectable<ConsularRecordsTable>): ConsularRecordRow => ({
  id: r.id,
  caseId: r.case_id,
  embassyOrganisationId: r.embassy_organisation_id,
  caseOrganisationId: r.case_organisation_id,
  emergencyDocumentStatus: r.emergency_document_status,
  emergencyDocumentNumberEnc: r.emergency_document_number_enc,
  emergencyDocumentIssuedAt: r.emergency_document_issued_at,
  exitClearance: r.exit_clearance,
  flightDate: r.flight_date,
  flightNumber: r.flight_number,
  repatriatedAt: r.repatriated_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export async function findConsularRecords(
  trx: Queryable,
  caseIds: readonly string[],
  embassyOrganisationId: string,
  forUpdate = false,
): Promise<Map<string, ConsularRecordRow>> {
  if (caseIds.length === 0) return new Map();
  let q = trx
    .selectFrom('consular_records')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .where('embassy_organisation_id', '=', embassyOrganisationId);
  if (forUpdate) q = q.forNoKeyUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.case_id, recordFrom(r)]));
}

/** The records any embassy keeps on one case (the case owner sees these on the case page). */
export async function consularRecordsOfCase(trx: Queryable, caseId: string): Promise<ConsularRecordRow[]> {
  return (await trx.selectFrom('consular_records').selectAll().where('case_id', '=', caseId).execute()).map(recordFrom);
}

export async function upsertConsularRecords(trx: Queryable, rows: readonly ConsularRecordRow[]): Promise<void> {
  if (rows.length > 0) await trx.executeQuery(consularRecordsUpsert(trx, rows));
}

/** The statement upsertConsularRecords sends, for a caller that writes it together with others (db/write-together). */
export function consularRecordsUpsert(trx: Queryable, rows: readonly ConsularRecordRow[]): CompiledQuery {
  return trx
    .insertInto('consular_records')
    .values(
      rows.map((r): Insertable<ConsularRecordsTable> => ({
        id: r.id,
        case_id: r.caseId,
        embassy_organisation_id: r.embassyOrganisationId,
        case_organisation_id: r.caseOrganisationId,
        emergency_document_status: r.emergencyDocumentStatus,
        emergency_document_number_enc: r.emergencyDocumentNumberEnc,
        emergency_document_issued_at: r.emergencyDocumentIssuedAt,
        exit_clearance: r.exitClearance,
        flight_date: r.flightDate,
        flight_number: r.flightNumber,
        repatriated_at: r.repatriatedAt,
        updated_by: r.updatedBy,
        updated_at: r.updatedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['case_id', 'embassy_organisation_id']).doUpdateSet((eb) => ({
        emergency_document_status: eb.ref('excluded.emergency_document_status'),
        emergency_document_number_enc: eb.ref('excluded.emergency_document_number_enc'),
        emergency_document_issued_at: eb.ref('excluded.emergency_document_issued_at'),
        exit_clearance: eb.ref('excluded.exit_clearance'),
        flight_date: eb.ref('excluded.flight_date'),
        flight_number: eb.ref('excluded.flight_number'),
        repatriated_at: eb.ref('excluded.repatriated_at'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .compile();
}

/** A travel document number an embassy recorded, for the search index (still encrypted). */
export interface ConsularDocumentNumberRow {
  id: string;
  survivorId: string;
  numberEnc: string;
  updatedAt: string;
}

/** Consular records holding a document number, changed after `after` (updated_at, id), oldest change first. */
export async function consularDocumentNumbersAfter(
  trx: Queryable,
  after: { updatedAt: string; id: string } | null,
  limit: number,
): Promise<ConsularDocumentNumberRow[]> {
  let q = trx
    .selectFrom('consular_records as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'c.survivor_id', 'r.emergency_document_number_enc', 'r.updated_at'])
    .where('r.emergency_document_number_enc', 'is not', null);
  if (after) q = q.where(sql<boolean>`(r.updated_at, r.id) > (${after.updatedAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await q.orderBy('r.updated_at').orderBy('r.id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    survivorId: r.survivor_id,
    numberEnc: r.emergency_document_number_enc!,
    updatedAt: r.updated_at,
  }));
}

import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
import {
  BOOKABLE_STATUSES,
  CLEARED_EXIT,
  type EmergencyDocumentStatus,
  type ExitClearanceStatus,
} from '../../../core/cases/consular.ts';
import { RISK_LEVELS, type CaseStatus, type DocumentStatus } from '../../../core/vocabulary.ts';
import type { ConsularRecordsTable } from '../../schema.ts';
import {
  CASE_COLUMNS,
  caseFrom,
  SURVIVOR_COLUMNS,
  survivorFrom,
  type CaseRow,
  type SurvivorRow,
} from './cases.repository.ts';
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
  if (forUpdate) q = q.forUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.case_id, recordFrom(r)]));
}

/** The records any embassy keeps on one case (the case owner sees these on the case page). */
export async function consularRecordsOfCase(trx: Queryable, caseId: string): Promise<ConsularRecordRow[]> {
  return (await trx.selectFrom('consular_records').selectAll().where('case_id', '=', caseId).execute()).map(recordFrom);
}

export async function upsertConsularRecords(trx: Queryable, rows: readonly ConsularRecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
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
    .execute();
}

/* ---------- The queue, filtered, sorted and paged in SQL ---------- */

export interface ConsularQueueFilter {
  embassyOrganisationId: string;
  /** The nationalities the embassy serves (with row-level security: consenting survivors of these only). */
  nationalitiesServed: readonly string[];
  statuses?: readonly CaseStatus[];
  nationalities?: readonly string[];
  documentStatuses?: readonly DocumentStatus[];
  emergencyDocument?: readonly EmergencyDocumentStatus[];
  exitClearance?: readonly ExitClearanceStatus[];
  ready?: boolean;
  flight?: 'none' | 'booked' | { flightNumber: string; date: string };
  /** A search: cases of these survivors, or whose id starts with this (lower-case hex) reference. */
  search?: { survivorIds: string[]; idPrefix: string | null };
}
export type ConsularSort = 'newest' | 'oldest' | 'flight' | 'risk';

/**
 * core/cases readyToFly as SQL, built from the same constants: bookable status, not yet home, a travel document (own
 * passport held or an emergency document issued), exit cleared, a flight booked. consular-queue.routes.test.ts checks
 * that the filter and the card agree (open, booked, repatriated and ready people).
 */
const READY_SQL = sql<boolean>`(
  c.status IN (${sql.join(BOOKABLE_STATUSES.map((s) => sql.lit(s)))})
  AND r.repatriated_at IS NULL
  AND (s.document_status = 'held' OR r.emergency_document_status = 'issued')
  AND coalesce(r.exit_clearance, 'pending') IN (${sql.join(CLEARED_EXIT.map((s) => sql.lit(s)))})
  AND r.flight_date IS NOT NULL AND r.flight_number IS NOT NULL
)`;
const RISK_ORDINAL = sql<number>`(CASE c.risk_level ${sql.join(
  RISK_LEVELS.map((l, i) => sql`WHEN ${sql.lit(l)} THEN ${sql.lit(i)}`),
  sql` `,
)} END)`;
const SORTS: Record<ConsularSort, { key: RawBuilder<unknown>; cast: string; dir: 'asc' | 'desc' }> = {
  newest: { key: sql`c.opened_at`, cast: 'timestamptz', dir: 'desc' },
  oldest: { key: sql`c.opened_at`, cast: 'timestamptz', dir: 'asc' },
  flight: { key: sql`coalesce(r.flight_date, '9999-12-31'::date)`, cast: 'date', dir: 'asc' },
  risk: { key: RISK_ORDINAL, cast: 'int', dir: 'desc' },
};

/**
 * Filters that only this embassy's records (few) or a search's survivors can match: those rows are found from there,
 * faster than through every case the embassy sees.
 */
const narrowedElsewhere = (f: ConsularQueueFilter): boolean =>
  f.ready === true ||
  (f.flight !== undefined && f.flight !== 'none') ||
  (!!f.emergencyDocument?.length && !f.emergencyDocument.includes('not_requested')) ||
  (!!f.exitClearance?.length && !f.exitClearance.includes('pending')) ||
  (!!f.search?.survivorIds.length && !f.search.idPrefix);

/**
 * The queue's rows before paging. `throughConsentIndex`: start from the cases this embassy sees, read through the
 * consent index (0029) — row-level security keeps the planner from that index here, and would otherwise read every
 * survivor and case. Row-level security still applies to every row read.
 */
function queueBase(trx: Queryable, f: ConsularQueueFilter, throughConsentIndex = !narrowedElsewhere(f)) {
  let q = trx
    .selectFrom('cases as c')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .leftJoin('consular_records as r', (j) =>
      j.onRef('r.case_id', '=', 'c.id').on('r.embassy_organisation_id', '=', f.embassyOrganisationId),
    );
  if (throughConsentIndex) q = q.where(sql<boolean>`c.id IN (SELECT refuge_embassy_queue_cases())`);
  q = q
    // The embassy scope of listCases (cases.repository), which row-level security also enforces.
    .where('s.consent_own_embassy', '=', true)
    .where(sql<boolean>`s.nationalities && ${sql.val([...f.nationalitiesServed])}::text[]`);
  if (f.statuses?.length) q = q.where('c.status', 'in', [...f.statuses]);
  if (f.nationalities?.length) q = q.where(sql<boolean>`s.nationalities && ${sql.val([...f.nationalities])}::text[]`);
  if (f.documentStatuses?.length) q = q.where('s.document_status', 'in', [...f.documentStatuses]);
  if (f.emergencyDocument?.length)
    q = q.where(
      sql<boolean>`coalesce(r.emergency_document_status, 'not_requested') IN (${sql.join(f.emergencyDocument.map((v) => sql.val(v)))})`,
    );
  if (f.exitClearance?.length)
    q = q.where(
      sql<boolean>`coalesce(r.exit_clearance, 'pending') IN (${sql.join(f.exitClearance.map((v) => sql.val(v)))})`,
    );
  if (f.ready !== undefined) q = q.where(f.ready ? READY_SQL : sql<boolean>`NOT coalesce(${READY_SQL}, false)`);
  if (f.flight === 'none') q = q.where('r.flight_date', 'is', null);
  else if (f.flight === 'booked') q = q.where('r.flight_date', 'is not', null);
  else if (f.flight)
    // "QZ273" and "QZ 273" are the same flight.
    q = q
      .where(
        sql<boolean>`replace(r.flight_number, ' ', '') = ${f.flight.flightNumber.replaceAll(' ', '').toUpperCase()}`,
      )
      .where('r.flight_date', '=', f.flight.date);
  if (f.search) {
    const { survivorIds, idPrefix } = f.search;
    q = q.where((eb) =>
      eb.or([
        ...(survivorIds.length ? [eb('c.survivor_id', 'in', survivorIds)] : []),
        ...(idPrefix ? [eb(sql<string>`c.id::text`, 'like', `${idPrefix}%`)] : []),
      ]),
    );
  }
  return q;
}

export interface ConsularQueueRow {
  kase: CaseRow;
  survivor: SurvivorRow;
  record: ConsularRecordRow | null;
  sortKey: string | number;
}

/**
 * One page of the queue — cases, survivors and this embassy's record (if any), keyset-paginated on (sort key, id) —
 * and the number of cases matching the filter, in one pass over the matching cases instead of two. `total` is null
 * when the page is empty (no row to carry it).
 */
export async function consularQueuePage(
  trx: Queryable,
  f: ConsularQueueFilter,
  page: { sort: ConsularSort; limit: number; after?: { key: string | number; id: string } },
): Promise<{ rows: ConsularQueueRow[]; total: number | null }> {
  const sort = SORTS[page.sort];
  // Sort key and id of every match, counted before the cursor applies (a window blocks pushing it down), then the
  // page's ids; only the page's rows are read in full.
  const matching = queueBase(trx, f).select([
    'c.id as m_id',
    sql<string | number>`${sort.key}`.as('m_key'),
    sql<string>`count(*) OVER ()`.as('m_total'),
  ]);
  let ids = trx.selectFrom(matching.as('m')).select(['m.m_id', 'm.m_key', 'm.m_total']);
  if (page.after) {
    const op = sort.dir === 'desc' ? sql`<` : sql`>`;
    ids = ids.where(
      sql<boolean>`(m.m_key, m.m_id) ${op} (${page.after.key}::${sql.raw(sort.cast)}, ${page.after.id}::uuid)`,
    );
  }
  ids = ids.orderBy('m.m_key', sort.dir).orderBy('m.m_id', sort.dir).limit(page.limit);
  const rows = await trx
    .selectFrom(ids.as('p'))
    .innerJoin('cases as c', 'c.id', 'p.m_id')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .leftJoin('consular_records as r', (j) =>
      j.onRef('r.case_id', '=', 'c.id').on('r.embassy_organisation_id', '=', f.embassyOrganisationId),
    )
    .select([...CASE_COLUMNS, ...SURVIVOR_COLUMNS])
    .select([
      'r.id as r_id',
      'r.emergency_document_status as r_emergency_document_status',
      'r.emergency_document_number_enc as r_emergency_document_number_enc',
      'r.emergency_document_issued_at as r_emergency_document_issued_at',
      'r.exit_clearance as r_exit_clearance',
      'r.flight_date as r_flight_date',
      'r.flight_number as r_flight_number',
      'r.repatriated_at as r_repatriated_at',
      'r.updated_by as r_updated_by',
      'r.updated_at as r_updated_at',
      'p.m_key as sort_key',
      'p.m_total as total',
    ])
    .orderBy('p.m_key', sort.dir)
    .orderBy('p.m_id', sort.dir)
    .execute();
  return {
    total: rows.length ? Number(rows[0]!.total) : null,
    rows: rows.map((r) => {
      const kase = caseFrom(r);
      return {
        kase,
        survivor: survivorFrom(r),
        record:
          r.r_id === null
            ? null
            : {
                id: r.r_id,
                caseId: kase.id,
                embassyOrganisationId: f.embassyOrganisationId,
                caseOrganisationId: kase.organisationId,
                emergencyDocumentStatus: r.r_emergency_document_status!,
                emergencyDocumentNumberEnc: r.r_emergency_document_number_enc,
                emergencyDocumentIssuedAt: r.r_emergency_document_issued_at,
                exitClearance: r.r_exit_clearance!,
                flightDate: r.r_flight_date,
                flightNumber: r.r_flight_number,
                repatriatedAt: r.r_repatriated_at,
                updatedBy: r.r_updated_by,
                updatedAt: r.r_updated_at!,
              },
        // Dates come back as strings and timestamps as ISO strings (database.ts type parsers); risk as an integer.
        sortKey: typeof r.sort_key === 'number' ? r.sort_key : String(r.sort_key),
      };
    }),
  };
}

/** One page of the queue (consularQueuePage without the count). */
export async function listConsularQueue(
  trx: Queryable,
  f: ConsularQueueFilter,
  page: { sort: ConsularSort; limit: number; after?: { key: string | number; id: string } },
): Promise<ConsularQueueRow[]> {
  return (await consularQueuePage(trx, f, page)).rows;
}

export async function countConsularQueue(trx: Queryable, f: ConsularQueueFilter): Promise<number> {
  const row = await queueBase(trx, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The flights people of this embassy's queue are booked on (not yet home), soonest first. */
export async function listQueueFlights(
  trx: Queryable,
  f: Pick<ConsularQueueFilter, 'embassyOrganisationId' | 'nationalitiesServed'>,
): Promise<{ date: string; flightNumber: string; people: number }[]> {
  // From this embassy's records with a flight (few): the consent index would read every case it sees.
  const rows = await queueBase(trx, f, false)
    .where('r.flight_date', 'is not', null)
    .where('r.repatriated_at', 'is', null)
    .select(['r.flight_date', 'r.flight_number', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['r.flight_date', 'r.flight_number'])
    .orderBy('r.flight_date')
    .orderBy('r.flight_number')
    .limit(100)
    .execute();
  return rows.map((r) => ({ date: String(r.flight_date), flightNumber: r.flight_number ?? '', people: Number(r.n) }));
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

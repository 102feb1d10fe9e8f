/** An embassy's consular queue, filtered, sorted and paged in SQL; the records it shows are consular.repository's. */
import { sql, type RawBuilder } from 'kysely';
import {
  BOOKABLE_STATUSES,
  CLEARED_EXIT,
  type EmergencyDocumentStatus,
  type ExitClearanceStatus,
} from '../../../core/cases/consular.ts';
import { RISK_LEVELS, type CaseStatus, type DocumentStatus } from '../../../core/vocabulary.ts';
import {
  CASE_COLUMNS,
  caseFrom,
  caseSearchCondition,
  SURVIVOR_COLUMNS,
  survivorFrom,
  type CaseRow,
  type CaseSearch,
  type SurvivorRow,
} from './cases.repository.ts';
import type { ConsularRecordRow } from './consular.repository.ts';
import type { Queryable } from '../../transaction.ts';

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
  search?: CaseSearch;
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

/** The filters on this embassy's record of a case (`r`, null when it keeps none). */
function recordConditions(f: ConsularQueueFilter): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (f.emergencyDocument?.length)
    out.push(
      sql<boolean>`coalesce(r.emergency_document_status, 'not_requested') IN (${sql.join(f.emergencyDocument.map((v) => sql.val(v)))})`,
    );
  if (f.exitClearance?.length)
    out.push(
      sql<boolean>`coalesce(r.exit_clearance, 'pending') IN (${sql.join(f.exitClearance.map((v) => sql.val(v)))})`,
    );
  if (f.ready !== undefined) out.push(f.ready ? READY_SQL : sql<boolean>`NOT coalesce(${READY_SQL}, false)`);
  if (f.flight === 'none') out.push(sql<boolean>`r.flight_date IS NULL`);
  else if (f.flight === 'booked') out.push(sql<boolean>`r.flight_date IS NOT NULL`);
  else if (f.flight)
    // "QZ273" and "QZ 273" are the same flight.
    out.push(
      sql<boolean>`replace(r.flight_number, ' ', '') = ${f.flight.flightNumber.replaceAll(' ', '').toUpperCase()}`,
      sql<boolean>`r.flight_date = ${f.flight.date}`,
    );
  return out;
}

/** The queue's rows before paging, read under row-level security. */
function queueBase(trx: Queryable, f: ConsularQueueFilter) {
  let q = trx
    .selectFrom('cases as c')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .leftJoin('consular_records as r', (j) =>
      j.onRef('r.case_id', '=', 'c.id').on('r.embassy_organisation_id', '=', f.embassyOrganisationId),
    )
    // The embassy scope of listCases (cases.repository), which row-level security also enforces.
    .where('s.consent_own_embassy', '=', true)
    .where(sql<boolean>`s.nationalities && ${sql.val([...f.nationalitiesServed])}::text[]`);
  if (f.statuses?.length) q = q.where('c.status', 'in', [...f.statuses]);
  if (f.nationalities?.length) q = q.where(sql<boolean>`s.nationalities && ${sql.val([...f.nationalities])}::text[]`);
  if (f.documentStatuses?.length) q = q.where('s.document_status', 'in', [...f.documentStatuses]);
  for (const c of recordConditions(f)) q = q.where(c);
  if (f.search) q = q.where(caseSearchCondition(f.search));
  return q;
}

export interface ConsularQueueRow {
  kase: CaseRow;
  survivor: SurvivorRow;
  record: ConsularRecordRow | null;
  sortKey: string | number;
}

/** Up to this many matches are counted exactly; beyond, the queue says "at least" this many (issue #13). */
export const QUEUE_COUNT_CAP = 1000;

/** How many cases match: exact, or (`exact` false) at least `count` — counting stopped there. */
export interface QueueTotal {
  count: number;
  exact: boolean;
}

export type QueuePageBounds = { sort: ConsularSort; limit: number; after?: { key: string | number; id: string } };

/**
 * The parameters of refuge_embassy_queue_page / _count (0031): the filters a queue entry answers by itself, and the
 * cases this embassy's records put out of the filter. A case without a record always has the same record values
 * (nothing requested, exit pending, no flight, not ready), so when those pass the record filters — the only case this
 * path takes (narrowedElsewhere) — the cases whose record fails them are the only ones to leave out; they are among this
 * embassy's records, which are few.
 */
async function entryFilter(trx: Queryable, f: ConsularQueueFilter) {
  const records = recordConditions(f);
  let exclude: string[] | null = null;
  if (records.length) {
    const failing = await trx
      .selectFrom('consular_records as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .innerJoin('survivors as s', 's.id', 'c.survivor_id')
      .select('r.case_id')
      .where('r.embassy_organisation_id', '=', f.embassyOrganisationId)
      .where(sql<boolean>`NOT coalesce(${sql.join(records, sql` AND `)}, false)`)
      .execute();
    exclude = failing.map((r) => r.case_id);
  }
  const list = <T>(xs: readonly T[] | undefined) => (xs?.length ? sql.val([...xs]) : sql`NULL`);
  return sql.join([
    sql`${list(f.statuses)}::text[]`,
    sql`${list(f.nationalities)}::text[]`,
    sql`${list(f.documentStatuses)}::text[]`,
    f.search ? sql`${sql.val(f.search.survivorIds)}::uuid[]` : sql`NULL::uuid[]`,
    sql`${f.search?.idPrefix ?? null}::text`,
    exclude ? sql`${sql.val(exclude)}::uuid[]` : sql`NULL::uuid[]`,
  ]);
}

/**
 * One page of the queue — cases, survivors and this embassy's record (if any), keyset-paginated on (sort key, id) —
 * `more` when a next page has rows, and the number matching the filter: exact when the first page holds them all or
 * when there are at most QUEUE_COUNT_CAP, otherwise "at least QUEUE_COUNT_CAP" (counting further would read every
 * case the embassy sees).
 *
 * The page's ids come from refuge_embassy_queue_page (0031), which walks the embassy's nationalities' lists in the
 * sort's order from the cursor and stops at a page; the rows are then read under row-level security. Filters that
 * only this embassy's records or a search's survivors can match are read from those instead (few, sorted here).
 */
export async function consularQueuePage(
  trx: Queryable,
  f: ConsularQueueFilter,
  page: QueuePageBounds,
): Promise<{ rows: ConsularQueueRow[]; more: boolean; total: QueueTotal }> {
  const { rows, more, total } = await queuePage(trx, f, page);
  return { rows, more, total: total ?? (await countConsularQueue(trx, f)) };
}

/** The page, with its count when the page alone tells it. */
async function queuePage(
  trx: Queryable,
  f: ConsularQueueFilter,
  page: QueuePageBounds,
): Promise<{ rows: ConsularQueueRow[]; more: boolean; total: QueueTotal | null }> {
  const sort = SORTS[page.sort];
  let ids: { id: string; ord: number }[];
  let total: QueueTotal | null = null;
  if (narrowedElsewhere(f)) {
    // Sort key and id of every match (few), counted before the cursor applies (a window blocks pushing it down).
    const matching = queueBase(trx, f).select([
      'c.id as m_id',
      sql<string | number>`${sort.key}`.as('m_key'),
      sql<string>`count(*) OVER ()`.as('m_total'),
    ]);
    let q = trx.selectFrom(matching.as('m')).select(['m.m_id', 'm.m_total']);
    if (page.after) {
      const op = sort.dir === 'desc' ? sql`<` : sql`>`;
      q = q.where(
        sql<boolean>`(m.m_key, m.m_id) ${op} (${page.after.key}::${sql.raw(sort.cast)}, ${page.after.id}::uuid)`,
      );
    }
    const found = await q
      .orderBy('m.m_key', sort.dir)
      .orderBy('m.m_id', sort.dir)
      .limit(page.limit + 1)
      .execute();
    ids = found.map((r, ord) => ({ id: r.m_id, ord }));
    if (found.length) total = { count: Number(found[0]!.m_total), exact: true };
    else if (!page.after) total = { count: 0, exact: true };
  } else {
    const params = await entryFilter(trx, f);
    const after = page.after
      ? sql`${String(page.after.key)}::text, ${page.after.id}::uuid`
      : sql`NULL::text, NULL::uuid`;
    const found = await sql<{ id: string; ord: string }>`SELECT p.case_id AS id, p.ord
      FROM refuge_embassy_queue_page(${page.sort}::text, ${after}, ${page.limit + 1}::integer, ${params})
        WITH ORDINALITY AS p(case_id, ord)`.execute(trx);
    ids = found.rows.map((r) => ({ id: r.id, ord: Number(r.ord) }));
    // The first page holds every match: its length is the count. Otherwise count, up to the cap.
    if (!page.after && ids.length <= page.limit) total = { count: ids.length, exact: true };
  }
  const more = ids.length > page.limit;
  ids = ids.slice(0, page.limit);
  const rows = ids.length ? await readQueueRows(trx, f, page.sort, ids) : [];
  return { rows, more, total };
}

/** The rows of these cases, in the order given, read under row-level security. */
async function readQueueRows(
  trx: Queryable,
  f: ConsularQueueFilter,
  sortName: ConsularSort,
  ids: { id: string; ord: number }[],
): Promise<ConsularQueueRow[]> {
  const sort = SORTS[sortName];
  const order = new Map(ids.map((r) => [r.id, r.ord]));
  const rows = await trx
    .selectFrom('cases as c')
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
      sql<string | number>`${sort.key}`.as('sort_key'),
    ])
    .where(
      'c.id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((r) => {
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
    });
}

/** One page of the queue (consularQueuePage without the count). */
export async function listConsularQueue(
  trx: Queryable,
  f: ConsularQueueFilter,
  page: QueuePageBounds,
): Promise<ConsularQueueRow[]> {
  return (await queuePage(trx, f, page)).rows;
}

/** The number of cases matching the filter: exact up to `cap`, beyond it "at least `cap`". */
export async function countConsularQueue(
  trx: Queryable,
  f: ConsularQueueFilter,
  cap = QUEUE_COUNT_CAP,
): Promise<QueueTotal> {
  if (narrowedElsewhere(f)) {
    const row = await queueBase(trx, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), exact: true };
  }
  const params = await entryFilter(trx, f);
  const n = Number(
    (await sql<{ n: number }>`SELECT refuge_embassy_queue_count(${params}, ${cap}::integer) AS n`.execute(trx)).rows[0]!
      .n,
  );
  return n > cap ? { count: cap, exact: false } : { count: n, exact: true };
}

/** The flights people of this embassy's queue are booked on (not yet home), soonest first. */
export async function listQueueFlights(
  trx: Queryable,
  f: Pick<ConsularQueueFilter, 'embassyOrganisationId' | 'nationalitiesServed'>,
): Promise<{ date: string; flightNumber: string; people: number }[]> {
  // From this embassy's records with a flight (few): the consent index would read every case it sees.
  const rows = await queueBase(trx, f)
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

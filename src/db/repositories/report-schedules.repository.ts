import type { Selectable } from 'kysely';
import type { GeneratedReportsTable, ReportSchedulesTable } from '../schema.ts';
import { type RowOf } from './rows.ts';
import type { Queryable } from '../transaction.ts';

/** Scheduled situation reports and the PDFs they produced (migration 0020), as the schema types them. */
export type ReportScheduleRow = RowOf<ReportSchedulesTable>;
export type GeneratedReportRow = RowOf<GeneratedReportsTable>;

const iso = (v: unknown) => new Date(String(v)).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

const SCHEDULE_COLUMNS = [
  'id',
  'organisation_id',
  'created_by',
  'created_at',
  'cadence',
  'hour_utc',
  'weekday',
  'next_run_at',
  'last_run_at',
] as const;

const toSchedule = (r: Selectable<ReportSchedulesTable>): ReportScheduleRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  cadence: r.cadence,
  hourUtc: r.hour_utc,
  weekday: r.weekday,
  nextRunAt: iso(r.next_run_at),
  lastRunAt: isoOrNull(r.last_run_at),
});

export async function insertReportSchedule(trx: Queryable, s: Omit<ReportScheduleRow, 'lastRunAt'>): Promise<void> {
  await trx
    .insertInto('report_schedules')
    .values({
      id: s.id,
      organisation_id: s.organisationId,
      created_by: s.createdBy,
      created_at: s.createdAt,
      cadence: s.cadence,
      hour_utc: s.hourUtc,
      weekday: s.weekday,
      next_run_at: s.nextRunAt,
    })
    .execute();
}

/** The schedules row-level security lets the caller see (its organisation's), soonest first. */
export async function listReportSchedules(trx: Queryable): Promise<ReportScheduleRow[]> {
  const rows = await trx.selectFrom('report_schedules').select(SCHEDULE_COLUMNS).orderBy('next_run_at').execute();
  return rows.map(toSchedule);
}

/** Deletes one schedule the caller can see; false when there is none (another organisation's is invisible). */
export async function deleteReportSchedule(trx: Queryable, id: string): Promise<boolean> {
  const r = await trx.deleteFrom('report_schedules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Due schedules, locked so that of several server processes only one takes each (SKIP LOCKED); the caller advances
 * them in the same transaction with `advanceReportSchedule`.
 */
export async function lockDueReportSchedules(trx: Queryable, now: string, limit: number): Promise<ReportScheduleRow[]> {
  const rows = await trx
    .selectFrom('report_schedules')
    .select(SCHEDULE_COLUMNS)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(limit)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
  return rows.map(toSchedule);
}

export async function advanceReportSchedule(trx: Queryable, id: string, ranAt: string, nextRunAt: string) {
  await trx
    .updateTable('report_schedules')
    .set({ last_run_at: ranAt, next_run_at: nextRunAt })
    .where('id', '=', id)
    .execute();
}

export async function insertGeneratedReport(trx: Queryable, r: GeneratedReportRow): Promise<void> {
  await trx
    .insertInto('generated_reports')
    .values({
      id: r.id,
      organisation_id: r.organisationId,
      schedule_id: r.scheduleId,
      created_at: r.createdAt,
      sha256: r.sha256,
      size: r.size,
      filename: r.filename,
    })
    .execute();
}

const GENERATED_COLUMNS = ['id', 'organisation_id', 'schedule_id', 'created_at', 'sha256', 'size', 'filename'] as const;

const toGenerated = (r: Selectable<GeneratedReportsTable>): GeneratedReportRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  scheduleId: r.schedule_id,
  createdAt: iso(r.created_at),
  sha256: r.sha256,
  size: Number(r.size),
  filename: r.filename,
});

/** The caller's organisation's generated reports, newest first. */
export async function listGeneratedReports(trx: Queryable, limit: number): Promise<GeneratedReportRow[]> {
  const rows = await trx
    .selectFrom('generated_reports')
    .select(GENERATED_COLUMNS)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toGenerated);
}

export async function findGeneratedReport(trx: Queryable, id: string): Promise<GeneratedReportRow | null> {
  const row = await trx
    .selectFrom('generated_reports')
    .select(GENERATED_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toGenerated(row) : null;
}

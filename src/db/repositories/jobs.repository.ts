import { sql, type Selectable } from 'kysely';
import type { JobStatus } from '../../core/vocabulary.ts';
import type { JobProgress, JobsTable } from '../schema.ts';
import type { Queryable } from '../transaction.ts';

export type { JobProgress, JobStatus };
export interface JobRow {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  progress: JobProgress;
  result: unknown;
  error: string | null;
  attempts: number;
  lockedBy: string | null;
  organisationId: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

function toJob(r: Selectable<JobsTable>): JobRow {
  return {
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    status: r.status,
    progress: r.progress ?? {},
    result: r.result ?? null,
    error: r.error,
    attempts: Number(r.attempts),
    lockedBy: r.locked_by,
    organisationId: r.organisation_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export async function enqueueJob(
  trx: Queryable,
  job: {
    id: string;
    kind: string;
    payload: unknown;
    organisationId: string | null;
    createdBy: string | null;
    /** Not before then (a retry's back-off); default: at once. */
    runAfter?: string;
  },
): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      organisation_id: job.organisationId,
      created_by: job.createdBy,
      result: null,
      error: null,
      locked_by: null,
      locked_at: null,
      finished_at: null,
      ...(job.runAfter ? { run_after: job.runAfter } : {}),
    })
    .execute();
}

/**
 * Claims the oldest runnable job for `worker`. SKIP LOCKED lets several server processes poll the
 * same table without blocking each other or running a job twice. Jobs whose worker vanished
 * (locked longer than `staleSeconds`) are claimed again.
 */
export async function claimJob(
  trx: Queryable,
  worker: string,
  kinds: readonly string[],
  staleSeconds: number,
): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const { rows } = await sql<Selectable<JobsTable>>`
    UPDATE jobs SET status = 'running', locked_by = ${worker}, locked_at = now(), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind = ANY(${sql.val([...kinds])}::text[]) AND run_after <= now()
        AND (status = 'queued' OR (status = 'running' AND locked_at < now() - make_interval(secs => ${staleSeconds})))
      ORDER BY run_after, created_at
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
    RETURNING *`.execute(trx);
  return rows[0] ? toJob(rows[0]) : null;
}

export async function reportJobProgress(
  trx: Queryable,
  id: string,
  worker: string,
  progress: JobProgress,
): Promise<void> {
  await trx
    .updateTable('jobs')
    .set({ progress: JSON.stringify(progress), locked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

export async function finishJob(
  trx: Queryable,
  id: string,
  worker: string,
  outcome: { result?: unknown; error?: string },
): Promise<void> {
  await trx
    .updateTable('jobs')
    .set({
      status: outcome.error ? 'failed' : 'succeeded',
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      error: outcome.error ?? null,
      finished_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

export async function findJob(trx: Queryable, id: string): Promise<JobRow | null> {
  const r = await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : null;
}

export async function listJobs(trx: Queryable, limit: number): Promise<JobRow[]> {
  const rows = await trx.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => toJob(r));
}

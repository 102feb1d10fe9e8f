/** Entity imports (0019): one row per run, with its checkpoint (the last line committed) so a run can resume. */
import type { Queryable } from '../../transaction.ts';

export interface ImportProblem {
  line: number;
  error: string;
}

export interface ImportRow {
  id: string;
  dataset: string;
  source: string;
  status: 'running' | 'finished' | 'failed';
  checkpointLine: number;
  imported: number;
  rejected: number;
  disappeared: number;
  problems: ImportProblem[];
  startedAt: string;
  finishedAt: string | null;
}

/** Problems kept per import (the count of rejected lines is exact beyond it). */
export const MAX_KEPT_PROBLEMS = 1000;

export async function createImport(
  trx: Queryable,
  row: { id: string; dataset: string; source: string; at: string; createdBy: string | null; isDemo?: boolean },
): Promise<void> {
  await trx
    .insertInto('entity_imports')
    .values({
      id: row.id,
      dataset: row.dataset,
      source: row.source,
      started_at: row.at,
      created_by: row.createdBy,
      is_demo: row.isDemo ?? false,
    })
    .execute();
}

/** Records progress up to `line` in the transaction that wrote those lines' entities. */
export async function checkpointImport(
  trx: Queryable,
  id: string,
  p: { line: number; imported: number; rejected: number; newProblems: readonly ImportProblem[] },
): Promise<void> {
  // Most batches have no problem: then the kept list is not read back (one round trip per batch instead of two).
  let problems: string | undefined;
  if (p.newProblems.length > 0) {
    const current = await trx.selectFrom('entity_imports').select('problems').where('id', '=', id).executeTakeFirst();
    problems = JSON.stringify([...(current?.problems ?? []), ...p.newProblems].slice(0, MAX_KEPT_PROBLEMS));
  }
  await trx
    .updateTable('entity_imports')
    .set((eb) => ({
      checkpoint_line: p.line,
      imported: eb('imported', '+', p.imported),
      rejected: eb('rejected', '+', p.rejected),
      ...(problems === undefined ? {} : { problems }),
    }))
    .where('id', '=', id)
    .execute();
}

export async function finishImport(
  trx: Queryable,
  id: string,
  r: { status: 'finished' | 'failed'; disappeared: number; at: string },
): Promise<void> {
  await trx
    .updateTable('entity_imports')
    .set({ status: r.status, disappeared: r.disappeared, finished_at: r.at })
    .where('id', '=', id)
    .execute();
}

const toImport = (r: {
  id: string;
  dataset: string;
  source: string;
  status: 'running' | 'finished' | 'failed';
  checkpoint_line: number;
  imported: number;
  rejected: number;
  disappeared: number;
  problems: ImportProblem[];
  started_at: string;
  finished_at: string | null;
}): ImportRow => ({
  id: r.id,
  dataset: r.dataset,
  source: r.source,
  status: r.status,
  checkpointLine: r.checkpoint_line,
  imported: r.imported,
  rejected: r.rejected,
  disappeared: r.disappeared,
  problems: r.problems,
  startedAt: new Date(r.started_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

export async function findImport(trx: Queryable, id: string): Promise<ImportRow | null> {
  const r = await trx.selectFrom('entity_imports').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toImport(r) : null;
}

/** The newest unfinished import of `dataset` from `source`, to resume. */
export async function findUnfinishedImport(trx: Queryable, dataset: string, source: string): Promise<ImportRow | null> {
  const r = await trx
    .selectFrom('entity_imports')
    .selectAll()
    .where('dataset', '=', dataset)
    .where('source', '=', source)
    .where('status', '=', 'running')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
  return r ? toImport(r) : null;
}

/**
 * Streaming import of FollowTheMoney JSON lines (OpenSanctions' format): lines are read one by one and written in
 * batches, each batch in one transaction with the import's checkpoint (the last line it covers), so memory stays
 * flat and an interrupted run resumes after its last committed line. A malformed line is reported with its number
 * and the rest imports. The import is a delta for its dataset: only new and changed entities are written, and those
 * the file no longer holds are marked disappeared at the end (never deleted). Afterwards the screening index is rebuilt and compounds re-screened.
 */
import { createInterface } from 'node:readline';
import { parseFtmLine, referencesOf } from '../../core/networks/ftm.ts';
import { ANALYST_DATASET } from '../../core/networks/hand-edits.ts';
import {
  analyseEntities,
  clearImportSeen,
  markUnseen,
  upsertEntities,
  type EntityWrite,
} from '../../db/repositories/networks/entities.repository.ts';
import {
  checkpointImport,
  createImport,
  findImport,
  findUnfinishedImport,
  finishImport,
  type ImportProblem,
  type ImportRow,
} from '../../db/repositories/networks/imports.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';
import { invalidateScreenIndex } from './screen-cache.service.ts';

export const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const BATCH = 1000;

export interface ImportProgress {
  line: number;
  imported: number;
  rejected: number;
}

export interface ImportOptions {
  dataset: string;
  /** Where the lines come from (file name, upload id): an unfinished import of the same source can resume. */
  source: string;
  /** Continue the newest unfinished import of this dataset and source (or the import with this id). */
  resume?: boolean | string;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  isDemo?: boolean;
  /** Stop after this many lines (tests of resuming); the import stays unfinished. */
  stopAfterLine?: number;
}

export interface ImportSummary {
  importId: string;
  dataset: string;
  status: ImportRow['status'];
  lines: number;
  imported: number;
  rejected: number;
  disappeared: number;
  resumedFromLine: number;
  problems: ImportProblem[];
}

async function openImport(
  app: AppContext,
  actor: RequestActor | null,
  o: ImportOptions,
): Promise<{ row: ImportRow; resumed: boolean }> {
  return asNetworksActor(app, actor, async (trx) => {
    if (o.resume) {
      const found =
        typeof o.resume === 'string'
          ? await findImport(trx, o.resume)
          : await findUnfinishedImport(trx, o.dataset, o.source);
      if (found && found.status !== 'running') throw conflict(`import ${found.id} has already ${found.status}`);
      if (found) return { row: found, resumed: true };
    }
    const id = app.newId();
    await createImport(trx, {
      id,
      dataset: o.dataset,
      source: o.source,
      at: app.now().toISOString(),
      createdBy: actor?.userId ?? null,
      isDemo: o.isDemo,
    });
    await audit(trx, app, actor, 'entities.import.start', 'entity_import', id, {
      dataset: o.dataset,
      source: o.source,
    });
    return { row: (await findImport(trx, id))!, resumed: false };
  });
}

export async function importEntities(
  app: AppContext,
  actor: RequestActor | null,
  lines: AsyncIterable<string>,
  o: ImportOptions,
): Promise<ImportSummary> {
  authoriseNetworks(actor, 'create');
  if (!DATASET_NAME.test(o.dataset))
    throw invalid({ dataset: 'lower-case letters, digits, - and _ (up to 64)' }, 'the dataset name is not valid');
  if (o.dataset === ANALYST_DATASET)
    throw invalid({ dataset: `"${ANALYST_DATASET}" holds hand edits; no import may use it` }, 'choose another dataset');
  const { row, resumed } = await openImport(app, actor, o);
  const skip = resumed ? row.checkpointLine : 0;
  const size = o.batchSize ?? BATCH;
  let lineNo = 0;
  let batch: EntityWrite[] = [];
  let batchProblems: ImportProblem[] = [];
  let batchRejected = 0;
  const total = { imported: row.imported, rejected: row.rejected };
  const problems: ImportProblem[] = [...row.problems];

  const flush = async () => {
    const at = app.now().toISOString();
    const writes = batch;
    const newProblems = batchProblems;
    const rejected = batchRejected;
    await asNetworksActor(app, actor, async (trx) => {
      await upsertEntities(trx, writes, {
        dataset: o.dataset,
        importId: row.id,
        at,
        createdBy: actor?.userId ?? null,
        isDemo: o.isDemo,
      });
      await checkpointImport(trx, row.id, { line: lineNo, imported: writes.length, rejected, newProblems });
    });
    total.imported += writes.length;
    total.rejected += rejected;
    problems.push(...newProblems);
    batch = [];
    batchProblems = [];
    batchRejected = 0;
    await o.onProgress?.({ line: lineNo, imported: total.imported, rejected: total.rejected });
  };

  for await (const line of lines) {
    lineNo++;
    if (lineNo <= skip) continue;
    const parsed = parseFtmLine(line, o.dataset);
    if (parsed.ok === true) batch.push({ entity: parsed.entity, refs: referencesOf(parsed.entity) });
    else if (parsed.ok === false) {
      batchRejected++;
      batchProblems.push({ line: lineNo, error: parsed.error });
    }
    if (batch.length + batchRejected >= size) await flush();
    if (o.stopAfterLine !== undefined && lineNo >= o.stopAfterLine) {
      await flush();
      return summary('running', 0);
    }
  }
  await flush();
  const disappeared = await asNetworksActor(app, actor, async (trx) => {
    const at = app.now().toISOString();
    const n = await markUnseen(trx, o.dataset, row.id, at);
    await finishImport(trx, row.id, { status: 'finished', disappeared: n, at });
    await audit(trx, app, actor, 'entities.import.finish', 'entity_import', row.id, {
      dataset: o.dataset,
      imported: total.imported,
      rejected: total.rejected,
      disappeared: n,
    });
    return n;
  });
  await asSystem(app.database, (trx) => clearImportSeen(trx, row.id));
  await asSystem(app.database, analyseEntities);
  invalidateScreenIndex(app.database);
  return summary('finished', disappeared);

  function summary(status: ImportRow['status'], gone: number): ImportSummary {
    return {
      importId: row.id,
      dataset: o.dataset,
      status,
      lines: lineNo,
      imported: total.imported,
      rejected: total.rejected,
      disappeared: gone,
      resumedFromLine: skip,
      problems: problems.slice(0, 100),
    };
  }
}

/**
 * The lines of a stream, opened only when the import starts reading: readline drops lines emitted before its
 * iterator is attached, and the import awaits the database before reading the first line.
 */
export async function* linesOf(open: () => NodeJS.ReadableStream): AsyncGenerator<string> {
  const rl = createInterface({ input: open(), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/**
 * Worker side of parallel comparison: pure compute. It rebuilds the comparators from their specs, takes
 * each column either as the calling thread's prepared values or as raw values it prepares itself, and
 * answers "levels for these pairs" requests.
 */
import { parentPort } from 'node:worker_threads';
import { buildComparator } from '../comparators/build-comparator.ts';
import { computeLevels } from '../scoring.ts';
import { ColumnPreparer, type PreparedSet } from '../prepared-set.ts';
import type { ComparatorSpec } from '../types.ts';

/** One comparison's column: prepared distinct values and each record's id (-1 missing), or raw field values. */
export type WorkerColumn = { distinct: unknown[]; ids: Int32Array } | { raw: (string | null)[][] };

export type WorkerRequest =
  | { type: 'init'; specs: ComparatorSpec[]; n: number; columns: WorkerColumn[] }
  | { type: 'levels'; id: number; a: Int32Array; b: Int32Array };

let set: PreparedSet | null = null;

function init(specs: ComparatorSpec[], n: number, columns: WorkerColumn[]): PreparedSet {
  const comparators = specs.map(buildComparator);
  const values: unknown[][] = [];
  const distinct: unknown[][] = [];
  const valueIds: Int32Array[] = [];
  comparators.forEach((comp, c) => {
    const column = columns[c]!;
    if ('distinct' in column) {
      const col = new Array<unknown>(n);
      for (let r = 0; r < n; r++) col[r] = column.ids[r]! < 0 ? null : column.distinct[column.ids[r]!];
      values.push(col);
      distinct.push(column.distinct);
      valueIds.push(column.ids);
      return;
    }
    const prep = new ColumnPreparer(comp, n);
    const row: (string | null)[] = new Array(column.raw.length);
    for (let r = 0; r < n; r++) {
      for (let f = 0; f < column.raw.length; f++) row[f] = column.raw[f]![r]!;
      prep.set(r, row);
    }
    values.push(prep.values);
    distinct.push(prep.distinct);
    valueIds.push(prep.valueIds);
  });
  return { records: new Array(n), comparators, values, side: null, distinct, valueIds };
}

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'init') {
    set = init(msg.specs, msg.n, msg.columns);
    parentPort!.postMessage({ type: 'ready' });
    return;
  }
  if (!set) throw new Error('levels worker used before init');
  const levels = computeLevels(set, msg.a, msg.b);
  parentPort!.postMessage(
    { type: 'levels', id: msg.id, levels },
    levels.map((l) => l.buffer as ArrayBuffer),
  );
});

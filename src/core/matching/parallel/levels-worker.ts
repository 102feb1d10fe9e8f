/**
 * Worker side of parallel comparison: pure compute. It rebuilds the comparators from their specs, takes
 * each column as the calling thread's prepared values, as the raw values of each distinct value (which it
 * prepares again), or as every record's raw values, and answers "levels for these pairs" requests by
 * writing into the calling thread's shared result arrays.
 */
import { parentPort } from 'node:worker_threads';
import { buildComparator } from '../comparators/build-comparator.ts';
import { ColumnPreparer, type PreparedSet } from '../prepared-set.ts';
import type { AnyComparator, ComparatorSpec } from '../types.ts';
import { computeChunks } from './chunks.ts';

/**
 * One comparison's column. `distinct`: the prepared distinct values; `distinctRaw`: per field, the raw value of each
 * distinct value; either with each record's id (-1 missing). `raw`: per field, every record's raw value.
 */
export type WorkerColumn =
  | { distinct: unknown[]; ids: Int32Array }
  | { distinctRaw: (string | null)[][]; ids: Int32Array }
  | { raw: (string | null)[][] };

export type WorkerRequest =
  | { type: 'init'; specs: ComparatorSpec[]; n: number; columns: WorkerColumn[] }
  /**
   * `into`: shared arrays (one per comparison) the levels of pairs a[p], b[p] are written to, for the pieces this
   * thread takes from the shared counter `next`.
   */
  | { type: 'levels'; id: number; a: Int32Array; b: Int32Array; into: Int8Array[]; next: Int32Array };

let set: PreparedSet | null = null;

function prepareAgain(comp: AnyComparator, raw: (string | null)[][]): unknown[] {
  const count = raw[0]?.length ?? 0;
  const out = new Array<unknown>(count);
  const row = new Array<string | null>(raw.length);
  for (let i = 0; i < count; i++) {
    for (let f = 0; f < raw.length; f++) row[f] = raw[f]![i]!;
    out[i] = comp.prepare(row);
  }
  return out;
}

function init(specs: ComparatorSpec[], n: number, columns: WorkerColumn[]): PreparedSet {
  const comparators = specs.map(buildComparator);
  const values: unknown[][] = [];
  const distinct: unknown[][] = [];
  const valueIds: Int32Array[] = [];
  comparators.forEach((comp, c) => {
    const column = columns[c]!;
    if ('raw' in column) {
      const prep = new ColumnPreparer(comp, n);
      const row: (string | null)[] = new Array(column.raw.length);
      for (let r = 0; r < n; r++) {
        for (let f = 0; f < column.raw.length; f++) row[f] = column.raw[f]![r]!;
        prep.set(r, row);
      }
      values.push(prep.values);
      distinct.push(prep.distinct);
      valueIds.push(prep.valueIds);
      return;
    }
    const d = 'distinct' in column ? column.distinct : prepareAgain(comp, column.distinctRaw);
    const col = new Array<unknown>(n);
    for (let r = 0; r < n; r++) col[r] = column.ids[r]! < 0 ? null : d[column.ids[r]!];
    values.push(col);
    distinct.push(d);
    valueIds.push(column.ids);
  });
  return { records: new Array(n), comparators, values, side: null, distinct, valueIds };
}

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'init') {
    set = init(msg.specs, msg.n, msg.columns);
    return;
  }
  if (!set) throw new Error('levels worker used before init');
  computeChunks(set, msg.a, msg.b, msg.into, msg.next);
  parentPort!.postMessage({ type: 'levels', id: msg.id });
});

/**
 * Worker side of parallel comparison: pure compute. It rebuilds the comparators from their specs,
 * prepares the records it was given, and answers "levels for these pairs" requests.
 */
import { parentPort } from 'node:worker_threads';
import { buildComparator } from '../comparators/build-comparator.ts';
import { computeLevels } from '../scoring.ts';
import { ColumnPreparer, preparedSet, type PreparedSet } from '../prepared-set.ts';
import type { ComparatorSpec } from '../types.ts';

export type WorkerRequest =
  | { type: 'init'; specs: ComparatorSpec[]; columns: (string | null)[][][] }
  | { type: 'levels'; id: number; a: Int32Array; b: Int32Array };

let set: PreparedSet | null = null;

function init(specs: ComparatorSpec[], columns: (string | null)[][][]): PreparedSet {
  const comparators = specs.map(buildComparator);
  const n = columns.length > 0 && columns[0]!.length > 0 ? columns[0]![0]!.length : 0;
  const cols = comparators.map((comp, c) => {
    const col = new ColumnPreparer(comp, n);
    const inputs = columns[c]!;
    const row: (string | null)[] = new Array(inputs.length);
    for (let r = 0; r < n; r++) {
      for (let f = 0; f < inputs.length; f++) row[f] = inputs[f]![r]!;
      col.set(r, row);
    }
    return col;
  });
  return preparedSet(new Array(n), comparators, cols, null);
}

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'init') {
    set = init(msg.specs, msg.columns);
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

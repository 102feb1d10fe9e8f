/** Scoring candidate pairs: comparison levels and match weights, in typed arrays (no object per pair). */
import type { PreparedSet } from './prepared-set.ts';
import type { TrainedModel } from './model.ts';
import { tfLevelOffsets, tfLevelWeight, tfWeightColumns } from './term-frequency.ts';
import { interactionCorrection } from './correlation.ts';

/** Correlated comparison pairs (model.correlation): their shared agreement counts once. */
function applyInteractions(
  model: TrainedModel,
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
  tfCols: readonly (Float64Array | null)[],
  weight: Float64Array,
): void {
  const offsets = tfLevelOffsets(model);
  const used = (c: number, p: number, l: number): number =>
    tfCols[c] && offsets[c]
      ? tfLevelWeight(model.weights[c]![l]!, offsets[c][l]!, l, Math.min(tfCols[c][a[p]!]!, tfCols[c][b[p]!]!))
      : model.weights[c]![l]!;
  for (const { a: ca, b: cb } of model.correlation?.interactions ?? []) {
    const na = model.weights[ca]!.length;
    const nb = model.weights[cb]!.length;
    for (let p = 0; p < weight.length; p++) {
      const la = levels[ca]![p]!;
      const lb = levels[cb]![p]!;
      if (la < 0 || lb < 0) continue;
      weight[p]! += interactionCorrection(la, lb, used(ca, p, la), used(cb, p, lb), na, nb);
    }
  }
}
import type { ProgressFn } from './types.ts';

/** levels[c][p]: level of comparison c for pair p (-1 = missing). */
export function computeLevels(set: PreparedSet, a: Int32Array, b: Int32Array, onProgress?: ProgressFn): Int8Array[] {
  const n = a.length;
  const out = set.comparators.map(() => new Int8Array(n));
  for (let c = 0; c < set.comparators.length; c++) {
    const comp = set.comparators[c]!;
    const vals = set.values[c]!;
    const col = out[c]!;
    for (let p = 0; p < n; p++) col[p] = comp.compare(vals[a[p]!], vals[b[p]!]);
    onProgress?.({ phase: 'levels', done: c + 1, total: set.comparators.length });
  }
  return out;
}

export interface ScoreOptions {
  /** Also return the level of every comparison for every pair. */
  keepLevels?: boolean;
  onProgress?: ProgressFn;
  /** Precomputed term-frequency columns (avoid recomputing per batch). */
  tfColumns?: (Float64Array | null)[];
}

export function scorePairs(
  set: PreparedSet,
  model: TrainedModel,
  a: Int32Array,
  b: Int32Array,
  options: ScoreOptions = {},
): { weight: Float64Array; levels: Int8Array[] | null } {
  const n = a.length;
  const weight = new Float64Array(n).fill(model.priorWeight);
  const tfCols = options.tfColumns ?? tfWeightColumns(model, set);
  const interacting = (model.correlation?.interactions.length ?? 0) > 0;
  const levels = options.keepLevels || interacting ? set.comparators.map(() => new Int8Array(n)) : null;
  const offsets = tfLevelOffsets(model);
  // Column by column keeps each compare() call site monomorphic, which V8 optimises far better.
  for (let c = 0; c < set.comparators.length; c++) {
    const comp = set.comparators[c]!;
    const vals = set.values[c]!;
    const w = Float64Array.from(model.weights[c]!);
    const tf = tfCols[c];
    const off = offsets[c] ?? new Float64Array(1);
    const lv = levels ? levels[c] : null;
    for (let p = 0; p < n; p++) {
      const i = a[p]!;
      const j = b[p]!;
      const l = comp.compare(vals[i], vals[j]);
      if (lv) lv[p] = l;
      if (l < 0) continue;
      weight[p]! += tf && l < off.length ? tfLevelWeight(w[l]!, off[l]!, l, Math.min(tf[i]!, tf[j]!)) : w[l]!;
    }
    options.onProgress?.({ phase: 'score', done: c + 1, total: set.comparators.length });
  }
  if (interacting && levels) applyInteractions(model, a, b, levels, tfCols, weight);
  return { weight, levels: options.keepLevels ? levels : null };
}

/** Match weights from already computed levels (training and scoring share one pass of comparisons). */
export function weightsFromLevels(
  set: PreparedSet,
  model: TrainedModel,
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
  tfColumns?: (Float64Array | null)[],
): Float64Array {
  const n = a.length;
  const weight = new Float64Array(n).fill(model.priorWeight);
  const tfCols = tfColumns ?? tfWeightColumns(model, set);
  const offsets = tfLevelOffsets(model);
  for (let c = 0; c < levels.length; c++) {
    const w = Float64Array.from(model.weights[c]!);
    const tf = tfCols[c];
    const off = offsets[c] ?? new Float64Array(1);
    const lv = levels[c]!;
    for (let p = 0; p < n; p++) {
      const l = lv[p]!;
      if (l < 0) continue;
      weight[p]! += tf && l < off.length ? tfLevelWeight(w[l]!, off[l]!, l, Math.min(tf[a[p]!]!, tf[b[p]!]!)) : w[l]!;
    }
  }
  applyInteractions(model, a, b, levels, tfCols, weight);
  return weight;
}

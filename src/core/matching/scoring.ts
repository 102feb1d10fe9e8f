/** Scoring candidate pairs: comparison levels and match weights, in typed arrays (no object per pair). */
import type { PreparedSet } from './prepared-set.ts';
import { ABSENT, PairTable } from './pair-table.ts';
import type { TrainedModel } from './model.ts';
import { tfLevelOffsets, tfLevelWeight, tfWeightColumns } from './term-frequency.ts';
import { interactionCorrection } from './correlation.ts';
import { crossedLevels, crossedPairs } from './crossed.ts';

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

/**
 * Comparisons costly enough per pair (names: script, reading and token alignment) that remembering the
 * level of each distinct pair of values pays: blocked pairs repeat the same two spellings often. (A
 * comparator may cache too, but not for values it did not prepare itself, e.g. in the levels worker.)
 */
const CACHED_KINDS: ReadonlySet<string> = new Set(['person_name', 'string', 'address']);

/**
 * Level of an unordered pair of distinct value ids (compare is symmetric by contract). Stops growing at 2^23 entries
 * (then misses recompute).
 */
const newLevelCache = (): PairTable => new PairTable(Int8Array, 1 << 23, 1 << 16);

/** Per prepared set, the level caches of its costly comparisons (kept across blocked, u and EM batches). */
const levelCaches = new WeakMap<PreparedSet, (PairTable | null)[]>();

function cachesOf(set: PreparedSet): (PairTable | null)[] {
  let caches = levelCaches.get(set);
  if (!caches) {
    caches = set.comparators.map((comp, c) =>
      set.valueIds?.[c] && CACHED_KINDS.has(comp.spec.kind) ? newLevelCache() : null,
    );
    levelCaches.set(set, caches);
  }
  return caches;
}

/**
 * levels[c][p]: level of comparison c for pair p (-1 = missing). `into`: arrays of a.length to fill instead of new
 * ones (the levels pool's halves of one result, so that a big batch allocates its result once).
 */
export function computeLevels(
  set: PreparedSet,
  a: Int32Array,
  b: Int32Array,
  { onProgress, into }: { onProgress?: ProgressFn; into?: Int8Array[] } = {},
): Int8Array[] {
  const n = a.length;
  const out = into ?? set.comparators.map(() => new Int8Array(n));
  const caches = cachesOf(set);
  for (let c = 0; c < set.comparators.length; c++) {
    const comp = set.comparators[c]!;
    const vals = set.values[c]!;
    const col = out[c]!;
    const cache = caches[c];
    const ids = set.valueIds?.[c];
    if (cache && ids) {
      // This loop remembers each pair of values; the comparator need not remember it again.
      const judge = (comp.compareUnmemoised ?? comp.compare).bind(comp);
      for (let p = 0; p < n; p++) {
        const i = a[p]!;
        const j = b[p]!;
        const x = ids[i]!;
        const y = ids[j]!;
        if (x < 0 || y < 0 || x === y) {
          col[p] = comp.compare(vals[i], vals[j]);
          continue;
        }
        const lo = x < y ? x : y;
        const hi = x < y ? y : x;
        let l = cache.get(lo, hi);
        if (l === ABSENT) {
          l = judge(vals[i], vals[j]);
          cache.set(lo, hi, l);
        }
        col[p] = l;
      }
    } else for (let p = 0; p < n; p++) col[p] = comp.compare(vals[a[p]!], vals[b[p]!]);
    onProgress?.({ phase: 'levels', done: c + 1, total: set.comparators.length });
  }
  applyCrossed(set, a, b, out);
  return out;
}

/** Given and family names written in each other's column (crossed.ts): keep the alignment that agrees more. */
function applyCrossed(set: PreparedSet, a: Int32Array, b: Int32Array, levels: Int8Array[]): void {
  for (const [g, f] of crossedPairs(set.comparators)) {
    const gc = set.comparators[g]!;
    const fc = set.comparators[f]!;
    const gv = set.values[g]!;
    const fv = set.values[f]!;
    const gl = levels[g]!;
    const fl = levels[f]!;
    for (let p = 0; p < a.length; p++) {
      const i = a[p]!;
      const j = b[p]!;
      const x = crossedLevels(gc, fc, gl[p]!, fl[p]!, gv[i], fv[i], gv[j], fv[j]);
      if (x) {
        gl[p] = x[0];
        fl[p] = x[1];
      }
    }
  }
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
  if (crossedPairs(set.comparators).length > 0) {
    // A crossed pair's level depends on the other column: levels first, then weights.
    const levels = computeLevels(set, a, b, { onProgress: options.onProgress });
    const weight = weightsFromLevels(set, model, a, b, levels, options.tfColumns);
    return { weight, levels: options.keepLevels ? levels : null };
  }
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

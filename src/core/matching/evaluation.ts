/** Pairwise precision / recall / F1 of predicted match pairs against known truth (benchmarks and eval). */

export interface PairwiseMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Number of true matching pairs: within each truth cluster (dedup), or across sides only (link). */
export function countTruePairs(truth: readonly string[], side: Uint8Array | null): number {
  const perCluster = new Map<string, [number, number]>();
  truth.forEach((t, r) => {
    const e = perCluster.get(t) ?? [0, 0];
    e[side?.[r] ?? 0]!++;
    perCluster.set(t, e);
  });
  let total = 0;
  for (const [l, rgt] of perCluster.values()) total += side ? l * rgt : (l * (l - 1)) / 2;
  return total;
}

export function pairwiseMetrics(
  truth: readonly string[],
  side: Uint8Array | null,
  a: Int32Array,
  b: Int32Array,
  accepted: (p: number) => boolean,
): PairwiseMetrics {
  let tp = 0;
  let fp = 0;
  for (let p = 0; p < a.length; p++) {
    if (!accepted(p)) continue;
    if (truth[a[p]!] === truth[b[p]!]) tp++;
    else fp++;
  }
  const fn = countTruePairs(truth, side) - tp;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Pairwise metrics of the pairs implied by clusters (transitive closure of accepted pairs), dedup mode. */
export function clusterPairwiseMetrics(truth: readonly string[], clusterOf: Int32Array): PairwiseMetrics {
  const byCluster = new Map<number, Map<string, number>>();
  const clusterSize = new Map<number, number>();
  for (let r = 0; r < truth.length; r++) {
    const c = clusterOf[r]!;
    clusterSize.set(c, (clusterSize.get(c) ?? 0) + 1);
    let inner = byCluster.get(c);
    if (!inner) {
      inner = new Map();
      byCluster.set(c, inner);
    }
    inner.set(truth[r]!, (inner.get(truth[r]!) ?? 0) + 1);
  }
  let predicted = 0;
  for (const n of clusterSize.values()) predicted += (n * (n - 1)) / 2;
  let tp = 0;
  for (const inner of byCluster.values()) for (const k of inner.values()) tp += (k * (k - 1)) / 2;
  const fp = predicted - tp;
  const fn = countTruePairs(truth, null) - tp;
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** A pair's whole vector of comparison levels as one key ("0,3,1,…"). */
export function levelVector(levels: readonly Int8Array[], p: number): string {
  let key = '';
  for (let c = 0; c < levels.length; c++) key += (c ? ',' : '') + levels[c]![p]!;
  return key;
}

/** Pairs by level vector: [true pairs, false pairs] in each. */
export function levelCells(
  truth: readonly string[],
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
): Map<string, [number, number]> {
  const cells = new Map<string, [number, number]>();
  for (let p = 0; p < a.length; p++) {
    const k = levelVector(levels, p);
    let cell = cells.get(k);
    if (!cell) cells.set(k, (cell = [0, 0]));
    cell[truth[a[p]!] === truth[b[p]!] ? 0 : 1]++;
  }
  return cells;
}

/**
 * The best pairwise F1 any scorer that sees only these comparison levels could reach on these labels: pairs grouped
 * by their whole vector of levels (every interaction allowed), groups accepted in order of their share of true pairs.
 * It reads the labels it scores, so it is an upper bound, not a result: when it sits below a goal, no weighting of
 * the levels or threshold reaches the goal — only comparisons that tell more apart, per-value evidence such as term
 * frequencies (which it does not see), evidence from other pairs (a shared accepted record, shared-records.ts), or
 * blocking that reaches more true pairs. `lowestShare`: the share of true pairs in the last group it accepts.
 */
export function scoringCeiling(
  truth: readonly string[],
  side: Uint8Array | null,
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
): PairwiseMetrics & { lowestShare: number } {
  const totalTrue = countTruePairs(truth, side);
  const share = ([t, f]: [number, number]) => t / (t + f);
  const ordered = [...levelCells(truth, a, b, levels).values()].sort((x, y) => share(y) - share(x));
  let best = { ...metricsOf(0, 0, totalTrue), lowestShare: 1 };
  let tp = 0;
  let fp = 0;
  for (const cell of ordered) {
    tp += cell[0];
    fp += cell[1];
    const m = metricsOf(tp, fp, totalTrue);
    if (m.f1 > best.f1) best = { ...m, lowestShare: share(cell) };
  }
  return best;
}

function metricsOf(tp: number, fp: number, totalTrue: number): PairwiseMetrics {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = totalTrue === 0 ? 1 : tp / totalTrue;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: totalTrue - tp, precision, recall, f1 };
}

import { describe, expect, it } from 'vitest';
import { clusterPairwiseMetrics, countTruePairs, pairwiseMetrics, scoringCeiling } from './evaluation.ts';

describe('evaluation', () => {
  const truth = ['x', 'x', 'x', 'y', 'y', 'z'];

  it('counts true pairs within clusters (dedup) and across sides (link)', () => {
    expect(countTruePairs(truth, null)).toBe(3 + 1);
    expect(countTruePairs(['a', 'a', 'b', 'a', 'b'], Uint8Array.from([0, 0, 0, 1, 1]))).toBe(2 + 1);
  });

  it('computes pairwise precision, recall and F1 of accepted pairs', () => {
    const a = Int32Array.from([0, 1, 3, 0]);
    const b = Int32Array.from([1, 2, 4, 5]);
    const m = pairwiseMetrics(truth, null, a, b, (p) => p !== 1);
    expect(m).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2 });
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 4);
    expect(m.f1).toBeCloseTo(4 / 7); // 2·TP / (2·TP + FP + FN), worked by hand
  });

  it('scores the pairs implied by clusters', () => {
    // Cluster 0 = {0,1,2,5}: 6 pairs, 3 true; cluster 1 = {3}, cluster 2 = {4}.
    const m = clusterPairwiseMetrics(truth, Int32Array.from([0, 0, 0, 1, 2, 0]));
    expect(m).toMatchObject({ truePositives: 3, falsePositives: 3, falseNegatives: 1 });
  });

  it('bounds what any scorer of the levels could reach: whole level vectors, best share of true pairs first', () => {
    // Four true pairs (x: 0-1, 0-2, 1-2; y: 3-4). Level vectors: [0,0] holds 0-1 and 1-2 (true) and 4-5 (false);
    // [0,1] holds 0-2 (true) and 2-5 (false); [1,0] holds 3-5 and 1-3 (false). 3-4 was never compared.
    const a = Int32Array.from([0, 1, 4, 0, 2, 3, 1]);
    const b = Int32Array.from([1, 2, 5, 2, 5, 5, 3]);
    const first = Int8Array.from([0, 0, 0, 0, 0, 1, 1]);
    const second = Int8Array.from([0, 0, 0, 1, 1, 0, 0]);
    const m = scoringCeiling(truth, null, a, b, [first, second]);
    // Accepting [0,0] gives TP 2 FP 1 FN 2 (F1 4/7); adding [0,1] gives TP 3 FP 2 FN 1 (F1 6/9): the bound.
    expect(m).toMatchObject({ truePositives: 3, falsePositives: 2, falseNegatives: 1 });
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.lowestShare).toBeCloseTo(1 / 2); // the last group it accepts, [0,1], is one true pair of two
    // One comparison alone cannot tell [0,0] from [0,1]: the cell [0] is 3 true of 5.
    expect(scoringCeiling(truth, null, a, b, [first]).f1).toBeCloseTo(6 / 9);
    // The other alone: [1] is 1 of 2 (F1 2/6), [0] 2 of 5; accepting both gives TP 3 FP 4 FN 1 (F1 6/11).
    expect(scoringCeiling(truth, null, a, b, [second]).f1).toBeCloseTo(6 / 11);
  });
});

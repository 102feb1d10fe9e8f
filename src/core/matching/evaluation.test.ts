import { describe, expect, it } from 'vitest';
import { clusterPairwiseMetrics, countTruePairs, pairwiseMetrics } from './evaluation.ts';

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
});

/**
 * Label-free operating point: the fitted model's own match probabilities say how many of the
 * accepted pairs it expects to be true (expected precision = mean probability of accepted pairs)
 * and what share of the expected matches among the compared pairs it accepts (expected recall).
 * A threshold is never chosen on labels: either a fixed probability, or the lowest threshold whose
 * expected precision still reaches a target. The expectations are only as good as the model's
 * calibration (Fellegi–Sunter over-counts correlated evidence), which is why they are reported
 * beside measured figures wherever labels exist.
 */
import { probabilityFromWeight } from './model.ts';

export interface OperatingPoint {
  /** Match probability at or above which a pair is accepted. */
  threshold: number;
  accepted: number;
  expectedPrecision: number;
  /** Share of the expected matches among compared pairs (pairs blocking never compared are not seen). */
  expectedRecall: number;
  expectedF1: number;
  /** Σ probability over every compared pair. */
  expectedMatches: number;
  /** Why this threshold: 'fixed' or 'precision_target'. */
  rule: 'fixed' | 'precision_target';
  /** The precision target asked for, when rule = 'precision_target'. */
  target?: number;
}

function point(count: number, sumAccepted: number, total: number, threshold: number): Omit<OperatingPoint, 'rule'> {
  const precision = count > 0 ? sumAccepted / count : 1;
  const recall = total > 0 ? sumAccepted / total : 1;
  return {
    threshold,
    accepted: count,
    expectedPrecision: precision,
    expectedRecall: recall,
    expectedF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    expectedMatches: total,
  };
}

/** Operating point over the compared pairs' match weights (log2 odds): a fixed threshold or a precision target. */
export function operatingPoint(
  weights: Float64Array,
  options: { threshold?: number; precisionTarget?: number } = {},
): OperatingPoint {
  let total = 0;
  for (const w of weights) total += probabilityFromWeight(w);
  if (options.precisionTarget === undefined) {
    const threshold = options.threshold ?? 0.5;
    let count = 0;
    let sum = 0;
    for (const w of weights) {
      const p = probabilityFromWeight(w);
      if (p < threshold) continue;
      count++;
      sum += p;
    }
    return { ...point(count, sum, total, threshold), rule: 'fixed' };
  }
  const target = options.precisionTarget;
  if (!(target > 0 && target < 1)) throw new RangeError('precision target must be between 0 and 1');
  const sorted = weights.map(probabilityFromWeight).sort().reverse();
  // Walk down the ranking; the running mean only falls, so the last prefix at the target is the largest.
  let sum = 0;
  let best = 0;
  let bestSum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i]!;
    if (sum / (i + 1) >= target) {
      best = i + 1;
      bestSum = sum;
    } else break;
  }
  // Ties at the cut are all accepted or all refused, as a threshold would.
  while (best > 0 && best < sorted.length && sorted[best] === sorted[best - 1]) {
    best--;
    bestSum -= sorted[best]!;
  }
  const threshold = best > 0 ? sorted[best - 1]! : 1;
  return { ...point(best, bestSum, total, threshold), rule: 'precision_target', target };
}

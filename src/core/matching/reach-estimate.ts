/** How much of the true pairs the blocking rules find, estimated without labels once a model is trained. */
import type { BlockingRule } from './blocking.ts';
import { firstSharedKey, type RuleIndex } from './rule-index.ts';

/** A split whose two groups of rules share less than this expected number of true pairs says too little. */
const MIN_REACH_OVERLAP = 20;
/** Pairs below this match probability are left out of the reach estimate (they weigh almost nothing). */
const MIN_REACH_PROBABILITY = 0.01;

/**
 * Label-free blocking reach after training, by capture–recapture (Lincoln–Petersen): the rules are split into
 * those that use one comparison and the others; each group "captures" true pairs, counted as the sum of the
 * fitted match probabilities of the pairs it finds. With errors in different fields independent, the true
 * pairs number about A·B / AB, and reach is the found mass over that. Errors that come together (a record
 * copied carelessly) make the groups agree more and the estimate too high, so the lowest estimate over the
 * splits is kept. null when no split has two groups sharing enough pairs (one rule, or rules on one field).
 */
export function estimateReach(
  rules: readonly BlockingRule[],
  indexes: readonly RuleIndex[],
  caps: readonly number[],
  a: Int32Array,
  b: Int32Array,
  probability: (p: number) => number,
): number | null {
  const comparisons = [...new Set(rules.flatMap((r) => r.comparisons))];
  if (rules.length < 2 || comparisons.length < 2) return null;
  // Which rules find each likely pair (bit r), and its probability.
  const masks: number[] = [];
  const probs: number[] = [];
  for (let p = 0; p < a.length; p++) {
    const w = probability(p);
    if (w < MIN_REACH_PROBABILITY) continue;
    let mask = 0;
    for (let r = 0; r < rules.length && r < 31; r++)
      if (firstSharedKey(indexes[r]!, a[p]!, b[p]!, caps[r]!) >= 0) mask |= 1 << r;
    masks.push(mask);
    probs.push(w);
  }
  let best: number | null = null;
  for (const c of comparisons) {
    let groupA = 0;
    rules.forEach((r, k) => {
      if (k < 31 && r.comparisons.includes(c)) groupA |= 1 << k;
    });
    let inA = 0;
    let inB = 0;
    let both = 0;
    let found = 0;
    for (let q = 0; q < masks.length; q++) {
      const m = masks[q]!;
      const w = probs[q]!;
      const fa = (m & groupA) !== 0;
      const fb = (m & ~groupA) !== 0;
      if (fa) inA += w;
      if (fb) inB += w;
      if (fa && fb) both += w;
      found += w;
    }
    if (both < MIN_REACH_OVERLAP) continue;
    const reach = Math.min(1, (found * both) / (inA * inB));
    if (best === null || reach < best) best = reach;
  }
  return best;
}

/**
 * Blocking rules chosen from the data when the user names none: every comparison (and key variant)
 * is measured on the records — distinct keys, share of records with a usable key, largest block,
 * pairs it would produce — and only selective rules are kept, cheapest first, within a pair budget.
 * A field with few values (sex, state, nationality) never becomes a rule of its own; it may join a
 * selective-enough combination (sex + year of birth is still coarse, name key + year is not).
 * Big data: measured on a evenly spread sample (no randomness) and scaled (pairs by (n/s)², blocks by n/s).
 */
import type { Rng } from '../random.ts';
import { blockingRuleFromSpec, blockPairs, type BlockingRuleSpec } from './blocking.ts';
import { firstSharedKey, indexRule } from './rule-index.ts';
import { initialM, log2Ratio } from './model.ts';
import type { PreparedSet } from './prepared-set.ts';
import { computeLevels } from './scoring.ts';
import { sampleRandomPairs, uFromLevels } from './training.ts';

export interface AutoBlockingOptions {
  /** Seeds the random pairs u is estimated from (anchor scoring). */
  rng: Rng;
  /** Most pairs compared in all (default perRecord × records). */
  pairBudget?: number;
  /** Pairs per record allowed in all (default 25). */
  pairsPerRecord?: number;
  /** Blocks larger than this are skipped (default: 50..1000, n/20). */
  maxBlockSize?: number;
  /** A rule with fewer distinct keys than this is never used alone (default 20; n/10, at least 3, for small sets). */
  minDistinctKeys?: number;
  /** A rule giving usable keys to fewer records than this share is dropped (default 0.05). */
  minCoverage?: number;
  /** Records measured at most (default 50 000; more are sampled evenly). */
  sampleSize?: number;
  /** Most rules kept (default 8). */
  maxRules?: number;
}

export type CandidateVerdict = 'chosen' | 'low_cardinality' | 'coarse' | 'sparse' | 'over_budget';

export interface CandidateRule {
  spec: BlockingRuleSpec;
  name: string;
  /** Distinct keys seen (in the sample when sampled). */
  distinctKeys: number;
  /** Share of records with a key in a block no larger than the cap. */
  coverage: number;
  /** Largest block as a share of the records with a key. */
  largestShare: number;
  /** Estimated pairs the rule produces (blocks above the cap skipped). */
  pairs: number;
  verdict: CandidateVerdict;
}

export interface AutoBlocking {
  rules: BlockingRuleSpec[];
  candidates: CandidateRule[];
  budget: number;
  maxBlockSize: number;
  /** Sum of the chosen rules' pairs (an upper bound: pairs found by several rules count once when blocked). */
  estimatedPairs: number;
  /** Likely true pairs found by the eligible rules (see pickByAnchors); 0 when too few to use. */
  anchors: number;
  /** Share of the anchors the chosen rules reach (label-free estimate), null without anchors. */
  estimatedReach: number | null;
}

type Part = { comparison: string; variant?: string };
const partName = (p: Part): string => (p.variant ? `${p.comparison}.${p.variant}` : p.comparison);
const specOf = (parts: Part[]): BlockingRuleSpec => ({
  on: parts.map((p) => (p.variant ? { comparison: p.comparison, variant: p.variant } : p.comparison)),
});

function sampleSet(set: PreparedSet, size: number): { sample: PreparedSet; scale: number } {
  const n = set.records.length;
  if (n <= size) return { sample: set, scale: 1 };
  const step = n / size;
  const idx = Array.from({ length: size }, (_, i) => Math.floor(i * step));
  return {
    sample: {
      records: idx.map((i) => set.records[i]!),
      comparators: set.comparators,
      values: set.values.map((col) => idx.map((i) => col[i])),
      side: set.side ? Uint8Array.from(idx, (i) => set.side![i]!) : null,
    },
    scale: n / size,
  };
}

/** Measure one rule on a (sample of the) set. Pairs respect link mode (cross pairs only). */
export function measureRule(
  set: PreparedSet,
  spec: BlockingRuleSpec,
  maxBlockSize: number,
  scale = 1,
): Omit<CandidateRule, 'verdict'> {
  const rule = blockingRuleFromSpec(spec, set);
  const ix = indexRule(set, rule);
  const n = set.records.length;
  const nBlocks = ix.blockOffsets.length - 1;
  const cap = (spec.maxBlockSize ?? maxBlockSize) / scale;
  let pairs = 0;
  let largest = 0;
  const usable = new Uint8Array(n);
  let withKey = 0;
  for (let r = 0; r < n; r++) if (ix.keyOffsets[r + 1]! > ix.keyOffsets[r]!) withKey++;
  for (let k = 0; k < nBlocks; k++) {
    const s = ix.blockOffsets[k]!;
    const e = ix.blockOffsets[k + 1]!;
    const size = e - s;
    largest = Math.max(largest, size);
    if (size > cap) continue;
    for (let p = s; p < e; p++) usable[ix.blockMembers[p]!] = 1;
    if (size < 2) continue;
    if (set.side) {
      let left = 0;
      for (let p = s; p < e; p++) if (set.side[ix.blockMembers[p]!] === 0) left++;
      pairs += left * (size - left);
    } else pairs += (size * (size - 1)) / 2;
  }
  let covered = 0;
  for (let r = 0; r < n; r++) covered += usable[r]!;
  return {
    spec,
    name: rule.name,
    distinctKeys: nBlocks,
    coverage: n > 0 ? covered / n : 0,
    largestShare: withKey > 0 ? largest / withKey : 0,
    pairs: pairs * scale * scale,
  };
}

/** Every comparison with blocking keys, with each of its key variants, as one-part rules. */
export function singleParts(set: PreparedSet): Part[] {
  const parts: Part[] = [];
  for (const c of set.comparators) {
    if (!c.blockingKeys) continue;
    parts.push({ comparison: c.name });
    for (const v of c.blockingVariants ?? []) parts.push({ comparison: c.name, variant: v });
  }
  return parts;
}

export function chooseBlockingRules(set: PreparedSet, options: AutoBlockingOptions): AutoBlocking {
  const n = set.records.length;
  let effective = n;
  if (set.side) {
    let left = 0;
    for (let i = 0; i < n; i++) if (set.side[i] === 0) left++;
    effective = Math.max(left, n - left);
  }
  const budget = options.pairBudget ?? (options.pairsPerRecord ?? 25) * Math.max(effective, 1);
  const maxBlockSize = options.maxBlockSize ?? Math.min(1000, Math.max(50, Math.round(n / 20)));
  const minDistinct = options.minDistinctKeys ?? Math.max(3, Math.min(20, Math.round(n / 10)));
  const minCoverage = options.minCoverage ?? 0.05;
  const maxRules = options.maxRules ?? 8;
  const { sample, scale } = sampleSet(set, options.sampleSize ?? 50_000);

  const judge = (m: Omit<CandidateRule, 'verdict'>): CandidateVerdict => {
    if (m.distinctKeys < minDistinct) return 'low_cardinality';
    if (m.coverage < minCoverage) return m.largestShare > 0.05 ? 'coarse' : 'sparse';
    // One rule may use at most half the budget: the others need room, and a rule that dear is mostly non-matches.
    if (m.pairs > budget / 2) return 'coarse';
    return 'chosen';
  };
  const candidates: CandidateRule[] = [];
  const singles = singleParts(sample).map((p) => {
    const m = measureRule(sample, specOf([p]), maxBlockSize, scale);
    const c: CandidateRule = { ...m, verdict: judge(m) };
    candidates.push(c);
    return { part: p, c };
  });
  // Combinations: two parts of different comparisons, at least one of them not usable alone or losing
  // records to skipped blocks (otherwise the combination only repeats the usable part's pairs).
  const weak = singles.filter((s) => s.c.verdict !== 'chosen' || s.c.largestShare * n > maxBlockSize);
  const seen = new Set<string>();
  for (const w of weak) {
    for (const o of singles) {
      if (o.part.comparison === w.part.comparison) continue;
      if (o.c.verdict === 'sparse' || w.c.verdict === 'sparse') continue;
      const parts = [w.part, o.part].sort((x, y) => partName(x).localeCompare(partName(y)));
      const key = parts.map(partName).join('+');
      if (seen.has(key)) continue;
      seen.add(key);
      const m = measureRule(sample, specOf(parts), maxBlockSize, scale);
      candidates.push({ ...m, verdict: judge(m) });
    }
  }
  // A broad rule whose keys are too coarse at the cap (a name: common family names make big blocks) may
  // still be selective in its small blocks: the same rule with a tenth of the cap (then a 25th, a 50th)
  // keeps only those. Tried for single fields and for combinations (name + nationality, name + sex).
  for (const c of [...candidates]) {
    if (c.verdict !== 'coarse' || c.coverage < 0.5) continue;
    for (const share of [10, 25, 50]) {
      const tight = Math.max(5, Math.round(maxBlockSize / share));
      const spec = { ...c.spec, name: `${c.name} (blocks ≤ ${tight})`, maxBlockSize: tight };
      const m = measureRule(sample, spec, maxBlockSize, scale);
      const verdict = judge(m);
      candidates.push({ ...m, name: spec.name, verdict });
      if (verdict !== 'coarse' || m.coverage < 0.5 || tight === 5) break;
    }
  }
  let eligible = candidates.filter((c) => c.verdict === 'chosen');
  if (eligible.length === 0) {
    // Nothing fits the budget: the most selective rule that is not low-cardinality or sparse, alone.
    const fallback = candidates
      .filter((c) => c.distinctKeys >= minDistinct && c.coverage >= minCoverage)
      .sort((x, y) => x.pairs / x.coverage - y.pairs / y.coverage)[0];
    eligible = fallback ? [fallback] : [];
  }
  for (const c of eligible) c.verdict = 'over_budget';
  const picked = pickByAnchors(sample, eligible, maxBlockSize / scale, scale, options.rng, budget, maxRules);
  let spent = 0;
  for (const c of picked.rules) {
    c.verdict = 'chosen';
    spent += c.pairs;
  }
  return {
    rules: picked.rules.map((c) => c.spec),
    candidates,
    budget,
    maxBlockSize,
    estimatedPairs: spent,
    anchors: picked.anchors,
    estimatedReach: picked.reach,
  };
}

/** Anchors: evidence within this many bits of the prior odds of a random pair (hard true pairs count too). */
const ANCHOR_MARGIN_BITS = 6;
/** A rule costs its pairs plus this many per record (so a cheap rule that reaches little is not preferred). */
const RULE_OVERHEAD_PAIRS_PER_RECORD = 4;
/** Stop adding rules when the best one reaches fewer than this share of the anchors. */
const MIN_GAIN_SHARE = 0.002;

/**
 * Label-free pair reach: every pair found by any eligible rule is scored with the untrained model
 * (u from random pairs, the starting m); pairs whose evidence beats the prior odds of a random pair
 * (≈ 1 in n) are "anchors", likely true pairs. Rules are then picked greedily by anchors newly
 * reached per pair compared, within the budget, until a rule adds under 0.5 % of the anchors.
 * Reach is relative to what all eligible rules find together, so it is an upper bound.
 */
function pickByAnchors(
  set: PreparedSet,
  eligible: CandidateRule[],
  cap: number,
  scale: number,
  rng: Rng,
  budget: number,
  maxRules: number,
): { rules: CandidateRule[]; anchors: number; reach: number | null } {
  const byCost = [...eligible].sort(
    (x, y) => x.spec.on.length - y.spec.on.length || x.pairs / x.coverage - y.pairs / y.coverage,
  );
  const fallback = (): { rules: CandidateRule[]; anchors: number; reach: null } => {
    const rules: CandidateRule[] = [];
    let spent = 0;
    for (const c of byCost) {
      if (rules.length >= maxRules || (rules.length > 0 && spent + c.pairs > budget)) continue;
      rules.push(c);
      spent += c.pairs;
    }
    return { rules, anchors: 0, reach: null };
  };
  if (eligible.length === 0) return { rules: [], anchors: 0, reach: null };
  // Each rule's own cap (a tight variant has a smaller one), scaled to the sample.
  const caps = eligible.map((c) => (c.spec.maxBlockSize !== undefined ? c.spec.maxBlockSize / scale : cap));
  const ruleObjs = eligible.map((c, r) => ({ ...blockingRuleFromSpec(c.spec, set), maxBlockSize: caps[r] }));
  const union = blockPairs(set, ruleObjs, { maxBlockSize: cap });
  const random = sampleRandomPairs(set, rng, 100_000);
  const u = uFromLevels(set, computeLevels(set, random.a, random.b));
  const w = set.comparators.map((c, ci) => initialM(c.levels.length).map((m, l) => log2Ratio(m, u[ci]![l]!)));
  const levels = computeLevels(set, union.a, union.b);
  let n = set.records.length;
  if (set.side) n = Math.max(...[0, 1].map((s) => set.side!.filter((x) => x === s).length));
  const minWeight = Math.log2(Math.max(n, 2)) - ANCHOR_MARGIN_BITS;
  const anchors: number[] = [];
  for (let p = 0; p < union.a.length; p++) {
    let score = 0;
    for (let c = 0; c < levels.length; c++) {
      const l = levels[c]![p]!;
      if (l >= 0) score += w[c]![l]!;
    }
    if (score >= minWeight) anchors.push(p);
  }
  if (anchors.length < 30) return fallback();
  // reach[r][k]: rule r reaches anchor k.
  const reaches = union.indexes.map((ix, r) =>
    Uint8Array.from(anchors, (p) => (firstSharedKey(ix, union.a[p]!, union.b[p]!, caps[r]!) >= 0 ? 1 : 0)),
  );
  const covered = new Uint8Array(anchors.length);
  let coveredCount = 0;
  const chosen: number[] = [];
  let spent = 0;
  while (chosen.length < maxRules) {
    let best = -1;
    let bestGain = 0;
    let bestRatio = 0;
    for (let r = 0; r < eligible.length; r++) {
      if (chosen.includes(r)) continue;
      if (chosen.length > 0 && spent + eligible[r]!.pairs > budget) continue;
      let gain = 0;
      for (let k = 0; k < anchors.length; k++) if (!covered[k] && reaches[r]![k]) gain++;
      const ratio = gain / (eligible[r]!.pairs + RULE_OVERHEAD_PAIRS_PER_RECORD * n);
      if (gain > 0 && ratio > bestRatio) {
        best = r;
        bestGain = gain;
        bestRatio = ratio;
      }
    }
    if (best < 0 || (chosen.length > 0 && bestGain < MIN_GAIN_SHARE * anchors.length)) break;
    chosen.push(best);
    spent += eligible[best]!.pairs;
    for (let k = 0; k < anchors.length; k++)
      if (reaches[best]![k] && !covered[k]) {
        covered[k] = 1;
        coveredCount++;
      }
  }
  return { rules: chosen.map((r) => eligible[r]!), anchors: anchors.length, reach: coveredCount / anchors.length };
}

/**
 * Training the Fellegi–Sunter model without labels, as Splink documents:
 * u from random pairs (seeded sample); m by EM round-robin over training blocking rules, where the
 * comparisons a rule holds equal are left out of that round; λ from each round's match share,
 * corrected for the rule's recall, averaged.
 */
import type { Rng } from '../random.ts';
import { blockingRuleFromSpec, blockPairs, type BlockingRule } from './blocking.ts';
import { firstSharedKey, type RuleIndex } from './rule-index.ts';
import { buildModel, initialM, type ModelSettings, type TrainedModel, type TrainingDiagnostics } from './model.ts';
import type { PreparedSet } from './prepared-set.ts';
import { computeLevels } from './scoring.ts';
import { termFrequencies } from './term-frequency.ts';
import { runEm } from './em.ts';
import { detectCorrelations, planCorrelations } from './correlation.ts';
import type { ProgressFn } from './types.ts';

export interface TrainingOptions {
  rng: Rng;
  /** Random pairs sampled for u (default 300k). */
  uSamplePairs?: number;
  /** Most pairs used per EM round (evenly spread over the rule's blocks; default 1M). */
  emPairsPerRule?: number;
  onProgress?: ProgressFn;
  /** Provide rule objects directly (function rules); otherwise built from settings. */
  trainingRules?: BlockingRule[];
  /**
   * Already blocked pairs with their levels, and the indexes of the rules that produced them: EM then
   * trains on the pairs each rule covers without comparing anything again. The training rules must be
   * among the blocking rules (matched by name); others are blocked afresh.
   */
  blocked?: {
    a: Int32Array;
    b: Int32Array;
    levels: Int8Array[];
    indexes: RuleIndex[];
    rulePairs: number[];
    ruleNames: string[];
  };
  /** Levels of random pairs computed elsewhere (e.g. in a worker) for u. */
  uLevels?: Int8Array[];
}

/** Pairs (and their levels) of one rule, from the blocked set: the pairs whose records share a key of it. */
function pairsOfRule(blocked: NonNullable<TrainingOptions['blocked']>, r: number, limit: number): Int8Array[] {
  const ix = blocked.indexes[r]!;
  // Typed arrays and plain loops: millions of pairs per rule, so no number[] or per-element callbacks.
  const keep = new Int32Array(blocked.a.length);
  let kept = 0;
  for (let p = 0; p < blocked.a.length; p++)
    if (firstSharedKey(ix, blocked.a[p]!, blocked.b[p]!) >= 0) keep[kept++] = p;
  const stride = kept > limit ? kept / limit : 1;
  let count = 0;
  for (let x = 0; x < kept; x += stride) keep[count++] = keep[Math.floor(x)]!; // in place: floor(x) ≥ count
  return blocked.levels.map((col) => {
    const out = new Int8Array(count);
    for (let k = 0; k < count; k++) out[k] = col[keep[k]!]!;
    return out;
  });
}

function totalPairSpace(set: PreparedSet): number {
  const n = set.records.length;
  if (!set.side) return (n * (n - 1)) / 2;
  let left = 0;
  for (let i = 0; i < n; i++) if (set.side[i] === 0) left++;
  return left * (n - left);
}

/** u[c][l] from a seeded sample of random pairs (cross pairs in link mode). */
function allPairs(set: PreparedSet): { a: Int32Array; b: Int32Array } {
  const n = set.records.length;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (set.side && set.side[i] === set.side[j]) continue;
      a.push(i);
      b.push(j);
    }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

/** Seeded random pairs for u (cross pairs in link mode). */
export function sampleRandomPairs(set: PreparedSet, rng: Rng, samplePairs = 300_000): { a: Int32Array; b: Int32Array } {
  // Small data: every pair once gives the exact u (and costs less than sampling).
  if (totalPairSpace(set) <= samplePairs) return allPairs(set);
  const n = set.records.length;
  const a = new Int32Array(samplePairs);
  const b = new Int32Array(samplePairs);
  const leftIdx: number[] = [];
  const rightIdx: number[] = [];
  if (set.side) for (let i = 0; i < n; i++) (set.side[i] === 0 ? leftIdx : rightIdx).push(i);
  let k = 0;
  for (let t = 0; t < samplePairs * 4 && k < samplePairs; t++) {
    let i: number, j: number;
    if (set.side) {
      i = leftIdx[rng.int(leftIdx.length)]!;
      j = rightIdx[rng.int(rightIdx.length)]!;
    } else {
      i = rng.int(n);
      j = rng.int(n);
      if (i === j) continue;
    }
    a[k] = i;
    b[k] = j;
    k++;
  }
  return { a: a.subarray(0, k), b: b.subarray(0, k) };
}

/** u[c][l] from the levels of random pairs. */
export function uFromLevels(set: PreparedSet, levels: readonly Int8Array[]): number[][] {
  const k = levels.length > 0 ? levels[0]!.length : 0;
  return set.comparators.map((comp, c) => {
    const counts = new Float64Array(comp.levels.length);
    let nonNull = 0;
    for (let p = 0; p < k; p++) {
      const l = levels[c]![p]!;
      if (l >= 0) {
        counts[l]!++;
        nonNull++;
      }
    }
    // Half a pseudo-count per level keeps unseen agreement levels finite but very rare.
    return Array.from(counts, (x) => (x + 0.5) / (nonNull + 0.5 * comp.levels.length));
  });
}

/** u[c][l] from a seeded sample of random pairs (cross pairs in link mode). */
export function estimateU(set: PreparedSet, rng: Rng, samplePairs = 300_000): number[][] {
  const { a, b } = sampleRandomPairs(set, rng, samplePairs);
  return uFromLevels(set, computeLevels(set, a, b));
}

export function trainModel(set: PreparedSet, settings: ModelSettings, options: TrainingOptions): TrainedModel {
  const comps = set.comparators;
  options.onProgress?.({ phase: 'train:u', done: 0, total: 1 });
  let uLevels = options.uLevels;
  if (!uLevels) {
    const { a, b } = sampleRandomPairs(set, options.rng, options.uSamplePairs);
    uLevels = computeLevels(set, a, b);
  }
  const u = uFromLevels(set, uLevels);
  const correlation = planCorrelations(detectCorrelations(set), comps.length);
  options.onProgress?.({ phase: 'train:u', done: 1, total: 1 });
  const rules =
    options.trainingRules ??
    (settings.trainingRules ?? settings.blockingRules).map((s) => blockingRuleFromSpec(s, set));
  const rounds: EmRound[] = [];
  const warnings: string[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const limit = options.emPairsPerRule ?? 1_000_000;
    let levels: Int8Array[];
    let rawPairs: number;
    const blockedIndex = options.blocked ? options.blocked.ruleNames.indexOf(rule.name) : -1;
    if (options.blocked && blockedIndex >= 0) {
      levels = pairsOfRule(options.blocked, blockedIndex, limit);
      rawPairs = options.blocked.rulePairs[blockedIndex]!;
    } else {
      const pairs = blockPairs(set, [rule], { maxBlockSize: settings.maxBlockSize, limit });
      rawPairs = pairs.perRule[0]!.pairs;
      levels = computeLevels(set, pairs.a, pairs.b);
    }
    // A round with no pairs says nothing (it must not add a zero to the match-rate average).
    if (levels.length === 0 || levels[0]!.length === 0) {
      warnings.push(`EM round ${rule.name}: no pairs, skipped`);
      continue;
    }
    // A composite of other comparisons (see correlation.ts) is left out of EM as well as of scoring.
    const active = comps.map((c, ci) => !rule.comparisons.includes(c.name) && !correlation.dropped.includes(ci));
    // Levels in order of first appearance (the order recall sums them in), without a Set.add per pair.
    const seenLevels = comps.map((comp, c) => {
      const s = new Set<number>();
      if (active[c]) return s;
      const seen = new Uint8Array(comp.levels.length + 1);
      const col = levels[c]!;
      for (let p = 0; p < col.length && s.size < seen.length; p++) {
        const l = col[p]!;
        if (seen[l + 1] === 0) {
          seen[l + 1] = 1;
          s.add(l);
        }
      }
      return s;
    });
    const result = runEm(
      levels,
      comps.map((c) => c.levels.length),
      active,
      u,
      comps.map((c) => initialM(c.levels.length)),
    );
    rounds.push({ rule, lambdaInRule: result.lambda, pairs: rawPairs, seenLevels, m: result.m, active });
    options.onProgress?.({ phase: 'train:em', done: r + 1, total: rules.length });
  }
  for (const ci of correlation.dropped)
    warnings.push(`${comps[ci]!.name}: repeats other comparisons (correlated with each); left out of the model`);
  const { m, lambda, diagnostics } = combineRounds(set, rounds, u, warnings, correlation.dropped);
  const tf = comps.map((c, ci) => (c.spec.termFrequency ? termFrequencies(set, ci) : null));
  const model = buildModel(settings, { lambda, m, u }, tf, [...comps]);
  for (const ci of correlation.dropped) {
    model.weights[ci] = model.weights[ci]!.map(() => 0);
    model.tf[ci] = null;
  }
  return { ...model, diagnostics, correlation };
}

export interface EmRound {
  rule: BlockingRule;
  lambdaInRule: number;
  pairs: number;
  seenLevels: Set<number>[];
  m: number[][];
  active: boolean[];
}

/** A round's m on 'else' this many times the rounds' median (and ELSE_OUTLIER_MARGIN above it) is not used. */
const ELSE_OUTLIER_FACTOR = 3;
const ELSE_OUTLIER_MARGIN = 0.05;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/**
 * Guard rails between EM rounds and the model: a round's m for a comparison is kept only when true
 * matches disagree less often than random pairs (m < u on 'else' and on every other level the comparator
 * declares as disagreement, e.g. two full dates that differ); λ is the median of the rounds'
 * estimates (one round on a huge, mostly non-matching block cannot pull it tenfold); a round whose
 * estimate is more than ten times off the median does not train m either. Every refusal is a warning.
 */
export function combineRounds(
  set: PreparedSet,
  rounds: readonly EmRound[],
  u: readonly number[][],
  warnings: string[] = [],
  dropped: readonly number[] = [],
): { m: number[][]; lambda: number; diagnostics: TrainingDiagnostics } {
  const comps = set.comparators;
  const space = totalPairSpace(set);
  // Matches in a rule's pairs ≈ λ_rule·pairs; the rule finds a share "recall" of all matches, estimated
  // from the starting m first and refined below from the combined m.
  const estimate = (round: EmRound, m: readonly (readonly number[])[]): number => {
    let recall = 1;
    comps.forEach((c, ci) => {
      if (round.active[ci]) return;
      let share = 0;
      for (const l of round.seenLevels[ci]!) if (l >= 0) share += m[ci]![l]!;
      recall *= Math.max(share, 0.05);
    });
    return (round.lambdaInRule * round.pairs) / recall / Math.max(space, 1);
  };
  const average = (use: (round: EmRound, ci: number) => boolean): { m: number[][]; trained: boolean[] } => {
    const trained = comps.map(() => false);
    const m = comps.map((c, ci) => {
      const sum = new Array<number>(c.levels.length).fill(0);
      let k = 0;
      for (const round of rounds) {
        if (!round.active[ci] || !use(round, ci)) continue;
        round.m[ci]!.forEach((x, l) => (sum[l]! += x));
        k++;
      }
      trained[ci] = k > 0;
      return k > 0 ? sum.map((x) => x / k) : initialM(c.levels.length);
    });
    return { m, trained };
  };
  const elseOnly = comps.map((c) => [c.levels.length - 1]);
  const declared = comps.map((c) => c.disagreementLevels ?? [c.levels.length - 1]);
  const firstImplausible = (levels: readonly number[], round: EmRound, ci: number): number =>
    levels.find((l) => round.m[ci]![l]! >= u[ci]![l]!) ?? -1;
  // The declared levels are checked when some round passes them; when none does, the data itself says
  // such a level is common among matches (dates corrupted wholesale), and only 'else' is checked.
  const against = comps.map((_, ci) =>
    rounds.some((r) => r.active[ci] && firstImplausible(declared[ci]!, r, ci) < 0) ? declared[ci]! : elseOnly[ci]!,
  );
  comps.forEach((c, ci) => {
    if (against[ci] !== declared[ci] && declared[ci]!.length > 1)
      warnings.push(
        `${c.name}: every EM round finds its disagreement levels common among matches; only 'else' checked`,
      );
  });
  /** First disagreement level where matches land at least as often as random pairs, or -1. */
  const implausibleLevel = (round: EmRound, ci: number): number => firstImplausible(against[ci]!, round, ci);
  const plausible = (round: EmRound, ci: number): boolean => implausibleLevel(round, ci) < 0;
  for (const round of rounds)
    comps.forEach((c, ci) => {
      const l = round.active[ci] ? implausibleLevel(round, ci) : -1;
      if (l >= 0) {
        warnings.push(
          `EM round ${round.rule.name}: ${c.name} ${c.levels[l]} is more frequent among matches than among random ` +
            `pairs (m=${round.m[ci]![l]!.toFixed(3)} ≥ u=${u[ci]![l]!.toFixed(3)}); not used for ${c.name}`,
        );
      }
    });
  // A round caught on one comparison has a match class that is not (only) matches: on name blocks, EM takes
  // namesakes for one person, and the same class that says their dates differ says their phones and passports do.
  // Its m is not used for any comparison while some round the guard passes on every comparison trains that one.
  const sound = rounds.map((r) => comps.every((_, ci) => !r.active[ci] || plausible(r, ci)));
  const fromSound = comps.map((_, ci) => rounds.some((r, i) => sound[i] && r.active[ci]));
  const trustedBefore = (round: EmRound, ci: number): boolean =>
    plausible(round, ci) && (sound[rounds.indexOf(round)]! || !fromSound[ci]);
  // A round whose matches disagree on a comparison several times as often as the other rounds' matches do took
  // non-matches into its class there (the birth year and name of namesakes agree, their phones do not).
  const elseMedian = comps.map((c, ci) => {
    const xs = rounds.filter((r) => r.active[ci] && trustedBefore(r, ci)).map((r) => r.m[ci]![c.levels.length - 1]!);
    return xs.length > 0 ? median(xs) : 0;
  });
  const outlier = (round: EmRound, ci: number): boolean => {
    const x = round.m[ci]![comps[ci]!.levels.length - 1]!;
    return x > ELSE_OUTLIER_FACTOR * elseMedian[ci]! && x - elseMedian[ci]! > ELSE_OUTLIER_MARGIN;
  };
  const trusted = (round: EmRound, ci: number): boolean => trustedBefore(round, ci) && !outlier(round, ci);
  rounds.forEach((r, i) => {
    if (!sound[i] && comps.some((_, ci) => r.active[ci] && plausible(r, ci) && fromSound[ci]))
      warnings.push(
        `EM round ${r.rule.name}: its match class fails a guard above; its m is not used for other comparisons`,
      );
  });
  rounds.forEach((r) =>
    comps.forEach((c, ci) => {
      if (r.active[ci] && trustedBefore(r, ci) && outlier(r, ci))
        warnings.push(
          `EM round ${r.rule.name}: ${c.name} else m=${r.m[ci]![c.levels.length - 1]!.toFixed(3)} is over ` +
            `${ELSE_OUTLIER_FACTOR} times the rounds' median ${elseMedian[ci]!.toFixed(3)}; not used for ${c.name}`,
        );
    }),
  );
  const first = average(trusted);
  const firstEstimates = rounds.map((r) => estimate(r, first.m));
  const mid = firstEstimates.length > 0 ? median(firstEstimates) : 0;
  const agrees = rounds.map((_, i) => mid > 0 && firstEstimates[i]! <= 10 * mid && firstEstimates[i]! >= mid / 10);
  rounds.forEach((r, i) => {
    if (!agrees[i] && firstEstimates.length > 1)
      warnings.push(
        `EM round ${r.rule.name}: match rate ${firstEstimates[i]!.toExponential(2)} is over ten times off the ` +
          `median ${mid.toExponential(2)}; its m is not used`,
      );
  });
  const { m, trained } = average((round, ci) => agrees[rounds.indexOf(round)]! && trusted(round, ci));
  comps.forEach((c, ci) => {
    if (!trained[ci] && !dropped.includes(ci)) warnings.push(`${c.name}: no EM round could train it; starting m kept`);
  });
  const estimates = rounds.map((r) => estimate(r, m));
  const lambda = estimates.length > 0 ? Math.min(0.5, Math.max(1e-12, median(estimates))) : 1e-4;
  if (estimates.length === 0) warnings.push('no EM round had pairs: match rate set to 1e-4');
  return {
    m,
    lambda,
    diagnostics: {
      warnings,
      rounds: rounds.map((r, i) => ({
        rule: r.rule.name,
        pairs: r.pairs,
        lambdaInRule: r.lambdaInRule,
        lambda: estimates[i]!,
      })),
    },
  };
}

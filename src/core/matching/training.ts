/**
 * Training the Fellegi–Sunter model without labels, as Splink documents:
 * u from random pairs (seeded sample); m by EM round-robin over training blocking rules, where the
 * comparisons a rule holds equal are left out of that round; λ from each round's match share,
 * corrected for the rule's recall, averaged.
 */
import type { Rng } from '../random.ts';
import { blockingRuleFromSpec, blockPairs, firstSharedKey, type BlockingRule, type RuleIndex } from './blocking.ts';
import { buildModel, initialM, type ModelSettings, type TrainedModel } from './model.ts';
import type { PreparedSet } from './prepared-set.ts';
import { computeLevels } from './scoring.ts';
import { termFrequencies } from './term-frequency.ts';
import { runEm } from './em.ts';
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
  const keep: number[] = [];
  for (let p = 0; p < blocked.a.length; p++) if (firstSharedKey(ix, blocked.a[p]!, blocked.b[p]!) >= 0) keep.push(p);
  const stride = keep.length > limit ? keep.length / limit : 1;
  const picked: number[] = [];
  for (let x = 0; x < keep.length; x += stride) picked.push(keep[Math.floor(x)]!);
  return blocked.levels.map((col) => Int8Array.from(picked, (p) => col[p]!));
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
  const u = options.uLevels ? uFromLevels(set, options.uLevels) : estimateU(set, options.rng, options.uSamplePairs);
  options.onProgress?.({ phase: 'train:u', done: 1, total: 1 });
  const rules =
    options.trainingRules ??
    (settings.trainingRules ?? settings.blockingRules).map((s) => blockingRuleFromSpec(s, set));
  const mSum = comps.map((c) => new Array<number>(c.levels.length).fill(0));
  const mRounds = comps.map(() => 0);
  const rounds: { rule: BlockingRule; lambdaInRule: number; pairs: number; seenLevels: Set<number>[] }[] = [];
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
    if (levels.length === 0 || levels[0]!.length === 0) continue;
    const active = comps.map((c) => !rule.comparisons.includes(c.name));
    const seenLevels = comps.map((_, c) => {
      const s = new Set<number>();
      if (!active[c]) for (const l of levels[c]!) s.add(l);
      return s;
    });
    const result = runEm(
      levels,
      comps.map((c) => c.levels.length),
      active,
      u,
      comps.map((c) => initialM(c.levels.length)),
    );
    for (let c = 0; c < comps.length; c++) {
      if (!active[c]) continue;
      for (let l = 0; l < comps[c]!.levels.length; l++) mSum[c]![l]! += result.m[c]![l]!;
      mRounds[c]!++;
    }
    rounds.push({ rule, lambdaInRule: result.lambda, pairs: rawPairs, seenLevels });
    options.onProgress?.({ phase: 'train:em', done: r + 1, total: rules.length });
  }
  // A comparison held fixed by every training rule keeps its starting m (documented limitation).
  const m = comps.map((c, ci) =>
    mRounds[ci]! > 0 ? mSum[ci]!.map((x) => x / mRounds[ci]!) : initialM(c.levels.length),
  );
  // Matches in a rule's pairs ≈ λ_rule·pairs; the rule finds a share "recall" of all matches.
  const space = totalPairSpace(set);
  const estimates: number[] = [];
  for (const round of rounds) {
    let recall = 1;
    comps.forEach((c, ci) => {
      if (!round.rule.comparisons.includes(c.name)) return;
      let share = 0;
      for (const l of round.seenLevels[ci]!) if (l >= 0) share += m[ci]![l]!;
      recall *= Math.max(share, 0.05);
    });
    estimates.push((round.lambdaInRule * round.pairs) / recall / Math.max(space, 1));
  }
  const lambda =
    estimates.length > 0
      ? Math.min(0.5, Math.max(1e-12, estimates.reduce((x, y) => x + y, 0) / estimates.length))
      : 1e-4;
  const tf = comps.map((c, ci) => (c.spec.termFrequency ? termFrequencies(set, ci) : null));
  return buildModel(settings, { lambda, m, u }, tf, [...comps]);
}

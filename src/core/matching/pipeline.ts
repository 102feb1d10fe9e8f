/**
 * Batch linkage end to end, pure: prepare → block → train (u, EM) → score → accept → (dedup) accept through shared
 * records → cluster. Dedup mode takes one record set; link mode two sets and compares only cross pairs.
 */
import type { Rng } from '../random.ts';
import { chooseBlockingRules, type AutoBlocking, type AutoBlockingOptions } from './auto-blocking.ts';
import {
  blockingRuleFromSpec,
  blockPairs,
  countPairs,
  DEFAULT_MAX_BLOCK_SIZE,
  type BlockingRule,
  type RulePairCount,
} from './blocking.ts';
import { estimateReach } from './reach-estimate.ts';
import { provenanceOf, type PairProvenance } from './explain.ts';
import { clusterPairs, type Clusters } from './clustering.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { probabilityFromWeight, weightFromProbability, type ModelSettings, type TrainedModel } from './model.ts';
import { operatingPoint, type OperatingPoint } from './threshold.ts';
import { linkSides, prepareRecords, type PreparedSet } from './prepared-set.ts';
import { computeLevels, weightsFromLevels } from './scoring.ts';
import { tfWeightColumns } from './term-frequency.ts';
import { sampleRandomPairs, trainModel } from './training.ts';
import { addNamesakeWeights, datedNames, fitNamesakes, namesakeCategories, namesakeComparisons } from './namesakes.ts';
import { SharedRecords } from './shared-records.ts';
import type { MatchRecord, ProgressFn } from './types.ts';

export interface LinkInput {
  settings: ModelSettings;
  /** Dedup mode: the records. Link mode: the left set. */
  records: readonly MatchRecord[];
  /** Link mode: the right set. */
  linkWith?: readonly MatchRecord[];
  rng: Rng;
  /** Use an already trained model instead of training on this data. */
  model?: TrainedModel;
  /** Function rules instead of (or built from) settings.blockingRules. */
  blockingRules?: BlockingRule[];
  onProgress?: ProgressFn;
  /** Accept the largest set of pairs whose expected precision (mean match probability) reaches this. */
  precisionTarget?: number;
  /** Options for choosing blocking rules from the data (used when settings.blockingRules is empty). */
  autoBlocking?: Omit<AutoBlockingOptions, 'rng'>;
  /**
   * Replaces the comparison step (e.g. the worker pool, parallel/levels-pool.ts): levels of every comparison for
   * the given pairs, as computeLevels returns them. Used for blocked pairs, u's random pairs and shared-record pairs.
   * `prepare` is told the prepared set before blocking starts (the pool's worker prepares its copy meanwhile).
   */
  levels?: LevelsSource;
}

export interface LevelsSource {
  prepare?(set: PreparedSet): void;
  levelsFor(set: PreparedSet, a: Int32Array, b: Int32Array): Promise<Int8Array[]> | Int8Array[];
}

export interface LinkResult {
  set: PreparedSet;
  model: TrainedModel;
  /**
   * levels[c][p]: level of comparison c for pair p (-1 = missing), kept for provenance. The blocked pairs come first
   * (blocking.total of them), then the pairs compared because they share an accepted record (shared.compared).
   */
  pairs: { a: Int32Array; b: Int32Array; weight: Float64Array; levels: Int8Array[] };
  /**
   * auto: the rules chosen from the data and why (when settings.blockingRules was empty). estimatedReach: share
   * of true pairs the rules find, estimated without labels from the fitted model (reach-estimate.ts).
   */
  blocking: { perRule: RulePairCount[]; total: number; auto?: AutoBlocking; estimatedReach: number | null };
  /** The threshold used and what the model expects of it (label-free). */
  operating: OperatingPoint;
  /** Indices (into pairs) of pairs at or above the threshold, or accepted through a shared record. */
  accepted: Int32Array;
  /** Dedup mode (shared-records.ts): pairs compared because they share an accepted record, and pairs accepted so. */
  shared: { compared: number; accepted: number };
  clusters: Clusters;
}

export async function linkRecords(input: LinkInput): Promise<LinkResult> {
  const comparators = input.model?.comparators ?? input.settings.comparisons.map(buildComparator);
  const { records, side } = input.linkWith
    ? linkSides(input.records, input.linkWith)
    : { records: input.records, side: null };
  const set = prepareRecords(records, comparators, { side, onProgress: input.onProgress });
  let settings = input.settings;
  let auto: AutoBlocking | undefined;
  if (!input.blockingRules && settings.blockingRules.length === 0) {
    auto = chooseBlockingRules(set, { ...input.autoBlocking, maxBlockSize: settings.maxBlockSize, rng: input.rng });
    if (auto.rules.length === 0) throw new Error('no comparison gives selective blocking keys: name blocking rules');
    settings = { ...settings, blockingRules: auto.rules, maxBlockSize: auto.maxBlockSize };
  }
  const rules = input.blockingRules ?? settings.blockingRules.map((s) => blockingRuleFromSpec(s, set));
  input.levels?.prepare?.(set);
  const blocked = blockPairs(set, rules, { maxBlockSize: settings.maxBlockSize, onProgress: input.onProgress });
  const levelsFor = (s: PreparedSet, a: Int32Array, b: Int32Array) =>
    input.levels ? input.levels.levelsFor(s, a, b) : computeLevels(s, a, b);
  const levels = await levelsFor(set, blocked.a, blocked.b);
  input.onProgress?.({ phase: 'compare', done: blocked.a.length, total: blocked.a.length });
  let model = input.model;
  const trainedHere = !model;
  if (!model) {
    const random = sampleRandomPairs(set, input.rng);
    const uLevels = await levelsFor(set, random.a, random.b);
    model = trainModel(set, settings, {
      rng: input.rng,
      onProgress: input.onProgress,
      trainingRules: settings.trainingRules ? undefined : rules,
      uLevels,
      blocked: {
        a: blocked.a,
        b: blocked.b,
        levels,
        indexes: blocked.indexes,
        rulePairs: blocked.perRule.map((r) => r.pairs),
        ruleNames: rules.map((r) => r.name),
      },
    });
  }
  const tfColumns = tfWeightColumns(model, set);
  const weight = weightsFromLevels(set, model, blocked.a, blocked.b, levels, tfColumns);
  model = addNamesakes(set, model, trainedHere, blocked.a, blocked.b, levels, weight);
  input.onProgress?.({ phase: 'score', done: blocked.a.length, total: blocked.a.length });
  const operating = operatingPoint(weight, { threshold: settings.threshold, precisionTarget: input.precisionTarget });
  const caps = rules.map((r) => r.maxBlockSize ?? settings.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE);
  const estimatedReach = estimateReach(rules, blocked.indexes, caps, blocked.a, blocked.b, (p) =>
    probabilityFromWeight(weight[p]!),
  );
  const acceptOwn = (w: Float64Array): Uint8Array => {
    // Typed arrays only: millions of pairs at 1M records.
    const mask = new Uint8Array(w.length);
    for (let p = 0; p < w.length; p++) if (probabilityFromWeight(w[p]!) >= operating.threshold) mask[p] = 1;
    return mask;
  };
  let pairs = { a: blocked.a, b: blocked.b, weight, levels };
  let acceptedMask = acceptOwn(weight);
  const shared = { compared: 0, accepted: 0 };
  if (!side) {
    const through = new SharedRecords(records.length, blocked.a, blocked.b, acceptedMask);
    const extra = through.notCompared();
    if (extra.a.length > 0) {
      const extraLevels = await levelsFor(set, extra.a, extra.b);
      const extraWeight = weightsFromLevels(set, model, extra.a, extra.b, extraLevels, tfColumns);
      applyNamesakes(set, model, extra.a, extra.b, extraLevels, extraWeight);
      through.add(extra.a, extra.b, blocked.a.length);
      pairs = {
        a: concat(Int32Array, blocked.a, extra.a),
        b: concat(Int32Array, blocked.b, extra.b),
        weight: concat(Float64Array, weight, extraWeight),
        levels: levels.map((l, c) => concat(Int8Array, l, extraLevels[c]!)),
      };
      acceptedMask = concat(Uint8Array, acceptedMask, acceptOwn(extraWeight));
      shared.compared = extra.a.length;
    }
    shared.accepted = through.accept(pairs.weight, acceptedMask, weightFromProbability(operating.threshold));
  }
  let acceptedCount = 0;
  for (let p = 0; p < acceptedMask.length; p++) acceptedCount += acceptedMask[p]!;
  const accepted = new Int32Array(acceptedCount);
  for (let p = 0, k = 0; p < acceptedMask.length; p++) if (acceptedMask[p] === 1) accepted[k++] = p;
  const clusters = clusterPairs(records.length, pairs.a, pairs.b, (p) => acceptedMask[p] === 1);
  input.onProgress?.({ phase: 'cluster', done: 1, total: 1 });
  return {
    set,
    model,
    pairs,
    blocking: { perRule: blocked.perRule, total: blocked.total, auto, estimatedReach },
    operating,
    accepted,
    shared,
    clusters,
  };
}

/**
 * Namesakes without a birth date (namesakes.ts): the pairs' categories from this set's dated names, their weights
 * fitted here when the model was trained here (else the given model's), added to `weight` in place. A fit in which
 * another dated namesake weighs more than none is refused with a warning.
 */
function addNamesakes(
  set: PreparedSet,
  model: TrainedModel,
  trainedHere: boolean,
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
  weight: Float64Array,
): TrainedModel {
  const plan = namesakeComparisons(model);
  if (!plan || (!trainedHere && !model.namesakes)) return model;
  const dated = datedNames(set, plan.name, plan.date);
  const category = namesakeCategories(set, plan, dated, a, b, levels);
  const fit = trainedHere ? fitNamesakes(weight, category) : model.namesakes!;
  if (!fit) return model;
  if (!(fit.weights[0] > fit.weights[1])) {
    model.diagnostics?.warnings.push(
      `namesakes: pairs with another dated namesake fitted at least as likely as pairs without ` +
        `(${fit.weights[1].toFixed(2)} ≥ ${fit.weights[0].toFixed(2)} bits); not used`,
    );
    return model;
  }
  addNamesakeWeights(weight, category, fit.weights);
  const { m, u, weights, pairs } = fit;
  return { ...model, namesakes: { ...plan, m, u, weights, pairs, dated } };
}

/** The model's namesake weights on pairs scored after it was fitted (pairs found through a shared record). */
function applyNamesakes(
  set: PreparedSet,
  model: TrainedModel,
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
  weight: Float64Array,
): void {
  const evidence = model.namesakes;
  if (!evidence) return;
  addNamesakeWeights(weight, namesakeCategories(set, evidence, evidence.dated, a, b, levels), evidence.weights);
}

function concat<T extends Int8Array | Uint8Array | Int32Array | Float64Array>(
  Kind: { new (n: number): T },
  x: T,
  y: T,
): T {
  const out = new Kind(x.length + y.length);
  out.set(x);
  out.set(y, x.length);
  return out;
}

/** Provenance of pair p of a batch result: model id, version, threshold and the level of every comparison. */
export function pairProvenance(result: LinkResult, p: number): PairProvenance {
  const levels: Record<string, number> = {};
  result.model.comparators.forEach((c, i) => {
    levels[c.name] = result.pairs.levels[i]![p]!;
  });
  return provenanceOf(result.model, levels);
}

/** "N pairs would be compared": per blocking rule and in total, before any comparison is made. */
export function countCandidatePairs(input: Pick<LinkInput, 'settings' | 'records' | 'linkWith' | 'blockingRules'>): {
  perRule: RulePairCount[];
  total: number;
} {
  const comparators = input.settings.comparisons.map(buildComparator);
  const { records, side } = input.linkWith
    ? linkSides(input.records, input.linkWith)
    : { records: input.records, side: null };
  const set = prepareRecords(records, comparators, { side });
  const rules = input.blockingRules ?? input.settings.blockingRules.map((s) => blockingRuleFromSpec(s, set));
  return countPairs(set, rules, { maxBlockSize: input.settings.maxBlockSize });
}

/**
 * Fellegi–Sunter model: per comparison and level an m probability (level | match) and a u probability
 * (level | non-match); match weight = log2(λ/(1-λ)) + Σ log2(m/u); a missing value contributes 0.
 */
import type { BlockingRuleSpec } from './blocking.ts';
import type { CorrelationPlan } from './correlation.ts';
import type { AnyComparator, ComparatorSpec } from './types.ts';
import type { NamesakeEvidence } from './namesakes.ts';
import { buildComparator } from './comparators/build-comparator.ts';

export interface ModelSettings {
  /** Stable identifier and version, stored with every proposed match so it can be re-run. */
  id: string;
  version: number;
  comparisons: ComparatorSpec[];
  blockingRules: BlockingRuleSpec[];
  /** Rules whose pairs train m by EM, round-robin (default: the blocking rules). */
  trainingRules?: BlockingRuleSpec[];
  /** Match probability at or above which a pair is proposed as a match. */
  threshold: number;
  maxBlockSize?: number;
}

export interface ModelParameters {
  /** Probability that two random records (pairs of the full space) match. */
  lambda: number;
  m: number[][];
  u: number[][];
}

/** What label-free training saw: each EM round's pairs and match-rate estimate, and every guard rail that fired. */
export interface TrainingDiagnostics {
  rounds: { rule: string; pairs: number; lambdaInRule: number; lambda: number }[];
  warnings: string[];
}

export interface TrainedModel extends ModelParameters {
  settings: ModelSettings;
  comparators: AnyComparator[];
  /** log2(m/u) per comparison and level. */
  weights: number[][];
  priorWeight: number;
  /** Per comparison: value → share of records carrying it (term-frequency adjustment), or null. */
  tf: (Map<string, number> | null)[];
  /** Set by trainModel (absent for fixed parameters). */
  diagnostics?: TrainingDiagnostics;
  /** Correlated comparisons found in training: composites left out (zero weights), pairs penalised. */
  correlation?: CorrelationPlan;
  /** Namesakes without a birth date (namesakes.ts): fitted after training when the data allowed it. */
  namesakes?: NamesakeEvidence;
}

/** Smallest probability used, so unseen levels do not give infinite weights. */
export const PROBABILITY_FLOOR = 1e-6;

export function log2Ratio(m: number, u: number): number {
  return Math.log2(Math.max(m, PROBABILITY_FLOOR) / Math.max(u, PROBABILITY_FLOOR));
}

export function priorWeight(lambda: number): number {
  const l = Math.min(Math.max(lambda, 1e-12), 1 - 1e-12);
  return Math.log2(l / (1 - l));
}

export function probabilityFromWeight(w: number): number {
  const odds = Math.pow(2, w);
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

export function weightFromProbability(p: number): number {
  const c = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log2(c / (1 - c));
}

export function buildModel(
  settings: ModelSettings,
  params: ModelParameters,
  tf: (Map<string, number> | null)[] = [],
  comparators?: AnyComparator[],
): TrainedModel {
  const comps = comparators ?? settings.comparisons.map(buildComparator);
  // Parameters are kept by level position: a comparator that gained a level would otherwise shift every weight after
  // it onto the wrong level and leave the last one undefined (NaN scores), silently.
  comps.forEach((comp, c) => {
    const levels = comp.levels.length;
    if (params.m[c]?.length !== levels || params.u[c]?.length !== levels)
      throw new Error(
        `model parameters for comparison ${c} (${settings.comparisons[c]?.name ?? '?'}) have ` +
          `${params.m[c]?.length ?? 0} m and ${params.u[c]?.length ?? 0} u values for ${levels} levels`,
      );
  });
  if (params.m.length !== comps.length || params.u.length !== comps.length)
    throw new Error(`model parameters cover ${params.m.length} comparisons, the settings ${comps.length}`);
  const weights = params.m.map((ms, c) => ms.map((m, l) => log2Ratio(m, params.u[c]![l]!)));
  return {
    ...params,
    settings,
    comparators: comps,
    weights,
    priorWeight: priorWeight(params.lambda),
    tf: comps.map((_, c) => tf[c] ?? null),
  };
}

/** Default starting m: most mass on the strongest level, decreasing geometrically. */
export function initialM(levels: number): number[] {
  const raw = Array.from({ length: levels }, (_, l) => (l === 0 ? 8 : Math.pow(0.5, l)));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / sum);
}

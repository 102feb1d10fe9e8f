/**
 * Provenance and explanations: every scored pair can say which model (id, version, threshold)
 * produced it and, per comparison, the level, its weight and a caseworker-readable sentence.
 */
import { crossRecordLevels } from './crossed.ts';
import type { TrainedModel } from './model.ts';
import { probabilityFromWeight } from './model.ts';
import { prepareValue } from './prepared-set.ts';
import { tfLevelOffsets, tfLevelWeight, tfPairExactWeight } from './term-frequency.ts';
import type { MatchRecord } from './types.ts';
import { namesakeCategory } from './namesakes.ts';

export interface ComparisonExplanation {
  comparison: string;
  level: number;
  /** Level name, or 'null' when a value is missing. */
  levelName: string;
  weight: number;
  explanation: string;
  /** Each record's value as written (the comparison's first field): quoted beside a translated level. */
  values: [string | null, string | null];
}

export interface PairProvenance {
  settingsId: string;
  settingsVersion: number;
  threshold: number;
  /** Level per comparison (by name): enough to recompute the weight with the stored model. */
  levels: Record<string, number>;
}

export interface PairExplanation {
  leftId: string;
  rightId: string;
  matchWeight: number;
  matchProbability: number;
  proposed: boolean;
  priorWeight: number;
  comparisons: ComparisonExplanation[];
  /** Namesakes without a birth date (namesakes.ts), when the model fitted them and the pair is one. */
  namesakes?: { weight: number; explanation: string };
  provenance: PairProvenance;
}

export function provenanceOf(model: TrainedModel, levels: Record<string, number>): PairProvenance {
  return {
    settingsId: model.settings.id,
    settingsVersion: model.settings.version,
    threshold: model.settings.threshold,
    levels,
  };
}

/** Explain one pair of raw records with a trained model (prepares them itself). */
export function explainPair(model: TrainedModel, left: MatchRecord, right: MatchRecord): PairExplanation {
  let total = model.priorWeight;
  const levels: Record<string, number> = {};
  const offsets = tfLevelOffsets(model);
  const xa = model.comparators.map((comp) => prepareValue(comp, left));
  const xb = model.comparators.map((comp) => prepareValue(comp, right));
  const straight = model.comparators.map((comp, c) => comp.compare(xa[c], xb[c]));
  // Given and family names in each other's column are compared crossed (crossed.ts): explain what was compared.
  const against = crossRecordLevels(model.comparators, straight, xa, xb);
  const comparisons = model.comparators.map((comp, c) => {
    const va = xa[c];
    const vb = xb[against[c]!];
    const level = straight[c]!;
    levels[comp.name] = level;
    let weight = 0;
    if (level >= 0) {
      const off = offsets[c];
      weight =
        off && level < off.length && comp.termFrequencyKey && va != null
          ? tfLevelWeight(
              model.weights[c]![level]!,
              off[level]!,
              level,
              // Each record's own value's frequency, as batch scoring takes it (also for a crossed pair).
              tfPairExactWeight(
                model,
                c,
                comp.termFrequencyKey(va),
                xb[c] == null ? null : comp.termFrequencyKey(xb[c]),
              ),
            )
          : model.weights[c]![level]!;
    }
    total += weight;
    const field = comp.spec.fields[0]!;
    return {
      comparison: comp.name,
      level,
      levelName: level < 0 ? 'null' : (comp.levels[level] ?? `level ${level}`),
      weight,
      explanation: comp.explain(va, vb, level),
      values: [
        left.fields[field] ?? null,
        right.fields[model.comparators[against[c]!]!.spec.fields[0]!] ?? null,
      ] satisfies ComparisonExplanation['values'],
    };
  });
  const ns = model.namesakes;
  const category = ns
    ? namesakeCategory(
        model.comparators,
        ns.dated,
        ns,
        straight[ns.name]!,
        xa[ns.name],
        xa[ns.date],
        xb[ns.name],
        xb[ns.date],
      )
    : -1;
  const namesakes =
    ns && category >= 0
      ? {
          weight: ns.weights[category]!,
          explanation:
            category === 0
              ? 'one record has no birth date; no other person with this name has a different birth date'
              : 'one record has no birth date; another person with this name has a different birth date',
        }
      : undefined;
  total += namesakes?.weight ?? 0;
  const p = probabilityFromWeight(total);
  return {
    leftId: left.id,
    rightId: right.id,
    matchWeight: total,
    matchProbability: p,
    proposed: p >= model.settings.threshold,
    priorWeight: model.priorWeight,
    comparisons,
    ...(namesakes && { namesakes }),
    provenance: provenanceOf(model, levels),
  };
}

/**
 * Term-frequency adjustment: agreeing on a common value ("nguyen", 1990-01-01) is weaker evidence
 * than agreeing on a rare one, so u of the exact level becomes the value's own frequency.
 */
import type { PreparedSet } from './prepared-set.ts';
import type { TrainedModel } from './model.ts';
import { log2Ratio } from './model.ts';

/**
 * Each value of comparison c with how many records hold it: once per distinct value when the set knows them (a
 * name's key is dear to compute: 1M records hold ~120k names), else once per record.
 */
function valuesWithCounts(set: PreparedSet, c: number): { values: readonly unknown[]; count: (i: number) => number } {
  const distinct = set.distinct?.[c];
  const ids = set.valueIds?.[c];
  if (!distinct || !ids) return { values: set.values[c]!, count: () => 1 };
  const holders = new Int32Array(distinct.length);
  for (let r = 0; r < ids.length; r++) if (ids[r]! >= 0) holders[ids[r]!]!++;
  return { values: distinct, count: (i) => holders[i]! };
}

export function termFrequencies(set: PreparedSet, c: number): Map<string, number> {
  const comp = set.comparators[c]!;
  const counts = new Map<string, number>();
  let n = 0;
  if (!comp.termFrequencyKey) return counts;
  const { values, count } = valuesWithCounts(set, c);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const held = count(i);
    if (v == null || held === 0) continue;
    const k = comp.termFrequencyKey(v);
    if (k == null) continue;
    n += held;
    counts.set(k, (counts.get(k) ?? 0) + held);
  }
  const freq = new Map<string, number>();
  for (const [k, cnt] of counts) freq.set(k, cnt / n);
  return freq;
}

/** Weight of an exact agreement on value `key`: log2(m_exact / frequency), never above the plain weight's cap. */
export function tfExactWeight(model: TrainedModel, c: number, key: string | null): number {
  const plain = model.weights[c]![0]!;
  const table = model.tf[c];
  if (!table || key == null) return plain;
  const f = table.get(key);
  if (f === undefined) return plain;
  return log2Ratio(model.m[c]![0]!, f);
}

/**
 * Exact-level weight for a pair: that of the commoner of its two values (the bound tfLevelOffsets relies on),
 * as scoring takes the lower of the two records' columns. Values equal at a level share one key; near levels
 * (a typo, a part of the name) do not.
 */
export function tfPairExactWeight(model: TrainedModel, c: number, a: string | null, b: string | null): number {
  const wa = tfExactWeight(model, c, a);
  return b == null ? wa : Math.min(wa, tfExactWeight(model, c, b));
}

/**
 * Per comparison, what term frequencies do to the agreeing levels after exact (comparator.termFrequencyLevels:
 * "Samnang Yin" reordered, 陳志 read as Chen Zhi, Ahmda with a typo for Ahmad): every record carrying either
 * value agrees with the other at that level or better, so the level's u is at least the commoner value's
 * frequency and its weight at most log2(m_level / frequency) = tf exact weight + log2(m_level / m_exact),
 * never above the level's own weight. Without this a common name reordered, in another script or with a
 * typo outweighed the same name written identically. offset[l] is NaN for levels the frequency does not bound.
 */
export function tfLevelOffsets(model: TrainedModel): (Float64Array | null)[] {
  return model.comparators.map((comp, c) => {
    if (!model.tf[c] || !comp.termFrequencyKey) return null;
    const m = model.m[c]!;
    const n = Math.min(comp.termFrequencyLevels ?? 1, m.length);
    return Float64Array.from(m, (ml, l) => (l === 0 ? 0 : l < n ? log2Ratio(ml, m[0]!) : Number.NaN));
  });
}

/** Weight of level l given the exact-level term-frequency weight of the pair's value (see tfLevelOffsets). */
export function tfLevelWeight(plain: number, offset: number, l: number, tfExact: number): number {
  if (l === 0) return tfExact;
  return Number.isNaN(offset) ? plain : Math.min(plain, tfExact + offset);
}

/** Per record, the exact-level weight of its own value (so scoring does no map look-ups per pair). */
export function tfWeightColumns(model: TrainedModel, set: PreparedSet): (Float64Array | null)[] {
  return set.comparators.map((comp, c) => {
    if (!model.tf[c] || !comp.termFrequencyKey) return null;
    const col = new Float64Array(set.records.length);
    const weightOf = (v: unknown) =>
      v == null ? model.weights[c]![0]! : tfExactWeight(model, c, comp.termFrequencyKey!(v));
    const distinct = set.distinct?.[c];
    const ids = set.valueIds?.[c];
    if (distinct && ids) {
      // Once per distinct value (ids[r] is -1 exactly when record r's value is missing).
      const byId = Float64Array.from(distinct, weightOf);
      for (let r = 0; r < col.length; r++) col[r] = ids[r]! < 0 ? weightOf(null) : byId[ids[r]!]!;
    } else {
      const vals = set.values[c]!;
      for (let r = 0; r < col.length; r++) col[r] = weightOf(vals[r]);
    }
    return col;
  });
}

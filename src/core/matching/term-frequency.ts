/**
 * Term-frequency adjustment: agreeing on a common value ("nguyen", 1990-01-01) is weaker evidence
 * than agreeing on a rare one, so u of the exact level becomes the value's own frequency.
 */
import type { PreparedSet } from './prepared-set.ts';
import type { TrainedModel } from './model.ts';
import { log2Ratio } from './model.ts';

export function termFrequencies(set: PreparedSet, c: number): Map<string, number> {
  const comp = set.comparators[c]!;
  const counts = new Map<string, number>();
  let n = 0;
  if (!comp.termFrequencyKey) return counts;
  for (const v of set.values[c]!) {
    if (v == null) continue;
    const k = comp.termFrequencyKey(v);
    if (k == null) continue;
    n++;
    counts.set(k, (counts.get(k) ?? 0) + 1);
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

/** Per record, the exact-level weight of its own value (so scoring does no map look-ups per pair). */
export function tfWeightColumns(model: TrainedModel, set: PreparedSet): (Float64Array | null)[] {
  return set.comparators.map((comp, c) => {
    if (!model.tf[c] || !comp.termFrequencyKey) return null;
    const col = new Float64Array(set.records.length);
    const vals = set.values[c]!;
    for (let r = 0; r < col.length; r++) {
      const v = vals[r];
      col[r] = v == null ? model.weights[c]![0]! : tfExactWeight(model, c, comp.termFrequencyKey(v));
    }
    return col;
  });
}

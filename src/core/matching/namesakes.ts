/**
 * Namesakes and missing birth dates (issue #12). Term frequencies count records: a name written four times for one
 * person looks as common as a name four people share. For a pair whose names agree and where one record has no full
 * birth date (none, a year, or the 1 January placeholder), what tells the two apart is how many people carry the
 * name: when every full birth date written with the undated record's name (or the other record's) could be the other
 * record's own date, the name belongs to one dated person, and the undated record is likely that person; when another
 * of those dates is a different person's (the date comparator's disagreement levels), the undated record may be either.
 *
 * Per name (its term-frequency key, counted over spellings) the set keeps a few full birth dates no two of which could
 * be one person's. A pair in that situation falls into one of two categories, "no other dated namesake" or "another
 * dated namesake"; their m and u are fitted by EM over the blocked pairs in that situation with every other weight
 * held (label-free), and their weights are added to the pair's. Linear in records and pairs: at most MAX_DATES dates
 * per name, each compared once per record and per pair.
 */
import type { PreparedSet } from './prepared-set.ts';
import { log2Ratio, probabilityFromWeight, type TrainedModel } from './model.ts';
import type { AnyComparator } from './types.ts';

/** Dates kept per name: past two, a name already has people apart, more only guards chains of typos. */
const MAX_DATES = 4;
/** Fewest pairs per category for EM to weigh them; fewer and nothing is added. */
const MIN_PAIRS = 20;

export interface NamesakeEvidence {
  /** The person-name comparison (term frequencies on) and the date comparison. */
  name: number;
  date: number;
  /** Per category (0: no other dated namesake, 1: another dated namesake): m, u and weight log2(m/u). */
  m: [number, number];
  u: [number, number];
  weights: [number, number];
  /** Blocked pairs in each category when fitted. */
  pairs: [number, number];
  /** Name key → full birth dates written with it, no two of which could be one person's (prepared date values). */
  dated: Map<string, unknown[]>;
}

/**
 * The comparisons namesake evidence reads: the one person-name comparison with term frequencies and the one date
 * comparison, or null (none, or several of either: which name goes with which date is then not known).
 */
export function namesakeComparisons(model: Pick<TrainedModel, 'comparators' | 'tf'>): {
  name: number;
  date: number;
} | null {
  const names = model.comparators.flatMap((c, i) =>
    c.spec.kind === 'person_name' && model.tf[i] && c.termFrequencyKey ? [i] : [],
  );
  const dates = model.comparators.flatMap((c, i) => (c.spec.kind === 'date' && c.termFrequencyKey ? [i] : []));
  return names.length === 1 && dates.length === 1 ? { name: names[0]!, date: dates[0]! } : null;
}

/** The date comparator's levels at which two dates could not be one person's. */
const disagreementOf = (comp: AnyComparator): readonly number[] => comp.disagreementLevels ?? [comp.levels.length - 1];

/** Adds full date d to name key k's dates unless one of them could be the same person's, up to MAX_DATES. */
export function noteDatedName(
  dated: Map<string, unknown[]>,
  nameComp: AnyComparator,
  dateComp: AnyComparator,
  name: unknown,
  date: unknown,
): void {
  if (name == null || date == null || dateComp.termFrequencyKey!(date) == null) return;
  const key = nameComp.termFrequencyKey!(name);
  if (key == null) return;
  const list = dated.get(key);
  if (!list) {
    dated.set(key, [date]);
    return;
  }
  const against = disagreementOf(dateComp);
  if (list.length < MAX_DATES && list.every((x) => against.includes(dateComp.compare(x, date)))) list.push(date);
}

/** Per name key of the set, its full birth dates of (apparently) different people. */
export function datedNames(set: PreparedSet, name: number, date: number): Map<string, unknown[]> {
  const dated = new Map<string, unknown[]>();
  const nameComp = set.comparators[name]!;
  const dateComp = set.comparators[date]!;
  const names = set.values[name]!;
  const dates = set.values[date]!;
  for (let r = 0; r < names.length; r++) noteDatedName(dated, nameComp, dateComp, names[r], dates[r]);
  return dated;
}

/**
 * Category of a pair: -1 when it is not about namesakes (names not agreeing, both full dates or neither; a year or the
 * 1 January placeholder is no full date), 0 when no other person's full date is written with either record's name,
 * 1 when one is.
 */
export function namesakeCategory(
  comparators: readonly AnyComparator[],
  dated: ReadonlyMap<string, readonly unknown[]>,
  plan: { name: number; date: number },
  nameLevel: number,
  nameA: unknown,
  dateA: unknown,
  nameB: unknown,
  dateB: unknown,
): number {
  const nameComp = comparators[plan.name]!;
  const dateComp = comparators[plan.date]!;
  if (nameLevel < 0 || nameLevel >= (nameComp.termFrequencyLevels ?? 1)) return -1;
  const fullA = dateA != null && dateComp.termFrequencyKey!(dateA) != null;
  if (fullA === (dateB != null && dateComp.termFrequencyKey!(dateB) != null)) return -1;
  const known = fullA ? dateA : dateB;
  const against = disagreementOf(dateComp);
  // Both names in turn, without an array per pair (this runs on every blocked pair with one full date).
  for (let side = 0; side < 2; side++) {
    const n = side === 0 ? nameA : nameB;
    const key = n == null ? null : nameComp.termFrequencyKey!(n);
    const dates = key == null ? undefined : dated.get(key);
    if (dates) for (const d of dates) if (against.includes(dateComp.compare(d, known))) return 1;
  }
  return 0;
}

/** Categories of blocked pairs (levels as computeLevels returns them, crossed names included). */
export function namesakeCategories(
  set: PreparedSet,
  plan: { name: number; date: number },
  dated: ReadonlyMap<string, readonly unknown[]>,
  a: Int32Array,
  b: Int32Array,
  levels: readonly Int8Array[],
): Int8Array {
  const out = new Int8Array(a.length).fill(-1);
  const names = set.values[plan.name]!;
  const dates = set.values[plan.date]!;
  const nameLevels = levels[plan.name]!;
  for (let p = 0; p < a.length; p++) {
    const i = a[p]!;
    const j = b[p]!;
    if ((dates[i] == null && dates[j] == null) || nameLevels[p]! < 0) continue;
    out[p] = namesakeCategory(set.comparators, dated, plan, nameLevels[p]!, names[i], dates[i], names[j], dates[j]);
  }
  return out;
}

/** Adds each pair's category weight to its weight, in place (pairs in no category, −1, unchanged). */
export function addNamesakeWeights(weight: Float64Array, category: Int8Array, weights: readonly number[]): void {
  for (let p = 0; p < weight.length; p++) if (category[p]! >= 0) weight[p]! += weights[category[p]!]!;
}

/**
 * m and u of the two categories by EM over the pairs in them, every other weight held: each pair's match
 * probability is that of its weight plus its category's; m (u) is the categories' share of the expected matches
 * (non-matches), with half a pseudo-pair per category (as u from random pairs) so that a category no expected
 * non-match falls in does not run to an infinite weight. Null when a category has under MIN_PAIRS pairs, or the
 * pairs hold under MIN_PAIRS expected matches or non-matches by the other weights alone (nothing to weigh against:
 * on data whose rules block only pairs that dates or phones already settle).
 */
export function fitNamesakes(
  weight: Float64Array,
  category: Int8Array,
): Pick<NamesakeEvidence, 'm' | 'u' | 'weights' | 'pairs'> | null {
  const pairs: [number, number] = [0, 0];
  for (let p = 0; p < category.length; p++) if (category[p]! >= 0) pairs[category[p]!]!++;
  if (pairs[0] < MIN_PAIRS || pairs[1] < MIN_PAIRS) return null;
  const idx = new Int32Array(pairs[0] + pairs[1]);
  for (let p = 0, k = 0; p < category.length; p++) if (category[p]! >= 0) idx[k++] = p;
  let expectedMatches = 0;
  for (const p of idx) expectedMatches += probabilityFromWeight(weight[p]!);
  if (expectedMatches < MIN_PAIRS || idx.length - expectedMatches < MIN_PAIRS) return null;
  let weights: [number, number] = [0, 0];
  let m: [number, number] = [0.5, 0.5];
  let u: [number, number] = [0.5, 0.5];
  for (let it = 0; it < 200; it++) {
    const em = [0.5, 0.5];
    const eu = [0.5, 0.5];
    for (const p of idx) {
      const c = category[p]!;
      const pr = probabilityFromWeight(weight[p]! + weights[c]!);
      em[c]! += pr;
      eu[c]! += 1 - pr;
    }
    m = [em[0]! / (em[0]! + em[1]!), em[1]! / (em[0]! + em[1]!)];
    u = [eu[0]! / (eu[0]! + eu[1]!), eu[1]! / (eu[0]! + eu[1]!)];
    const next: [number, number] = [log2Ratio(m[0], u[0]), log2Ratio(m[1], u[1])];
    const moved = Math.abs(next[0] - weights[0]) + Math.abs(next[1] - weights[1]);
    weights = next;
    if (moved < 1e-6) break;
  }
  return { m, u, weights, pairs };
}

/**
 * Comparisons that repeat each other. Fellegi–Sunter adds evidence as if comparisons were
 * independent; a full name beside given name and surname, or an e-mail address built from the first
 * name, counts one agreement twice (precision fell from 0.98 to 0.32 when a full-name column was
 * added beside its parts). Detected within records, without labels and without sampling noise:
 * comparison A "contains" B when, in most records holding both, every token of B (3+ characters)
 * appears inside A's text. Then:
 * - a comparison containing two or more comparisons that do not contain each other is their
 *   composite (full name = given + surname) and is left out of the model (zero weight, out of EM);
 *   the same field mapped twice is left out once;
 * - any other containing pair keeps both comparisons, but when both agree (any level but 'else')
 *   the pair counts only the stronger of the two weights: the shared agreement counts once.
 * (Joint agreement among random pairs was tried as the signal: in a small file with many duplicates
 * the true matches in the sample look like correlation, dob ~ e-mail on fake_1000.)
 */
import { foldText } from './normalise-text.ts';
import { fieldValues, type PreparedSet } from './prepared-set.ts';

export interface CorrelatedPair {
  /** Comparison whose text contains the other's. */
  a: number;
  b: number;
  /** Share of records (holding both) where every token of b is found inside a. */
  share: number;
}

export interface CorrelationPlan {
  pairs: CorrelatedPair[];
  /** Comparisons left out (composites of others). */
  dropped: number[];
  /** Containing pairs whose joint agreement counts once. */
  interactions: { a: number; b: number }[];
}

/** Share of records at which containment counts as derivation. */
export const MIN_SHARE = 0.5;
const MIN_TOKEN = 3;
/** Records examined at most (evenly spread). */
const MAX_RECORDS = 20_000;

const agrees = (l: number, levelCount: number): boolean => l >= 0 && l < levelCount - 1;

function texts(set: PreparedSet, c: number, rows: readonly number[]): (string | null)[] {
  const comp = set.comparators[c]!;
  return rows.map((r) => {
    const v = fieldValues(set.records[r]!, comp.spec.fields).filter((x) => x != null);
    const f = v.length > 0 ? foldText(v.join(' ')) : '';
    return f === '' ? null : f;
  });
}

/** Which comparisons' text contains which others' (see the file comment). */
export function detectCorrelations(set: PreparedSet): CorrelatedPair[] {
  const n = set.records.length;
  const step = Math.max(1, n / MAX_RECORDS);
  const rows: number[] = [];
  for (let x = 0; x < n; x += step) rows.push(Math.floor(x));
  const cols = set.comparators.map((_, c) => texts(set, c, rows));
  const compact = cols.map((col) => col.map((t) => (t == null ? null : t.replace(/ /g, ''))));
  const tokens = cols.map((col) =>
    col.map((t) => (t == null ? null : t.split(' ').filter((w) => w.length >= MIN_TOKEN))),
  );
  const out: CorrelatedPair[] = [];
  for (let a = 0; a < cols.length; a++)
    for (let b = 0; b < cols.length; b++) {
      if (a === b) continue;
      let both = 0;
      let inside = 0;
      for (let i = 0; i < rows.length; i++) {
        const hay = compact[a]![i];
        const needles = tokens[b]![i];
        if (hay == null || needles == null || needles.length === 0) continue;
        both++;
        if (needles.every((w) => hay.includes(w))) inside++;
      }
      if (both >= 10 && inside / both >= MIN_SHARE) out.push({ a, b, share: inside / both });
    }
  return out;
}

export function planCorrelations(pairs: readonly CorrelatedPair[], comparisons: number): CorrelationPlan {
  const contains = (x: number, y: number): boolean => pairs.some((p) => p.a === x && p.b === y);
  const dropped: number[] = [];
  for (let c = 0; c < comparisons; c++) {
    const parts = pairs.filter((p) => p.a === c && !dropped.includes(p.b)).map((p) => p.b);
    const composite = parts.some((x, i) => parts.some((y, j) => j > i && !contains(x, y) && !contains(y, x)));
    // The same information mapped twice (each contains the other): the later one goes.
    const duplicate = parts.some((x) => x < c && contains(x, c));
    if (composite || duplicate) dropped.push(c);
  }
  const interactions: { a: number; b: number }[] = [];
  for (const p of pairs) {
    if (dropped.includes(p.a) || dropped.includes(p.b)) continue;
    if (!interactions.some((x) => (x.a === p.b && x.b === p.a) || (x.a === p.a && x.b === p.b)))
      interactions.push({ a: p.a, b: p.b });
  }
  return { pairs: [...pairs], dropped, interactions };
}

/** Weight correction for one pair of levels (≤ 0): when both agree, only the stronger weight counts. */
export function interactionCorrection(
  la: number,
  lb: number,
  wa: number,
  wb: number,
  levelsA: number,
  levelsB: number,
): number {
  if (!agrees(la, levelsA) || !agrees(lb, levelsB) || wa <= 0 || wb <= 0) return 0;
  return -Math.min(wa, wb);
}

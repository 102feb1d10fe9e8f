/**
 * Given and family names written in each other's column (Logan Ferguson / Ferguson Logan, or a single name
 * put in the other column): a common clerical error that no per-column comparison can see. Two comparisons of
 * the same kind and options, one named as a given name and the other as a family name, are "crossed": a pair is
 * compared straight and crossed (given against family, family against given) and keeps the alignment whose
 * levels agree more. u (random pairs) and m (EM) are estimated through the same levels, so the chance that two
 * different people agree once crossed is priced into the weights; nothing is tuned.
 */
import type { AnyComparator } from './types.ts';

const GIVEN = /(^|_)(first|given|fore|christian)_?names?($|_)|^(first|given)$/i;
const FAMILY = /(^|_)(sur|last|family)_?names?($|_)|^(surname|last|family)$/i;
/** Kinds whose prepared values are plain folded text, comparable across two columns of the same kind. */
const CROSSABLE_KINDS: ReadonlySet<string> = new Set(['string', 'person_name']);

/** [given, family] comparison indices that are compared crossed too; deterministic from the comparisons alone. */
export function crossedPairs(comparators: readonly AnyComparator[]): [number, number][] {
  const out: [number, number][] = [];
  const used = new Set<number>();
  comparators.forEach((g, gi) => {
    if (!CROSSABLE_KINDS.has(g.spec.kind) || !GIVEN.test(g.name) || used.has(gi)) return;
    const fi = comparators.findIndex(
      (f, k) =>
        k !== gi &&
        !used.has(k) &&
        FAMILY.test(f.name) &&
        f.spec.kind === g.spec.kind &&
        JSON.stringify(f.spec.options ?? {}) === JSON.stringify(g.spec.options ?? {}),
    );
    if (fi < 0) return;
    used.add(gi).add(fi);
    out.push([gi, fi]);
  });
  return out;
}

/** How much two levels agree: 0 when missing or 'else', more the stronger the level (levels are strongest first). */
function closeness(level: number, nLevels: number): number {
  return level < 0 ? 0 : nLevels - 1 - level;
}

/**
 * Levels of a crossed pair of comparisons (g, f) for records i (gi, fi: its prepared values) and j (gj, fj),
 * given the straight levels; returns the crossed levels when they agree strictly more, else null.
 */
export function crossedLevels(
  g: AnyComparator,
  f: AnyComparator,
  straightG: number,
  straightF: number,
  gi: unknown,
  fi: unknown,
  gj: unknown,
  fj: unknown,
): [number, number] | null {
  if (straightG === 0 && straightF === 0) return null;
  const ng = g.levels.length;
  const nf = f.levels.length;
  const straight = closeness(straightG, ng) + closeness(straightF, nf);
  const xg = g.compare(gi, fj);
  const xf = f.compare(fi, gj);
  return closeness(xg, ng) + closeness(xf, nf) > straight ? [xg, xf] : null;
}

/**
 * One pair's levels (by comparison index, straight) made crossed where they agree more, in place; xi[c] and
 * xj[c] are the two records' prepared values. Returns, per comparison, the index of the comparison whose value
 * of the second record it was compared with (itself when straight).
 */
export function crossRecordLevels(
  comparators: readonly AnyComparator[],
  levels: number[],
  xi: readonly unknown[],
  xj: readonly unknown[],
): number[] {
  const against = comparators.map((_, c) => c);
  for (const [g, f] of crossedPairs(comparators)) {
    const x = crossedLevels(comparators[g]!, comparators[f]!, levels[g]!, levels[f]!, xi[g], xi[f], xj[g], xj[f]);
    if (!x) continue;
    [levels[g], levels[f]] = x;
    against[g] = f;
    against[f] = g;
  }
  return against;
}

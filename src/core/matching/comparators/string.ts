/**
 * General string similarity: exact, then Jaro-Winkler thresholds, then Levenshtein distance.
 * Options: jwHigh (0.92), jwLow (0.8), maxEdits (2). Blocking keys: the folded value, or with variant
 * 'phonetic' its consonant skeleton (src/core/names), which a vowel typo or a doubled letter leaves alone.
 */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { foldedFields } from '../normalise-text.ts';
import { jaroWinkler, levenshtein } from '../similarity.ts';
import { consonantSkeleton } from '../../names/index.ts';

/** Sound key of a folded value: consonant skeletons of its tokens, sorted (vowel typos and order survive). */
export function phoneticKey(folded: string): string | null {
  const parts = folded
    .split(' ')
    .map(consonantSkeleton)
    .filter((k) => k !== '')
    .sort();
  return parts.length === 0 ? null : parts.join('.');
}

export function stringComparator(spec: ComparatorSpec): Comparator<string> {
  const jwHigh = Number(spec.options?.jwHigh ?? 0.92);
  const jwLow = Number(spec.options?.jwLow ?? 0.8);
  const maxEdits = Number(spec.options?.maxEdits ?? 2);
  const levels = ['exact', `jaro_winkler_${jwHigh}`, `levenshtein_${maxEdits}`, `jaro_winkler_${jwLow}`, 'else'];
  return {
    name: spec.name,
    field: spec.fields,
    levels,
    spec,
    prepare: foldedFields,
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a === b) return 0;
      const jw = jaroWinkler(a, b);
      if (jw >= jwHigh) return 1;
      if (levenshtein(a, b) <= maxEdits) return 2;
      return jw >= jwLow ? 3 : 4;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      const jw = a != null && b != null ? jaroWinkler(a, b).toFixed(2) : '?';
      switch (level) {
        case 0:
          return `${spec.name}: identical ("${a}")`;
        case 1:
          return `${spec.name}: "${a}" and "${b}" are very similar (Jaro-Winkler ${jw} ≥ ${jwHigh})`;
        case 2:
          return `${spec.name}: "${a}" and "${b}" differ by at most ${maxEdits} typing edits`;
        case 3:
          return `${spec.name}: "${a}" and "${b}" are loosely similar (Jaro-Winkler ${jw} ≥ ${jwLow})`;
        default:
          return `${spec.name}: "${a}" and "${b}" are different (Jaro-Winkler ${jw})`;
      }
    },
    blockingVariants: ['phonetic'],
    blockingKeys(p, variant?: string) {
      if (variant !== 'phonetic') return [p];
      const k = phoneticKey(p);
      return k ? [k] : [];
    },
    termFrequencyKey: (p) => p,
  };
}

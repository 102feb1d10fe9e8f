/** Exact equality after light folding (case, diacritics, punctuation). */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { foldedFields } from '../normalise-text.ts';

export function exactComparator(spec: ComparatorSpec): Comparator<string> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['exact', 'else'],
    spec,
    prepare: foldedFields,
    compare(a, b) {
      if (a == null || b == null) return -1;
      return a === b ? 0 : 1;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      return level === 0 ? `${spec.name}: both "${a}"` : `${spec.name}: "${a}" differs from "${b}"`;
    },
    blockingKeys: (p) => [p],
    termFrequencyKey: (p) => p,
  };
}

/** Postcodes and other short numeric codes: exact, one edit apart, same first 3 characters, else. */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { levenshtein } from '../similarity.ts';

export function postcodeComparator(spec: ComparatorSpec): Comparator<string> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['exact', 'one_edit', 'same_prefix', 'else'],
    spec,
    prepare(values) {
      const raw = values[0];
      if (raw == null) return null;
      const v = raw.toUpperCase().replace(/[^A-Z0-9]+/g, '');
      return v === '' ? null : v;
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a === b) return 0;
      if (levenshtein(a, b) <= 1) return 1;
      return a.length >= 3 && a.slice(0, 3) === b.slice(0, 3) ? 2 : 3;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      const t = ['is the same', 'differs by one character', 'shares the first 3 characters', 'is different'][level];
      return `${spec.name}: "${a}" vs "${b}" ${t}`;
    },
    blockingKeys: (p) => [p],
    termFrequencyKey: (p) => p,
  };
}

/** Nationality sets (ISO alpha-2, several separated by ; , | or space): same set, overlapping, different. */
import type { Comparator, ComparatorSpec } from '../types.ts';

export function nationalityComparator(spec: ComparatorSpec): Comparator<string[]> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['same', 'overlapping', 'else'],
    spec,
    prepare(values) {
      const raw = values[0];
      if (raw == null) return null;
      const codes = [
        ...new Set(
          raw
            .toUpperCase()
            .split(/[;,| ]+/)
            .filter((c) => c !== ''),
        ),
      ].sort();
      return codes.length === 0 ? null : codes;
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a.length === b.length && a.every((c, i) => c === b[i])) return 0;
      return a.some((c) => b.includes(c)) ? 1 : 2;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      const sa = a!.join('/');
      const sb = b!.join('/');
      if (level === 0) return `${spec.name}: both ${sa}`;
      if (level === 1) return `${spec.name}: ${sa} and ${sb} share a nationality`;
      return `${spec.name}: ${sa} and ${sb} have no nationality in common`;
    },
    blockingKeys: (p) => p,
  };
}

/**
 * Nationality sets (several separated by ; , | or space): same set, overlapping, different. Each is read
 * as ISO alpha-2, alpha-3 (VNM), an English country name or demonym (Viet Nam, Filipino) and kept as
 * alpha-2, so organisations that write it differently still agree; anything unknown is kept as written.
 */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { COUNTRIES } from '../../articles/gazetteer.ts';

const CODE_OF = new Map<string, string>();
for (const c of COUNTRIES) {
  CODE_OF.set(c.alpha3, c.code);
  for (const w of [...c.names, ...c.demonyms]) CODE_OF.set(w.toUpperCase().replace(/^THE /, ''), c.code);
}

/** Alpha-2 codes of a written nationality value, sorted and without repeats. */
export function nationalityCodes(raw: string): string[] {
  const codes = new Set<string>();
  for (const part of raw.toUpperCase().split(/[;,|]+/)) {
    const whole = part.trim().replace(/\s+/g, ' ').replace(/^THE /, '');
    if (whole === '') continue;
    const known = CODE_OF.get(whole);
    if (known) {
      codes.add(known);
      continue;
    }
    for (const token of whole.split(' ')) codes.add(CODE_OF.get(token) ?? token);
  }
  return [...codes].sort();
}

export function nationalityComparator(spec: ComparatorSpec): Comparator<string[]> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['same', 'overlapping', 'else'],
    spec,
    prepare(values) {
      const raw = values[0];
      if (raw == null) return null;
      const codes = nationalityCodes(raw);
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

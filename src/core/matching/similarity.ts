/** String similarity measures used by several comparators (pure, allocation-light). */
import { distance } from 'fastest-levenshtein';

export { distance as levenshtein };

// One Jaro–Winkler for the whole engine: the allocation-free one of the names layer.
export { jaro, jaroWinkler } from '../names/jaro-winkler.ts';

/** Jaccard overlap of two token sets. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const setB = new Set(b);
  let inter = 0;
  const seen = new Set<string>();
  for (const t of a) {
    if (seen.has(t)) continue;
    seen.add(t);
    if (setB.has(t)) inter++;
  }
  const union = seen.size + setB.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** String similarity measures used by several comparators (pure, allocation-light). */
import { distance } from 'fastest-levenshtein';

export { distance as levenshtein };

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  // Bitmask flags avoid allocating arrays for the common short strings.
  const flagsA = la <= 32 ? 0 : new Uint8Array(la);
  const flagsB = lb <= 32 ? 0 : new Uint8Array(lb);
  let maskA = 0;
  let maskB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      const used = flagsB === 0 ? (maskB >>> j) & 1 : flagsB[j];
      if (used || b.charCodeAt(j) !== ca) continue;
      if (flagsB === 0) maskB |= 1 << j; else flagsB[j] = 1;
      if (flagsA === 0) maskA |= 1 << i; else flagsA[i] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    const usedA = flagsA === 0 ? (maskA >>> i) & 1 : flagsA[i];
    if (!usedA) continue;
    while (!(flagsB === 0 ? (maskB >>> k) & 1 : flagsB[k])) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
}

/** Jaro-Winkler with the usual prefix scale 0.1 over at most 4 characters. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 0) return 0;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

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

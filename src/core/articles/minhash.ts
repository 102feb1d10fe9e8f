/**
 * MinHash signatures of word shingles, for near-duplicate detection of article text (syndicated copies,
 * light edits, paraphrases sharing sentences). 64 hash functions of the form (a·x + b) mod p over a
 * 32-bit FNV-1a hash of each shingle; the fraction of equal positions estimates the Jaccard similarity
 * of the shingle sets. Band-wise keys (16 bands of 4 rows) give LSH candidates.
 */

export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
const PRIME = 4294967311; // > 2^32

// Fixed coefficients (a deterministic generator, not randomness at run time).
const COEFFICIENTS: [number, number][] = (() => {
  const out: [number, number][] = [];
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  for (let i = 0; i < SIGNATURE_SIZE; i++) out.push([(next() % (PRIME - 1)) + 1, next()]);
  return out;
})();

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Lower-cased word tokens; unspaced scripts (Han, Khmer, Thai, Burmese) give one token per character. */
export function words(text: string): string[] {
  return (
    text.toLowerCase().match(/[\p{Script=Han}\p{Script=Khmer}\p{Script=Thai}\p{Script=Myanmar}]|[\p{L}\p{N}]+/gu) ?? []
  );
}

export function shingles(text: string, size = 3): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length < size) {
    if (w.length) out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(fnv1a(w.slice(i, i + size).join(' ')));
  return out;
}

// (a·x + b) mod p without losing precision: split a into 16-bit halves.
function mulMod(a: number, x: number, b: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  return (((((hi * x) % PRIME) * 65536) % PRIME) + lo * x + b) % PRIME;
}

export function signature(set: ReadonlySet<number>): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE).fill(Number.MAX_SAFE_INTEGER);
  for (const x of set)
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const [a, b] = COEFFICIENTS[i]!;
      const v = mulMod(a, x, b);
      if (v < sig[i]!) sig[i] = v;
    }
  return sig;
}

export function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

export function bandKeys(sig: readonly number[]): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) out.push(`${b}:${sig.slice(b * ROWS, (b + 1) * ROWS).join('.')}`);
  return out;
}

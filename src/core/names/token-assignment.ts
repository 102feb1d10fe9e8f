/**
 * Best one-to-one pairing of the tokens of two names by Jaro–Winkler, order-insensitive, written to
 * allocate nothing: the score matrix, the pairing tables and the result live in module-level space.
 */
import { jaroWinkler } from './jaro-winkler.ts';
import type { NameForm } from './name-form.ts';

const MAX = 8;
/** Up to this many tokens a side, every pairing is tried; beyond, pairs are chosen greedily. */
const EXACT_MAX = 4;
const scores = new Float64Array(MAX * MAX);
const weights = new Float64Array(MAX * MAX);

/** Result of the last assignment (read right after calling bestAssignment). */
export const assignment = {
  /** Length-weighted mean score over matched pairs. */
  mean: 0,
  /** Lowest score among matched pairs. */
  min: 0,
  /** Sum of the weights of matched pairs, and the total length of all tokens of both names. */
  matchedWeight: 0,
  totalWeight: 0,
  /**
   * Some token pair is equal or scores 0.9 or more, in or out of the best pairing: without one, no pairing of
   * the tokens can agree in full (compare.ts checks short forms and loose agreement only then).
   */
  anchored: false,
};

/**
 * INJECTIONS[s][l]: every way to give each of s items a distinct one of l places (s ≤ l ≤ EXACT_MAX),
 * flattened, s entries per way. Built once so that the search is a flat loop, not a recursion.
 */
const INJECTIONS: Int8Array[][] = [];
for (let s = 0; s <= EXACT_MAX; s++) {
  INJECTIONS.push([]);
  for (let l = 0; l <= EXACT_MAX; l++) {
    const ways: number[] = [];
    const pick = (prefix: number[]): void => {
      if (prefix.length === s) {
        ways.push(...prefix);
        return;
      }
      for (let p = 0; p < l; p++) if (!prefix.includes(p)) pick([...prefix, p]);
    };
    if (s <= l) pick([]);
    INJECTIONS[s]!.push(Int8Array.from(ways));
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Characters of `token` whose letter occurs in `mask` (exact bound, for tokens with many repeats). */
function sharedChars(token: string, mask: number): number {
  let count = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i) - 97;
    if (c >= 0 && c < 26 && (mask & (1 << c)) !== 0) count++;
  }
  return count;
}

/**
 * Jaro–Winkler of token i of x and token j of y, or 0 when it provably stays below LOW. With m matches
 * at most (letters in common, counted with repeats), Jaro is at most (m/|a| + m/|b| + 1)/3, and the
 * prefix bonus adds 0.1 of the remainder per common leading character. A pair below LOW can only lead
 * to 'different', so its exact score does not matter.
 */
const LOW = 0.8;
function tokenScore(x: NameForm, i: number, y: NameForm, j: number): number {
  const a = x.tokens[i]!;
  const b = y.tokens[j]!;
  if (a === b) return 1;
  const mx = x.letterMasks;
  const my = y.letterMasks;
  let m: number;
  if ((x.manyRepeats | y.manyRepeats) !== 0) {
    const ca = sharedChars(a, my[3 * j]!);
    const cb = sharedChars(b, mx[3 * i]!);
    m = ca < cb ? ca : cb;
  } else {
    m =
      popcount(mx[3 * i]! & my[3 * j]!) +
      popcount(mx[3 * i + 1]! & my[3 * j + 1]!) +
      popcount(mx[3 * i + 2]! & my[3 * j + 2]!);
  }
  const jaroMax = (m / a.length + m / b.length + 1) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix))
    prefix++;
  if (jaroMax + prefix * 0.1 * (1 - jaroMax) < LOW) return 0;
  return jaroWinkler(a, b);
}

/** Equal skeletons ignoring a leading vowel marker, which abjad transliterations often lose (علي → "ly"). */
function sameConsonants(a: string, b: string): boolean {
  // Vowel-only syllables (Burmese ဦး written "U", "Oo" or "Uu") have no consonants to disagree on.
  if (a === 'A' && b === 'A') return true;
  const sa = a.charCodeAt(0) === 65 ? 1 : 0;
  const sb = b.charCodeAt(0) === 65 ? 1 : 0;
  const len = a.length - sa;
  if (len <= 0 || len !== b.length - sb) return false;
  return a.startsWith(b.slice(sb), sa);
}

/** Score of two spellings of one romanisation (name-form.ts spellingKey): a variant, not a typo. */
const SPELLING_VARIANT = 0.95;
/**
 * Score of two adjacent letters swapped (Lan / Lna, Anh / Ahn, Sun / Snu): a typo. Jaro–Winkler misses it
 * in tokens of three or four letters, whose match window is empty.
 */
const TRANSPOSED = 0.9;

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i >= a.length - 1) return false;
  return (
    a.charCodeAt(i) === b.charCodeAt(i + 1) &&
    a.charCodeAt(i + 1) === b.charCodeAt(i) &&
    a.slice(i + 2) === b.slice(i + 2)
  );
}

let bestSum = 0;
let bestMin = 0;
let bestWeight = 0;
const rowIndex = new Int8Array(MAX);
const colIndex = new Int8Array(MAX);

/** Tries every pairing of the n rows with the m columns (n, m ≤ EXACT_MAX). */
function exhaustive(n: number, m: number): void {
  const rowsFew = n <= m;
  const few = rowsFew ? n : m;
  const ways = INJECTIONS[few]![rowsFew ? m : n]!;
  bestSum = -1;
  for (let w = 0; w < ways.length; w += few) {
    let sum = 0;
    let min = 1;
    let weight = 0;
    for (let t = 0; t < few; t++) {
      const k = rowsFew ? t * MAX + ways[w + t]! : ways[w + t]! * MAX + t;
      const s = scores[k]!;
      sum += s * weights[k]!;
      weight += weights[k]!;
      if (s < min) min = s;
    }
    if (sum > bestSum + 1e-12) {
      bestSum = sum;
      bestMin = min;
      bestWeight = weight;
    }
  }
}

function greedy(n: number, m: number): void {
  let rowsUsed = 0;
  let colsUsed = 0;
  bestSum = 0;
  bestMin = 1;
  bestWeight = 0;
  const pairs = Math.min(n, m);
  for (let p = 0; p < pairs; p++) {
    let best = -1;
    let bi = 0;
    let bj = 0;
    for (let i = 0; i < n; i++) {
      if (rowsUsed & (1 << i)) continue;
      for (let j = 0; j < m; j++) {
        if (colsUsed & (1 << j)) continue;
        const s = scores[i * MAX + j]!;
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    rowsUsed |= 1 << bi;
    colsUsed |= 1 << bj;
    const w = weights[bi * MAX + bj]!;
    bestSum += best * w;
    bestWeight += w;
    if (best < bestMin) bestMin = best;
  }
}

/**
 * Pairs tokens of x with tokens of y (min(|x|, |y|) pairs) maximising the length-weighted sum of
 * Jaro–Winkler scores. `skeletonBoost`: tokens with equal consonant skeletons score at least 0.9
 * (used when one side was transliterated from a script that omits vowels).
 */
export function bestAssignment(x: NameForm, y: NameForm, skeletonBoost: boolean): typeof assignment {
  const n = Math.min(x.tokens.length, MAX);
  const m = Math.min(y.tokens.length, MAX);
  let total = 0;
  for (let i = 0; i < n; i++) total += x.tokens[i]!.length;
  for (let j = 0; j < m; j++) total += y.tokens[j]!.length;

  // Identical tokens pair up first (score 1 cannot be beaten); only the rest goes to the search.
  let exactWeight = 0;
  let colsTaken = 0;
  let rn = 0;
  for (let i = 0; i < n; i++) {
    const a = x.tokens[i]!;
    let matched = false;
    for (let j = 0; j < m; j++) {
      if ((colsTaken & (1 << j)) === 0 && y.tokens[j] === a) {
        colsTaken |= 1 << j;
        exactWeight += a.length;
        matched = true;
        break;
      }
    }
    if (!matched) rowIndex[rn++] = i;
  }
  let rm = 0;
  for (let j = 0; j < m; j++) if ((colsTaken & (1 << j)) === 0) colIndex[rm++] = j;

  bestSum = 0;
  bestMin = 1;
  bestWeight = 0;
  let anchored = exactWeight > 0;
  if (rn > 0 && rm > 0) {
    for (let r = 0; r < rn; r++) {
      const i = rowIndex[r]!;
      const la = x.tokens[i]!.length;
      for (let c = 0; c < rm; c++) {
        const j = colIndex[c]!;
        let s = tokenScore(x, i, y, j);
        if (skeletonBoost && s < 0.9 && sameConsonants(x.skeletons[i]!, y.skeletons[j]!)) s = 0.9;
        if (s < SPELLING_VARIANT && x.spellings[i] === y.spellings[j]) s = SPELLING_VARIANT;
        else if (s < TRANSPOSED && isTransposition(x.tokens[i]!, y.tokens[j]!)) s = TRANSPOSED;
        const lb = y.tokens[j]!.length;
        if (s >= 0.9) anchored = true;
        scores[r * MAX + c] = s;
        weights[r * MAX + c] = la > lb ? la : lb;
      }
    }
    if (rn <= EXACT_MAX && rm <= EXACT_MAX) exhaustive(rn, rm);
    else greedy(rn, rm);
  }
  const sum = bestSum + exactWeight;
  const weight = bestWeight + exactWeight;
  assignment.matchedWeight = weight;
  assignment.totalWeight = total;
  assignment.mean = weight > 0 ? sum / weight : 0;
  assignment.min = weight > 0 ? bestMin : 0;
  assignment.anchored = anchored;
  return assignment;
}

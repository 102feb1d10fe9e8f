/**
 * Two coarse sound keys over lower-case ASCII tokens.
 *
 * consonantSkeleton: vowels dropped, consonants folded into classes that romanisation systems and
 * transliteration confuse (b/p, d/t, g/k, l/r, v/w, ch/zh/j/ts…). Used for blocking and for
 * transliterations from abjads and abugidas, which often omit vowels (محمد → "mhmd" ~ "muhammad").
 *
 * siniticKey: like the skeleton but keeps a folded vowel class per syllable and -n apart from -ng, so
 * that romanisations of the same Chinese syllable agree (zhi / chi / chee, wei / wai) while different
 * syllables stay apart (zhi / zhu, min / ming).
 */

// Ordered: longer clusters first. Each maps to one class letter ('' = silent).
const CONSONANT_RULES: ReadonlyArray<readonly [string, string]> = [
  ['tch', 'J'],
  ['tsh', 'J'],
  ['tsz', 'J'],
  ['chh', 'J'],
  ['sch', 'S'],
  ['sh', 'S'],
  ['hs', 'S'],
  ['ph', 'F'],
  ['th', 'T'],
  ['kh', 'K'],
  ['gh', 'K'],
  ['ck', 'K'],
  ['ch', 'J'],
  ['zh', 'J'],
  ['ts', 'J'],
  ['tz', 'J'],
  ['dz', 'J'],
  ['dj', 'J'],
  ['tj', 'J'],
  ['ng', 'N'],
  ['nh', 'N'],
  ['ny', 'N'],
  ['j', 'J'],
  ['q', 'J'],
  ['z', 'J'],
  ['c', 'J'],
  ['x', 'S'],
  ['s', 'S'],
  ['f', 'F'],
  ['b', 'P'],
  ['p', 'P'],
  ['v', 'W'],
  ['w', 'W'],
  ['d', 'T'],
  ['t', 'T'],
  ['g', 'K'],
  ['k', 'K'],
  ['l', 'L'],
  ['r', 'L'],
  ['m', 'M'],
  ['n', 'N'],
  ['h', ''],
];

const VOWEL_CLASSES: Readonly<Record<string, string>> = {
  i: 'i',
  ee: 'i',
  ie: 'i',
  y: 'i',
  ii: 'i',
  ea: 'i',
  yi: 'i',
  ih: 'i',
  u: 'u',
  oo: 'u',
  uu: 'u',
  a: 'a',
  aa: 'a',
  ah: 'a',
  e: 'e',
  eh: 'e',
  ue: 'e',
  er: 'e',
  o: 'o',
  oh: 'o',
  aw: 'o',
  uo: 'o',
  ei: 'ai',
  ai: 'ai',
  ay: 'ai',
  ey: 'ai',
  ae: 'ai',
  ui: 'ai',
  uy: 'ai',
  oi: 'ai',
  oy: 'ai',
  ao: 'au',
  au: 'au',
  ow: 'au',
  ou: 'au',
  eo: 'au',
  iu: 'iu',
  ieu: 'iu',
  io: 'iu',
  yu: 'iu',
  iou: 'iu',
};

function isVowel(code: number): boolean {
  return code === 97 || code === 101 || code === 105 || code === 111 || code === 117 || code === 121;
}

// Rules grouped by first letter, longest cluster first, so a lookup tries only a handful.
const RULES_BY_LETTER: ReadonlyArray<ReadonlyArray<readonly [string, string]>> = Array.from({ length: 26 }, (_, c) =>
  CONSONANT_RULES.filter(([cluster]) => cluster.charCodeAt(0) === 97 + c),
);
const SILENT: readonly [string, number] = ['', 1];
const RESULTS = new Map<string, readonly [string, number]>(
  CONSONANT_RULES.map(([cluster, cls]) => [cluster, [cls, cluster.length] as const]),
);

/** Consonant class at position i: [class, length consumed]. Assumes s[i] is a letter a–z. */
function consonantAt(s: string, i: number): readonly [string, number] {
  for (const [cluster] of RULES_BY_LETTER[s.charCodeAt(i) - 97]!) {
    if (s.startsWith(cluster, i)) return RESULTS.get(cluster)!;
  }
  return SILENT;
}

/** "muhammad" → "MMT" → collapsed "MT"; "somchai" → "SMJ". A leading vowel is kept as 'A'. */
export function consonantSkeleton(token: string): string {
  let out = '';
  let last = '';
  let i = 0;
  if (token.length > 0 && isVowel(token.charCodeAt(0)) && token.charCodeAt(0) !== 121) out = last = 'A';
  while (i < token.length) {
    const code = token.charCodeAt(i);
    if (isVowel(code) || code < 97 || code > 122) {
      i++;
      continue;
    }
    const [cls, len] = consonantAt(token, i);
    i += len;
    if (cls !== '' && cls !== last) {
      out += cls;
      last = cls;
    }
  }
  // Final m and n/ng are confused across Chinese varieties (lam/lin, lim/lin): fold the end to N.
  return out.length > 1 && out.endsWith('M') ? out.slice(0, -1) + 'N' : out;
}

/** "zhiwei" → "Jiwai"; "cheewai" → "Jiwai"; "zhu" → "Ju". */
export function siniticKey(token: string): string {
  let out = '';
  let i = 0;
  while (i < token.length) {
    const code = token.charCodeAt(i);
    if (code < 97 || code > 122) {
      i++;
      continue;
    }
    if (isVowel(code) && !(code === 121 && i + 1 < token.length && isVowel(token.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < token.length && isVowel(token.charCodeAt(j))) j++;
      // A trailing "h" after a vowel is a length/tone mark in several systems (Kuah, Teh).
      const run = token.slice(i, j);
      out += VOWEL_CLASSES[run] ?? run;
      i = j;
      if (
        i < token.length &&
        token.charCodeAt(i) === 104 &&
        (i + 1 === token.length || !isVowel(token.charCodeAt(i + 1)))
      )
        i++;
      continue;
    }
    // -ng / -nh (Vietnamese for Chinese -ng) stay apart from -n: min ≠ ming, an ≠ anh.
    const velarNasal = code === 110 && (token.startsWith('ng', i) || token.startsWith('nh', i));
    const [cls, len] = consonantAt(token, i);
    i += len;
    out += velarNasal ? 'G' : cls === 'M' && i === token.length ? 'N' : cls;
  }
  return out;
}

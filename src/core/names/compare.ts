/**
 * compareNames: the level at which two normalised names agree, a similarity and a caseworker-readable
 * reason. Called tens of millions of times, so the hot path only compares precomputed strings, and the
 * symmetric result comes from putting the pair in a canonical order first.
 */
import type { NormalisedName } from './normalise.ts';
import type { NameForm } from './name-form.ts';
import { NAME_LEVELS, type NameComparison, type NameLevel } from './name-levels.ts';
import { bestAssignment } from './token-assignment.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { explain, type Detail } from './explain.ts';
import { isNicknameOf } from './data/nicknames.ts';
import { sameSyllables } from './syllables.ts';
import { consonantSkeleton } from './phonetic-keys.ts';

/** Scripts whose any-ascii transliteration drops vowels (abjads) or inherent vowels (abugidas). */
const VOWEL_POOR = new Set(['Arab', 'Thai', 'Mymr', 'Khmr', 'Beng', 'Deva', 'mixed', 'unknown']);

const SIMILARITY: Readonly<Record<NameLevel, number>> = {
  exact: 1,
  same_after_normalisation: 0.99,
  same_reading: 0.97,
  reordered: 0.95,
  surname_equivalent: 0.9,
  romanisation: 0.88,
  fuzzy_strong: 0,
  fuzzy_weak: 0,
  partial: 0,
  loose: 0,
  different: 0,
};

const FUZZY_STRONG = NAME_LEVELS.indexOf('fuzzy_strong');
const FUZZY_WEAK = NAME_LEVELS.indexOf('fuzzy_weak');
const PARTIAL = NAME_LEVELS.indexOf('partial');
const LOOSE = NAME_LEVELS.indexOf('loose');
const DIFFERENT = NAME_LEVELS.indexOf('different');

// Scratch detail for the explanation; filled by evaluate().
const detail: Detail = { level: 'different', x: null!, y: null!, fx: 0, fy: 0, i: -1, j: -1, score: 0, note: '' };

function isRotation(a: NameForm, b: NameForm): boolean {
  if (a.joined.length !== b.joined.length || a.tokens.length < 2) return false;
  const boundaries = b.boundaries;
  for (let k = 0; k < boundaries.length; k++) if (b.doubled.startsWith(a.joined, boundaries[k])) return true;
  return false;
}

/**
 * Family names in the same surname class, and the rest of the names equal (mode 0) or a romanisation
 * variant of each other: sinitic key equal (mode 1 only where the family names are spelled alike, mode 2
 * anywhere), or a close spelling where the family names are spelled differently — with identically
 * spelled family names a close spelling is plain fuzzy. Mode 3: the rest are readings of the same characters
 * in other romanisations, syllable by syllable (level 'romanisation').
 */
function findSurnameEquivalence(X: readonly NameForm[], Y: readonly NameForm[], mode: 0 | 1 | 2 | 3): boolean {
  for (let a = 0; a < X.length; a++) {
    const fa = X[a]!;
    if (fa.surnameIdx.length === 0 || fa.reading === 'bare') continue;
    for (let b = 0; b < Y.length; b++) {
      const fb = Y[b]!;
      if (fb.reading === 'bare') continue;
      for (let p = 0; p < fa.surnameIdx.length; p++) {
        // Index loops over parallel arrays (surnameIdx, rest, restSinitic share their length): hot path.
        const si = fa.surnameIdx[p]!;
        const ca = fa.classes[si]!;
        for (let q = 0; q < fb.surnameIdx.length; q++) {
          const sj = fb.surnameIdx[q]!;
          if (!sharesClass(ca, fb.classes[sj]!)) continue;
          const restX = fa.rest[p]!;
          const restY = fb.rest[q]!;
          const sameSpelling = fa.tokens[si] === fb.tokens[sj];
          if (mode === 3) {
            if (restX.length === 0 || restY.length === 0 || !sameSyllables(fa.restWords[p]!, fb.restWords[q]!))
              continue;
            detail.i = si;
            detail.j = sj;
            set('romanisation', a, b, 1, 'given-syllables');
            return true;
          }
          let ok = restX === restY;
          if (!ok && mode > 0 && (mode === 2 || sameSpelling)) {
            ok =
              fa.restSinitic[p] === fb.restSinitic[q] ||
              (!sameSpelling && restX.length > 0 && restY.length > 0 && jaroWinkler(restX, restY) >= 0.9);
          }
          if (!ok) continue;
          detail.i = si;
          detail.j = sj;
          set('surname_equivalent', a, b, 1, restX === restY ? 'given-equal' : 'given-variant');
          return true;
        }
      }
    }
  }
  return false;
}

function set(level: NameLevel, fx: number, fy: number, score: number, note: string): NameLevel {
  detail.level = level;
  detail.fx = fx;
  detail.fy = fy;
  detail.score = score;
  detail.note = note;
  return level;
}

function evaluate(x: NormalisedName, y: NormalisedName): NameLevel {
  detail.x = x;
  detail.y = y;
  detail.i = -1;
  detail.j = -1;
  if (x.raw === y.raw) return set('exact', 0, 0, 1, '');
  const X = x.forms;
  const Y = y.forms;
  const bothHan = x.script === 'Hani' && y.script === 'Hani';
  if (bothHan && x.han === y.han) return set('same_after_normalisation', 0, 0, 1, 'han');
  if (X[0]!.joined === Y[0]!.joined) {
    // Homophones written with different characters are probably different names: keep them fuzzy.
    if (bothHan) return set('fuzzy_strong', 0, 0, 0.93, 'homophone');
    if (x.han || y.han) return set('same_reading', 0, 0, 1, '');
    return set(x.script === y.script ? 'same_after_normalisation' : 'same_reading', 0, 0, 1, '');
  }
  if (!bothHan) {
    for (let a = 0; a < X.length; a++) {
      for (let b = 0; b < Y.length; b++)
        if ((a | b) !== 0 && X[a]!.joined === Y[b]!.joined && !isBare(X[a]!, Y[b]!))
          return set('same_reading', a, b, 1, '');
    }
  }
  const burmese = sameBurmeseSpelling(x, y);
  if (burmese !== null) return burmese;
  // A typo made in the name's own script (a sign dropped or doubled, two letters swapped) can change the
  // transliteration of a whole syllable (គឹម សុភា / គឹម ភុសា read Kim Sophea / Kim Phusa): judge it as written.
  if (x.written !== null && y.written !== null && x.script === y.script && oneTypoApart(x.written, y.written)) {
    return set('fuzzy_strong', 0, 0, 0.93, 'typo in script');
  }
  for (let a = 0; a < X.length; a++) {
    for (let b = 0; b < Y.length; b++) {
      if (bothHan && (a | b) !== 0) continue;
      const fa = X[a]!;
      const fb = Y[b]!;
      if (isBare(fa, fb)) continue;
      if (isRotation(fa, fb) || (fa.tokens.length > 1 && fa.sortedKey === fb.sortedKey))
        return set('reordered', a, b, 1, '');
    }
  }
  // Passes from the most to the least telling agreement, so the explanation names the best one.
  if (
    !bothHan &&
    (findSurnameEquivalence(X, Y, 0) || findSurnameEquivalence(X, Y, 1) || findSurnameEquivalence(X, Y, 2))
  ) {
    return 'surname_equivalent';
  }
  // Stronger spellings first: a close or equal spelling is fuzzy before it is a reading in another language.
  const level = fuzzy(x, y, bothHan);
  if (level !== 'fuzzy_strong' && !bothHan && findSurnameEquivalence(X, Y, 3)) return 'romanisation';
  return level;
}

/**
 * A Burmese-script name and a Latin one that spell the same syllables the way Burmese names are romanised
 * (မေချိုစန္ဒာဆု / May Cho Sandar Hsu): the same reading, or fuzzy_weak where a lead such as Maung was dropped
 * (as for the 'bare' form).
 */
function sameBurmeseSpelling(x: NormalisedName, y: NormalisedName): NameLevel | null {
  const bx = x.burmese;
  const by = y.burmese;
  if (bx === null || by === null || x.script === y.script || bx.key.length < 4 || bx.key !== by.key) return null;
  return bx.lead || by.lead ? set('fuzzy_weak', 0, 0, 0.9, 'transliterated') : set('same_reading', 0, 0, 1, '');
}

/** Either form drops a leading Ko / Ma / Maung: never more than fuzzy agreement (Ma Li Na is not Li Na). */
function isBare(a: NameForm, b: NameForm): boolean {
  return a.reading === 'bare' || b.reading === 'bare';
}

function sharesClass(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (a[i] === b[j]) return true;
  return false;
}

/**
 * Does one token stand for the other as an initial ("r" for "reyes") or a short form cut from either
 * end of it ("tunde" of "babatunde", "emeka" of "chukwuemeka", "montse" of "montserrat")? Short forms
 * need three letters and leave at least two letters out; anything shorter would pair unrelated names.
 */
function standsFor(short: string, long: string): boolean {
  if (short.length === 1) return long.length > 1 && long.charCodeAt(0) === short.charCodeAt(0);
  if (short.length < 3 || long.length < short.length + 2) return false;
  if (long.startsWith(short) || long.endsWith(short)) return true;
  // Yoruba names shorten to an inner part (Funmi of Olufunmilayo): four letters or more.
  return short.length >= 4 && long.includes(short);
}

/** Agreement of token i of the shorter name with token j of the other, at [i * 8 + j]: 0 none, 1 short/loose, 2 full. */
const SHORT_AGREEMENT = new Int8Array(64);
const LOOSE_AGREEMENT = new Int8Array(64);

/**
 * Fills both agreement tables for two token lists (one Jaro–Winkler call per token pair). Short (partial level):
 * as written or nearly (typo), else as an initial / short form / pet form of each other (Charo / Rosario, Kiko /
 * Francisco: data/nicknames.ts). Loose: a close match (Jaro–Winkler ≥ 0.9), else loosely alike — Jaro–Winkler
 * ≥ 0.75 between tokens of four letters or more, one letter left out, or a short form. Shorter tokens differing in
 * a letter are other names (Lan / Lien, Dara / Dina).
 */
function fillAgreements(few: readonly string[], many: readonly string[]): void {
  for (let i = 0; i < few.length; i++) {
    const a = few[i]!;
    for (let j = 0; j < many.length; j++) {
      const b = many[j]!;
      let short: 0 | 1 | 2 = 2;
      let loose: 0 | 1 | 2 = 2;
      if (a !== b) {
        const three = a.length >= 3 && b.length >= 3;
        const jw = jaroWinkler(a, b);
        short = three && jw >= 0.92 ? 2 : standsFor(a, b) || standsFor(b, a) || isNicknameOf(a, b) ? 1 : 0;
        loose =
          short === 2 || (three && jw >= 0.9)
            ? 2
            : short === 1 ||
                (jw >= 0.75 && a.length >= 4 && b.length >= 4) ||
                dropsOneLetter(a, b) ||
                sameConsonants(a, b) ||
                nearlyStandsFor(a, b) ||
                nearlyStandsFor(b, a)
              ? 1
              : 0;
      }
      SHORT_AGREEMENT[i * 8 + j] = short;
      LOOSE_AGREEMENT[i * 8 + j] = loose;
    }
  }
}

/**
 * b[from, to) is a within one edit of a: a letter changed, added or dropped, or two neighbours swapped
 * (a != the slice already). Offsets rather than slices: this runs on the pairs the weights call different.
 */
function oneEditFrom(a: string, b: string, from: number, to: number): boolean {
  const la = a.length;
  const lb = to - from;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(from + i)) i++;
    if (i === la) return true;
    let j = i + 1;
    while (j < la && a.charCodeAt(j) === b.charCodeAt(from + j)) j++;
    if (j === la) return true;
    // Two neighbours swapped and the rest equal.
    if (j !== i + 1 || a.charCodeAt(i) !== b.charCodeAt(from + j) || a.charCodeAt(j) !== b.charCodeAt(from + i))
      return false;
    for (let k = j + 1; k < la; k++) if (a.charCodeAt(k) !== b.charCodeAt(from + k)) return false;
    return true;
  }
  if (la - lb !== 1 && lb - la !== 1) return false;
  // One letter more on one side: skip it at the first difference.
  const longer = la > lb;
  const n = Math.min(la, lb);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(from + i)) i++;
  for (let k = i; k < n; k++) {
    const x = longer ? a.charCodeAt(k + 1) : a.charCodeAt(k);
    const y = longer ? b.charCodeAt(from + k) : b.charCodeAt(from + k + 1);
    if (x !== y) return false;
  }
  return true;
}

/**
 * Two spellings one typo apart: a letter or sign changed, added or dropped, or two letters swapped up to three
 * places apart (a consonant swapped across its vowel sign). Four letters or more.
 */
function oneTypoApart(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4 || a.length - b.length > 1 || b.length - a.length > 1) return false;
  if (oneEditFrom(a, b, 0, b.length)) return true;
  if (a.length !== b.length) return false;
  let first = -1;
  let second = -1;
  for (let k = 0; k < a.length; k++) {
    if (a.charCodeAt(k) === b.charCodeAt(k)) continue;
    if (first < 0) first = k;
    else if (second < 0) second = k;
    else return false;
  }
  return (
    second > 0 &&
    second - first <= 3 &&
    a.charCodeAt(first) === b.charCodeAt(second) &&
    a.charCodeAt(second) === b.charCodeAt(first)
  );
}

/**
 * The same consonants in the same order, vowels aside, in tokens of five letters or more, one of six or more:
 * spellings of one name across romanisations (Oetomo / Utomo, Kanjana / Kanchana, Jaidee / Chaidi). Shorter
 * tokens are left out: there the vowel is the name (Thanh / Thinh, Linh / Lanh).
 */
function sameConsonants(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || (a.length < 6 && b.length < 6)) return false;
  const sa = consonantsOf(a);
  return sa.length >= 2 && sa === consonantsOf(b);
}

/** Consonant skeleton without the leading-vowel mark, remembered per token (tokens repeat across pairs). */
const consonantMemo = new Map<string, string>();
function consonantsOf(token: string): string {
  let s = consonantMemo.get(token);
  if (s === undefined) {
    s = consonantSkeleton(token);
    if (s.charCodeAt(0) === 65) s = s.slice(1);
    if (consonantMemo.size >= 100_000) consonantMemo.clear();
    consonantMemo.set(token, s);
  }
  return s;
}

/**
 * A short form with a typo in it (Uhce of Uchechukwu, Dinmz of Chidinma, Bayoo of Adebayo): four letters or more,
 * one edit from the start or the end of a name at least two letters longer. Loose evidence only.
 */
function nearlyStandsFor(short: string, long: string): boolean {
  const n = short.length;
  if (n < 4 || long.length < n + 2) return false;
  for (let len = n - 1; len <= n + 1; len++) {
    if (oneEditFrom(short, long, 0, len) || oneEditFrom(short, long, long.length - len, long.length)) return true;
  }
  return false;
}

/** One token is the other with one letter left out (Vn / Van, Yn / Yin, Ag / Ang): a typo in a short token. */
function dropsOneLetter(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || short.length < 2) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  return short.slice(i) === long.slice(i + 1);
}

/**
 * Every token of the shorter name pairs off with its own token of the other under the agreement table, at least
 * one pair agreeing in full (three letters or more) and, when `needShort`, at least one pair only as an initial or
 * short form.
 */
function pairsOff(few: readonly string[], many: number, table: Int8Array, needShort: boolean): boolean {
  let used = 0;
  let full = false;
  let short = !needShort;
  const pair = (i: number): boolean => {
    if (i === few.length) return full && short;
    for (let j = 0; j < many; j++) {
      if (used & (1 << j)) continue;
      const agreement = table[i * 8 + j]!;
      if (agreement === 0) continue;
      const [f, s] = [full, short];
      if (agreement === 2 && few[i]!.length >= 3) full = true;
      if (agreement === 1) short = true;
      used |= 1 << j;
      if (pair(i + 1)) return true;
      used &= ~(1 << j);
      [full, short] = [f, s];
    }
    return false;
  };
  return pair(0);
}

/**
 * Names whose parts pair off without a fuzzy match of the whole: PARTIAL for initials and short forms ("Jose R.
 * Aquino" / "Jose Reyes Aquino", "Tunde Adeyemi" / "Babatunde Adeyemi"), LOOSE for one part close and the others
 * loosely alike (Nazrul Islam / Nojrull Islam), else DIFFERENT ("Chen Zhi" / "Chen Li").
 */
function partsPairOff(fa: NameForm, fb: NameForm): number {
  const [few, many] = fa.tokens.length <= fb.tokens.length ? [fa.tokens, fb.tokens] : [fb.tokens, fa.tokens];
  if (few.length < 2 || many.length > 8) return DIFFERENT;
  fillAgreements(few, many);
  if (pairsOff(few, many.length, SHORT_AGREEMENT, true)) return PARTIAL;
  return pairsOff(few, many.length, LOOSE_AGREEMENT, false) ? LOOSE : DIFFERENT;
}

function fuzzy(x: NormalisedName, y: NormalisedName, bothHan: boolean): NameLevel {
  const boost = x.script !== y.script && (VOWEL_POOR.has(x.script) || VOWEL_POOR.has(y.script));
  let bestLevel = DIFFERENT;
  let bestScore = 0;
  let bestA = 0;
  let bestB = 0;
  const X = x.forms;
  const Y = y.forms;
  for (let a = 0; a < X.length; a++) {
    for (let b = 0; b < Y.length; b++) {
      if (bothHan && (a | b) !== 0) continue;
      const fa = X[a]!;
      const fb = Y[b]!;
      const r = bestAssignment(fa, fb, boost);
      let level: number;
      let score: number;
      if (fa.tokens.length === fb.tokens.length) {
        score = r.mean;
        level =
          r.mean >= 0.92 && r.min >= 0.85 ? FUZZY_STRONG : r.mean >= 0.85 && r.min >= 0.8 ? FUZZY_WEAK : DIFFERENT;
      } else {
        const contained = r.min >= 0.92;
        score = contained ? (2 * r.matchedWeight) / r.totalWeight : (r.mean * (2 * r.matchedWeight)) / r.totalWeight;
        level = contained ? PARTIAL : DIFFERENT;
        // Split or joined tokens with a typo ("Nurhaliza" / "Nur Halisa"): compare the joined strings,
        // only when their lengths are close (a shared prefix would otherwise pass for a typo).
        const la = fa.joined.length;
        const lb = fb.joined.length;
        if ((la > lb ? la - lb : lb - la) <= 2) {
          const jw = jaroWinkler(fa.joined, fb.joined);
          if (jw >= 0.93) {
            level = FUZZY_STRONG;
            score = jw;
          } else if (jw >= 0.88 && level > FUZZY_WEAK) {
            level = FUZZY_WEAK;
            score = jw;
          }
        }
      }
      if (level === DIFFERENT && !bothHan && r.anchored) {
        const mean = r.mean;
        level = partsPairOff(fa, fb);
        if (level === PARTIAL) score = 0.85;
        else if (level === LOOSE) score = mean;
      }
      if (level < FUZZY_WEAK && isBare(fa, fb)) level = FUZZY_WEAK;
      if (level < bestLevel || (level === bestLevel && score > bestScore)) {
        bestLevel = level;
        bestScore = score;
        bestA = a;
        bestB = b;
      }
    }
  }
  const level = NAME_LEVELS[bestLevel]!;
  return set(level, bestA, bestB, level === 'different' ? bestScore * 0.8 : bestScore, boost ? 'transliterated' : '');
}

export function compareNames(a: NormalisedName, b: NormalisedName): NameComparison {
  if (a.tokens.length === 0 || b.tokens.length === 0) {
    return { level: 'different', similarity: 0, explanation: 'no comparable name: one of the names has no letters' };
  }
  // Canonical order makes the level and similarity symmetric whatever the tie-breaking below.
  const swap = a.raw > b.raw;
  const level = swap ? evaluate(b, a) : evaluate(a, b);
  const fixed = SIMILARITY[level];
  const similarity = fixed > 0 ? fixed : Math.max(0, Math.min(1, detail.score));
  return { level, similarity, explanation: explain(detail) };
}

/** Level only, for callers that need no explanation (cheaper: no string is built). */
export function compareNameLevel(a: NormalisedName, b: NormalisedName): NameLevel {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 'different';
  return a.raw > b.raw ? evaluate(b, a) : evaluate(a, b);
}

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
import { sameSyllables } from './syllables.ts';
import { oneTypoApart, partsPairOff } from './token-agreement.ts';
import { ABUGIDAS_AND_ABJADS, type Script } from './script.ts';

/** Scripts whose any-ascii transliteration may drop vowels: abugidas, abjads, and names not in one known script. */
const vowelPoor = (script: Script): boolean =>
  ABUGIDAS_AND_ABJADS.has(script) || script === 'mixed' || script === 'unknown';

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

function fuzzy(x: NormalisedName, y: NormalisedName, bothHan: boolean): NameLevel {
  const boost = x.script !== y.script && (vowelPoor(x.script) || vowelPoor(y.script));
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

/**
 * Token-level agreement between two names whose whole spellings did not match: initials, short and pet forms, typos
 * (in the Latin tokens and in a name's own script), and the PARTIAL / LOOSE levels built from them (compare.ts).
 */
import type { NameForm } from './name-form.ts';
import { NAME_LEVELS } from './name-levels.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { isNicknameOf } from './data/nicknames.ts';
import { consonantSkeleton } from './phonetic-keys.ts';

const PARTIAL = NAME_LEVELS.indexOf('partial');
const LOOSE = NAME_LEVELS.indexOf('loose');
const DIFFERENT = NAME_LEVELS.indexOf('different');

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
export function oneTypoApart(a: string, b: string): boolean {
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
  const d = a.length - b.length;
  return (d === 1 || d === -1) && Math.min(a.length, b.length) >= 2 && oneEditFrom(a, b, 0, b.length);
}

/**
 * Every token of the shorter name pairs off with its own token of the other under the agreement table, at least
 * one pair agreeing in full (three letters or more) and, when `needShort`, at least one pair only as an initial or
 * short form.
 */
function pairsOff(few: readonly string[], many: number, table: Int8Array, needShort: boolean): boolean {
  return pairsFrom(0, 0, false, !needShort, few, many, table);
}

/**
 * Tokens i onwards of the shorter name pair off, given the other name's tokens already taken (`used`, a bit each)
 * and whether a full and a short agreement were seen. A plain recursive function, with no closure or array made per
 * call: this runs for a good share of compared pairs, and its garbage was most of what comparing allocated.
 */
function pairsFrom(
  i: number,
  used: number,
  full: boolean,
  short: boolean,
  few: readonly string[],
  many: number,
  table: Int8Array,
): boolean {
  if (i === few.length) return full && short;
  for (let j = 0; j < many; j++) {
    if (used & (1 << j)) continue;
    const agreement = table[i * 8 + j]!;
    if (agreement === 0) continue;
    const fullNow = full || (agreement === 2 && few[i]!.length >= 3);
    if (pairsFrom(i + 1, used | (1 << j), fullNow, short || agreement === 1, few, many, table)) return true;
  }
  return false;
}

/**
 * Names whose parts pair off without a fuzzy match of the whole: PARTIAL for initials and short forms ("Jose R.
 * Aquino" / "Jose Reyes Aquino", "Tunde Adeyemi" / "Babatunde Adeyemi"), LOOSE for one part close and the others
 * loosely alike (Nazrul Islam / Nojrull Islam), else DIFFERENT ("Chen Zhi" / "Chen Li").
 */
export function partsPairOff(fa: NameForm, fb: NameForm): number {
  const [few, many] = fa.tokens.length <= fb.tokens.length ? [fa.tokens, fb.tokens] : [fb.tokens, fa.tokens];
  if (few.length < 2 || many.length > 8) return DIFFERENT;
  fillAgreements(few, many);
  if (pairsOff(few, many.length, SHORT_AGREEMENT, true)) return PARTIAL;
  return pairsOff(few, many.length, LOOSE_AGREEMENT, false) ? LOOSE : DIFFERENT;
}

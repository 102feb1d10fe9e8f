/**
 * Blocking keys: a few strings per name such that two records of the same person share at least one
 * with high probability, while unrelated names rarely do. At most MAX_KEYS per name, because a
 * blocking index is built over a million records.
 *
 * - "sk:" sorted consonant skeletons of all tokens (per reading): survives case, accents, order,
 *   romanisation vowels and transliteration that drops vowels.
 * - "sn:陳|J" surname class + first consonant class of the rest of the name: Chen Zhi, Tan Chee,
 *   Trần Chí and 陳志 meet here.
 * - "t:" skeleton of one token, longest tokens first: a single name meets the full name containing it
 *   (Budi / Budi Santoso), and a typo or short form in one part leaves the other part's key (Montse
 *   Ferrer / Monse Ferrer, Tunde Adeyemi / Babatunde Adeyemi). Tokens of 3+ consonant classes, and the
 *   first and last tokens of two, alone; a middle token of two classes (Van, Thi) with the initial of
 *   the next part, since alone it would gather every name sharing that common part.
 */
import type { NormalisedName } from './normalise.ts';
import { consonantSkeleton } from './phonetic-keys.ts';

export const MAX_BLOCKING_KEYS = 6;

/** Skeleton without the leading-vowel marker, which transliteration from abjads tends to lose. */
function keySkeleton(token: string): string {
  const s = consonantSkeleton(token);
  return s.length > 1 && s.charCodeAt(0) === 65 ? s.slice(1) : s;
}

export function nameBlockingKeys(n: NormalisedName): string[] {
  if (n.tokens.length === 0) return [];
  const sorted: string[] = [];
  const surname: string[] = [];
  const long: Array<[string, number]> = [];
  for (const form of n.forms) {
    const skeletons = form.tokens.map(keySkeleton);
    sorted.push('sk:' + [...skeletons].sort().join('.'));
    form.surnameIdx.forEach((i, p) => {
      const restInitial = consonantSkeleton(form.rest[p]!).charAt(0);
      for (const id of form.classes[i]!) surname.push(`${id}|${restInitial}`);
    });
    skeletons.forEach((s, i) => {
      const len = form.tokens[i]!.length;
      if (s.length >= 3 || (s.length === 2 && (i === 0 || i === skeletons.length - 1))) long.push([`t:${s}`, len]);
      else if (s.length === 2) {
        // A short middle part alone is too common a key; with the initial of the next part it is selective.
        const next = skeletons[(i + 1) % skeletons.length]!.replace(/^A(?=.)/, '').charAt(0);
        long.push([`t:${s}|${next}`, len]);
      }
    });
  }
  long.sort((a, b) => b[1] - a[1]);
  const keys = new Set<string>();
  const add = (list: readonly string[], limit: number): void => {
    let added = 0;
    for (const k of list) {
      if (keys.size >= MAX_BLOCKING_KEYS || added >= limit) return;
      if (!keys.has(k)) {
        keys.add(k);
        added++;
      }
    }
  };
  add(sorted, 2);
  add(surname, 2);
  add(
    long.map((l) => l[0]),
    2,
  );
  // Room left (e.g. a Latin name with one surname class): more surname classes, then more long tokens.
  add(surname, MAX_BLOCKING_KEYS);
  add(
    long.map((l) => l[0]),
    MAX_BLOCKING_KEYS,
  );
  return [...keys];
}

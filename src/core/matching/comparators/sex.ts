/**
 * Sex / gender as a category, never by edit distance ("M" and "F" are one edit apart, "M" and "Male" four).
 * Values are read from the words intake forms use in the languages of the region — M/F, male/female,
 * L/P and laki-laki/perempuan (Indonesian, Malay), nam/nữ, ชาย/หญิง, ကျား/မ, ប្រុស/ស្រី, 男/女 — and
 * compared as categories: same, or else. An unknown word stays a category of its own (compared exactly).
 */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { foldText } from '../normalise-text.ts';

// A Map, not an object: a value such as "__proto__" or "constructor" is text to compare, not a key of Object.prototype.
const WORDS = new Map<string, string>();
const add = (category: string, words: string): void => {
  for (const w of words.split(' ')) WORDS.set(w, category);
};
add('male', 'm male man men boy masculine l lk laki laki-laki lelaki pria nam 男 ชาย ကျား ប្រុស পুরুষ');
add('female', 'f female woman women girl feminine p pr perempuan wanita nu nữ 女 หญิง မ ស្រី মহিলা নারী w');
add('other', 'x o other diverse nonbinary non-binary');

/** Category of a written sex value ('male', 'female', 'other', or the folded text itself); null when blank. */
export function sexCategory(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const t = raw.trim().toLowerCase();
  if (t === '') return null;
  const direct = WORDS.get(t);
  if (direct) return direct;
  const folded = foldText(t);
  if (folded === '') return null;
  return WORDS.get(folded) ?? WORDS.get(folded.replace(/ /g, '-')) ?? folded;
}

export function sexComparator(spec: ComparatorSpec): Comparator<string> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['same', 'else'],
    spec,
    prepare: (values) => sexCategory(values[0]),
    compare(a, b) {
      if (a == null || b == null) return -1;
      return a === b ? 0 : 1;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      return level === 0 ? `${spec.name}: both ${a}` : `${spec.name}: ${a} and ${b} differ`;
    },
    blockingKeys: (p) => [p],
    termFrequencyKey: (p) => p,
  };
}

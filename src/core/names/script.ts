/**
 * Which writing system a name is written in. Drives transliteration (Han → pinyin + Hán-Việt,
 * others → any-ascii) and lets explanations say "written in Thai script".
 */

export const SCRIPTS = [
  'Hani',
  'Latn',
  'Thai',
  'Mymr',
  'Khmr',
  'Hang',
  'Beng',
  'Deva',
  'Arab',
  'Cyrl',
  'mixed',
  'unknown',
] as const;
export type Script = (typeof SCRIPTS)[number];

/**
 * Abugidas and abjads: vowels are signs on a consonant or not written. any-ascii's transliteration of them loses
 * vowels (so readings across them are judged more loosely), and a typo in them is one letter or sign as written.
 */
export const ABUGIDAS_AND_ABJADS: ReadonlySet<Script> = new Set<Script>([
  'Thai',
  'Mymr',
  'Khmr',
  'Beng',
  'Deva',
  'Arab',
]);

/** Concrete scripts, tested in this order; a letter outside them counts as 'other'. */
const SCRIPT_TESTS: ReadonlyArray<readonly [Exclude<Script, 'mixed' | 'unknown'>, RegExp]> = [
  ['Latn', /\p{Script=Latin}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Mymr', /\p{Script=Myanmar}/u],
  ['Khmr', /\p{Script=Khmer}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
];

const LETTER = /[\p{L}\p{Nl}]/u;

/** Script of one character, or null for characters that belong to no script (spaces, punctuation, marks, digits). */
export function charScript(ch: string): Script | 'other' | null {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? 'Latn' : null;
  for (const [script, re] of SCRIPT_TESTS) if (re.test(ch)) return script;
  return LETTER.test(ch) ? 'other' : null;
}

/**
 * The script of a name: the one script all its letters share, 'mixed' when letters of two or more
 * scripts appear (e.g. "陈志 Chen Zhi"), 'unknown' when there are no letters or only letters of scripts
 * outside the list above (Greek, Tamil, Japanese kana…; they are still transliterated).
 */
export function detectScript(s: string): Script {
  let found: Script | 'other' | null = null;
  for (const ch of s) {
    const script = charScript(ch);
    if (script === null) continue;
    if (found === null) found = script;
    else if (found !== script) return 'mixed';
  }
  return found === null || found === 'other' ? 'unknown' : found;
}

/**
 * Non-Latin, non-Han words to lower-case ASCII, via any-ascii with small fixes where it is known to
 * mislead name comparison (Thai vowel order, Korean syllable boundaries, Burmese honorific prefixes;
 * Burmese syllables themselves are romanised in transliterate-myanmar.ts).
 */
import anyAscii from 'any-ascii';
import { foldWord } from './latin-fold.ts';

// Thai writes these vowels before the consonant they follow in speech (ใจ = "jai"); any-ascii keeps
// written order ("aich"), so move each after its consonant first.
const THAI_LEADING_VOWEL = /([\u0E40-\u0E44])([\u0E01-\u0E2E])/g;

// The consonant under ์ (thanthakhat / karan), with a vowel sign it carries, is not pronounced and
// never romanised: อนันต์ is "Anan", วงศ์ "Wong", สวัสดิ์ "Sawat".
const THAI_SILENT = /[\u0E01-\u0E2E][\u0E31\u0E34-\u0E3A]?\u0E4C/g;

// ทร์ at the end of a syllable is silent as a pair (จันทร์ "Chan", อินทร์ "In").
const THAI_SILENT_TR = /\u0E17\u0E23\u0E4C/g;

/**
 * A consonant closing a syllable is pronounced as one of a few finals (RTGS): ศรีสุข "Sisuk", not
 * "srisukh"; บุญมี "Bunmi", not "buymi"; สมชาย "Somchai". Recognised after a vowel sign (with or without a
 * tone mark) at the end of the word or before another consonant; ว after ั is the vowel "ua" (บัว "Bua").
 */
const THAI_FINAL =
  /((?:[\u0E31\u0E34-\u0E39\u0E47]|\u0E32|[\u0E40-\u0E44])(?:\u0E48|\u0E49|\u0E4A|\u0E4B)?)([\u0E01-\u0E2C])(?=[\u0E01-\u0E2E]|$)/g;
const THAI_FINAL_SOUND: Readonly<Record<string, string>> = Object.fromEntries([
  ...[...'กขฃคฅฆ'].map((c) => [c, 'k']),
  ['ง', 'ng'],
  ...[...'จฉชซฌฎฏฐฑฒดตถทธศษส'].map((c) => [c, 't']),
  ...[...'ญณนรลฬ'].map((c) => [c, 'n']),
  ...[...'บปพฟภ'].map((c) => [c, 'p']),
  ['ม', 'm'],
  ['ย', 'i'],
  ['ว', 'o'],
]);

function thaiFinals(word: string): string {
  return word.replace(THAI_FINAL, (all: string, vowel: string, c: string) => {
    const sound = THAI_FINAL_SOUND[c];
    if (sound === undefined || (c === 'ว' && vowel.startsWith('\u0E31'))) return all;
    return vowel + sound;
  });
}

/**
 * อ opening a word carries the vowel and is not written in romanisation: silent before a vowel sign (อุดม "Udom",
 * อำนาจ "Amnat", เอก "Ek"), the inherent "a" before a consonant (อนันต์ "Anan", อรุณี "Aruni"). any-ascii writes it "o".
 */
function initialVowelCarrier(word: string): string {
  if (word.charCodeAt(0) !== 0x0e2d || word.length < 2) return word;
  const next = word.charCodeAt(1);
  if (next >= 0x0e01 && next <= 0x0e2e) return 'a' + word.slice(1);
  const vowelSign = (next >= 0x0e30 && next <= 0x0e39) || (next >= 0x0e40 && next <= 0x0e44) || next === 0x0e47;
  return vowelSign ? word.slice(1) : word;
}

export function transliterateThai(word: string): string {
  // NFKC splits sara am (ำ) into nikhahit + sara aa, which any-ascii writes "ma": คำ would read "khma", not "kham".
  const reordered = word
    .replace(/\u0E4D\u0E32/g, '\u0E33')
    .replace(THAI_SILENT_TR, '')
    .replace(THAI_SILENT, '')
    .replace(THAI_LEADING_VOWEL, '$2$1');
  return foldWord(anyAscii(thaiFinals(initialVowelCarrier(reordered))));
}

/** Thai titles written joined to the first name (นายสมชาย = Mr Somchai): นางสาว (Miss), นาง (Mrs), นาย (Mr). */
const THAI_TITLES: ReadonlyArray<readonly [string, string]> = [
  ['นางสาว', 'nangsao'],
  ['นาง', 'nang'],
  ['นาย', 'nai'],
];

/** Splits a leading Thai title off a Thai-script word when at least two letters of name follow it. */
export function splitThaiTitle(word: string): { honorific: string | undefined; rest: string } {
  for (const [prefix, latin] of THAI_TITLES) {
    if (word.startsWith(prefix) && [...word.slice(prefix.length)].length >= 2)
      return { honorific: latin, rest: word.slice(prefix.length) };
  }
  return { honorific: undefined, rest: word };
}

/** Hangul syllables romanised one by one ("김민준" → ["gim", "min", "jun"]). */
export function hangulSyllables(word: string): string[] {
  const out: string[] = [];
  for (const ch of word) {
    const t = foldWord(anyAscii(ch));
    if (t) out.push(t);
  }
  return out;
}

/**
 * Burmese honorifics written as prefixes of the name: only ဦး (U) and ဒေါ် (Daw), which do not begin
 * names. ကို (Ko), မ (Ma) and မောင် (Maung) also occur as name syllables ("Ko Ko Aung"), so they stay.
 */
const MYANMAR_HONORIFICS: ReadonlyArray<readonly [string, string]> = [
  ['ဦး', 'u'],
  ['ဒေါ်', 'daw'],
];

/** Splits a leading Burmese honorific off a Myanmar-script word when a name follows it. */
export function splitMyanmarHonorific(word: string): { honorific: string | undefined; rest: string } {
  for (const [prefix, latin] of MYANMAR_HONORIFICS) {
    if (word.startsWith(prefix) && word.length > prefix.length)
      return { honorific: latin, rest: word.slice(prefix.length) };
  }
  return { honorific: undefined, rest: word };
}

export function transliterateWord(word: string): string {
  return foldWord(anyAscii(word));
}

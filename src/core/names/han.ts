/**
 * Readings of a Chinese name written in Han characters: simplified/traditional folding (opencc-js),
 * toneless Mandarin pinyin (pinyin-pro), Hán-Việt readings (Unihan kVietnamese) and Cantonese readings
 * (Unihan kCantonese, Jyutping respelled the way Hong Kong and Malaysian names are written).
 */
import OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { UNIHAN_KVIETNAMESE } from './data/unihan-kvietnamese.ts';
import { UNIHAN_KCANTONESE } from './data/unihan-kcantonese.ts';
import { HOKKIEN_READINGS } from './data/hokkien-readings.ts';
import { foldWord } from './latin-fold.ts';
import { surnameClassOfHan, type SurnameClassId } from './surnames.ts';

// Converters are built on first use: opencc-js builds its dictionaries lazily and that costs ~100 ms.
let toSimplifiedFn: ((s: string) => string) | undefined;
let toTraditionalFn: ((s: string) => string) | undefined;

export function toSimplified(s: string): string {
  const convert = (toSimplifiedFn ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(s);
}

export function toTraditional(s: string): string {
  const convert = (toTraditionalFn ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  return convert(s);
}

/** First Hán-Việt reading of one character with its diacritics ("陳" → "trần"), trying both forms. */
export function vietnameseReading(ch: string): string | undefined {
  return UNIHAN_KVIETNAMESE[ch] ?? UNIHAN_KVIETNAMESE[toTraditional(ch)] ?? UNIHAN_KVIETNAMESE[toSimplified(ch)];
}

/**
 * Cantonese reading of one character, respelled from Jyutping towards the usual name spelling where the
 * two disagree in a way the comparison keys would not absorb: Jyutping j is written y (欣 jan → "yan"),
 * oe/eo as eu (張 zoeng → "zeung", close to "Cheung"), aa as a (家 gaa → "ga", close to "Ka").
 */
export function cantoneseReading(ch: string): string | undefined {
  const jyutping = UNIHAN_KCANTONESE[ch] ?? UNIHAN_KCANTONESE[toSimplified(ch)] ?? UNIHAN_KCANTONESE[toTraditional(ch)];
  if (jyutping === undefined) return undefined;
  return jyutping.replace(/^j/, 'y').replace(/oe|eo/g, 'eu').replace(/aa/g, 'a');
}

/** Hokkien name spelling of one character (data/hokkien-readings.ts: common name characters only). */
export function hokkienReading(ch: string): string | undefined {
  return HOKKIEN_READINGS.get(ch) ?? HOKKIEN_READINGS.get(toTraditional(ch));
}

export interface HanWord {
  /** The characters of each token as written: ["陳", "志偉"]. */
  parts: string[];
  /** Toneless pinyin per part, syllables joined: ["chen", "zhiwei"]. */
  pinyin: string[];
  /** Folded Hán-Việt reading per part, or null when a character has no kVietnamese value. */
  vietnamese: string[] | null;
  /** Vietnamese reading with diacritics, for explanations: ["Trần", "Chí Vĩ"]. */
  vietnameseDisplay: string[] | null;
  /** Cantonese reading per part (respelled Jyutping, syllables joined), or null when one is missing. */
  cantonese: string[] | null;
  /** Hokkien reading per part (syllables joined), or null when a character is not in the table. */
  hokkien: string[] | null;
  /** Surname class of the first part (split as family name + given name), or of the whole short word. */
  surname: SurnameClassId | undefined;
  /** The whole word in simplified characters, to recognise simplified/traditional spellings. */
  simplified: string;
}

function surnameLength(chars: string[]): number {
  if (chars.length >= 3) {
    const two = chars[0]! + chars[1]!;
    if (surnameClassOfHan(two) ?? surnameClassOfHan(toTraditional(two))) return 2;
  }
  return 1;
}

/**
 * Reads one run of Han characters. When `splitSurname` is set (the word is the whole name, written
 * without spaces, as Chinese names usually are) and it has 2–4 characters, the first character (or a
 * listed compound surname) becomes the family-name token and the rest one given-name token.
 */
export function readHanWord(word: string, splitSurname: boolean): HanWord {
  const chars = Array.from(word);
  const split = splitSurname && chars.length >= 2 && chars.length <= 4 ? surnameLength(chars) : 0;
  const groups = split > 0 ? [chars.slice(0, split), chars.slice(split)] : [chars];
  const syllables = pinyin(word, { toneType: 'none', type: 'array', surname: split > 0 ? 'head' : 'off' });
  const pinyinParts: string[] = [];
  const vietnamese: string[] = [];
  const vietnameseDisplay: string[] = [];
  const cantonese: string[] = [];
  const hokkien: string[] = [];
  let complete = true;
  let cantoneseComplete = true;
  let hokkienComplete = true;
  let offset = 0;
  for (const group of groups) {
    let py = '';
    let vi = '';
    let viDisplay = '';
    let yue = '';
    let hok = '';
    for (let k = 0; k < group.length; k++) {
      const minnan = hokkienReading(group[k]!);
      if (minnan === undefined) hokkienComplete = false;
      else hok += minnan;
      py += foldWord(syllables[offset + k] ?? '');
      const canto = cantoneseReading(group[k]!);
      if (canto === undefined) cantoneseComplete = false;
      else yue += canto;
      const reading = vietnameseReading(group[k]!);
      if (reading === undefined) complete = false;
      else {
        vi += foldWord(reading);
        viDisplay += (viDisplay ? ' ' : '') + reading.charAt(0).toUpperCase() + reading.slice(1);
      }
    }
    offset += group.length;
    pinyinParts.push(py);
    vietnamese.push(vi);
    vietnameseDisplay.push(viDisplay);
    cantonese.push(yue);
    hokkien.push(hok);
  }
  const parts = groups.map((g) => g.join(''));
  let surname: SurnameClassId | undefined;
  // A word that was not split may itself be a surname written apart ("陈 志伟").
  if (split > 0 || chars.length <= 2)
    surname = surnameClassOfHan(parts[0]!) ?? surnameClassOfHan(toTraditional(parts[0]!));
  return {
    parts,
    pinyin: pinyinParts,
    vietnamese: complete ? vietnamese : null,
    vietnameseDisplay: complete ? vietnameseDisplay : null,
    cantonese: cantoneseComplete ? cantonese : null,
    hokkien: hokkienComplete ? hokkien : null,
    surname,
    simplified: toSimplified(word),
  };
}

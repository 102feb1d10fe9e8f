/**
 * One token sequence of a name (as written, or one of its readings) with everything comparison needs
 * precomputed, so that compareNames only compares strings and numbers it already has.
 */
import { consonantSkeleton, siniticKey } from './phonetic-keys.ts';
import type { SurnameClassId } from './surnames.ts';

/**
 * 'written': the name's own letters (folded or transliterated); 'bare': the same without a leading Burmese
 * Ko / Ma / Maung (agrees at most as fuzzy_weak); the others: readings of Han characters.
 */
export type FormReading = 'written' | 'bare' | 'pinyin' | 'vietnamese' | 'cantonese' | 'hokkien';

export interface NameForm {
  reading: FormReading;
  tokens: readonly string[];
  /** Tokens concatenated without spaces: "Zhi-Wei", "Zhiwei" and "Zhi Wei" agree here. */
  joined: string;
  /** joined + joined: a rotation of the tokens is a substring starting at a token boundary. */
  doubled: string;
  /** Offsets in `joined` where tokens 1..n-1 start. */
  boundaries: readonly number[];
  /** Tokens sorted, space-separated: the same tokens in any order agree here. */
  sortedKey: string;
  /** Surname classes per token (empty array when the token is no known surname). */
  classes: ReadonlyArray<readonly SurnameClassId[]>;
  /** Indexes of tokens that have surname classes. */
  surnameIdx: readonly number[];
  /** For each token index in surnameIdx: the other tokens joined, and their sinitic key. */
  rest: readonly string[];
  restSinitic: readonly string[];
  /** The same other tokens space-separated, for the syllable alignment across romanisations (syllables.ts). */
  restWords: readonly string[];
  /** Consonant skeleton per token. */
  skeletons: readonly string[];
  /** Spelling key per token (see spellingKey): romanisations that differ only in vowel length agree here. */
  spellings: readonly string[];
  /**
   * Per token, three bit sets of the letters a–z occurring at least once, twice and three times: the
   * number of letters two tokens can have in common is then a popcount away, a cheap bound that skips
   * hopeless Jaro–Winkler calls. Stored flat: token i at [3i, 3i+1, 3i+2].
   */
  letterMasks: Int32Array;
  /** Tokens in which some letter occurs four times or more (the bound above then needs a full count). */
  manyRepeats: number;
}

function letterMasks(tokens: readonly string[]): { masks: Int32Array; manyRepeats: number } {
  const masks = new Int32Array(tokens.length * 3);
  let manyRepeats = 0;
  tokens.forEach((token, t) => {
    const counts = new Uint8Array(26);
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i) - 97;
      if (c >= 0 && c < 26) counts[c]!++;
    }
    for (let c = 0; c < 26; c++) {
      if (counts[c]! >= 1) masks[3 * t]! |= 1 << c;
      if (counts[c]! >= 2) masks[3 * t + 1]! |= 1 << c;
      if (counts[c]! >= 3) masks[3 * t + 2]! |= 1 << c;
      if (counts[c]! >= 4) manyRepeats |= 1 << Math.min(t, 30);
    }
  });
  return { masks, manyRepeats };
}

const VOWELS = /[aeiou]/;

/**
 * A token with long vowels written short and doubled letters single, y between consonants read as i:
 * Thai, Burmese, Khmer and Bengali names reach Latin letters through several habits (Boonma / Bunma,
 * Srisook / Srisuk, Malee / Mali, Phoo / Phu, Oo / Uu, Channtha / Chantha, Kym / Kim) that change no
 * consonant. Vowel qualities stay apart (Lan / Lien, Minh / Manh are different names).
 */
export function spellingKey(token: string): string {
  const long = token
    .replace(/oo|uu/g, 'u')
    .replace(/ee|ii/g, 'i')
    .replace(/(.)\1+/g, '$1');
  let out = '';
  for (let i = 0; i < long.length; i++) {
    const ch = long[i]!;
    const prev = long[i - 1];
    const next = long[i + 1];
    out +=
      ch === 'y' && prev !== undefined && !VOWELS.test(prev) && (next === undefined || !VOWELS.test(next)) ? 'i' : ch;
  }
  return out;
}

/**
 * The key under which a name's frequency is counted (term frequencies): its spelling keys in sorted order,
 * so that one common name written Malee Somboon, Mali Sombun or มาลี สมบูรณ์ is counted as one name.
 */
export function frequencyKey(form: NameForm): string {
  return [...form.spellings].sort().join(' ');
}

export function buildForm(
  reading: FormReading,
  tokens: readonly string[],
  classes: ReadonlyArray<readonly SurnameClassId[]>,
): NameForm {
  const joined = tokens.join('');
  const boundaries: number[] = [];
  let offset = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    offset += tokens[i]!.length;
    boundaries.push(offset);
  }
  const surnameIdx: number[] = [];
  const rest: string[] = [];
  const restSinitic: string[] = [];
  const restWords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (classes[i]!.length === 0) continue;
    surnameIdx.push(i);
    const others = tokens.filter((_, k) => k !== i);
    const r = others.join('');
    rest.push(r);
    restWords.push(others.join(' '));
    restSinitic.push(siniticKey(r));
  }
  const masks = letterMasks(tokens);
  return {
    reading,
    tokens,
    joined,
    doubled: joined + joined,
    boundaries,
    sortedKey: [...tokens].sort().join(' '),
    classes,
    surnameIdx,
    rest,
    restSinitic,
    restWords,
    skeletons: tokens.map(consonantSkeleton),
    spellings: tokens.map(spellingKey),
    letterMasks: masks.masks,
    manyRepeats: masks.manyRepeats,
  };
}

/**
 * Burmese script to the romanisation Burmese names are usually written in (Aung, Kyaw, Htet, Naing…).
 * any-ascii spells Burmese letter by letter ("အောင်" → "eain"), which no passport or NGO form uses, so
 * Burmese-script names would never meet their romanised records.
 *
 * A syllable is an onset consonant (with medials ya, ra, wa, ha), vowel signs, and an optional final
 * consonant killed by asat (်). The rhyme depends on vowel and final together (ော + င် = "aung",
 * ို + င် = "aing", ိ + န် = "ein"), so rhymes are looked up as a pair. Tones (း ့) are ignored, except that
 * conventional spellings write a creaky -in / -an as "-int" / "-ant" (Myint, Thant).
 */

const ONSETS: Readonly<Record<string, string>> = {
  က: 'k',
  ခ: 'kh',
  ဂ: 'g',
  ဃ: 'g',
  င: 'ng',
  စ: 's',
  ဆ: 's',
  ဇ: 'z',
  ဈ: 'z',
  ည: 'ny',
  ဉ: 'ny',
  ဋ: 't',
  ဌ: 'ht',
  ဍ: 'd',
  ဎ: 'd',
  ဏ: 'n',
  တ: 't',
  ထ: 'ht',
  ဒ: 'd',
  ဓ: 'd',
  န: 'n',
  ပ: 'p',
  ဖ: 'ph',
  ဗ: 'b',
  ဘ: 'b',
  မ: 'm',
  ယ: 'y',
  ရ: 'y',
  လ: 'l',
  ဝ: 'w',
  သ: 'th',
  ဟ: 'h',
  ဠ: 'l',
  အ: '',
};

/** Onset + ya/ra medial (ျ ြ): the palatalised spellings. */
const WITH_Y: Readonly<Record<string, string>> = {
  k: 'ky',
  kh: 'ch',
  g: 'gy',
  p: 'py',
  ph: 'phy',
  b: 'by',
  m: 'my',
  l: 'ly',
  ng: 'ny',
  '': 'y',
};
/** Onset + ha medial (ှ): voiceless sonorants. */
const WITH_H: Readonly<Record<string, string>> = { m: 'hm', n: 'hn', ny: 'hny', ng: 'hng', l: 'hl', y: 'sh', w: 'hw' };

const INDEPENDENT_VOWELS: Readonly<Record<string, string>> = {
  ဣ: 'i',
  ဤ: 'i',
  ဥ: 'u',
  ဦ: 'u',
  ဧ: 'e',
  ဩ: 'aw',
  ဪ: 'aw',
};

/** Final consonant (before asat) → class. */
const FINALS: Readonly<Record<string, string>> = {
  က: 'k',
  င: 'ng',
  စ: 'c',
  ည: 'ny',
  ဉ: 'ny',
  တ: 't',
  န: 'n',
  ပ: 'p',
  မ: 'm',
  ယ: 'y',
  ဏ: 'n',
  ဋ: 't',
};

/** [vowel class][final class] → rhyme. Vowel classes: a, i, u, e, ai (ဲ), aw (ော), o (ို). */
const RHYMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  a: { '': 'a', k: 'et', ng: 'in', c: 'it', ny: 'i', t: 'at', n: 'an', p: 'at', m: 'an', y: 'e', ṃ: 'an' },
  i: { '': 'i', k: 'eik', t: 'eik', p: 'eik', n: 'ein', m: 'ein', ṃ: 'ein', ng: 'in' },
  u: { '': 'u', k: 'ouk', t: 'ot', p: 'ot', n: 'on', m: 'on', ṃ: 'on', ng: 'oun' },
  e: { '': 'e' },
  ai: { '': 'e' },
  aw: { '': 'aw', k: 'auk', ng: 'aung' },
  o: { '': 'o', k: 'aik', ng: 'aing', n: 'on' },
};

const ASAT = '\u103A';
const VIRAMA = '\u1039';
const DOT_BELOW = '\u1037';

function isConsonant(ch: string): boolean {
  return ch >= '\u1000' && ch <= '\u1021';
}

interface Syllable {
  text: string;
  onset: string;
  medY: boolean;
  medW: boolean;
  medH: boolean;
  vowels: string;
  final: string;
  creaky: boolean;
  independent: string;
}

function emptySyllable(): Syllable {
  return {
    text: '',
    onset: '',
    medY: false,
    medW: false,
    medH: false,
    vowels: '',
    final: '',
    creaky: false,
    independent: '',
  };
}

/** True when the consonant at i is a syllable final: followed (after tone marks) by asat or virama. */
function isFinalAt(chars: string[], i: number): boolean {
  let j = i + 1;
  while (j < chars.length && (chars[j] === DOT_BELOW || chars[j] === '\u1038')) j++;
  return chars[j] === ASAT || chars[j] === VIRAMA;
}

function segment(word: string): Syllable[] {
  const chars = Array.from(word);
  const out: Syllable[] = [];
  let cur: Syllable | null = null;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (isConsonant(ch) && cur && (cur.onset !== '' || cur.text !== '') && isFinalAt(chars, i) && cur.final === '') {
      cur.final = ch;
      cur.text += ch;
    } else if (isConsonant(ch) || INDEPENDENT_VOWELS[ch] !== undefined) {
      cur = emptySyllable();
      out.push(cur);
      cur.text = ch;
      if (isConsonant(ch)) cur.onset = ch;
      else cur.independent = INDEPENDENT_VOWELS[ch]!;
    } else if (cur) {
      cur.text += ch;
      if (ch === '\u103B' || ch === '\u103C') cur.medY = true;
      else if (ch === '\u103D') cur.medW = true;
      else if (ch === '\u103E') cur.medH = true;
      else if (ch === DOT_BELOW) cur.creaky = true;
      else if (ch === '\u1036') cur.final = cur.final || 'ṃ';
      else if (ch >= '\u102B' && ch <= '\u1032') cur.vowels += ch;
    }
  }
  return out;
}

function vowelClass(v: string): string {
  if (v.includes('\u1031') && (v.includes('\u102C') || v.includes('\u102B'))) return 'aw';
  if (v.includes('\u102D') && v.includes('\u102F')) return 'o';
  if (v.includes('\u102D') || v.includes('\u102E')) return 'i';
  if (v.includes('\u102F') || v.includes('\u1030')) return 'u';
  if (v.includes('\u1031')) return 'e';
  if (v.includes('\u1032')) return 'ai';
  return 'a';
}

function romaniseSyllable(s: Syllable): string {
  let onset = ONSETS[s.onset] ?? '';
  if (s.medH) onset = WITH_H[onset] ?? 'h' + onset;
  if (s.medY) onset = s.medH && onset === 'hm' ? 'hmy' : (WITH_Y[onset] ?? onset + 'y');
  const vowel = s.independent ? '' : vowelClass(s.vowels);
  const finalClass = s.final === 'ṃ' ? 'ṃ' : (FINALS[s.final] ?? '');
  if (s.independent) return s.independent + (finalClass ? (RHYMES.a![finalClass] ?? '').replace(/^[aei]/, '') : '');
  // Wa medial before -n/-t/-m/-p reads as a vowel: ထွန်း "Htun", ကွတ် "Kut".
  if (
    s.medW &&
    vowel === 'a' &&
    (finalClass === 'n' || finalClass === 't' || finalClass === 'm' || finalClass === 'p' || finalClass === 'ṃ')
  ) {
    return onset + (finalClass === 't' || finalClass === 'p' ? 'ut' : 'un');
  }
  if (s.medW) onset += 'w';
  // The vowel carrier အ with ေ alone is written "Aye" (အေး).
  if (s.onset === 'အ' && vowel === 'e' && finalClass === '') return 'aye';
  let rhyme = RHYMES[vowel]?.[finalClass] ?? (RHYMES[vowel]?.[''] ?? 'a') + finalClass;
  if (s.creaky && (rhyme === 'in' || rhyme === 'an')) rhyme += 't';
  return onset + rhyme;
}

/** Burmese-script word → romanised syllables ("အောင်ဆန်းစုကြည်" → ["aung", "san", "su", "kyi"]). */
export function romaniseMyanmar(word: string): Array<{ token: string; part: string }> {
  return segment(word)
    .map((s) => ({ token: romaniseSyllable(s), part: s.text }))
    .filter((s) => s.token.length > 0);
}

/** Leads (brother, sister, young man) and honorifics that Latin spellings of Burmese names keep or drop at will. */
const LATIN_LEADS = new Set(['maung', 'mg', 'ko', 'ma', 'u', 'daw']);

/**
 * One spelling for the ways Burmese names are romanised, over the whole name with its spaces dropped (syllables
 * are split and joined at will: Soe Myint / SoeMyint / So Myin). Vowel spellings fold to one (ay, ai, ey → e;
 * oe, ou → o; ar before a consonant → a; oo → u; ee → i; aa → a), "hs" to "s" (Hsu / Su), a creaky "-nt" to
 * "-n" and doubled letters to one (Minn / Min). `lead`: whether a leading Maung / Ko / Ma / U / Daw was dropped.
 * Compared only where one side is written in Burmese script (compare.ts).
 */
export function burmeseSpellingKey(tokens: readonly string[]): { key: string; lead: boolean } {
  const lead = tokens.length > 1 && LATIN_LEADS.has(tokens[0]!);
  const joined = (lead ? tokens.slice(1) : tokens).join('');
  const key = joined
    .replace(/hs/g, 's')
    .replace(/a[yi]|ey/g, 'e')
    .replace(/o[eu]/g, 'o')
    .replace(/ar(?=[^aeiou]|$)/g, 'a')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/nt/g, 'n')
    .replace(/(.)\1+/g, '$1');
  return { key, lead };
}

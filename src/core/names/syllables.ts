/**
 * Given names romanised from different Chinese languages without characters on either side: "Lim Teck Seng"
 * (Hokkien) / "Lin Desheng" (pinyin), "Chan Tai Man" (Hong Kong Cantonese) / "Chen Dawen". Two syllables are
 * linked when one Han character is read as one in a system and as the other in another system. The links are
 * derived from the character tables (pinyin-pro readings, Unihan kCantonese respelled the Hong Kong way, the
 * Hokkien name table), never typed per name; built on first use (~10 000 characters, under a second).
 */
import { pinyin } from 'pinyin-pro';
import { UNIHAN_KCANTONESE } from './data/unihan-kcantonese.ts';
import { HOKKIEN_READINGS } from './data/hokkien-readings.ts';
import { foldWord } from './latin-fold.ts';
import { spellingKey } from './name-form.ts';
import { toSimplified } from './han.ts';

const INITIALS = /^(gw|kw|ng|[bpmfdtnlgkhwzcsj])?(.*)$/;

/**
 * Hong Kong government spellings of Jyutping finals (several where usage varies: 本 bun → Bun / Poon, 華 waa →
 * Wa / Wah), and the Malaysian / Singapore Cantonese eo for oe (梁 Leung / Leong).
 */
const FINALS: Readonly<Record<string, readonly string[]>> = {
  aa: ['a', 'ah'],
  aai: ['ai'],
  aau: ['au'],
  aam: ['am'],
  aan: ['an'],
  aang: ['ang'],
  aap: ['ap'],
  aat: ['at'],
  aak: ['ak'],
  ei: ['ei', 'ee'],
  i: ['i', 'ee'],
  o: ['o', 'oh'],
  ou: ['o', 'ou'],
  u: ['u', 'oo'],
  un: ['un', 'oon'],
  oe: ['oe', 'eu'],
  oeng: ['eung', 'eong'],
  oek: ['euk', 'eok'],
  eoi: ['ui', 'eui'],
  eon: ['un', 'eun'],
  eot: ['ut'],
  yu: ['u', 'ue', 'yu'],
  yun: ['uen', 'un'],
  yut: ['ut', 'uet'],
};

/**
 * A Jyutping syllable (no tone) as Hong Kong government romanisation writes it: unaspirated stops spelled as
 * their aspirated pair (德 dak → Tak, 高 gou → Ko), z/c → ch or ts, j → y, gw → kw, aa → a, final -k/-t/-p kept.
 */
export function hongKongSpellings(jyutping: string): string[] {
  const [, initial = '', final = ''] = INITIALS.exec(jyutping)!;
  const finals = FINALS[final] ?? [final];
  let initials: readonly string[];
  switch (initial) {
    case 'b':
      initials = ['p'];
      break;
    case 'd':
      initials = ['t'];
      break;
    case 'g':
      initials = ['k'];
      break;
    case 'gw':
      initials = ['kw'];
      break;
    case 'z':
    case 'c':
      initials = final === 'i' ? ['ch', 'ts', 'tsz'] : ['ch', 'ts'];
      break;
    case 's':
      // Written "sh" before many finals (水 seoi → Shui, 成 sing → Shing, 石 sek → Shek), "sz" in 思 si → Sze.
      initials = final === 'i' ? ['s', 'sh', 'sz'] : ['s', 'sh'];
      break;
    case 'j':
      // 兒 ji → Yi, 魚 jyu → Yu, 元 jyun → Yuen: the y of the final stands in for j.
      initials = final.startsWith('y') || final.startsWith('i') ? ['y', ''] : ['y'];
      break;
    default:
      initials = [initial];
  }
  const out = new Set<string>();
  for (const i of initials) {
    for (const f of finals) {
      const s = i === '' && !f.startsWith('y') ? 'y' + f : i + f;
      // "sz" + "i" → "sze", "tsz" + "i" → "tsz": the Hong Kong spellings of 思 si and 子 zi.
      out.add(s === 'szi' ? 'sze' : s === 'tszi' || s === 'tszee' ? 'tsz' : s);
    }
  }
  return [...out];
}

/**
 * A syllable spelling reduced to what the systems' spellings of one sound share: spellingKey (ee → i, oo → u,
 * doubled letters single) and Hokkien -ck written -k (Teck / Tek).
 */
export function syllableKey(s: string): string {
  let key = keys.get(s);
  if (key === undefined) {
    key = spellingKey(s.replace(/ck$/, 'k'));
    // Pieces of given names: a few thousand distinct strings; the regexes of spellingKey cost more than a look-up.
    if (keys.size > 100_000) keys.clear();
    keys.set(s, key);
  }
  return key;
}

const keys = new Map<string, string>();

interface Index {
  /** Every syllable key some system writes for some character. */
  syllables: Set<string>;
  /** "a b" (keys, sorted) → distinct characters linking them, in simplified form. */
  links: Map<string, Set<string>>;
  /** Characters of the Hokkien name table (in simplified form): name characters, never obscure. */
  nameChars: Set<string>;
}

let index: Index | undefined;

function build(): Index {
  const syllables = new Set<string>();
  const links = new Map<string, Set<string>>();
  const nameChars = new Set<string>();
  const chars = new Set<string>([...Object.keys(UNIHAN_KCANTONESE), ...HOKKIEN_READINGS.keys()]);
  for (const ch of chars) {
    const simplified = toSimplified(ch);
    const systems: string[][] = [];
    const py = pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }).map(foldWord);
    systems.push(py);
    const jp = UNIHAN_KCANTONESE[ch] ?? UNIHAN_KCANTONESE[simplified];
    if (jp !== undefined) systems.push(hongKongSpellings(jp));
    const hok = HOKKIEN_READINGS.get(ch);
    if (hok !== undefined) {
      systems.push([hok]);
      nameChars.add(simplified);
    }
    const keyed = systems.map((list) => [...new Set(list.filter((s) => s.length > 0).map(syllableKey))]);
    for (const list of keyed) for (const s of list) syllables.add(s);
    // Links across systems only: two pinyin readings of one character (长 chang / zhang) are no evidence.
    for (let a = 0; a < keyed.length; a++) {
      for (let b = a + 1; b < keyed.length; b++) {
        for (const s of keyed[a]!) {
          for (const t of keyed[b]!) {
            if (s === t) continue;
            const key = s < t ? `${s} ${t}` : `${t} ${s}`;
            let set = links.get(key);
            if (!set) links.set(key, (set = new Set()));
            set.add(simplified);
          }
        }
      }
    }
  }
  return { syllables, links, nameChars };
}

/**
 * Are two syllable keys readings of one character in two systems, on good evidence? Two characters or more
 * link them, or one from the name table; a pair linked by one obscure character is not enough.
 */
export function syllablesLinked(a: string, b: string): boolean {
  if (a === b) return true;
  const ix = (index ??= build());
  const set = ix.links.get(a < b ? `${a} ${b}` : `${b} ${a}`);
  if (set === undefined) return false;
  if (set.size >= 2) return true;
  for (const ch of set) if (ix.nameChars.has(ch)) return true;
  return false;
}

const MAX_SYLLABLE = 6;
const cache = new Map<string, boolean>();

/**
 * Can two given names (tokens space-separated, "teck seng" / "desheng") be read as the same characters, syllable
 * by syllable in order? Each token splits into known syllables; every syllable of one name pairs with the
 * syllable at the same place in the other, equal or linked (syllablesLinked), and none is left over.
 */
export function sameSyllables(x: string, y: string): boolean {
  const key = x < y ? `${x}|${y}` : `${y}|${x}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = align(x, 0, y, 0, (index ??= build()).syllables, new Map());
    if (cache.size > 50_000) cache.clear();
    cache.set(key, result);
  }
  return result;
}

/**
 * The syllable pairs behind sameSyllables, as written, each with a character that links them ('' when the
 * two are spelled alike): Teck / De 德, Seng / Sheng 成. Null when the names do not align. For explanations.
 */
export function syllablePairs(x: string, y: string): Array<{ a: string; b: string; ch: string }> | null {
  const inventory = (index ??= build()).syllables;
  const memo = new Map<number, boolean>();
  if (!align(x, 0, y, 0, inventory, memo)) return null;
  const out: Array<{ a: string; b: string; ch: string }> = [];
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < x.length && x[i] === ' ') i++;
    while (j < y.length && y[j] === ' ') j++;
    if (i === x.length) return out;
    const step = nextPair(x, i, y, j, inventory, memo);
    if (step === null) return null;
    out.push({ a: x.slice(i, step[0]), b: y.slice(j, step[1]), ch: linkCharacter(step[2], step[3]) });
    [i, j] = step;
  }
}

function nextPair(
  x: string,
  i: number,
  y: string,
  j: number,
  inventory: Set<string>,
  memo: Map<number, boolean>,
): [number, number, string, string] | null {
  const ys = syllablesAt(y, j, inventory);
  for (const [s, ni] of syllablesAt(x, i, inventory))
    for (const [t, nj] of ys) if (syllablesLinked(s, t) && align(x, ni, y, nj, inventory, memo)) return [ni, nj, s, t];
  return null;
}

/** A character linking two syllable keys, one of the name table's first. */
function linkCharacter(a: string, b: string): string {
  if (a === b) return '';
  const ix = (index ??= build());
  const set = ix.links.get(a < b ? `${a} ${b}` : `${b} ${a}`);
  if (set === undefined) return '';
  for (const ch of set) if (ix.nameChars.has(ch)) return ch;
  return set.values().next().value ?? '';
}

/**
 * Syllables that can start at i, longest first. A token written apart that is itself a syllable stays whole
 * (Seng is not Se + ng): only joined or hyphenated tokens (Desheng, Tai-man) are split.
 */
function syllablesAt(s: string, i: number, inventory: Set<string>): Array<[string, number]> {
  if (i === 0 || s[i - 1] === ' ') {
    const end = s.indexOf(' ', i);
    const whole = syllableKey(s.slice(i, end < 0 ? s.length : end));
    if (inventory.has(whole)) return [[whole, end < 0 ? s.length : end]];
  }
  const out: Array<[string, number]> = [];
  for (let len = Math.min(MAX_SYLLABLE, s.length - i); len >= 1; len--) {
    const piece = s.slice(i, i + len);
    if (piece.includes(' ')) continue;
    const key = syllableKey(piece);
    if (inventory.has(key)) out.push([key, i + len]);
  }
  return out;
}

function align(
  x: string,
  i: number,
  y: string,
  j: number,
  inventory: Set<string>,
  memo: Map<number, boolean>,
): boolean {
  while (i < x.length && x[i] === ' ') i++;
  while (j < y.length && y[j] === ' ') j++;
  if (i === x.length || j === y.length) return i === x.length && j === y.length;
  const m = i * (y.length + 1) + j;
  const known = memo.get(m);
  if (known !== undefined) return known;
  let ok = false;
  const ys = syllablesAt(y, j, inventory);
  for (const [s, ni] of syllablesAt(x, i, inventory)) {
    for (const [t, nj] of ys) {
      if (syllablesLinked(s, t) && align(x, ni, y, nj, inventory, memo)) {
        ok = true;
        break;
      }
    }
    if (ok) break;
  }
  memo.set(m, ok);
  return ok;
}

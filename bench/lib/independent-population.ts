/**
 * An honest benchmark population for survivor matching: people of twelve naming traditions, each
 * written 1–4 times by different organisations, the way intake forms actually differ.
 *
 * Shares NO code or tables with the engine: nothing from src/core/names or src/core/matching is
 * imported (its own random generator too); the names, readings and romanisations are its own
 * (independent-population-data.ts). What varies between the records of one person:
 * - script (Hanzi simplified / traditional, Thai, Burmese, Khmer, Bengali) vs romanisation, and which
 *   romanisation (Mandarin pinyin vs Cantonese vs Hokkien; RTGS vs passport Thai; Khmer variants);
 * - diacritics dropped or mistyped (Vietnamese tones, Yoruba tone marks), upper case, order
 *   (family first / last, "Garcia, Jose"), middle names dropped or as initials, nicknames and short
 *   forms (Tunde / Babatunde, Montse / Monse / Montserrat, Pepe / Jose), honorifics (U, Daw, Ko, Ma,
 *   Haji, Alhaji, bin/binti, Thai นาย/นาง), Indonesian single names, typos in every script;
 * - dates: formats, year only, unknown day and month written 01-01, day/month swapped, one digit
 *   wrong, Thai Buddhist year, missing; sex, nationality and phones written several ways or missing;
 * - hard non-matches: siblings (same family name, nationality, often the same phone), twins, namesakes.
 * Columns: record_id, person_id (truth), organisation, name, sex, dob, nationality, phone, passport.
 */
import * as D from './independent-population-data.ts';

export interface IndependentRow {
  record_id: string;
  person_id: string;
  organisation: string;
  name: string | null;
  sex: string | null;
  dob: string | null;
  nationality: string | null;
  phone: string | null;
  passport: string | null;
  /** Naming tradition (for error reports; not a matching column). */
  family: string;
}
export const INDEPENDENT_COLUMNS = [
  'record_id',
  'person_id',
  'organisation',
  'name',
  'sex',
  'dob',
  'nationality',
  'phone',
  'passport',
  'family',
] as const;

/** Small seeded generator (sfc32), kept here so the population owes nothing to the engine's code. */
class Dice {
  private s: Uint32Array;
  constructor(seed: number) {
    this.s = new Uint32Array([0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0]);
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const s = this.s;
    const t = (((s[0]! + s[1]!) >>> 0) + s[3]!) >>> 0;
    s[3] = (s[3]! + 1) >>> 0;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = (s[2]! + (s[2]! << 3)) >>> 0;
    s[2] = ((s[2]! << 21) | (s[2]! >>> 11)) >>> 0;
    s[2] = (s[2]! + t) >>> 0;
    return t / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let r = this.next() * xs.reduce((a, x) => a + x[1], 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1]![0];
  }
}

type Sex = 'M' | 'F';
type Family = 'mandarin' | 'cantonese' | 'hokkien' | 'vietnamese' | 'thai' | 'burmese' | 'khmer' | 'indonesian';
type Family2 = Family | 'filipino' | 'bangladeshi' | 'nigerian' | 'sierra_leonean';

export const FAMILIES: readonly (readonly [Family2, number, string])[] = [
  ['mandarin', 12, 'CN'],
  ['cantonese', 5, 'HK'],
  ['hokkien', 6, 'MY'],
  ['vietnamese', 12, 'VN'],
  ['thai', 8, 'TH'],
  ['burmese', 8, 'MM'],
  ['khmer', 6, 'KH'],
  ['indonesian', 10, 'ID'],
  ['filipino', 9, 'PH'],
  ['bangladeshi', 8, 'BD'],
  ['nigerian', 8, 'NG'],
  ['sierra_leonean', 6, 'SL'],
];

/** A person's name: how a careful clerk writes it, and a way to write it as any organisation might. */
interface PersonName {
  family: Family2;
  /** Key of the family name (siblings share it). */
  familyKey: number;
  clean(d: Dice): string;
  messy(d: Dice): string;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const stripMarks = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');

// ---------- typos in every script ----------
const KEY_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sqz',
  e: 'wrd',
  i: 'uok',
  o: 'ipl',
  u: 'yij',
  n: 'bmh',
  m: 'nj',
  s: 'adz',
  t: 'ryg',
  r: 'etf',
  h: 'gjn',
  k: 'jl',
  l: 'k',
  g: 'fh',
  d: 'sf',
  b: 'vn',
  c: 'xv',
  y: 'tu',
};
const VI_TONES: readonly string[] = [
  'aáàảãạ',
  'ăắằẳẵặ',
  'âấầẩẫậ',
  'eéèẻẽẹ',
  'êếềểễệ',
  'iíìỉĩị',
  'oóòỏõọ',
  'ôốồổỗộ',
  'ơớờởỡợ',
  'uúùủũụ',
  'ưứừửữự',
  'yýỳỷỹỵ',
];

function latinTypo(d: Dice, word: string): string {
  if (word.length < 3) return word;
  const i = 1 + d.int(word.length - 1);
  const c = word[i]!;
  switch (d.int(4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1: {
      const near = KEY_NEIGHBOURS[c.toLowerCase()] ?? 'aeiou';
      return word.slice(0, i) + d.pick([...near]) + word.slice(i + 1);
    }
    case 2:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + c + word.slice(i + 2) : word + c;
    default:
      return word.slice(0, i) + c + word.slice(i);
  }
}

/** Vietnamese: the tone mark moves to another tone on the same vowel (Hương → Hướng), or drops. */
function toneTypo(d: Dice, word: string): string {
  const chars = [...word.normalize('NFC')];
  const idx = chars
    .map((ch, i) => (VI_TONES.some((row) => row.includes(ch.toLowerCase())) ? i : -1))
    .filter((i) => i >= 0);
  if (idx.length === 0) return latinTypo(d, word);
  const i = d.pick(idx);
  const row = VI_TONES.find((r) => r.includes(chars[i]!.toLowerCase()))!;
  const upper = chars[i] !== chars[i]!.toLowerCase();
  const repl = d.pick([...row]);
  chars[i] = upper ? repl.toUpperCase() : repl;
  return chars.join('');
}

/** Abugidas (Thai, Burmese, Khmer, Bengali): a vowel sign or tone mark dropped, a letter doubled or two swapped. */
function abugidaTypo(d: Dice, word: string): string {
  const chars = [...word];
  const marks = chars.map((ch, i) => (/\p{M}/u.test(ch) ? i : -1)).filter((i) => i >= 0);
  const r = d.int(3);
  if (r === 0 && marks.length > 0) {
    chars.splice(d.pick(marks), 1);
    return chars.join('');
  }
  const bases = chars.map((ch, i) => (/\p{L}/u.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (bases.length < 2) return word;
  const i = d.pick(bases.slice(0, -1));
  if (r === 1) {
    chars.splice(i, 0, chars[i]!);
    return chars.join('');
  }
  const j = bases[bases.indexOf(i) + 1]!;
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return chars.join('');
}

/** Han: a same-sounding or look-alike character, or a given-name character dropped. */
function hanTypo(d: Dice, word: string): string {
  const chars = [...word];
  const slips = chars.map((ch, i) => (D.HAN_SLIPS[ch] ? i : -1)).filter((i) => i > 0);
  if (slips.length > 0 && d.chance(0.8)) {
    const i = d.pick(slips);
    chars[i] = D.HAN_SLIPS[chars[i]!]!;
    return chars.join('');
  }
  return chars.length >= 3 ? chars.slice(0, -1).join('') : word;
}

/** One typo somewhere in the name, in whatever script that word is. */
export function typo(d: Dice, name: string): string {
  const words = name.split(' ');
  const candidates = words.map((w, i) => (w.length >= 2 ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return name;
  const k = d.pick(candidates);
  const w = words[k]!;
  if (/\p{Script=Han}/u.test(w)) words[k] = hanTypo(d, w);
  else if (/[\p{Script=Thai}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Bengali}]/u.test(w))
    words[k] = abugidaTypo(d, w);
  else if (/[\u00c0-\u1eff]/.test(w) && d.chance(0.6)) words[k] = toneTypo(d, w);
  else words[k] = latinTypo(d, w);
  return words.join(' ');
}

// ---------- names per tradition ----------
function chineseName(d: Dice, family: 'mandarin' | 'cantonese' | 'hokkien', surnameIdx?: number): PersonName {
  const si = surnameIdx ?? d.int(D.HAN_SURNAMES.length);
  const sn = D.HAN_SURNAMES[si]!;
  const given = Array.from({ length: d.chance(0.85) ? 2 : 1 }, () => D.HAN_GIVEN[d.int(D.HAN_GIVEN.length)]!);
  const col = family === 'mandarin' ? 2 : family === 'cantonese' ? 3 : 4;
  const trad = family !== 'mandarin';
  const han = (traditional: boolean) =>
    (traditional ? sn[1] || sn[0] : sn[0]) + given.map((g) => (traditional ? g[1] || g[0] : g[0])).join('');
  const roman = (c: number, style: number): string => {
    const fam = sn[c]!;
    const parts = given.map((g) => g[c]!);
    const joined = cap(parts.join('').toLowerCase());
    switch (style) {
      case 0: // Chen Zhiming / Chan Chi Ming (Cantonese and Hokkien write syllables apart)
        return c === 2 ? `${fam} ${joined}` : `${fam} ${parts.join(' ')}`;
      case 1: // hyphenated
        return `${fam} ${cap(parts.join('-').toLowerCase())}`;
      case 2: // western order
        return c === 2 ? `${joined} ${fam}` : `${parts.join(' ')} ${fam}`;
      case 3: // family name capitalised
        return `${fam.toUpperCase()} ${c === 2 ? joined : parts.join(' ')}`;
      default: // syllables apart even in pinyin / joined in Cantonese
        return c === 2 ? `${fam} ${parts.join(' ')}` : `${fam} ${joined}`;
    }
  };
  return {
    family,
    familyKey: si,
    clean: (dd) => (dd.chance(0.5) ? han(trad && dd.chance(0.8)) : roman(col, 0)),
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.3) return han(trad ? dd.chance(0.7) : dd.chance(0.1));
      if (r < 0.7) return roman(col, dd.int(5));
      if (r < 0.85) return roman(2, dd.int(5)); // pinyin written from the characters by a mainland clerk
      if (r < 0.9) return `${han(trad)} (${roman(col, 0)})`;
      return roman(col === 2 ? 2 : dd.chance(0.5) ? 3 : 4, dd.int(5)); // another dialect's spelling
    },
  };
}

function vietnameseName(d: Dice, sex: Sex, familyIdx?: number): PersonName {
  const fi = familyIdx ?? d.int(D.VI_FAMILY.length);
  const fam = D.VI_FAMILY[fi]!;
  const mid = d.chance(0.9) ? d.pick(D.VI_MIDDLE[sex]) : null;
  const giv = d.pick(D.VI_GIVEN[sex]);
  const full = [fam, mid, giv].filter(Boolean).join(' ');
  return {
    family: 'vietnamese',
    familyKey: fi,
    clean: (dd) => (dd.chance(0.6) ? full : stripMarks(full)),
    messy: (dd) => {
      let s: string;
      const r = dd.next();
      if (r < 0.55) s = full;
      else if (r < 0.7)
        s = [giv, fam, mid].filter(Boolean).join(' '); // given first (foreign forms)
      else if (r < 0.8) s = [giv, mid, fam].filter(Boolean).join(' ');
      else if (r < 0.9)
        s = `${fam} ${giv}`; // middle name left out
      else s = [fam, mid, giv].filter(Boolean).join(' ').toUpperCase();
      return dd.chance(0.45) ? stripMarks(s) : s;
    },
  };
}

function thaiName(d: Dice, sex: Sex, familyIdx?: number): PersonName {
  const fi = familyIdx ?? d.int(D.TH_FAMILY.length);
  const fam = D.TH_FAMILY[fi]!;
  const giv = d.pick(D.TH_GIVEN[sex]);
  const nick = d.pick(D.TH_NICK[sex]);
  const title = sex === 'M' ? 'นาย' : d.pick(['นาง', 'นางสาว']);
  return {
    family: 'thai',
    familyKey: fi,
    clean: (dd) => (dd.chance(0.5) ? `${giv[0]} ${fam[0]}` : `${giv[1]} ${fam[1]}`),
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.3) return dd.chance(0.3) ? `${title}${giv[0]} ${fam[0]}` : `${giv[0]} ${fam[0]}`;
      if (r < 0.55) return `${giv[1]} ${fam[1]}`;
      if (r < 0.8) return `${giv[2]} ${fam[2]}`;
      if (r < 0.9) return `${giv[dd.chance(0.5) ? 1 : 2]} ${fam[dd.chance(0.5) ? 1 : 2]}`.toUpperCase();
      if (r < 0.95) return `${fam[1]} ${giv[1]}`;
      return `${nick} ${fam[1]}`; // nickname instead of the given name
    },
  };
}

function burmeseName(d: Dice, sex: Sex): PersonName {
  const pool = [...D.MY_SYLLABLES[sex], ...D.MY_SYLLABLES.both];
  const n = d.weighted([
    [2, 5],
    [3, 4],
    [4, 1],
  ] as const);
  const syl = Array.from({ length: n }, () => d.pick(pool));
  const hon = d.pick(D.MY_HONORIFIC[sex]);
  const script = () => syl.map((s) => s[0]).join('');
  const roman = (dd: Dice, variants: boolean) =>
    syl.map((s) => (variants && s[2].length > 0 && dd.chance(0.3) ? dd.pick(s[2]) : s[1])).join(' ');
  return {
    family: 'burmese',
    familyKey: -1,
    clean: (dd) => (dd.chance(0.5) ? script() : roman(dd, false)),
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.3) return dd.chance(0.3) ? `${hon[0]}${script()}` : script();
      let s = roman(dd, true);
      if (r < 0.45) s = s.replace(/ /, ''); // first two syllables joined
      if (dd.chance(0.3)) s = `${hon[1]} ${s}`;
      return dd.chance(0.15) ? s.toUpperCase() : s;
    },
  };
}

function khmerName(d: Dice, sex: Sex, familyIdx?: number): PersonName {
  const fi = familyIdx ?? d.int(D.KH_FAMILY.length);
  const fam = D.KH_FAMILY[fi]!;
  const giv = d.pick(D.KH_GIVEN[sex]);
  return {
    family: 'khmer',
    familyKey: fi,
    clean: (dd) => (dd.chance(0.5) ? `${fam[0]} ${giv[0]}` : `${fam[1]} ${giv[1]}`),
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.3) return `${fam[0]} ${giv[0]}`;
      if (r < 0.55) return `${fam[1]} ${giv[1]}`;
      if (r < 0.7) return `${fam[2]} ${giv[dd.chance(0.5) ? 1 : 2]}`;
      if (r < 0.85) return `${giv[1]} ${fam[1]}`; // given first
      return `${fam[1]} ${giv[dd.chance(0.5) ? 1 : 2]}`.toUpperCase();
    },
  };
}

function indonesianName(d: Dice, sex: Sex): PersonName {
  const giv = d.pick(D.ID_GIVEN[sex]);
  const r0 = d.next();
  const kind = r0 < 0.35 ? 'single' : r0 < 0.8 ? 'two' : 'bin';
  const second = d.pick(D.ID_SECOND);
  const father = d.pick(D.ID_FATHER);
  const haji = d.chance(0.3);
  const old = (s: string, dd: Dice) => {
    const [re, to] = dd.pick(D.ID_OLD_SPELLING);
    return s
      .toLowerCase()
      .replace(re, to)
      .replace(/\b\w/g, (c) => c.toUpperCase());
  };
  const full =
    kind === 'single' ? giv : kind === 'two' ? `${giv} ${second}` : `${giv} ${sex === 'M' ? 'bin' : 'binti'} ${father}`;
  return {
    family: 'indonesian',
    familyKey: -1,
    clean: () => full,
    messy: (dd) => {
      const r = dd.next();
      if (kind === 'single') {
        if (r < 0.7) return giv;
        if (r < 0.85) return old(giv, dd);
        return giv.toUpperCase();
      }
      if (kind === 'two') {
        if (r < 0.45) return full;
        if (r < 0.65) return giv; // only the first name recorded
        if (r < 0.8) return old(full, dd);
        if (r < 0.9) return `${giv} ${second.charAt(0)}.`;
        return full.toUpperCase();
      }
      const h = haji ? (sex === 'M' ? dd.pick(['Haji ', 'H. ', 'Hj. ']) : dd.pick(['Hajjah ', 'Hj. '])) : '';
      if (r < 0.4) return `${h}${full}`;
      if (r < 0.7) return `${h}${giv} ${father}`; // bin / binti left out
      if (r < 0.85) return giv;
      return `${h}${full}`.toUpperCase();
    },
  };
}

function filipinoName(d: Dice, sex: Sex, familyIdx?: number): PersonName {
  const fi = familyIdx ?? d.int(D.PH_FAMILY.length);
  const fam = D.PH_FAMILY[fi]!;
  const [giv, nicks] = d.pick(D.PH_GIVEN[sex]);
  const mid = d.pick(D.PH_FAMILY.filter((f) => f !== fam));
  const famVariant = (dd: Dice) => (fam === 'Dela Cruz' ? dd.pick(['Dela Cruz', 'De la Cruz', 'Delacruz']) : fam);
  return {
    family: 'filipino',
    familyKey: fi,
    clean: () => `${giv} ${mid} ${fam}`,
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.3) return `${giv} ${mid} ${famVariant(dd)}`;
      if (r < 0.5) return `${giv} ${mid.charAt(0)}. ${famVariant(dd)}`; // middle initial
      if (r < 0.65) return `${giv} ${famVariant(dd)}`;
      if (r < 0.75) return `${famVariant(dd)}, ${giv} ${mid.charAt(0)}.`;
      if (r < 0.92) return `${dd.pick(nicks)} ${famVariant(dd)}`;
      return `${giv} ${mid} ${fam}`.toUpperCase();
    },
  };
}

function bangladeshiName(d: Dice, sex: Sex): PersonName {
  const parts = d.pick(D.BD_NAMES[sex]);
  const spell = (dd: Dice, key: string, variants: boolean) => {
    const [, spellings] = D.BD_PARTS[key]!;
    return variants ? dd.pick(spellings) : spellings[0]!;
  };
  return {
    family: 'bangladeshi',
    familyKey: -1,
    clean: (dd) => parts.map((p) => spell(dd, p, false)).join(' '),
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.2) return parts.map((p) => D.BD_PARTS[p]![0]).join(' ');
      let ps = parts;
      if (ps[0] === 'mohammad' && dd.chance(0.3)) ps = ps.slice(1); // Mohammad left out
      const s = ps.map((p) => spell(dd, p, true)).join(' ');
      return dd.chance(0.2) ? s.toUpperCase() : s;
    },
  };
}

function nigerianName(d: Dice, sex: Sex, familyIdx?: number): PersonName {
  const fi = familyIdx ?? d.int(D.NG_FAMILY.length);
  const fam = D.NG_FAMILY[fi]!;
  const [giv, shorts, toned] = d.pick(D.NG_GIVEN[sex]);
  const middle = d.chance(0.3) ? d.pick(D.NG_GIVEN[sex])[0] : null;
  return {
    family: 'nigerian',
    familyKey: fi,
    clean: () => [giv, middle, fam].filter(Boolean).join(' '),
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.3) return [giv, middle, fam].filter(Boolean).join(' ');
      if (r < 0.55) return `${dd.pick(shorts)} ${fam}`; // Tunde for Babatunde
      if (r < 0.7) return `${fam.toUpperCase()} ${giv}`; // surname first, capitalised
      if (r < 0.8 && toned) return `${toned} ${fam}`;
      if (r < 0.9) return `${giv} ${fam}`;
      return `${sex === 'M' ? 'Mr' : 'Mrs'} ${giv} ${fam}`;
    },
  };
}

function sierraLeoneanName(d: Dice, sex: Sex, familyIdx?: number): PersonName {
  const fi = familyIdx ?? d.int(D.SL_FAMILY.length);
  const fam = D.SL_FAMILY[fi]!;
  const [giv, shorts] = d.pick(D.SL_GIVEN[sex]);
  const alhaji = d.chance(0.25);
  return {
    family: 'sierra_leonean',
    familyKey: fi,
    clean: () => `${giv} ${fam}`,
    messy: (dd) => {
      const r = dd.next();
      if (r < 0.35) return `${giv} ${fam}`;
      if (r < 0.6) return `${dd.pick(shorts)} ${fam}`;
      if (r < 0.75 && alhaji) return `${sex === 'M' ? 'Alhaji' : 'Haja'} ${giv} ${fam}`;
      if (r < 0.85) return `${fam} ${giv}`;
      return `${giv} ${fam}`.toUpperCase();
    },
  };
}

function makeName(d: Dice, family: Family2, sex: Sex, familyKey?: number): PersonName {
  switch (family) {
    case 'mandarin':
    case 'cantonese':
    case 'hokkien':
      return chineseName(d, family, familyKey);
    case 'vietnamese':
      return vietnameseName(d, sex, familyKey);
    case 'thai':
      return thaiName(d, sex, familyKey);
    case 'burmese':
      return burmeseName(d, sex);
    case 'khmer':
      return khmerName(d, sex, familyKey);
    case 'indonesian':
      return indonesianName(d, sex);
    case 'filipino':
      return filipinoName(d, sex, familyKey);
    case 'bangladeshi':
      return bangladeshiName(d, sex);
    case 'nigerian':
      return nigerianName(d, sex, familyKey);
    case 'sierra_leonean':
      return sierraLeoneanName(d, sex, familyKey);
  }
}

// ---------- people and records ----------
interface Person {
  id: string;
  family: Family2;
  country: string;
  sex: Sex;
  name: PersonName;
  dob: { y: number; m: number; d: number };
  phone: string | null;
  passport: string | null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const digits = (d: Dice, pattern: string): string => pattern.replace(/x/g, () => String(d.int(10)));

function newPhone(d: Dice, country: string): string {
  return digits(d, D.PHONES[country]![1]);
}

function makePerson(d: Dice, id: number, relative?: Person, twin = false): Person {
  const [family, , country] = relative
    ? FAMILIES.find((f) => f[0] === relative.family)!
    : d.weighted(FAMILIES.map((f) => [f, f[1]] as const));
  const sex: Sex = d.chance(0.5) ? 'M' : 'F';
  const name = makeName(d, family, sex, relative && relative.name.familyKey >= 0 ? relative.name.familyKey : undefined);
  const dob = twin
    ? { ...relative!.dob }
    : relative
      ? { y: relative.dob.y + (d.chance(0.5) ? 1 : -1) * (1 + d.int(8)), m: 1 + d.int(12), d: 1 + d.int(28) }
      : { y: 1965 + d.int(42), m: 1 + d.int(12), d: 1 + d.int(28) };
  const phone = relative?.phone && d.chance(0.6) ? relative.phone : d.chance(0.8) ? newPhone(d, country) : null;
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const passport = d.chance(0.45)
    ? d.pick([...letters]) + (d.chance(0.5) ? d.pick([...letters]) : '') + digits(d, 'xxxxxxx')
    : null;
  return { id: `P${id}`, family, country, sex, name, dob, phone, passport };
}

function writeDob(d: Dice, p: Person, clean: boolean): string | null {
  let { y, m, d: day } = p.dob;
  const iso = (yy: number, mm: number, dd: number) => `${yy}-${pad2(mm)}-${pad2(dd)}`;
  const style = (yy: number, mm: number, dd: number, dice: Dice) => {
    const r = dice.next();
    if (r < 0.6) return iso(yy, mm, dd);
    if (r < 0.9) return `${pad2(dd)}/${pad2(mm)}/${yy}`;
    return `${pad2(dd)}.${pad2(mm)}.${yy}`;
  };
  if (clean) return d.chance(0.05) ? null : iso(y, m, day);
  const r = d.next();
  if (r < 0.08) return null;
  if (r < 0.14) return String(y + (d.chance(0.3) ? (d.chance(0.5) ? 1 : -1) : 0)); // estimated: year only
  if (r < 0.19) return iso(y + (d.chance(0.4) ? (d.chance(0.5) ? 1 : -1) : 0), 1, 1); // unknown day and month
  if (r < 0.24 && day <= 12 && day !== m) return `${pad2(m)}/${pad2(day)}/${y}`; // month first
  if (r < 0.28) {
    // one digit wrong
    const s = iso(y, m, day).split('');
    const positions = [2, 3, 6, 9];
    const i = d.pick(positions);
    s[i] = String((Number(s[i]) + 1 + d.int(8)) % 10);
    const t = s.join('');
    const [yy, mm, dd] = t.split('-').map(Number) as [number, number, number];
    if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31) [y, m, day] = [yy, mm, dd];
  } else if (r < 0.29 && p.country === 'TH') y += 543; // Buddhist era
  return style(y, m, day, d);
}

function writeSex(d: Dice, p: Person): string | null {
  if (d.chance(0.04)) return null;
  const s: Sex = d.chance(0.005) ? (p.sex === 'M' ? 'F' : 'M') : p.sex;
  return d.pick(D.SEX_WRITINGS[s]);
}

function writePhone(d: Dice, p: Person, clean: boolean): string | null {
  if (!p.phone || d.chance(clean ? 0.15 : 0.3)) return null;
  const cc = D.PHONES[p.country]![0];
  const number = !clean && d.chance(0.05) ? newPhone(d, p.country) : p.phone; // new SIM
  const r = d.next();
  if (r < 0.4) return `+${cc} ${number}`;
  if (r < 0.75) return `0${number}`;
  if (r < 0.9) return `${cc}${number}`;
  return `+${cc}-${number.slice(0, 3)}-${number.slice(3, 6)}-${number.slice(6)}`;
}

const OCR: Readonly<Record<string, string>> = {
  '0': 'O',
  O: '0',
  '1': 'I',
  I: '1',
  '5': 'S',
  S: '5',
  '8': 'B',
  B: '8',
};
function writePassport(d: Dice, p: Person): string | null {
  if (!p.passport || d.chance(0.5)) return null;
  if (!d.chance(0.1)) return p.passport;
  const chars = [...p.passport];
  const idx = chars.map((c, i) => (OCR[c] ? i : -1)).filter((i) => i >= 0);
  if (idx.length > 0) {
    const i = d.pick(idx);
    chars[i] = OCR[chars[i]!]!;
  } else chars.splice(1 + d.int(chars.length - 1), 1);
  return chars.join('');
}

function writeName(d: Dice, p: Person, clean: boolean): string | null {
  if (clean) return p.name.clean(d);
  if (d.chance(0.01)) return null;
  let s = p.name.messy(d);
  if (d.chance(0.18)) s = typo(d, s);
  if (d.chance(0.05)) s = `  ${s.replace(/ /g, '  ')} `;
  return s;
}

const CLUSTER_SIZES: readonly (readonly [number, number])[] = [
  [1, 45],
  [2, 30],
  [3, 15],
  [4, 10],
];

/**
 * About `records` rows (the last person is cut to fit), shuffled, with the true person in person_id.
 * Same seed, same rows.
 */
export function generateIndependentPopulation(seed: number, records: number): IndependentRow[] {
  const d = new Dice(seed);
  const rows: IndependentRow[] = [];
  let nextId = 0;
  const queue: Person[] = [];
  while (rows.length < records) {
    const person = queue.shift() ?? makePerson(d, nextId++);
    // Siblings and twins: the hardest non-matches (same family name, nationality, often the same phone).
    if (!person.id.includes('s') && d.chance(0.12)) {
      const sib = makePerson(d, nextId++, person, d.chance(0.1));
      queue.push({ ...sib, id: `${sib.id}s` });
    }
    const copies = Math.min(d.weighted(CLUSTER_SIZES), records - rows.length);
    for (let k = 0; k < copies; k++) {
      const clean = k === 0;
      rows.push({
        record_id: `R${rows.length}`,
        person_id: person.id,
        organisation: `org${1 + d.int(8)}`,
        name: writeName(d, person, clean),
        sex: writeSex(d, person),
        dob: writeDob(d, person, clean),
        nationality: !clean && d.chance(0.06) ? null : d.pick(D.COUNTRY_WRITINGS[person.country]!),
        phone: writePhone(d, person, clean),
        passport: writePassport(d, person),
        family: person.family,
      });
    }
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = d.int(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

function csvCell(v: string | null): string {
  if (v == null) return '';
  return /[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: readonly IndependentRow[]): string {
  const lines = [INDEPENDENT_COLUMNS.join(',')];
  for (const r of rows) lines.push(INDEPENDENT_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Caseworker-readable reasons for a name comparison, e.g. "family name equal in Vietnamese reading:
 * Trần = 陳" or "same name in another order: Zhi Chen = Chen Zhi". Built from the detail that
 * compareNames records while deciding the level.
 */
import type { NameLevel } from './name-levels.ts';
import type { NormalisedName } from './normalise.ts';
import type { FormReading } from './name-form.ts';
import { surnameCharacter, type SurnameClassId } from './surnames.ts';
import { syllablePairs } from './syllables.ts';

export interface Detail {
  level: NameLevel;
  x: NormalisedName;
  y: NormalisedName;
  /** Indexes of the forms (written / readings) that agreed. */
  fx: number;
  fy: number;
  /** Family-name token indexes for surname_equivalent. */
  i: number;
  j: number;
  score: number;
  note: string;
}

const SCRIPT_NAMES: Readonly<Record<string, string>> = {
  Hani: 'Chinese characters',
  Latn: 'Latin script',
  Thai: 'Thai script',
  Mymr: 'Burmese script',
  Khmr: 'Khmer script',
  Hang: 'Hangul',
  Beng: 'Bengali script',
  Deva: 'Devanagari',
  Arab: 'Arabic script',
  Cyrl: 'Cyrillic',
  mixed: 'mixed scripts',
  unknown: 'another script',
};

const READING_NAMES: Readonly<Record<FormReading, string>> = {
  written: 'as written',
  pinyin: 'Mandarin pinyin',
  vietnamese: 'Vietnamese (Hán-Việt) reading',
  cantonese: 'Cantonese reading',
  hokkien: 'Hokkien reading',
  bare: 'without Ko / Ma / Maung',
};

function readingOf(d: Detail): FormReading {
  const rx = d.x.forms[d.fx]!.reading;
  const ry = d.y.forms[d.fy]!.reading;
  if (rx === 'vietnamese' || ry === 'vietnamese') return 'vietnamese';
  if (rx === 'cantonese' || ry === 'cantonese') return 'cantonese';
  if (rx === 'hokkien' || ry === 'hokkien') return 'hokkien';
  if (rx === 'pinyin' || ry === 'pinyin') return 'pinyin';
  return 'written';
}

// Two-decimal scores preformatted: toFixed per comparison would dominate the cost of an explanation.
const SCORE_TEXT: readonly string[] = Array.from({ length: 101 }, (_, k) => (k / 100).toFixed(2));

function score(n: number): string {
  return SCORE_TEXT[Math.max(0, Math.min(100, Math.round(n * 100)))]!;
}

function surnamePart(d: Detail): string {
  const fx = d.x.forms[d.fx]!;
  const fy = d.y.forms[d.fy]!;
  const px = d.x.parts[d.i];
  const py = d.y.parts[d.j];
  const reading = readingOf(d);
  if (fx.tokens[d.i] === fy.tokens[d.j]) {
    if (reading === 'written') return `family name equal: ${px} = ${py}`;
    return `family name equal in ${READING_NAMES[reading]}: ${px} = ${py}`;
  }
  const shared = fx.classes[d.i]!.find((c) => fy.classes[d.j]!.includes(c)) as SurnameClassId | undefined;
  const ch = shared ? surnameCharacter(shared) : '?';
  return `family names are spellings of the same Chinese surname ${ch}: ${px} ≈ ${py}`;
}

function givenPart(d: Detail): string {
  const gx = d.x.parts.filter((_, k) => k !== d.i).join(' ');
  const gy = d.y.parts.filter((_, k) => k !== d.j).join(' ');
  if (!gx && !gy) return 'no given name on either side';
  const reading = readingOf(d);
  if (d.note === 'given-equal') {
    return reading === 'written'
      ? `given name equal: ${gx} = ${gy}`
      : `given name equal in ${READING_NAMES[reading]}: ${gx} = ${gy}`;
  }
  return reading === 'cantonese' || reading === 'vietnamese' || reading === 'hokkien'
    ? `given name a romanisation variant of the ${READING_NAMES[reading]}: ${gx} ≈ ${gy}`
    : `given name a romanisation variant: ${gx} ≈ ${gy}`;
}

/** "given name read as the same characters in another romanisation: Teck ≈ De (德), Seng ≈ Sheng (成)". */
function syllablesPart(d: Detail): string {
  const fx = d.x.forms[d.fx]!;
  const fy = d.y.forms[d.fy]!;
  const gx = fx.restWords[fx.surnameIdx.indexOf(d.i)] ?? '';
  const gy = fy.restWords[fy.surnameIdx.indexOf(d.j)] ?? '';
  const pairs = syllablePairs(gx, gy) ?? [];
  const shown = pairs.map((p) => `${capitalise(p.a)} ≈ ${capitalise(p.b)}${p.ch ? ` (${p.ch})` : ''}`).join(', ');
  return `given name read as the same characters in another romanisation (pinyin, Cantonese, Hokkien): ${shown}`;
}

function capitalise(token: string): string {
  return token.charAt(0).toUpperCase() + token.slice(1);
}

function viaReading(d: Detail): string {
  const reading = readingOf(d);
  if (reading === 'written') return '';
  const han = d.x.han ? d.x : d.y;
  const form = han.forms[han === d.x ? d.fx : d.fy]!;
  const shown =
    reading === 'vietnamese' && han.vietnameseParts
      ? han.vietnameseParts.join(' ')
      : form.tokens.map(capitalise).join(' ');
  return ` (${READING_NAMES[reading]} of ${han.raw}: ${shown})`;
}

export function explain(d: Detail): string {
  const { x, y } = d;
  switch (d.level) {
    case 'exact':
      return `identical as written: ${x.raw}`;
    case 'same_after_normalisation':
      if (d.note === 'han') return `same characters in simplified and traditional form: ${x.raw} = ${y.raw}`;
      return `same name once case, accents, spacing, titles and particles are set aside: ${x.raw} = ${y.raw}`;
    case 'same_reading': {
      const reading = readingOf(d);
      if (reading !== 'written') return `same name in ${READING_NAMES[reading]}: ${x.raw} = ${y.raw}`;
      const other = x.script === 'Latn' ? y : x;
      return `same name after transliteration from ${SCRIPT_NAMES[other.script]}: ${x.raw} = ${y.raw}`;
    }
    case 'reordered':
      return `same name in another order: ${x.raw} = ${y.raw}${viaReading(d)}`;
    case 'surname_equivalent':
      return `${surnamePart(d)}; ${givenPart(d)}`;
    case 'romanisation':
      return `${surnamePart(d)}; ${syllablesPart(d)}`;
    case 'fuzzy_strong':
    case 'fuzzy_weak': {
      if (d.note === 'homophone') return `different characters with the same Mandarin reading: ${x.raw} ~ ${y.raw}`;
      if (d.note === 'typo in script')
        return `one letter apart as written in ${SCRIPT_NAMES[x.script]}: ${x.raw} ~ ${y.raw}`;
      const how = d.level === 'fuzzy_strong' ? 'spelling differs slightly' : 'spelling is similar but differs';
      const translit =
        d.note === 'transliterated'
          ? `, after transliteration from ${SCRIPT_NAMES[x.script === 'Latn' ? y.script : x.script]}`
          : '';
      return `${how} (Jaro-Winkler ${score(d.score)}${translit}): ${x.raw} ~ ${y.raw}${viaReading(d)}`;
    }
    case 'partial': {
      const [short, long] = x.tokens.length <= y.tokens.length ? [x, y] : [y, x];
      return `one name is contained in the other: all of “${short.raw}” appears in “${long.raw}”`;
    }
    case 'loose':
      return `names only loosely alike (token match ${score(d.score)}, one part close): ${x.raw} ~ ${y.raw}`;
    case 'different':
      return `names differ (best token match ${score(d.score)}): ${x.raw} ≠ ${y.raw}`;
  }
}

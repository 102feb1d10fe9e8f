/**
 * How a survivor's name gets written down: the native form plus the romanisations they give,
 * and the realistic ways a second registration writes the same name differently
 * (another romanisation, swapped order, dropped diacritics, a typo, passport capitals).
 */
import anyAscii from 'any-ascii';
import type { PersonName } from '../names/pools.ts';
import type { Rng } from '../random.ts';
import type { DemoSurvivorName } from './types.ts';

/** The romanised family and given parts (all pooled family names romanise to one token outside Latin script). */
export function latinParts(p: PersonName): { family: string | null; given: string } {
  if (p.family === null) return { family: null, given: p.latin };
  if (p.script === 'Latn') return { family: p.family, given: p.given };
  const tokens = p.latin.split(' ');
  return p.order === 'family_first'
    ? { family: tokens[0]!, given: tokens.slice(1).join(' ') }
    : { family: tokens[tokens.length - 1]!, given: tokens.slice(0, -1).join(' ') };
}

export function swappedOrder(p: PersonName): string | null {
  const { family, given } = latinParts(p);
  if (family === null) return null;
  return p.order === 'family_first' ? `${given} ${family}` : `${family} ${given}`;
}

export function withoutDiacritics(s: string): string {
  return anyAscii(s);
}

/** Passport machine-readable style: capitals, no diacritics, hyphens dropped. */
export function passportCapitals(s: string): string {
  return anyAscii(s).toUpperCase().replace(/-/g, ' ');
}

/** Thai names romanised the other common way (RTGS-like vowels and initials). */
export function altThaiRomanisation(s: string): string {
  return s
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/\bJ/g, 'Ch')
    .replace(/orn\b/g, 'on')
    .replace(/sr/gi, (m) => (m[0] === 'S' ? 'S' : 's'));
}

/** Syllables of Burmese names run together or split differently ("Aung Ko Ko" → "Aung Koko"). */
function burmeseRespacing(rng: Rng, latin: string): string {
  const parts = latin.split(' ');
  if (parts.length < 2) return latin;
  const at = 1 + rng.int(parts.length - 1);
  const joined = parts[at - 1] + parts[at]!.toLowerCase();
  return [...parts.slice(0, at - 1), joined, ...parts.slice(at + 1)].join(' ');
}

/** One keyboard slip: swap two neighbouring letters, drop one, or double one. */
export function typo(rng: Rng, s: string): string {
  const letters = [...s];
  // Word-initial letters are rarely mistyped; slips happen inside words.
  const positions = letters
    .map((ch, i) => (i > 0 && /\p{L}/u.test(ch) && /\p{L}/u.test(letters[i - 1]!) ? i : -1))
    .filter((i) => i > 0);
  if (positions.length < 2) return s;
  const i = rng.pick(positions);
  const kind = rng.int(3);
  if (kind === 0 && i + 1 < letters.length && /\p{L}/u.test(letters[i + 1]!) && letters[i] !== letters[i + 1]) {
    [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  } else if (kind === 1 && letters.length > 4) {
    letters.splice(i, 1);
  } else {
    letters.splice(i, 0, letters[i]!);
  }
  return letters.join('');
}

/** A second romanisation the person might also give, if their name has one. */
function secondRomanisation(rng: Rng, p: PersonName): string | null {
  switch (p.nationality) {
    case 'VN':
    case 'BR':
      return rng.chance(0.5) ? withoutDiacritics(p.latin) : null;
    case 'CN':
    case 'KR':
    case 'TW':
      return rng.chance(0.25) ? swappedOrder(p) : null;
    case 'TH':
      return rng.chance(0.3) ? altThaiRomanisation(p.latin) : null;
    case 'MM':
      return rng.chance(0.15) ? burmeseRespacing(rng, p.latin) : null;
    default:
      return rng.chance(0.08) ? passportCapitals(p.latin) : null;
  }
}

/** Native form, its romanisation and sometimes a second romanisation; exactly one is preferred. */
export function survivorNames(rng: Rng, p: PersonName): DemoSurvivorName[] {
  const names: DemoSurvivorName[] = [{ value: p.full, script: p.script, preferred: false }];
  if (p.latin !== p.full) names.push({ value: p.latin, script: 'Latn', preferred: false });
  const second = secondRomanisation(rng, p);
  if (second && !names.some((n) => n.value === second)) names.push({ value: second, script: 'Latn', preferred: false });
  // People writing a non-Latin script mostly prefer it; others prefer the form they gave first.
  const preferred = p.script !== 'Latn' && rng.chance(0.4) ? 1 : 0;
  names[Math.min(preferred, names.length - 1)]!.preferred = true;
  return names;
}

/** The same person's name as a different organisation writes it down: never identical to what the first one holds. */
export function variantNames(rng: Rng, p: PersonName, first: readonly DemoSurvivorName[]): DemoSurvivorName[] {
  const seen = new Set(first.map((n) => n.value));
  const candidates: (() => string | null)[] = [
    () => swappedOrder(p),
    () => withoutDiacritics(p.latin),
    () => typo(rng, p.latin),
    () => passportCapitals(p.latin),
    () => (p.nationality === 'TH' ? altThaiRomanisation(p.latin) : null),
    () => (p.nationality === 'MM' ? burmeseRespacing(rng, p.latin) : null),
    () => (p.nationality === 'ID' && p.family ? p.given : null), // gave only the first of two names
  ];
  let latin: string | undefined;
  for (let tries = 0; tries < 12 && latin === undefined; tries++) {
    const c = rng.pick(candidates)();
    if (c && c.trim() !== '' && !seen.has(c)) latin = c;
  }
  latin ??= [passportCapitals(p.latin), p.latin.toLowerCase(), `${p.latin} ?`].find((c) => !seen.has(c)) ?? p.latin;
  const names: DemoSurvivorName[] = [];
  // Someone writing in Latin script keeps only the variant; others also give their native form again.
  if (p.script !== 'Latn') names.push({ value: p.full, script: p.script, preferred: false });
  names.push({ value: latin, script: 'Latn', preferred: false });
  names[rng.chance(0.5) ? 0 : names.length - 1]!.preferred = true;
  return names;
}

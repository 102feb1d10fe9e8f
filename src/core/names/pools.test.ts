import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { FOCUS_NATIONALITIES } from '../vocabulary.ts';
import { NAME_POOL_NATIONALITIES, samplePersonName, type NameScript, type PersonName } from './pools.ts';

const SCRIPT_LETTER: Record<NameScript, RegExp> = {
  Hani: /\p{Script=Han}/u,
  Latn: /\p{Script=Latin}/u,
  Thai: /\p{Script=Thai}/u,
  Mymr: /\p{Script=Myanmar}/u,
  Khmr: /\p{Script=Khmer}/u,
  Beng: /\p{Script=Bengali}/u,
  Deva: /\p{Script=Devanagari}/u,
  Hang: /\p{Script=Hangul}/u,
};
// Separators that may appear inside a name in any script.
const SEPARATOR = /[\s\-'.]/u;

function allInScript(text: string, script: NameScript): boolean {
  return [...text].every((ch) => SEPARATOR.test(ch) || SCRIPT_LETTER[script].test(ch));
}

function sampleMany(nationality: string, n: number, seed = 1): PersonName[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => samplePersonName(rng, nationality, i % 2 ? 'male' : 'female'));
}

describe('samplePersonName', () => {
  it('covers every focus nationality', () => {
    for (const nat of FOCUS_NATIONALITIES) expect(NAME_POOL_NATIONALITIES).toContain(nat);
  });

  it.each([...NAME_POOL_NATIONALITIES])('%s: native parts are in the declared script, latin is Latin', (nat) => {
    for (const name of sampleMany(nat, 300)) {
      expect(name.nationality).toBe(nat);
      expect(allInScript(name.full, name.script), `${name.full} in ${name.script}`).toBe(true);
      expect(allInScript(name.given, name.script)).toBe(true);
      if (name.family !== null) expect(allInScript(name.family, name.script)).toBe(true);
      expect(allInScript(name.latin, 'Latn'), name.latin).toBe(true);
      expect(name.latin.trim()).toBe(name.latin);
      expect(name.full.length).toBeGreaterThan(0);
    }
  });

  it.each([...NAME_POOL_NATIONALITIES])('%s: order agrees with the parts', (nat) => {
    for (const name of sampleMany(nat, 200, 9)) {
      if (name.order === 'single') {
        expect(name.family).toBeNull();
        expect(name.full).toBe(name.given);
      } else {
        expect(name.family).not.toBeNull();
        const fam = name.family as string;
        const [first, second] = name.order === 'family_first' ? [fam, name.given] : [name.given, fam];
        expect(name.full.startsWith(first)).toBe(true);
        expect(name.full.endsWith(second)).toBe(true);
      }
    }
  });

  it('uses the expected script and order per country', () => {
    const first = (nat: string) => sampleMany(nat, 1, 3)[0];
    expect(first('CN')).toMatchObject({ script: 'Hani', order: 'family_first' });
    expect(first('KR')).toMatchObject({ script: 'Hang', order: 'family_first' });
    expect(first('TH')).toMatchObject({ script: 'Thai', order: 'given_first' });
    expect(first('MM')).toMatchObject({ script: 'Mymr', order: 'single', family: null });
    expect(first('KH')).toMatchObject({ script: 'Khmr', order: 'family_first' });
    expect(first('BD')).toMatchObject({ script: 'Beng' });
    expect(first('VN')).toMatchObject({ script: 'Latn', order: 'family_first' });
  });

  it('is deterministic for a seed', () => {
    expect(sampleMany('TH', 50, 77)).toEqual(sampleMany('TH', 50, 77));
    expect(sampleMany('TH', 50, 77)).not.toEqual(sampleMany('TH', 50, 78));
  });

  it('follows the family-name weights (Wang far more common than Lyu)', () => {
    const names = sampleMany('CN', 4000, 5);
    const wang = names.filter((n) => n.family === '王').length,
      lyu = names.filter((n) => n.family === '吕').length;
    expect(wang).toBeGreaterThan(lyu * 5);
    expect(new Set(names.map((n) => n.family)).size).toBeGreaterThan(30);
  });

  it('gives sex-specific names (Vietnamese Thị only for women, Malay bin/binti)', () => {
    const rng = createRng(11);
    for (let i = 0; i < 300; i++) {
      expect(samplePersonName(rng, 'VN', 'male').given.startsWith('Thị ')).toBe(false);
      const my = samplePersonName(rng, 'MY', 'female');
      if (my.script === 'Latn') expect(my.full).toContain(' binti ');
    }
  });

  it('mixes single names and two-part names in Indonesia, and Han and Malay names in Malaysia', () => {
    const id = sampleMany('ID', 500, 2),
      my = sampleMany('MY', 500, 2);
    expect(id.some((n) => n.order === 'single')).toBe(true);
    expect(id.some((n) => n.order === 'given_first')).toBe(true);
    expect(my.some((n) => n.script === 'Hani')).toBe(true);
    expect(my.some((n) => n.script === 'Latn')).toBe(true);
  });

  it('never produces the blocked public figures', () => {
    const blocked = new Set(['Chen Zhi', 'Li Qiang', 'Aung San', 'Dewi Lestari']);
    for (const nat of ['CN', 'MM', 'ID'])
      for (const n of sampleMany(nat, 3000, 4)) expect(blocked.has(n.latin)).toBe(false);
  });

  it('refuses an unknown nationality', () => {
    expect(() => samplePersonName(createRng(1), 'XX', 'male')).toThrow(RangeError);
  });
});

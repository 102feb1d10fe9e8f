import { describe, expect, it } from 'vitest';
import { NAME_POOL_NATIONALITIES, samplePersonName } from '../names/pools.ts';
import { createRng } from '../random.ts';
import {
  altThaiRomanisation,
  latinParts,
  passportCapitals,
  survivorNames,
  swappedOrder,
  typo,
  variantNames,
  withoutDiacritics,
} from './name-forms.ts';

describe('name forms', () => {
  it('splits romanised names into family and given parts that rebuild the name', () => {
    const rng = createRng(4);
    for (const nat of NAME_POOL_NATIONALITIES)
      for (let i = 0; i < 50; i++) {
        const p = samplePersonName(rng, nat, i % 2 ? 'male' : 'female');
        const { family, given } = latinParts(p);
        if (family === null) {
          expect(given).toBe(p.latin);
          continue;
        }
        if (nat === 'MY' && p.script === 'Latn') continue; // bin/binti sits between the parts
        const rebuilt = p.order === 'family_first' ? `${family} ${given}` : `${given} ${family}`;
        expect(rebuilt).toBe(p.latin);
        expect(swappedOrder(p)).not.toBe(p.latin);
      }
  });

  it('drops diacritics and writes passport capitals', () => {
    expect(withoutDiacritics('Nguyễn Thị Hằng')).toBe('Nguyen Thi Hang');
    expect(passportCapitals('Trần Văn Minh')).toBe('TRAN VAN MINH');
    expect(passportCapitals('Wang Chih-ming')).toBe('WANG CHIH MING');
    expect(altThaiRomanisation('Somsri Jaidee')).toBe('Somsi Chaidi');
  });

  it('makes a typo that changes the text by one edit', () => {
    const rng = createRng(9);
    for (let i = 0; i < 200; i++) {
      const out = typo(rng, 'Siti Rahayu');
      expect(out).not.toBe('Siti Rahayu');
      expect(Math.abs(out.length - 'Siti Rahayu'.length)).toBeLessThanOrEqual(1);
    }
  });

  it('gives a native form, a Latin form and exactly one preferred name', () => {
    const rng = createRng(10);
    for (const nat of NAME_POOL_NATIONALITIES)
      for (let i = 0; i < 50; i++) {
        const p = samplePersonName(rng, nat, 'female');
        const names = survivorNames(rng, p);
        expect(names[0]).toMatchObject({ value: p.full, script: p.script });
        expect(names.some((n) => n.script === 'Latn')).toBe(true);
        expect(names.filter((n) => n.preferred)).toHaveLength(1);
        expect(names.length).toBeLessThanOrEqual(3);
        expect(new Set(names.map((n) => n.value)).size).toBe(names.length);
      }
  });

  it('writes a second registration differently but keeps the native form', () => {
    const rng = createRng(11);
    for (const nat of NAME_POOL_NATIONALITIES)
      for (let i = 0; i < 50; i++) {
        const p = samplePersonName(rng, nat, 'male');
        const first = survivorNames(rng, p);
        const again = variantNames(rng, p, first);
        const firstValues = new Set(first.map((n) => n.value));
        const newLatin = again.filter((n) => n.script === 'Latn');
        expect(newLatin).toHaveLength(1);
        expect(firstValues.has(newLatin[0]!.value)).toBe(false);
        if (p.script !== 'Latn') expect(again[0]!.value).toBe(p.full);
        expect(again.filter((n) => n.preferred)).toHaveLength(1);
      }
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareNames } from './compare.ts';
import { NAME_LEVELS } from './name-levels.ts';
import { normaliseName } from './normalise.ts';
import { nameBlockingKeys, MAX_BLOCKING_KEYS } from './blocking.ts';

/** Name-like strings built from fragments in the scripts and romanisations the module handles. */
const fragment = fc.constantFrom(
  'Chen',
  'Chan',
  'Tan',
  'Zhi',
  'Chi',
  'Chee',
  'Wei',
  '-',
  ' ',
  '  ',
  "'",
  '陈',
  '陳',
  '志',
  '伟',
  '欧阳',
  'Trần',
  'Tran',
  'Chí',
  'Nguyễn',
  'Văn',
  'An',
  'Siti',
  'bin',
  'binti',
  'Ahmad',
  'Md',
  'Muhammad',
  'U',
  'Aung',
  'Ko',
  'Sutrisno',
  'สมชาย',
  'ใจดี',
  '김',
  '민준',
  'Kim',
  'محمد',
  'Иван',
  'Lee',
  'Li',
  'Wong',
  'Smith',
  'Smyth',
  '.',
  ',',
  'ZHI',
);
const nameLike = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(''));
const spacedName = fc.array(fragment, { maxLength: 5 }).map((parts) => parts.join(' '));
const anyName = fc.oneof(nameLike, spacedName, fc.string({ unit: 'grapheme', maxLength: 12 }));

describe('name properties', () => {
  it('normaliseName never throws and always gives lower-case ASCII tokens', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), anyName),
        (raw) => {
          const n = normaliseName(raw);
          for (const t of n.tokens) expect(t).toMatch(/^[a-z]+$/);
          for (const r of n.readings) for (const t of r) expect(t).toMatch(/^[a-z]*$/);
          expect(n.parts).toHaveLength(n.tokens.length);
          expect(nameBlockingKeys(n).length).toBeLessThanOrEqual(MAX_BLOCKING_KEYS);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('compareNames is symmetric in level and similarity, with similarity in [0, 1]', () => {
    fc.assert(
      fc.property(anyName, anyName, (a, b) => {
        const na = normaliseName(a);
        const nb = normaliseName(b);
        const ab = compareNames(na, nb);
        const ba = compareNames(nb, na);
        expect(ba.level).toBe(ab.level);
        expect(ba.similarity).toBe(ab.similarity);
        expect(NAME_LEVELS).toContain(ab.level);
        expect(ab.similarity).toBeGreaterThanOrEqual(0);
        expect(ab.similarity).toBeLessThanOrEqual(1);
        expect(ab.explanation.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('a name compared with itself is exact (when it has letters)', () => {
    fc.assert(
      fc.property(anyName, (a) => {
        const n = normaliseName(a);
        const r = compareNames(n, normaliseName(a));
        expect(r.level).toBe(n.tokens.length > 0 ? 'exact' : 'different');
      }),
      { numRuns: 200 },
    );
  });
});

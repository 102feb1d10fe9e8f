import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jaccard, jaro, jaroWinkler } from './similarity.ts';

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaro('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('same', 'same')).toBe(1);
  });

  it('handles strings longer than 32 characters (array flags path)', () => {
    const a = 'abcdefghijklmnopqrstuvwxyz0123456789abcdef';
    expect(jaroWinkler(a, a)).toBe(1);
    expect(jaroWinkler(a, `${a.slice(0, 20)}X${a.slice(21)}`)).toBeGreaterThan(0.95);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const x = jaroWinkler(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1 + 1e-12);
        expect(jaroWinkler(b, a)).toBeCloseTo(x, 12);
      }),
    );
  });
});

describe('jaccard', () => {
  it('is the share of shared tokens', () => {
    expect(jaccard(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(jaccard(['a'], ['a'])).toBe(1);
    expect(jaccard(['a'], ['b'])).toBe(0);
  });
});

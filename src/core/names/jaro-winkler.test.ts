import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jaroWinkler } from './jaro-winkler.ts';

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    // Winkler's classic examples.
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for equal strings and 0 without common characters or for an empty side', () => {
    expect(jaroWinkler('chen', 'chen')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('gives the same result on the long-string path as on the short one', () => {
    const pad = 'x'.repeat(40);
    const long = jaroWinkler(`martha${pad}`, `marhta${pad}`);
    expect(long).toBeGreaterThan(0.95);
    expect(long).toBeLessThanOrEqual(1);
    expect(jaroWinkler('a'.repeat(50), 'a'.repeat(49) + 'b')).toBeGreaterThan(0.9);
  });

  it('stays within [0, 1] and is symmetric on short lower-case words', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdehilnostuz'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(jaroWinkler(b, a)).toBeCloseTo(s, 12);
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS } from '../vocabulary.ts';
import { AGE_RANGE, ageAt, ageBandOf, birthDateForAge, isoDate, parseIsoDate } from './dates.ts';

describe('demo dates', () => {
  it('birthDateForAge gives exactly the requested age at the anchor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 400 }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        (age, day, at) => ageAt(birthDateForAge(age, at, day), at) === age,
      ),
    );
  });

  it('birthDateForAge on 29 February (the demo now starts on any day): the counterexample fast-check found', () => {
    const at = new Date('2012-02-29T00:00:00Z');
    for (const day of [0, 1, 200, 364, 365])
      for (const age of [0, 1, 3, 4, 30]) expect(ageAt(birthDateForAge(age, at, day), at), `${age}/${day}`).toBe(age);
  });

  it('ageAt counts a birthday only once it has arrived', () => {
    const at = new Date('2026-02-15T00:00:00Z');
    expect(ageAt('2000-02-15', at)).toBe(26);
    expect(ageAt('2000-02-16', at)).toBe(25);
    expect(ageAt('2008-02-29', at)).toBe(17);
  });

  it('every band range maps back to its band', () => {
    for (const band of AGE_BANDS) {
      const [lo, hi] = AGE_RANGE[band];
      expect(ageBandOf(lo)).toBe(band);
      expect(ageBandOf(hi)).toBe(band);
    }
  });

  it('round-trips ISO dates in UTC', () => {
    expect(isoDate(parseIsoDate('2026-01-17'))).toBe('2026-01-17');
  });
});

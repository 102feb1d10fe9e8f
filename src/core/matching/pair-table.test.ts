import { describe, expect, it } from 'vitest';
import { ABSENT, PairTable } from './pair-table.ts';

describe('PairTable', () => {
  it('keeps values of many pairs through growth, tells absent pairs, and updates only pairs it holds', () => {
    const t = new PairTable(Int32Array, Infinity, 4);
    for (let i = 0; i < 3000; i++) t.set(i, i + 7, i * 3);
    for (let i = 0; i < 3000; i++) expect(t.get(i, i + 7)).toBe(i * 3);
    expect(t.get(7, 0)).toBe(ABSENT); // (x, y) is not (y, x): callers order the pair
    t.update(5, 12, -1);
    t.update(5, 13, 9);
    expect(t.get(5, 12)).toBe(-1);
    expect(t.get(5, 13)).toBe(ABSENT);
    let n = 0;
    t.forEach((x, y) => {
      expect(y - x).toBe(7);
      n++;
    });
    expect(n).toBe(3000);
  });

  it('stops taking new pairs at maxEntries but still updates the ones it has', () => {
    const t = new PairTable(Int8Array, 2);
    t.set(1, 2, 3);
    t.set(1, 3, 4);
    t.set(1, 4, 5);
    expect([t.get(1, 2), t.get(1, 3), t.get(1, 4)]).toEqual([3, 4, ABSENT]);
    t.set(1, 2, 6);
    expect(t.get(1, 2)).toBe(3); // full: set is a no-op, update is not
    t.update(1, 2, 6);
    expect(t.get(1, 2)).toBe(6);
  });
});

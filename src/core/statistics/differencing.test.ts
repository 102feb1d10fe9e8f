import { describe, expect, it } from 'vitest';
import { recoverByDifferencing } from './differencing.ts';

describe('the differencing attacker', () => {
  it('recovers a lone hidden member or total by subtraction, through chains of lines', () => {
    const published = new Map<string, number | 'suppressed'>([
      ['a', 5],
      ['b', 'suppressed'],
      ['total', 12],
      ['c', 'suppressed'],
      ['grand', 'suppressed'],
    ]);
    const known = recoverByDifferencing(published, [
      { members: ['a', 'b'], total: 'total' },
      { members: ['total', 'c'], total: 'grand' },
    ]);
    expect(known.get('b')).toBe(7);
    expect(known.has('c')).toBe(false); // two unknowns on its line: not learnable
  });

  it('learns nothing when every line hides at least two figures', () => {
    const published = new Map<string, number | 'suppressed'>([
      ['a', 'suppressed'],
      ['b', 'suppressed'],
      ['total', 30],
    ]);
    expect([...recoverByDifferencing(published, [{ members: ['a', 'b'], total: 'total' }]).keys()]).toEqual(['total']);
  });
});

import { describe, expect, it } from 'vitest';
import { clusterPairs, UnionFind } from './clustering.ts';

describe('clustering', () => {
  it('joins accepted pairs transitively into connected components', () => {
    const a = Int32Array.from([0, 1, 3, 5, 6]);
    const b = Int32Array.from([1, 2, 4, 6, 7]);
    const accepted = [true, true, true, false, true];
    const c = clusterPairs(8, a, b, (p) => accepted[p]!);
    expect(c.members.map((m) => [...m].sort())).toEqual([
      [0, 1, 2],
      [3, 4],
      [6, 7],
    ]);
    expect(c.clusterOf[0]).toBe(c.clusterOf[2]);
    expect(c.clusterOf[5]).not.toBe(c.clusterOf[6]);
  });

  it('keeps singletons out of members unless asked', () => {
    const c = clusterPairs(3, new Int32Array(0), new Int32Array(0), () => true, 1);
    expect(c.members).toHaveLength(3);
    expect(clusterPairs(3, new Int32Array(0), new Int32Array(0), () => true).members).toHaveLength(0);
  });

  it('union-find is idempotent and order independent', () => {
    const uf = new UnionFind(5);
    uf.union(0, 1);
    uf.union(1, 0);
    uf.union(3, 4);
    uf.union(4, 1);
    expect(uf.find(0)).toBe(uf.find(3));
    expect(uf.find(2)).toBe(2);
  });
});

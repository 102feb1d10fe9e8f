import { describe, expect, it } from 'vitest';
import { shortestPath, type PathStep } from './paths.ts';

/** An undirected graph from edges "a-b" (relation id "a-b"), with a counter of neighbour calls. */
function graph(edges: string[]) {
  const adj = new Map<string, PathStep[]>();
  const add = (from: string, to: string, via: string) =>
    adj.set(from, [...(adj.get(from) ?? []), { from, to, via, label: 'linked' }]);
  for (const e of edges) {
    const [a, b] = e.split('-') as [string, string];
    add(a, b, e);
    add(b, a, e);
  }
  const calls: string[][] = [];
  return {
    calls,
    neighbours: async (ids: readonly string[]) => {
      calls.push([...ids]);
      return new Map(ids.map((id) => [id, adj.get(id) ?? []]));
    },
  };
}

describe('shortestPath', () => {
  it('finds the shortest chain, not merely a chain, with the relations it goes through', async () => {
    const g = graph(['a-b', 'b-c', 'c-d', 'd-e', 'a-x', 'x-e']);
    const r = await shortestPath('a', 'e', g.neighbours);
    expect(r).toMatchObject({ found: true, nodes: ['a', 'x', 'e'] });
    if (!r.found) throw new Error('unreachable');
    expect(r.steps.map((s) => [s.from, s.to, s.via])).toEqual([
      ['a', 'x', 'a-x'],
      ['x', 'e', 'x-e'],
    ]);
  });

  it('walks a long chain from both ends and returns the steps in order from start to end', async () => {
    const g = graph(['a-b', 'b-c', 'c-d', 'd-e', 'e-f']);
    const r = await shortestPath('a', 'f', g.neighbours);
    expect(r.found && r.nodes).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(r.found && r.steps.every((s, i, all) => i === 0 || all[i - 1]!.to === s.from)).toBe(true);
  });

  it('stops at the hop limit, and says no path when the two are not connected', async () => {
    const chain = graph(['a-b', 'b-c', 'c-d', 'd-e', 'e-f', 'f-g', 'g-h']);
    expect(await shortestPath('a', 'h', chain.neighbours)).toMatchObject({ found: false, reason: 'too_far' });
    expect(await shortestPath('a', 'h', chain.neighbours, { maxHops: 7 })).toMatchObject({ found: true });
    const apart = graph(['a-b', 'c-d']);
    expect(await shortestPath('a', 'd', apart.neighbours)).toMatchObject({ found: false, reason: 'no_path' });
  });

  it('gives up when a hub would make it visit too many entities', async () => {
    const hub = graph([...Array.from({ length: 500 }, (_, i) => `hub-n${i}`), 'a-hub', 'z-y']);
    expect(await shortestPath('a', 'z', hub.neighbours, { maxVisited: 100 })).toMatchObject({
      found: false,
      reason: 'too_large',
    });
  });

  it('widens the smaller frontier first (a hub at one end is expanded last)', async () => {
    const g = graph([...Array.from({ length: 50 }, (_, i) => `a-n${i}`), 'n0-m', 'm-z']);
    const r = await shortestPath('a', 'z', g.neighbours);
    expect(r.found && r.nodes).toEqual(['a', 'n0', 'm', 'z']);
    expect(g.calls[0]).toEqual(['a']);
    expect(g.calls[1]).toEqual(['z']); // z's frontier (1) is smaller than a's (50)
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_DEGREE, SharedRecords } from './shared-records.ts';

/** Pairs as [i, j, weight]; accepted on their own weight when it reaches t. */
function pairsOf(list: [number, number, number][], t = 0) {
  const a = Int32Array.from(list.map((x) => x[0]));
  const b = Int32Array.from(list.map((x) => x[1]));
  const weight = Float64Array.from(list.map((x) => x[2]));
  const accepted = Uint8Array.from(list.map((x) => (x[2] >= t ? 1 : 0)));
  return { a, b, weight, accepted };
}

function lifted(n: number, list: [number, number, number][], t = 0): number[] {
  const p = pairsOf(list, t);
  const before = Uint8Array.from(p.accepted);
  new SharedRecords(n, p.a, p.b, p.accepted).accept(p.weight, p.accepted, t);
  return [...p.accepted.keys()].filter((k) => p.accepted[k] === 1 && before[k] === 0);
}

describe('accepting through a shared record (average linkage)', () => {
  it('accepts a weak pair when the weaker of the two accepted pairs through the shared record covers its deficit', () => {
    // A=0, B=1, C=2: A–B and B–C accepted, A–C a little short on its own.
    expect(
      lifted(3, [
        [0, 1, 10],
        [1, 2, 10],
        [0, 2, -3],
      ]),
    ).toEqual([2]);
    // Written the other way round (j < i in the pair, the shared record first or last): the same.
    expect(
      lifted(3, [
        [1, 0, 10],
        [2, 1, 10],
        [2, 0, -3],
      ]),
    ).toEqual([2]);
  });

  it('leaves apart a pair with strong evidence against it (twins beside one record of either)', () => {
    expect(
      lifted(3, [
        [0, 1, 10],
        [1, 2, 10],
        [0, 2, -12],
      ]),
    ).toEqual([]);
  });

  it('lends no more than the weaker accepted pair holds', () => {
    expect(
      lifted(3, [
        [0, 1, 2],
        [1, 2, 20],
        [0, 2, -3],
      ]),
    ).toEqual([]);
    expect(
      lifted(3, [
        [0, 1, 3],
        [1, 2, 20],
        [0, 2, -3],
      ]),
    ).toEqual([2]);
  });

  it('measures against the threshold weight, not zero', () => {
    expect(
      lifted(
        3,
        [
          [0, 1, 5],
          [1, 2, 5],
          [0, 2, 1],
        ],
        3,
      ),
    ).toEqual([2]);
    expect(
      lifted(
        3,
        [
          [0, 1, 5],
          [1, 2, 5],
          [0, 2, 0.9],
        ],
        3,
      ),
    ).toEqual([]);
  });

  it('judges on the pairs accepted on their own weight: a lifted pair lends nothing (one pass)', () => {
    // A=0 B=1 C=2 D=3: A–C is lifted through B; A–D could only be lifted through C by the lifted A–C.
    expect(
      lifted(4, [
        [0, 1, 10],
        [1, 2, 10],
        [0, 2, -1],
        [2, 3, 10],
        [0, 3, -1],
      ]),
    ).toEqual([2]);
  });

  it('does not take a record accepted with more than MAX_DEGREE others as the shared record', () => {
    const hub = (k: number): [number, number, number][] => [
      ...Array.from({ length: k }, (_, i): [number, number, number] => [0, i + 1, 10]),
      [1, 2, -1],
    ];
    expect(lifted(MAX_DEGREE + 1, hub(MAX_DEGREE))).toHaveLength(1);
    expect(lifted(MAX_DEGREE + 2, hub(MAX_DEGREE + 1))).toEqual([]);
  });
});

describe('pairs through a shared record', () => {
  it('lists the pairs that share an accepted record and were not compared, once each', () => {
    // 0–1, 1–2, 1–3 accepted; 0–2 compared already; 0–3 and 2–3 not; 4 only rejected.
    const p = pairsOf([
      [0, 1, 8],
      [2, 1, 8],
      [1, 3, 8],
      [0, 2, -5],
      [1, 4, -20],
    ]);
    const found = new SharedRecords(5, p.a, p.b, p.accepted).notCompared();
    const pairs = [...found.a].map((i, k) => [i, found.b[k]]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(pairs).toEqual([
      [0, 3],
      [2, 3],
    ]);
  });

  it('finds nothing through a rejected pair', () => {
    const p = pairsOf([
      [0, 1, 8],
      [1, 2, -1],
    ]);
    expect(new SharedRecords(3, p.a, p.b, p.accepted).notCompared().a).toHaveLength(0);
  });

  it('accepts a pair compared after the fact, at the index it was added', () => {
    const p = pairsOf([
      [0, 1, 9],
      [2, 1, 4],
    ]);
    const shared = new SharedRecords(3, p.a, p.b, p.accepted);
    const extra = shared.notCompared();
    expect([...extra.a, ...extra.b]).toEqual([0, 2]);
    shared.add(extra.a, extra.b, 2);
    // 0–2 compared at -3.5: 4 (the weaker accepted pair) covers it; at -4.5 it does not.
    for (const [w, lifted] of [
      [-3.5, 1],
      [-4.5, 0],
    ] as const) {
      const accepted = Uint8Array.from([1, 1, 0]);
      expect(shared.accept(Float64Array.from([9, 4, w]), accepted, 0)).toBe(lifted);
      expect(accepted[2]).toBe(lifted);
    }
  });
});

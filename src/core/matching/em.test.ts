import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random.ts';
import { runEm } from './em.ts';

function draw(rng: Rng, probs: readonly number[]): number {
  let r = rng.next();
  for (let l = 0; l < probs.length; l++) {
    r -= probs[l]!;
    if (r < 0) return l;
  }
  return probs.length - 1;
}

/** Pairs generated from known m, u and λ; some values missing at random. */
function simulate(seed: number, n: number, lambda: number, m: number[][], u: number[][], missing = 0.1): Int8Array[] {
  const rng = createRng(seed);
  const levels = m.map(() => new Int8Array(n));
  for (let p = 0; p < n; p++) {
    const match = rng.chance(lambda);
    for (let c = 0; c < m.length; c++) levels[c]![p] = rng.chance(missing) ? -1 : draw(rng, (match ? m[c] : u[c])!);
  }
  return levels;
}

describe('runEm', () => {
  const m = [
    [0.85, 0.1, 0.05],
    [0.7, 0.2, 0.1],
    [0.9, 0.1],
    [0.6, 0.3, 0.1],
  ];
  const u = [
    [0.01, 0.09, 0.9],
    [0.05, 0.15, 0.8],
    [0.02, 0.98],
    [0.1, 0.2, 0.7],
  ];

  it('recovers known m and λ from simulated pairs with u fixed', () => {
    const lambda = 0.2;
    const levels = simulate(11, 60_000, lambda, m, u);
    const start = m.map((row) => row.map(() => 1 / row.length));
    const result = runEm(
      levels,
      m.map((r) => r.length),
      m.map(() => true),
      u,
      start,
      { startLambda: 0.5, maxIterations: 200, tolerance: 1e-7 },
    );
    expect(result.lambda).toBeCloseTo(lambda, 1);
    expect(Math.abs(result.lambda - lambda)).toBeLessThan(0.02);
    for (let c = 0; c < m.length; c++)
      for (let l = 0; l < m[c]!.length; l++) expect(Math.abs(result.m[c]![l]! - m[c]![l]!)).toBeLessThan(0.03);
    for (const row of result.m) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
  });

  it('leaves inactive comparisons untouched (held fixed by the training rule)', () => {
    const levels = simulate(12, 20_000, 0.3, m, u);
    const start = m.map((row) => row.map(() => 1 / row.length));
    const active = [true, false, true, true];
    const result = runEm(
      levels,
      m.map((r) => r.length),
      active,
      u,
      start,
    );
    expect(result.m[1]).toEqual(start[1]);
    expect(Math.abs(result.m[0]![0]! - 0.85)).toBeLessThan(0.05);
  });

  it('converges within the iteration budget', () => {
    const levels = simulate(13, 10_000, 0.1, m, u);
    const result = runEm(
      levels,
      m.map((r) => r.length),
      m.map(() => true),
      u,
      m,
      { maxIterations: 500, tolerance: 1e-6 },
    );
    expect(result.iterations).toBeLessThan(500);
  });
});

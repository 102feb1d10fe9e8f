import { describe, expect, it } from 'vitest';
import { createRng } from '../../random.ts';
import { generateSyntheticPopulation } from '../synthetic.ts';
import { survivorSettings } from '../synthetic-settings.ts';
import { buildComparator } from '../comparators/build-comparator.ts';
import { prepareRecords, type PreparedSet } from '../prepared-set.ts';
import { computeLevels } from '../scoring.ts';
import { createLevelsPool } from './levels-pool.ts';
import { CHUNK_PAIRS } from './chunks.ts';
import type { MatchRecord } from '../types.ts';

const settings = survivorSettings();
const prepare = (records: MatchRecord[]) => prepareRecords(records, settings.comparisons.map(buildComparator));

/** `n` random record indices of `set`: one side of n random pairs. */
const randomSide = (rng: ReturnType<typeof createRng>, set: PreparedSet, n: number): Int32Array =>
  Int32Array.from({ length: n }, () => rng.int(set.records.length));

/** `n` random pairs (enough for the pool to use its worker) give the pool the levels one thread gives on `reference`. */
async function expectSameLevels(
  set: PreparedSet,
  reference: PreparedSet,
  seed: number,
  n: number,
  { prepareFirst = false } = {},
): Promise<void> {
  const rng = createRng(seed);
  const a = randomSide(rng, set, n);
  const b = randomSide(rng, set, n);
  const pool = createLevelsPool(settings.comparisons);
  try {
    if (prepareFirst) pool.prepare(set);
    const parallel = await pool.levelsFor(set, a, b);
    const single = computeLevels(reference, a, b);
    expect(parallel.length).toBe(single.length);
    parallel.forEach((col, c) => expect(Buffer.from(col.buffer).equals(Buffer.from(single[c]!.buffer))).toBe(true));
  } finally {
    await pool.close();
  }
}

describe('createLevelsPool', () => {
  it('returns the same levels as the single-threaded computation', async () => {
    const set = prepare(generateSyntheticPopulation(createRng(2), 3000));
    await expectSameLevels(set, set, 3, 40_000);
  });

  it('shares a batch of several pieces between the threads, the worker given the set before the batch', async () => {
    // Pieces taken from a shared counter by both threads, a last piece shorter than the others: every pair's levels
    // are written once, in its own place.
    const set = prepare(generateSyntheticPopulation(createRng(8), 3000));
    await expectSameLevels(set, set, 9, 3 * CHUNK_PAIRS + 1234, { prepareFirst: true });
  });

  it('tells a batch in flight, and any later one, that the worker is gone instead of waiting for it', async () => {
    const set = prepare(generateSyntheticPopulation(createRng(10), 2000));
    const rng = createRng(11);
    const pairs = (n: number) => randomSide(rng, set, n);
    const pool = createLevelsPool(settings.comparisons);
    await pool.levelsFor(set, pairs(30_000), pairs(30_000)); // the worker is ready and has answered once
    const inFlight = pool.levelsFor(set, pairs(4 * CHUNK_PAIRS), pairs(4 * CHUNK_PAIRS));
    await pool.close();
    // The worker may have answered before it ended (then the levels are whole); otherwise the batch is refused.
    const outcome = await inFlight.then(
      (levels) => levels.length,
      (e: Error) => e.message,
    );
    expect([settings.comparisons.length, 'levels pool closed']).toContain(outcome);
    await expect(pool.levelsFor(set, pairs(30_000), pairs(30_000))).rejects.toThrow(/levels pool closed/);
  });

  it('prepares names again in the worker, in step with the calling thread when some prepare to nothing', async () => {
    // Blank names are distinct raw values that prepare to null: no record's id names them, and the worker's
    // list of distinct values must keep their places for every later name to line up.
    const records = generateSyntheticPopulation(createRng(6), 2500).map((r, i) =>
      i % 7 === 3 ? { ...r, fields: { ...r.fields, name: ' '.repeat(1 + (i % 3)) } } : r,
    );
    const set = prepare(records);
    const c = settings.comparisons.findIndex((s) => s.kind === 'person_name');
    expect(set.distinct![c]!.filter((v) => v === null).length).toBe(3);
    await expectSameLevels(set, set, 7, 30_000);
  });

  it('prepares raw values in the worker when the set carries no distinct values', async () => {
    const full = prepare(generateSyntheticPopulation(createRng(4), 2000));
    await expectSameLevels({ ...full, distinct: undefined, valueIds: undefined }, full, 5, 30_000);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../random.ts';
import { generateSyntheticPopulation } from '../synthetic.ts';
import { survivorSettings } from '../synthetic-settings.ts';
import { buildComparator } from '../comparators/build-comparator.ts';
import { prepareRecords } from '../prepared-set.ts';
import { computeLevels } from '../scoring.ts';
import { createLevelsPool } from './levels-pool.ts';

describe('createLevelsPool', () => {
  it('returns the same levels as the single-threaded computation', async () => {
    const records = generateSyntheticPopulation(createRng(2), 3000);
    const settings = survivorSettings();
    const set = prepareRecords(records, settings.comparisons.map(buildComparator));
    const rng = createRng(3);
    const n = 40_000;
    const a = Int32Array.from({ length: n }, () => rng.int(records.length));
    const b = Int32Array.from({ length: n }, () => rng.int(records.length));
    const pool = createLevelsPool(settings.comparisons);
    try {
      const parallel = await pool.levelsFor(set, a, b);
      const single = computeLevels(set, a, b);
      expect(parallel.length).toBe(single.length);
      parallel.forEach((col, c) => expect(Buffer.from(col.buffer).equals(Buffer.from(single[c]!.buffer))).toBe(true));
    } finally {
      await pool.close();
    }
  });

  it('prepares names again in the worker, in step with the calling thread when some prepare to nothing', async () => {
    // Blank names are distinct raw values that prepare to null: no record's id names them, and the worker's
    // list of distinct values must keep their places for every later name to line up.
    const records = generateSyntheticPopulation(createRng(6), 2500).map((r, i) =>
      i % 7 === 3 ? { ...r, fields: { ...r.fields, name: ' '.repeat(1 + (i % 3)) } } : r,
    );
    const settings = survivorSettings();
    const set = prepareRecords(records, settings.comparisons.map(buildComparator));
    const c = settings.comparisons.findIndex((s) => s.kind === 'person_name');
    expect(set.distinct![c]!.filter((v) => v === null).length).toBe(3);
    const rng = createRng(7);
    const n = 30_000;
    const a = Int32Array.from({ length: n }, () => rng.int(records.length));
    const b = Int32Array.from({ length: n }, () => rng.int(records.length));
    const pool = createLevelsPool(settings.comparisons);
    try {
      const parallel = await pool.levelsFor(set, a, b);
      const single = computeLevels(set, a, b);
      parallel.forEach((col, c) => expect(Buffer.from(col.buffer).equals(Buffer.from(single[c]!.buffer))).toBe(true));
    } finally {
      await pool.close();
    }
  });

  it('prepares raw values in the worker when the set carries no distinct values', async () => {
    const records = generateSyntheticPopulation(createRng(4), 2000);
    const settings = survivorSettings();
    const full = prepareRecords(records, settings.comparisons.map(buildComparator));
    const set = { ...full, distinct: undefined, valueIds: undefined };
    const rng = createRng(5);
    const n = 30_000;
    const a = Int32Array.from({ length: n }, () => rng.int(records.length));
    const b = Int32Array.from({ length: n }, () => rng.int(records.length));
    const pool = createLevelsPool(settings.comparisons);
    try {
      const parallel = await pool.levelsFor(set, a, b);
      const single = computeLevels(full, a, b);
      parallel.forEach((col, c) => expect(Buffer.from(col.buffer).equals(Buffer.from(single[c]!.buffer))).toBe(true));
    } finally {
      await pool.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { prepareRecords } from './prepared-set.ts';
import { estimateU, trainModel } from './training.ts';
import type { MatchRecord } from './types.ts';
import type { ModelSettings } from './model.ts';

describe('estimateU', () => {
  it('estimates u of exact agreement as the chance two random records share a value', () => {
    const rng = createRng(3);
    const records: MatchRecord[] = Array.from({ length: 2000 }, (_, i) => ({
      id: String(i),
      fields: { city: `c${rng.int(10)}` },
    }));
    const set = prepareRecords(records, [buildComparator({ kind: 'exact', name: 'city', fields: ['city'] })]);
    const u = estimateU(set, createRng(4), 100_000);
    expect(u[0]![0]).toBeGreaterThan(0.09);
    expect(u[0]![0]).toBeLessThan(0.11);
    expect(u[0]![0]! + u[0]![1]!).toBeCloseTo(1, 9);
  });

  it('is reproducible with the same seed', () => {
    const records: MatchRecord[] = Array.from({ length: 300 }, (_, i) => ({
      id: String(i),
      fields: { city: `c${i % 7}` },
    }));
    const set = prepareRecords(records, [buildComparator({ kind: 'exact', name: 'city', fields: ['city'] })]);
    expect(estimateU(set, createRng(9), 5000)).toEqual(estimateU(set, createRng(9), 5000));
  });
});

describe('trainModel', () => {
  it('trains m by EM round-robin and estimates λ close to the true share of matching pairs', () => {
    // 1500 people, each written twice; names and dobs with occasional typos.
    const rng = createRng(8);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = () => Array.from({ length: 6 }, () => letters[rng.int(26)]).join('');
    const records: MatchRecord[] = [];
    for (let p = 0; p < 1500; p++) {
      const name = word();
      const family = word();
      const dob = `19${50 + rng.int(50)}-0${1 + rng.int(9)}-1${rng.int(9)}`;
      for (let k = 0; k < 2; k++) {
        const typo = k === 1 && rng.chance(0.3);
        records.push({
          id: `${p}-${k}`,
          fields: {
            name: typo ? name.slice(0, 5) + 'x' : name,
            family,
            dob: k === 1 && rng.chance(0.2) ? dob.slice(0, 4) : dob,
          },
        });
      }
    }
    const settings: ModelSettings = {
      id: 't',
      version: 1,
      threshold: 0.5,
      comparisons: [
        { kind: 'string', name: 'name', fields: ['name'] },
        { kind: 'string', name: 'family', fields: ['family'] },
        { kind: 'date', name: 'dob', fields: ['dob'] },
      ],
      blockingRules: [{ on: ['family'] }, { on: ['dob'] }],
    };
    const set = prepareRecords(records, settings.comparisons.map(buildComparator));
    const model = trainModel(set, settings, { rng: createRng(1) });
    const trueLambda = 1500 / ((3000 * 2999) / 2);
    expect(model.lambda / trueLambda).toBeGreaterThan(0.5);
    expect(model.lambda / trueLambda).toBeLessThan(2);
    // name: 70% exact, 30% one-letter typo.
    expect(model.m[0]![0]).toBeGreaterThan(0.6);
    expect(model.m[0]![0]).toBeLessThan(0.8);
    // dob: ~80% exact, ~20% year only.
    expect(model.m[2]![0]).toBeGreaterThan(0.7);
    expect(model.m[2]![4]).toBeGreaterThan(0.1);
  });
});

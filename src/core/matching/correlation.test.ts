import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { detectCorrelations, interactionCorrection, planCorrelations } from './correlation.ts';
import { linkRecords } from './pipeline.ts';
import { pairwiseMetrics } from './evaluation.ts';
import { prepareRecords } from './prepared-set.ts';
import type { ComparatorSpec, MatchRecord } from './types.ts';

const C = 'bdgklmnprstvz';
const V = 'aeiou';
const word = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => C[rng.int(C.length)]! + V[rng.int(V.length)]!).join('');
const pad2 = (x: number): string => String(x).padStart(2, '0');

/**
 * People drawn from few given names and surnames (namesakes are common), each registered twice
 * (second copy: a day of birth mistyped for some); full name = given + surname, e-mail from the given name.
 */
function population(people: number, seed: number): { records: MatchRecord[]; truth: string[] } {
  const rng = createRng(seed);
  const givens = Array.from({ length: 40 }, () => word(rng, 2));
  const surnames = Array.from({ length: 40 }, () => word(rng, 3));
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  for (let p = 0; p < people; p++) {
    const given = givens[rng.int(givens.length)]!;
    const surname = surnames[rng.int(surnames.length)]!;
    const dob = `${1950 + rng.int(50)}-${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`;
    const copies = rng.chance(0.3) ? 2 : 1;
    for (let k = 0; k < copies; k++) {
      const d = k === 1 && rng.chance(0.3) ? `${dob.slice(0, 8)}${pad2(1 + rng.int(28))}` : dob;
      records.push({
        id: `${p}-${k}`,
        fields: { full: `${given} ${surname}`, given, surname, dob: d, email: `${given}${rng.int(100)}@x.org` },
      });
      truth.push(String(p));
    }
  }
  return { records, truth };
}

const PARTS: ComparatorSpec[] = [
  { kind: 'string', name: 'given', fields: ['given'] },
  { kind: 'string', name: 'surname', fields: ['surname'] },
  { kind: 'date', name: 'dob', fields: ['dob'] },
];
const FULL: ComparatorSpec = { kind: 'string', name: 'full', fields: ['full'] };
const EMAIL: ComparatorSpec = { kind: 'string', name: 'email', fields: ['email'] };

describe('detectCorrelations and planCorrelations', () => {
  const { records } = population(400, 1);
  it('finds a full name made of its parts and leaves it out; the parts stay independent', () => {
    const set = prepareRecords(records, [FULL, ...PARTS].map(buildComparator));
    const pairs = detectCorrelations(set);
    const named = pairs.map((p) => `${set.comparators[p.a]!.name}>${set.comparators[p.b]!.name}`).sort();
    expect(named).toEqual(['full>given', 'full>surname']);
    const plan = planCorrelations(pairs, set.comparators.length);
    expect(plan.dropped).toEqual([0]);
    expect(plan.interactions).toEqual([]);
  });

  it('keeps a field built from one other (e-mail from the given name) but counts their agreement once', () => {
    const set = prepareRecords(records, [...PARTS, EMAIL].map(buildComparator));
    const plan = planCorrelations(detectCorrelations(set), set.comparators.length);
    expect(plan.dropped).toEqual([]);
    expect(plan.interactions).toEqual([{ a: 3, b: 0 }]);
  });

  it('leaves the same column mapped twice out once', () => {
    const set = prepareRecords(records, [...PARTS, { ...PARTS[1]!, name: 'surname2' }].map(buildComparator));
    const plan = planCorrelations(detectCorrelations(set), set.comparators.length);
    expect(plan.dropped).toEqual([3]);
  });

  it('counts only the stronger weight when both agree, nothing when either disagrees', () => {
    // levels: 0 = exact, last = else (3 levels here)
    expect(interactionCorrection(0, 0, 6, 4, 3, 3)).toBe(-4);
    expect(interactionCorrection(1, 0, 2, 9, 3, 3)).toBe(-2);
    expect(interactionCorrection(2, 0, -3, 9, 3, 3)).toBe(0);
    expect(interactionCorrection(-1, 0, 5, 9, 3, 3)).toBe(0);
  });
});

describe('a full name beside its parts in the whole pipeline', () => {
  it('does not lower precision the way double counting did', async () => {
    const { records, truth } = population(1500, 2);
    const run = async (comparisons: ComparatorSpec[]) => {
      const r = await linkRecords({
        settings: {
          id: 't',
          version: 1,
          comparisons,
          blockingRules: [{ on: ['dob'] }, { on: ['surname'] }],
          threshold: 0.5,
        },
        records,
        rng: createRng(3),
      });
      const acc = new Uint8Array(r.pairs.a.length);
      for (const p of r.accepted) acc[p] = 1;
      return { m: pairwiseMetrics(truth, null, r.pairs.a, r.pairs.b, (p) => acc[p] === 1), model: r.model };
    };
    const parts = await run(PARTS);
    const withFull = await run([FULL, ...PARTS]);
    expect(withFull.m.precision).toBeGreaterThanOrEqual(parts.m.precision - 0.02);
    expect(withFull.m.f1).toBeGreaterThanOrEqual(parts.m.f1 - 0.02);
    expect(withFull.model.correlation!.dropped).toEqual([0]);
    expect(withFull.model.weights[0]!.every((w) => w === 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random.ts';
import { blockingRuleFromSpec, blockPairs } from './blocking.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { crossedLevels, crossedPairs } from './crossed.ts';
import { pairwiseMetrics } from './evaluation.ts';
import { explainPair } from './explain.ts';
import { MatchIndex } from './match-index.ts';
import { linkRecords } from './pipeline.ts';
import { prepareRecords } from './prepared-set.ts';
import type { ComparatorSpec, MatchRecord } from './types.ts';

const str = (name: string, options?: ComparatorSpec['options']): ComparatorSpec => ({
  kind: 'string',
  name,
  fields: [name],
  ...(options && { options }),
});
const comps = (...specs: ComparatorSpec[]) => specs.map(buildComparator);

describe('crossedPairs', () => {
  it('pairs a given-name comparison with a family-name one of the same kind and options', () => {
    expect(crossedPairs(comps(str('first_name'), str('surname'), str('city')))).toEqual([[0, 1]]);
    expect(crossedPairs(comps(str('last_name'), str('dob'), str('given_name')))).toEqual([[2, 0]]);
    expect(crossedPairs(comps(str('forename'), str('family_name')))).toEqual([[0, 1]]);
  });

  it('leaves other columns, other kinds and other options alone', () => {
    expect(crossedPairs(comps(str('city'), str('email')))).toEqual([]);
    expect(crossedPairs(comps(str('first_name'), str('surname_jw', { jwHigh: 0.95 })))).toEqual([]);
    expect(crossedPairs(comps(str('first_name'), { kind: 'exact', name: 'surname', fields: ['surname'] }))).toEqual([]);
    // "firstly" or "lastly" are not names; a family-name column alone has nothing to cross with.
    expect(crossedPairs(comps(str('firstly'), str('lastly')))).toEqual([]);
    expect(crossedPairs(comps(str('surname'), str('dob')))).toEqual([]);
  });
});

describe('crossedLevels', () => {
  const [g, f] = comps(str('first_name'), str('surname'));
  const level = (x: string | null, y: string | null) => g!.compare(x, y);
  it('keeps the crossed alignment only when it agrees strictly more', () => {
    // Logan Ferguson / Ferguson Logan: straight both 'else', crossed both exact.
    expect(crossedLevels(g!, f!, level('logan', 'ferguson'), 4, 'logan', 'ferguson', 'ferguson', 'logan')).toEqual([
      0, 0,
    ]);
    // A single name in the other column (∅ Thomas / Thomas Gabriel): crossed surname agrees, given is missing.
    expect(crossedLevels(g!, f!, -1, 4, null, 'thomas', 'thomas', 'gabriel')).toEqual([-1, 0]);
    // Straight as good as crossed (Anna Anna / Anna Anna-Maria): straight stays.
    expect(crossedLevels(g!, f!, 0, 3, 'anna', 'anna', 'anna', 'anna maria')).toBeNull();
    // Two different people: nothing agrees either way.
    expect(crossedLevels(g!, f!, 4, 4, 'logan', 'ferguson', 'mia', 'jones')).toBeNull();
  });
});

describe('blocking on a given name and a family name', () => {
  const records: MatchRecord[] = [
    { id: 'a', fields: { first_name: 'Logan', surname: 'Ferguson', city: 'Leeds', email: 'York' } },
    { id: 'b', fields: { first_name: 'Ferguson', surname: 'Logan', city: 'York', email: 'Leeds' } },
  ];
  const set = prepareRecords(records, comps(str('first_name'), str('surname'), str('city'), str('email')));
  it('meets the same person with the names in each other column', () => {
    const rule = blockingRuleFromSpec({ on: ['first_name', 'surname'] }, set);
    expect(blockPairs(set, [rule]).a.length).toBe(1);
    const phonetic = blockingRuleFromSpec(
      {
        on: [
          { comparison: 'surname', variant: 'phonetic' },
          { comparison: 'first_name', variant: 'phonetic' },
        ],
      },
      set,
    );
    expect(blockPairs(set, [phonetic]).a.length).toBe(1);
  });
  it('keeps column order for other combinations and for mixed key variants', () => {
    expect(blockPairs(set, [blockingRuleFromSpec({ on: ['city', 'email'] }, set)]).a.length).toBe(0);
    const mixed = blockingRuleFromSpec({ on: ['first_name', { comparison: 'surname', variant: 'phonetic' }] }, set);
    expect(blockPairs(set, [mixed]).a.length).toBe(0);
  });
});

const C = 'bdgklmnprstvz';
const V = 'aeiou';
const word = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => C[rng.int(C.length)]! + V[rng.int(V.length)]!).join('');
const pad2 = (x: number): string => String(x).padStart(2, '0');

/**
 * People registered twice; in a fifth of the second copies the given name and surname trade columns. The attack:
 * names drawn from one shared list (Thomas is a given name and a surname), so different people often carry each
 * other's names crossed (Thomas James / James Thomas), and a tenth have a mirror: another person with their names
 * crossed, in the same town, born the same year. Crossing must not make them match.
 */
function population(people: number, seed: number, given: string, family: string) {
  const rng = createRng(seed);
  const names = Array.from({ length: 60 }, () => word(rng, 3));
  const towns = Array.from({ length: 30 }, () => word(rng, 2));
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  const swapped = new Set<string>();
  for (let p = 0; p < people; p++) {
    const g = names[rng.int(names.length)]!;
    const f = names[rng.int(names.length)]!;
    const dob = `${1940 + rng.int(60)}-${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`;
    const town = towns[rng.int(towns.length)]!;
    const copies = rng.chance(0.5) ? 2 : 1;
    for (let k = 0; k < copies; k++) {
      const swap = k === 1 && rng.chance(0.2);
      if (swap) swapped.add(String(p));
      records.push({ id: `${p}-${k}`, fields: { [given]: swap ? f : g, [family]: swap ? g : f, dob, town } });
      truth.push(String(p));
    }
    const kin = rng.next();
    if (kin < 0.1) {
      // Another person with the same names, crossed (a mirror) or not (a namesake), in the same town, born the
      // same year on another day.
      const mirror = kin < 0.05;
      const other = `${dob.slice(0, 5)}${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`;
      const [x, y] = mirror ? [f, g] : [g, f];
      records.push({
        id: `${p}-${mirror ? 'mirror' : 'namesake'}`,
        fields: { [given]: x, [family]: y, dob: other, town },
      });
      truth.push(`${p}-kin`);
    }
  }
  return { records, truth, swapped };
}

describe('linkRecords with given and family names written in each other column', () => {
  const run = async (given: string, family: string) => {
    const { records, truth, swapped } = population(1500, 5, given, family);
    // Term frequencies on: explanations and the index must weigh a crossed pair as the batch does.
    const specs: ComparatorSpec[] = [
      { ...str(given), termFrequency: true },
      { ...str(family), termFrequency: true },
      { kind: 'date', name: 'dob', fields: ['dob'] },
      str('town'),
    ];
    const result = await linkRecords({
      settings: { id: 't', version: 1, comparisons: specs, blockingRules: [], threshold: 0.5 },
      records,
      rng: createRng(6),
    });
    const accepted = new Uint8Array(result.pairs.a.length);
    for (const p of result.accepted) accepted[p] = 1;
    const m = pairwiseMetrics(truth, null, result.pairs.a, result.pairs.b, (p) => accepted[p] === 1);
    let swappedFound = 0;
    const wrong = { mirror: 0, namesake: 0 };
    for (const p of result.accepted) {
      const t = truth[result.pairs.a[p]!]!;
      if (t === truth[result.pairs.b[p]!] && swapped.has(t)) swappedFound++;
      for (const r of [result.pairs.a[p]!, result.pairs.b[p]!])
        if (t !== truth[result.pairs.b[p]!] && records[r]!.id.endsWith('mirror')) wrong.mirror++;
        else if (t !== truth[result.pairs.b[p]!] && records[r]!.id.endsWith('namesake')) wrong.namesake++;
    }
    return { m, swappedFound, swapped: swapped.size, wrong, result, records };
  };

  it('finds the crossed duplicates, and different people with crossed names stay apart', async () => {
    const crossed = await run('first_name', 'surname');
    // Column names that say nothing about names: compared straight only, the same data as a control.
    const straight = await run('col_a', 'col_b');
    expect(crossed.swapped).toBeGreaterThan(50);
    expect(crossed.swappedFound).toBeGreaterThan(0.9 * crossed.swapped);
    expect(straight.swappedFound).toBeLessThan(0.5 * straight.swapped);
    expect(crossed.m.recall).toBeGreaterThan(straight.m.recall + 0.05);
    // Crossed names are the same evidence as straight ones, no more: a mirror is taken for the person about as
    // often as a namesake is (this clean population has no other way to tell kin apart than the day of birth),
    // and no one else is.
    expect(crossed.wrong.mirror).toBeLessThanOrEqual(1.25 * crossed.wrong.namesake + 10);
    expect(crossed.m.falsePositives - crossed.wrong.mirror - crossed.wrong.namesake).toBeLessThanOrEqual(5);

    // Explanation and the one-record index see the crossed alignment the batch scored.
    const { result, records } = crossed;
    const p = result.accepted.find((q) => {
      const x = records[result.pairs.a[q]!]!.fields;
      const y = records[result.pairs.b[q]!]!.fields;
      return x.first_name === y.surname && x.surname === y.first_name && x.first_name !== x.surname;
    });
    expect(p).toBeDefined();
    const left = records[result.pairs.a[p!]!]!;
    const right = records[result.pairs.b[p!]!]!;
    const explained = explainPair(result.model, left, right);
    expect(explained.matchWeight).toBeCloseTo(result.pairs.weight[p!]!, 6);
    const first = explained.comparisons.find((c) => c.comparison === 'first_name')!;
    expect(first.levelName).toBe('exact');
    expect(first.values).toEqual([left.fields.first_name, right.fields.surname]);
    const index = new MatchIndex(result.model);
    index.add(left);
    const scored = index.score(right).find((s) => s.id === left.id);
    expect(scored?.matchWeight).toBeCloseTo(result.pairs.weight[p!]!, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { generateSyntheticPopulation } from './synthetic.ts';
import { survivorSettings } from './synthetic-settings.ts';
import { linkRecords } from './pipeline.ts';
import { weightsFromLevels } from './scoring.ts';
import { MatchIndex } from './match-index.ts';
import { explainPair } from './explain.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { prepareRecords } from './prepared-set.ts';
import { datedNames, fitNamesakes, namesakeCategory, namesakeComparisons } from './namesakes.ts';
import type { MatchRecord } from './types.ts';

// Invented two-part names (none of the synthetic population's), one per index.
const SYL = ['ka', 'lo', 'mi', 'ren', 'dus', 'vo', 'tai', 'bex', 'quo', 'zan'];
const token = (k: number, salt: number) =>
  SYL[k % 10]! + SYL[Math.floor(k / 10) % 10]! + SYL[(salt + Math.floor(k / 100)) % 10]! + 'r';
const nameOf = (k: number, salt: number) => {
  const t = token(k, salt);
  const f = token(k + 37, salt + 3);
  return `${t[0]!.toUpperCase()}${t.slice(1)} ${f[0]!.toUpperCase()}${f.slice(1)}`;
};
const date = (k: number, person: number) =>
  `${1960 + ((k * 7 + person * 11) % 40)}-${String(1 + ((k + person * 5) % 12)).padStart(2, '0')}-${String(1 + ((k * 3 + person * 7) % 27) + 1).padStart(2, '0')}`;
const phone = (k: number, person: number) => `+234 80${String(10_000_000 + k * 97 + person * 7919).slice(0, 8)}`;

/**
 * Sixty "solo" names, each carried by one person written twice with a birth date and once without; sixty "crowded"
 * names, each carried by three people with different birth dates and by a fourth written once, without a date. Half
 * the undated records give a phone (the solo person's own, or the fourth person's new one): pairs the other fields
 * settle, from which EM learns what the namesake categories say; the other half give none (the coin flips).
 */
function namesakePopulation(): MatchRecord[] {
  const records: MatchRecord[] = [];
  // The person is in the id: truth is not needed, the engine is label-free.
  const add = (id: string, fields: Record<string, string | null>) => records.push({ id, source: 'left', fields });
  for (let k = 0; k < 60; k++) {
    const name = nameOf(k, 1);
    const dob = date(k, 0);
    const tel = phone(k, 0);
    add(`solo-${k}-a`, { name, dob, phone: tel, nationality: 'NG', passport: null });
    add(`solo-${k}-b`, { name, dob, phone: null, nationality: 'NG', passport: null });
    add(`solo-${k}-undated`, {
      name,
      dob: null,
      phone: k % 2 === 0 ? tel : null,
      nationality: 'NG',
      passport: null,
    });
  }
  for (let k = 0; k < 60; k++) {
    const name = nameOf(k, 6);
    for (let person = 1; person <= 3; person++)
      add(`crowd-${k}-${person}`, {
        name,
        dob: date(k, person),
        phone: phone(k + 100, person),
        nationality: 'NG',
        passport: null,
      });
    add(`crowd-${k}-undated`, {
      name,
      dob: null,
      phone: k % 2 === 0 ? phone(k + 100, 4) : null,
      nationality: 'NG',
      passport: null,
    });
  }
  return records;
}

describe('namesake categories', () => {
  const comparators = survivorSettings().comparisons.map(buildComparator);
  const rec = (id: string, name: string, dob: string | null): MatchRecord => ({ id, fields: { name, dob } });
  const records = [
    rec('one-a', 'Okonkwo Zebedee', '1980-05-12'),
    rec('one-b', 'Okonkwo Zebedee', '1980-05-13'), // a digit off: the same person
    rec('one-c', 'Zebedee Okonkwo', '12/05/1980'), // reordered, another format
    rec('one-undated', 'Okonkwo Zebedee', null),
    rec('many-a', 'Yin Samnang', '1980-05-12'),
    rec('many-b', 'Yin Samnang', '1983-02-07'), // another person with the name
    rec('many-undated', 'Yin Samnang', null),
    rec('other', 'Sok Dara', null),
    rec('many-year', 'Yin Samnang', '1983'), // a year only: no full date
    rec('one-placeholder', 'Okonkwo Zebedee', '1975-01-01'), // the unknown-date placeholder: not another person
  ];
  const set = prepareRecords(records, comparators);
  const plan = namesakeComparisons({
    comparators,
    tf: comparators.map((c) => (c.spec.termFrequency ? new Map() : null)),
  })!;
  const dated = datedNames(set, plan.name, plan.date);
  const category = (i: number, j: number) =>
    namesakeCategory(
      comparators,
      dated,
      plan,
      comparators[plan.name]!.compare(set.values[plan.name]![i], set.values[plan.name]![j]),
      set.values[plan.name]![i],
      set.values[plan.date]![i],
      set.values[plan.name]![j],
      set.values[plan.date]![j],
    );

  it('reads the person-name comparison with term frequencies and the date comparison', () => {
    expect(comparators[plan.name]!.spec.kind).toBe('person_name');
    expect(comparators[plan.date]!.spec.kind).toBe('date');
    expect(namesakeComparisons({ comparators, tf: comparators.map(() => null) })).toBeNull();
  });

  it('counts one person for one date written with a typo, a swap or another format; two for two dates', () => {
    expect(category(3, 0)).toBe(0);
    expect(category(1, 3)).toBe(0);
    expect(category(6, 4)).toBe(1);
    expect(category(5, 6)).toBe(1);
  });

  it('takes a year or the 1 January placeholder for no full date, and neither for another person', () => {
    expect(category(8, 4)).toBe(1);
    expect(category(9, 0)).toBe(0);
    expect(category(3, 0)).toBe(0);
    expect(category(8, 6)).toBe(-1);
  });

  it('leaves out pairs with both dates or neither, and names that disagree', () => {
    expect(category(0, 1)).toBe(-1);
    expect(category(3, 6)).toBe(-1);
    expect(category(7, 0)).toBe(-1);
  });

  it('fits nothing when a category has too few pairs, and no weight when the base weights say nothing', () => {
    const few = Int8Array.from([0, 1, 1, 0]);
    expect(fitNamesakes(new Float64Array(4), few)).toBeNull();
    const flat = fitNamesakes(
      new Float64Array(100),
      Int8Array.from({ length: 100 }, (_, p) => p % 2),
    )!;
    expect(flat.weights[0]).toBeCloseTo(0, 6);
    expect(flat.weights[1]).toBeCloseTo(0, 6);
  });
});

describe('namesakes without a birth date in linkRecords', async () => {
  const built = namesakePopulation();
  const background = generateSyntheticPopulation(createRng(41), 2000);
  const records: MatchRecord[] = [...built, ...background];
  const base = survivorSettings(0.5);
  const settings = { ...base, blockingRules: [...base.blockingRules, { on: ['name', 'nationality'] }] };
  const result = await linkRecords({ settings, records, rng: createRng(42) });
  const { a, b, levels, weight } = result.pairs;
  const without = weightsFromLevels(result.set, { ...result.model, namesakes: undefined }, a, b, levels);
  const byId = new Map(records.map((r, i) => [r.id, i]));
  const pairOf = (x: string, y: string) => {
    const i = byId.get(x)!;
    const j = byId.get(y)!;
    for (let p = 0; p < a.length; p++) if ((a[p] === i && b[p] === j) || (a[p] === j && b[p] === i)) return p;
    throw new Error(`pair ${x} ${y} not blocked`);
  };
  // Undated records without a phone: only the name (and nationality) speak.
  const solo = pairOf('solo-1-undated', 'solo-1-a');
  const crowd = pairOf('crowd-1-undated', 'crowd-1-2');

  it('fits the categories from the pairs other fields settle: no other dated namesake for, another against', () => {
    const ns = result.model.namesakes!;
    expect(ns).toBeDefined();
    expect(ns.weights[0]).toBeGreaterThan(0);
    expect(ns.weights[1]).toBeLessThan(0);
    expect(ns.pairs[1]).toBeGreaterThanOrEqual(180);
  });

  it("lowers an undated namesake's weight and does not lower a single dated person's undated record", () => {
    expect(weight[crowd]!).toBeLessThan(without[crowd]! - 0.5);
    expect(weight[solo]!).toBeGreaterThanOrEqual(without[solo]!);
    // Term frequencies alone barely tell them apart (three records against four); the namesakes do.
    expect(Math.abs(without[solo]! - without[crowd]!)).toBeLessThan(1);
    expect(weight[solo]! - weight[crowd]!).toBeGreaterThan(1);
  });

  it('leaves pairs with both dates alone', () => {
    const dated = pairOf('solo-1-a', 'solo-1-b');
    expect(weight[dated]).toBeCloseTo(without[dated]!, 9);
  });

  it('scores and explains the same weight for one registration against the index', () => {
    const index = new MatchIndex(result.model, settings.blockingRules);
    for (const r of records) if (r.id !== 'crowd-1-undated') index.add(r);
    const scored = index.score(records[byId.get('crowd-1-undated')!]!).find((c) => c.id === 'crowd-1-2')!;
    expect(scored.matchWeight).toBeCloseTo(weight[crowd]!, 6);
    const explained = explainPair(
      result.model,
      records[byId.get('crowd-1-undated')!]!,
      records[byId.get('crowd-1-2')!]!,
    );
    expect(explained.matchWeight).toBeCloseTo(weight[crowd]!, 6);
    expect(explained.namesakes!.weight).toBeLessThan(0);
  });
});

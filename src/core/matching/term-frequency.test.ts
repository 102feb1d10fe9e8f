import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { generateSyntheticPopulation } from './synthetic.ts';
import { survivorSettings } from './synthetic-settings.ts';
import { linkRecords } from './pipeline.ts';
import { explainPair } from './explain.ts';
import { MatchIndex } from './match-index.ts';
import { termFrequencies, tfLevelWeight, tfWeightColumns } from './term-frequency.ts';
import { prepareRecords } from './prepared-set.ts';
import type { MatchRecord } from './types.ts';

// Forty different people called Yin Samnang among a synthetic population; one rare name.
const common: MatchRecord[] = Array.from({ length: 40 }, (_, i) => ({
  id: `yin-${i}`,
  source: 'left',
  fields: { name: 'Yin Samnang', dob: `19${60 + i}-0${1 + (i % 9)}-1${i % 10}`, nationality: 'KH' },
}));
const records = [...generateSyntheticPopulation(createRng(31), 3000), ...common];
const { model } = await linkRecords({ settings: survivorSettings(), records, rng: createRng(32) });
const c = model.comparators.findIndex((x) => x.name === 'name');
const levelOf = (name: string) => model.comparators[c]!.levels.indexOf(name);
const rec = (id: string, name: string): MatchRecord => ({ id, source: 'left', fields: { name } });
const nameWeight = (a: string, b: string) =>
  explainPair(model, rec('a', a), rec('b', b)).comparisons.find((x) => x.comparison === 'name')!;

describe('term frequencies on every level that agrees', () => {
  it('weighs a common name reordered or in Khmer script no more than the same name written identically', () => {
    const exact = nameWeight('Yin Samnang', 'Yin Samnang');
    const reordered = nameWeight('Yin Samnang', 'Samnang Yin');
    const script = nameWeight('យិន សំណាង', 'Yin Samnang');
    expect(reordered.level).toBe(levelOf('reordered'));
    expect(script.level).toBe(levelOf('same_reading'));
    expect(reordered.weight).toBeLessThan(model.weights[c]![levelOf('reordered')]!);
    expect(reordered.weight).toBeLessThanOrEqual(exact.weight + 1e-9);
    expect(script.weight).toBeLessThanOrEqual(exact.weight + 1e-9);
  });

  it('keeps a rare name reordered stronger than a common one', () => {
    expect(nameWeight('Okonkwo Zebedee Ifeanyi', 'Zebedee Ifeanyi Okonkwo').weight).toBeGreaterThan(
      nameWeight('Yin Samnang', 'Samnang Yin').weight + 3,
    );
  });

  it('bounds the near levels too: a typo of a common name or a common name in part counts as a common name', () => {
    const typo = nameWeight('Yin Samnang', 'Yin Samnag');
    const part = nameWeight('Yin Samnang', 'Yin Samnang Dara');
    expect(typo.level).toBe(levelOf('fuzzy_strong'));
    expect(part.level).toBe(levelOf('partial'));
    expect(typo.weight).toBeLessThan(model.weights[c]![levelOf('fuzzy_strong')]! - 3);
    expect(part.weight).toBeLessThan(model.weights[c]![levelOf('partial')]! - 3);
    // A rare name with a typo stays strong; disagreement is not bounded.
    expect(nameWeight('Okonkwo Zebedee', 'Okonkwo Zebede').weight).toBeGreaterThan(typo.weight + 3);
    const different = nameWeight('Yin Samnang', 'Okonkwo Zebedee');
    expect(different.level).toBe(levelOf('different'));
    expect(different.weight).toBeCloseTo(model.weights[c]![levelOf('different')]!, 9);
  });

  it('weighs a near pair by its commoner value, whichever side it is on, in explanations and the index', () => {
    expect(nameWeight('Yin Samnag', 'Yin Samnang').weight).toBeCloseTo(
      nameWeight('Yin Samnang', 'Yin Samnag').weight,
      9,
    );
    const withDob = (id: string, name: string): MatchRecord => ({
      id,
      source: 'left',
      fields: { name, dob: '1980-02-03' },
    });
    const index = new MatchIndex(model);
    index.add(withDob('known', 'Yin Samnang'));
    const [top] = index.score(withDob('new', 'Yin Samnag'));
    expect(top!.matchWeight).toBeCloseTo(
      explainPair(model, withDob('known', 'Yin Samnang'), withDob('new', 'Yin Samnag')).matchWeight,
      9,
    );
  });

  it('scores a new registration with the same weights as the explanation', () => {
    const withDob = (id: string, name: string): MatchRecord => ({
      id,
      source: 'left',
      fields: { name, dob: '1980-02-03' },
    });
    const index = new MatchIndex(model);
    index.add(withDob('known', 'Samnang Yin'));
    const [top] = index.score(withDob('new', 'Yin Samnang'));
    const explained = explainPair(model, withDob('new', 'Yin Samnang'), withDob('known', 'Samnang Yin'));
    expect(top!.matchWeight).toBeCloseTo(explained.matchWeight, 9);
  });

  it('never raises a level above its own weight, and leaves levels it does not bound alone', () => {
    expect(tfLevelWeight(5, 0, 0, 9)).toBe(9);
    expect(tfLevelWeight(5, -1, 3, 9)).toBe(5);
    expect(tfLevelWeight(5, -1, 3, 2)).toBe(1);
    expect(tfLevelWeight(5, Number.NaN, 4, 2)).toBe(5);
  });
});

describe('term frequencies per distinct value', () => {
  // Counted once per distinct value (with how many records hold it) instead of once per record: the same figures.
  it('gives the frequencies and per-record weights of counting record by record', () => {
    const set = prepareRecords(records, model.comparators);
    const perRecord = { ...set, distinct: undefined, valueIds: undefined };
    model.comparators.forEach((comp, k) => {
      if (!comp.termFrequencyKey) return;
      expect([...termFrequencies(set, k)]).toEqual([...termFrequencies(perRecord, k)]);
    });
    expect(termFrequencies(set, c).get(model.comparators[c]!.termFrequencyKey!(set.values[c]![3000])!)).toBeCloseTo(
      40 / set.values[c]!.filter((v) => v != null).length,
    );
    const byDistinct = tfWeightColumns(model, set);
    const byRecord = tfWeightColumns(model, perRecord);
    expect(byDistinct.some((col) => col !== null)).toBe(true);
    byDistinct.forEach((col, k) => expect(col && Array.from(col)).toEqual(byRecord[k] && Array.from(byRecord[k])));
  });
});

import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random.ts';
import { chooseBlockingRules, measureRule } from './auto-blocking.ts';
import { blockingRuleFromSpec, countPairs } from './blocking.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { prepareRecords } from './prepared-set.ts';
import type { ComparatorSpec, MatchRecord } from './types.ts';

const LETTERS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';
function word(rng: Rng, syllables = 3): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += LETTERS[rng.int(LETTERS.length)]! + VOWELS[rng.int(VOWELS.length)]!;
  return w;
}
function typo(rng: Rng, w: string): string {
  const i = rng.int(w.length);
  return w.slice(0, i) + w.slice(i + 1);
}
const pad2 = (x: number): string => String(x).padStart(2, '0');

/** People with sex, a 5-valued state, surname, given name and dob; each written twice, with typos. */
function population(people: number, seed: number): { records: MatchRecord[]; truth: string[] } {
  const rng = createRng(seed);
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  for (let p = 0; p < people; p++) {
    const person = {
      sex: rng.chance(0.5) ? 'M' : 'F',
      state: ['nsw', 'vic', 'qld', 'wa', 'sa'][rng.int(5)]!,
      surname: word(rng),
      given: word(rng, 2),
      dob: `${1940 + rng.int(60)}-${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`,
    };
    for (let copy = 0; copy < 2; copy++) {
      const f = { ...person };
      if (copy === 1) {
        const what = rng.int(3);
        if (what === 0) f.surname = typo(rng, f.surname);
        if (what === 1) f.given = typo(rng, f.given);
        if (what === 2) f.dob = `${f.dob.slice(0, 8)}${pad2(1 + rng.int(28))}`;
      }
      records.push({ id: `${p}-${copy}`, fields: f });
      truth.push(String(p));
    }
  }
  return { records, truth };
}

const SPECS: ComparatorSpec[] = [
  { kind: 'exact', name: 'sex', fields: ['sex'] },
  { kind: 'string', name: 'state', fields: ['state'] },
  { kind: 'string', name: 'surname', fields: ['surname'] },
  { kind: 'string', name: 'given', fields: ['given'] },
  { kind: 'date', name: 'dob', fields: ['dob'] },
];

describe('chooseBlockingRules', () => {
  const { records, truth } = population(600, 1);
  const set = prepareRecords(records, SPECS.map(buildComparator));
  const auto = chooseBlockingRules(set, { rng: createRng(2) });
  const names = auto.candidates.filter((c) => c.verdict === 'chosen').map((c) => c.name);

  it('never blocks on a low-cardinality field alone (sex, state)', () => {
    expect(auto.candidates.find((c) => c.name === 'sex')!.verdict).toBe('low_cardinality');
    expect(auto.candidates.find((c) => c.name === 'state')!.verdict).toBe('low_cardinality');
    expect(names).not.toContain('sex');
    expect(names).not.toContain('state');
    expect(auto.rules.length).toBe(names.length);
    expect(auto.rules.length).toBeGreaterThan(0);
  });

  it('reaches the true pairs that one typo leaves sharing a key, within the budget', () => {
    const rules = auto.rules.map((s) => blockingRuleFromSpec(s, set));
    const { total } = countPairs(set, rules, { maxBlockSize: auto.maxBlockSize });
    expect(total).toBeLessThanOrEqual(auto.budget);
    expect(auto.estimatedPairs).toBeLessThanOrEqual(auto.budget);
    // Each duplicate has one typo in one of surname, given name or dob: a rule on two of them is needed.
    const comparisons = new Set(rules.flatMap((r) => r.comparisons));
    expect(comparisons.size).toBeGreaterThanOrEqual(2);
    // Measured reach with the known truth: pairs of one person found by some rule.
    const perRule = rules.map((r) => r.keys.bind(r));
    let reached = 0;
    for (let p = 0; p < truth.length; p += 2) {
      const hit = perRule.some((keys) => {
        const a = keys(set, p);
        return keys(set, p + 1).some((k) => a.includes(k));
      });
      if (hit) reached++;
    }
    expect(reached / (truth.length / 2)).toBeGreaterThan(0.95);
    expect(auto.estimatedReach).not.toBeNull();
    expect(auto.anchors).toBeGreaterThan(100);
  });

  it('keeps within a pair budget; one rule per half budget at most', () => {
    const limited = chooseBlockingRules(set, { rng: createRng(2), pairBudget: 1500 });
    expect(limited.rules.length).toBeGreaterThanOrEqual(1);
    expect(limited.estimatedPairs).toBeLessThanOrEqual(1500);
    for (const c of limited.candidates) if (c.pairs > 750) expect(c.verdict).not.toBe('chosen');
    expect(limited.estimatedPairs).toBeLessThan(auto.estimatedPairs);
  });

  it('with a budget nothing fits, keeps the single most selective usable rule', () => {
    const tight = chooseBlockingRules(set, { rng: createRng(2), pairBudget: 10 });
    expect(tight.rules).toHaveLength(1);
    const usable = tight.candidates.filter((c) => c.distinctKeys >= 20 && c.coverage >= 0.05);
    const best = usable.sort((x, y) => x.pairs / x.coverage - y.pairs / y.coverage)[0]!;
    expect(tight.rules[0]).toEqual(best.spec);
    expect(best.verdict).toBe('chosen');
  });

  it('combines two coarse fields into one selective rule when neither works alone', () => {
    const rng = createRng(5);
    const recs: MatchRecord[] = Array.from({ length: 500 }, (_, i) => ({
      id: String(i),
      fields: { a: `a${rng.int(10)}`, b: `b${rng.int(10)}` },
    }));
    const s = prepareRecords(recs, [
      buildComparator({ kind: 'exact', name: 'a', fields: ['a'] }),
      buildComparator({ kind: 'exact', name: 'b', fields: ['b'] }),
    ]);
    const r = chooseBlockingRules(s, { rng: createRng(6) });
    expect(r.candidates.find((c) => c.name === 'a')!.verdict).toBe('low_cardinality');
    expect(r.rules).toEqual([{ on: ['a', 'b'] }]);
  });
});

describe('chooseBlockingRules: a broad key with a few huge blocks', () => {
  // Half the people share one of three family keys (huge blocks: coarse at the cap); the others have
  // their own. The rule is then tried again with a smaller cap, which keeps only the selective blocks.
  const rng = createRng(11);
  const records: MatchRecord[] = [];
  for (let p = 0; p < 1000; p++) {
    const key = rng.chance(0.5) ? `common${rng.int(3)}` : `rare${p}`;
    for (let copy = 0; copy < 2; copy++)
      records.push({ id: `${p}-${copy}`, fields: { k: key, sex: p % 2 ? 'M' : 'F' } });
  }
  const set = prepareRecords(records, [
    buildComparator({ kind: 'exact', name: 'k', fields: ['k'] }),
    buildComparator({ kind: 'sex', name: 'sex', fields: ['sex'] }),
  ]);
  const auto = chooseBlockingRules(set, { rng: createRng(12), pairBudget: 20_000, maxBlockSize: 1000 });

  it('refuses the rule at the global cap and chooses it with a tighter per-rule cap', () => {
    expect(auto.candidates.find((c) => c.name === 'k')!.verdict).toBe('coarse');
    const tight = auto.candidates.find((c) => c.name.startsWith('k (blocks ≤'));
    expect(tight).toBeDefined();
    expect(tight!.verdict).toBe('chosen');
    expect(tight!.spec.maxBlockSize).toBeLessThan(1000);
    expect(tight!.pairs).toBeLessThanOrEqual(10_000);
    expect(auto.rules).toContainEqual(tight!.spec);
  });

  it("its pairs, blocked with the rule's own cap, stay within the budget and skip the huge blocks", () => {
    const rules = auto.rules.map((s) => blockingRuleFromSpec(s, set));
    const { total } = countPairs(set, rules, { maxBlockSize: auto.maxBlockSize });
    expect(total).toBeLessThanOrEqual(20_000);
    expect(total).toBeGreaterThanOrEqual(400); // the rare keys' pairs (one per person, about 500)
  });

  it('never tightens a low-cardinality field into a rule', () => {
    expect(auto.candidates.filter((c) => c.name.startsWith('sex')).every((c) => c.verdict !== 'chosen')).toBe(true);
  });
});

describe('measureRule', () => {
  it('counts the pairs blocking would produce and the records with a usable key', () => {
    const { records } = population(200, 3);
    const set = prepareRecords(records, SPECS.map(buildComparator));
    const spec = { on: ['surname'] };
    const m = measureRule(set, spec, 1000);
    const counted = countPairs(set, [blockingRuleFromSpec(spec, set)], { maxBlockSize: 1000 });
    expect(m.pairs).toBe(counted.perRule[0]!.pairs);
    expect(m.coverage).toBe(1);
    // With blocks capped at 1 record nothing is usable for state (5 big blocks).
    const state = measureRule(set, { on: ['state'] }, 1);
    expect(state.pairs).toBe(0);
    expect(state.coverage).toBe(0);
    expect(state.distinctKeys).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { blockingRuleFromSpec } from './blocking.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { initialM } from './model.ts';
import { prepareRecords } from './prepared-set.ts';
import { combineRounds, trainModel, type EmRound } from './training.ts';
import type { MatchRecord } from './types.ts';

const records: MatchRecord[] = Array.from({ length: 400 }, (_, i) => ({
  id: String(i),
  fields: { a: `a${i % 50}`, b: `b${i % 40}`, c: `c${i}` },
}));
const set = prepareRecords(
  records,
  ['a', 'b', 'c'].map((n) => buildComparator({ kind: 'exact', name: n, fields: [n] })),
);
const rule = (name: string) => blockingRuleFromSpec({ on: [name] }, set);
const u = [
  [0.02, 0.98],
  [0.025, 0.975],
  [0.0025, 0.9975],
];
const round = (on: string, m: number[][], lambdaInRule: number, pairs: number): EmRound => ({
  rule: rule(on),
  lambdaInRule,
  pairs,
  seenLevels: ['a', 'b', 'c'].map((n) => new Set(n === on ? [0] : [])),
  m,
  active: ['a', 'b', 'c'].map((n) => n !== on),
});

describe('EM guard rails', () => {
  it('ignores a round in which matches disagree more often than random pairs, and says so', () => {
    const good = round('a', [initialM(2), [0.9, 0.1], [0.8, 0.2]], 0.1, 1000);
    const broken = round('b', [[0.01, 0.99], initialM(2), [0.85, 0.15]], 0.1, 1000);
    const warnings: string[] = [];
    const { m } = combineRounds(set, [good, broken], u, warnings);
    // a: trained only by the broken round, so it keeps its starting m.
    expect(m[0]).toEqual(initialM(2));
    expect(warnings.some((w) => w.includes('EM round b: a else is more frequent among matches'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('a: no EM round could train it'))).toBe(true);
    // c: the broken round's class is not matches (it failed on a), so only the sound round trains c.
    expect(m[2]![0]).toBeCloseTo(0.8, 9);
    expect(warnings.some((w) => w.startsWith('EM round b: its match class fails a guard'))).toBe(true);
    expect(m[1]).toEqual([0.9, 0.1]);
  });

  it('still uses a failed round for a comparison no sound round trains', () => {
    // The same failed round alone: nothing better trains c, so its m for c is kept (a still is not trained by it).
    const broken = round('b', [[0.01, 0.99], initialM(2), [0.85, 0.15]], 0.1, 1000);
    const { m } = combineRounds(set, [broken], u, []);
    expect(m[2]![0]).toBeCloseTo(0.85, 9);
  });

  it("leaves out a round whose matches disagree on 'else' over three times as often as the other rounds'", () => {
    // Three rounds train c (the rules on a and b, and another on a); the third's matches disagree on c 40 % of the
    // time against 5 % and 8 %: it took non-matches into its class there.
    const a1 = round('a', [initialM(2), [0.9, 0.1], [0.95, 0.05]], 0.1, 1000);
    const b1 = round('b', [[0.9, 0.1], initialM(2), [0.92, 0.08]], 0.1, 1000);
    const a2 = round('a', [initialM(2), [0.9, 0.1], [0.6, 0.4]], 0.1, 1000);
    const warnings: string[] = [];
    const { m } = combineRounds(set, [a1, b1, a2], u, warnings);
    expect(m[2]![1]).toBeCloseTo(0.065, 9);
    expect(warnings.some((w) => w.includes('c else m=0.400 is over 3 times'))).toBe(true);
    // Rounds that differ less (5 %, 8 %, 14 %) are averaged as before: nothing left out, no warning.
    const near = round('a', [initialM(2), [0.9, 0.1], [0.86, 0.14]], 0.1, 1000);
    const quiet: string[] = [];
    const kept = combineRounds(set, [a1, b1, near], u, quiet);
    expect(kept.m[2]![1]).toBeCloseTo((0.05 + 0.08 + 0.14) / 3, 9);
    expect(quiet.some((w) => w.includes('times'))).toBe(false);
    // Tiny rates are not outliers for being several times another tiny rate (0.4 % beside 0.1 %).
    const tiny = (x: number, on: string) =>
      round(
        on,
        [initialM(2), initialM(2), [1 - x, x]].map((r, i) => (i === 2 ? r : [0.9, 0.1])),
        0.1,
        1000,
      );
    const small = combineRounds(set, [tiny(0.001, 'a'), tiny(0.001, 'b'), tiny(0.004, 'a')], u, []);
    expect(small.m[2]![1]).toBeCloseTo(0.002, 9);
  });

  it("checks every disagreement level a comparator declares: two full dates that differ, not only 'else'", () => {
    const dated = prepareRecords(
      records.map((r, i) => ({ ...r, fields: { ...r.fields, dob: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}` } })),
      [
        buildComparator({ kind: 'exact', name: 'a', fields: ['a'] }),
        buildComparator({ kind: 'date', name: 'dob', fields: ['dob'] }),
      ],
    );
    const dob = dated.comparators[1]!;
    const differ = dob.levels.indexOf('full_dates_differ');
    expect(dob.disagreementLevels).toEqual([differ, dob.levels.length - 1]);
    const uDob = dob.levels.map((l) => (l === 'full_dates_differ' ? 0.06 : l === 'else' ? 0.9 : 0.04 / 6));
    const uDated = [[0.02, 0.98], uDob];
    const dobRound = (on: string, mDob: number[]): EmRound => ({
      rule: blockingRuleFromSpec({ on: [on] }, dated),
      lambdaInRule: 0.1,
      pairs: 1000,
      seenLevels: [new Set(on === 'a' ? [0] : []), new Set<number>()],
      m: [initialM(2), mDob],
      active: [on !== 'a', true],
    });
    // Matches of this round land on full_dates_differ 30 % of the time (random pairs: 6 %): siblings taken for matches.
    const drifted = dob.levels.map((l) =>
      l === 'exact' ? 0.6 : l === 'full_dates_differ' ? 0.3 : l === 'else' ? 0.04 : 0.01,
    );
    const sound = dob.levels.map((l) =>
      l === 'exact' ? 0.85 : l === 'full_dates_differ' ? 0.01 : l === 'else' ? 0.04 : 0.1 / 5,
    );
    const warnings: string[] = [];
    const { m } = combineRounds(dated, [dobRound('a', drifted), dobRound('a', sound)], uDated, warnings);
    expect(m[1]![differ]).toBeCloseTo(0.01, 9); // only the sound round trains dob
    expect(warnings.some((w) => w.includes('dob full_dates_differ is more frequent among matches'))).toBe(true);
    // The sound round alone passes: m(full_dates_differ) < u and m(else) < u.
    const quiet: string[] = [];
    combineRounds(dated, [dobRound('a', sound)], uDated, quiet);
    expect(quiet.some((w) => w.includes('more frequent among matches'))).toBe(false);
    // When every round finds differing full dates common among matches (dates corrupted wholesale, as in
    // Splink's fake_1000), the data is believed: only 'else' is checked, and the comparison is trained.
    const wholesale: string[] = [];
    const both = combineRounds(dated, [dobRound('a', drifted), dobRound('a', drifted)], uDated, wholesale);
    expect(both.m[1]![differ]).toBeCloseTo(0.3, 9);
    expect(wholesale).toContain(
      "dob: every EM round finds its disagreement levels common among matches; only 'else' checked",
    );
  });

  it('takes the median match rate, so one round on a huge mostly non-matching block cannot pull it tenfold', () => {
    const m = [
      [0.9, 0.1],
      [0.9, 0.1],
      [0.9, 0.1],
    ];
    // Estimates scale with λ_rule·pairs: 1×, 1.2×, and 100× for the third round.
    const rounds = [round('a', m, 0.1, 1000), round('b', m, 0.12, 1000), round('c', m, 0.1, 100_000)];
    const warnings: string[] = [];
    const { lambda, diagnostics } = combineRounds(set, rounds, u, warnings);
    const [e1, e2, e3] = diagnostics.rounds.map((r) => r.lambda);
    expect(e3! / e1!).toBeGreaterThan(50);
    expect(lambda).toBeCloseTo(e2!, 12);
    expect(warnings.some((w) => w.startsWith('EM round c: match rate'))).toBe(true);
  });

  it('skips a training round that has no pairs instead of averaging a zero into the match rate', () => {
    const settings = {
      id: 't',
      version: 1,
      comparisons: set.comparators.map((c) => c.spec),
      blockingRules: [{ on: ['a'] }, { on: ['c'] }],
      threshold: 0.5,
    };
    const model = trainModel(set, settings, { rng: createRng(1) });
    expect(model.diagnostics!.rounds.map((r) => r.rule)).toEqual(['a']);
    expect(model.diagnostics!.warnings).toContain('EM round c: no pairs, skipped');
    expect(model.lambda).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { blockingRuleFromSpec, blockPairs } from './blocking.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { pairwiseMetrics } from './evaluation.ts';
import { linkRecords } from './pipeline.ts';
import { prepareRecords } from './prepared-set.ts';
import { estimateReach } from './reach-estimate.ts';
import type { MatchRecord } from './types.ts';

describe('estimateReach (label-free, after training)', () => {
  const C = 'bdgklmnprstvz';
  const V = 'aeiou';
  const pad2 = (x: number): string => String(x).padStart(2, '0');
  /**
   * People registered twice. A careless copy (30 %) gets another name and another e-mail (errors that come
   * together); independently, 30 % of copies get another date of birth. A pair is out of every block of
   * name, dob and email only when both happen: true reach 0.91. Split on name alone, name's and e-mail's
   * errors agree and the estimate would read about 1.0; the lowest split must be kept.
   */
  async function run(seed: number) {
    const rng = createRng(seed);
    const word = (n: number): string =>
      Array.from({ length: n }, () => C[rng.int(C.length)]! + V[rng.int(V.length)]!).join('');
    const date = (): string => `${1940 + rng.int(60)}-${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`;
    const records: MatchRecord[] = [];
    const truth: string[] = [];
    for (let p = 0; p < 3000; p++) {
      const person = { name: word(4), dob: date(), email: `${word(3)}@x.org`, town: word(2) };
      const copies = rng.chance(0.5) ? 2 : 1;
      for (let k = 0; k < copies; k++) {
        const careless = k === 1 && rng.chance(0.3);
        records.push({
          id: `${p}-${k}`,
          fields: {
            ...person,
            ...(careless && { name: word(4), email: `${word(3)}@x.org` }),
            ...(k === 1 && rng.chance(0.3) && { dob: date() }),
          },
        });
        truth.push(String(p));
      }
    }
    const result = await linkRecords({
      settings: {
        id: 't',
        version: 1,
        comparisons: [
          { kind: 'string', name: 'name', fields: ['name'] },
          { kind: 'date', name: 'dob', fields: ['dob'] },
          { kind: 'string', name: 'email', fields: ['email'] },
          { kind: 'exact', name: 'town', fields: ['town'] },
        ],
        blockingRules: [{ on: ['name'] }, { on: ['dob'] }, { on: ['email'] }],
        threshold: 0.5,
      },
      records,
      rng: createRng(seed + 1),
    });
    const measured = pairwiseMetrics(truth, null, result.pairs.a, result.pairs.b, () => true).recall;
    return { measured, estimated: result.blocking.estimatedReach };
  }

  it('is close to the measured reach when two fields fail together', async () => {
    const { measured, estimated } = await run(11);
    expect(measured).toBeGreaterThan(0.87);
    expect(measured).toBeLessThan(0.95);
    expect(estimated).not.toBeNull();
    expect(Math.abs(estimated! - measured)).toBeLessThan(0.03);
  });

  it('says nothing with rules on one field only', () => {
    const records: MatchRecord[] = ['a', 'b', 'c'].map((id) => ({ id, fields: { surname: 'smith' } }));
    const set = prepareRecords(records, [buildComparator({ kind: 'exact', name: 'surname', fields: ['surname'] })]);
    const rules = [blockingRuleFromSpec({ on: ['surname'] }, set)];
    const blocked = blockPairs(set, rules);
    expect(estimateReach(rules, blocked.indexes, [5000], blocked.a, blocked.b, () => 1)).toBeNull();
  });
});

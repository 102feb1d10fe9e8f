import { describe, expect, it } from 'vitest';
import { blockingRuleFromSpec, blockPairs, countPairs, type BlockingRule } from './blocking.ts';
import { indexRule } from './rule-index.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { linkSides, prepareRecords } from './prepared-set.ts';
import type { MatchRecord } from './types.ts';

const rec = (id: string, surname: string | null, dob: string | null, phone: string | null = null): MatchRecord => ({
  id,
  fields: { surname, dob, phone },
});

// Surname blocks: smith ×3 (3 pairs), jones ×2 (1 pair). Dob blocks: 1990-01-01 ×3 (3 pairs), 1985-05-05 ×2 (1 pair).
const RECORDS = [
  rec('a', 'smith', '1990-01-01'),
  rec('b', 'smith', '1990-01-01'),
  rec('c', 'smith', '1985-05-05'),
  rec('d', 'jones', '1990-01-01'),
  rec('e', 'jones', '1985-05-05'),
  rec('f', null, null),
];
const comparators = [
  buildComparator({ kind: 'exact', name: 'surname', fields: ['surname'] }),
  buildComparator({ kind: 'date', name: 'dob', fields: ['dob'] }),
];

function pairsOf(r: { a: Int32Array; b: Int32Array }, records: readonly MatchRecord[]): string[] {
  return Array.from(r.a, (i, p) => `${records[i]!.id}-${records[r.b[p]!]!.id}`).sort();
}

describe('blocking', () => {
  const set = prepareRecords(RECORDS, comparators);
  const bySurname = blockingRuleFromSpec({ on: ['surname'] }, set);
  const byDob = blockingRuleFromSpec({ on: ['dob'] }, set);

  it('counts pairs per rule and de-duplicates pairs found by several rules', () => {
    const counted = countPairs(set, [bySurname, byDob]);
    expect(counted.perRule.map((r) => r.pairs)).toEqual([4, 4]);
    // a-b is in both blocks: 4 + 4 - 1 distinct pairs.
    expect(counted.perRule.map((r) => r.newPairs)).toEqual([4, 3]);
    expect(counted.total).toBe(7);
    const blocked = blockPairs(set, [bySurname, byDob]);
    expect(blocked.a.length).toBe(7);
    expect(pairsOf(blocked, RECORDS)).toEqual(['a-b', 'a-c', 'a-d', 'b-c', 'b-d', 'c-e', 'd-e']);
    expect(new Set(pairsOf(blocked, RECORDS)).size).toBe(7);
  });

  it('combines comparisons with AND', () => {
    const both = blockingRuleFromSpec({ on: ['surname', 'dob'] }, set);
    expect(pairsOf(blockPairs(set, [both]), RECORDS)).toEqual(['a-b']);
  });

  it('emits a pair once when records share several keys of one rule', () => {
    const multi: BlockingRule = {
      name: 'letters',
      comparisons: [],
      keys: (s, r) => (s.records[r]!.fields.surname ?? '').split(''),
    };
    const blocked = blockPairs(set, [multi]);
    const pairs = pairsOf(blocked, RECORDS);
    expect(new Set(pairs).size).toBe(pairs.length);
    // smith and jones share the letter 's': every pair of the 5 named records.
    expect(pairs.length).toBe(10);
  });

  it('skips blocks above the size limit', () => {
    const counted = countPairs(set, [bySurname], { maxBlockSize: 2 });
    expect(counted.total).toBe(1);
    expect(counted.perRule[0]!.skippedBlocks).toBe(1);
  });

  it('pairs only across sides in link mode, left record first', () => {
    const left = [rec('l1', 'smith', null), rec('l2', 'smith', null), rec('l3', 'jones', null)];
    const right = [rec('r1', 'smith', null), rec('r2', 'jones', null), rec('r3', 'jones', null)];
    const { records, side } = linkSides(left, right);
    const lset = prepareRecords(records, comparators, { side });
    const rule = blockingRuleFromSpec({ on: ['surname'] }, lset);
    const blocked = blockPairs(lset, [rule]);
    expect(pairsOf(blocked, records)).toEqual(['l1-r1', 'l2-r1', 'l3-r2', 'l3-r3']);
    expect(countPairs(lset, [rule]).perRule[0]!.pairs).toBe(4);
  });

  it('rejects rules on unknown comparisons', () => {
    expect(() => blockingRuleFromSpec({ on: ['nope'] }, set)).toThrow(/unknown comparison/);
  });
});

describe('blocking key variants', () => {
  const set = prepareRecords(RECORDS, comparators);
  it('accepts declared variants and refuses unknown ones', () => {
    expect(blockingRuleFromSpec({ on: [{ comparison: 'dob', variant: 'year' }] }, set).name).toBe('dob.year');
    expect(() => blockingRuleFromSpec({ on: [{ comparison: 'dob', variant: 'bogus' }] }, set)).toThrow(
      /no key variant "bogus" \(known: year, day_month\)/,
    );
    expect(() => blockingRuleFromSpec({ on: [{ comparison: 'surname', variant: 'year' }] }, set)).toThrow(
      /known: none/,
    );
  });

  it('indexes spec rules on integer key ids exactly as on their combined key strings', () => {
    // Several keys per record (name keys × year keys), repeated spellings, missing parts.
    const people = ['Nguyen Van An', 'Nguyễn Văn An', 'Tran Thi Mai', 'Ali bin Hassan', 'Chen Zhi', null];
    const records = Array.from({ length: 300 }, (_, i) =>
      rec(String(i), people[i % people.length]!, i % 7 === 0 ? null : `19${60 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`),
    );
    const comps = [
      buildComparator({ kind: 'person_name', name: 'surname', fields: ['surname'] }),
      buildComparator({ kind: 'date', name: 'dob', fields: ['dob'] }),
    ];
    const s = prepareRecords(records, comps);
    for (const on of [
      ['surname'],
      ['surname', 'dob'],
      ['dob', 'surname'],
      ['surname', { comparison: 'dob', variant: 'year' }],
    ]) {
      const rule = blockingRuleFromSpec({ on }, s);
      expect(rule.parts).toBeDefined();
      const viaStrings: BlockingRule = { name: rule.name, comparisons: rule.comparisons, keys: rule.keys };
      expect(indexRule(s, rule)).toEqual(indexRule(s, viaStrings));
      expect(blockPairs(s, [rule]).a).toEqual(blockPairs(s, [viaStrings]).a);
    }
  });

  it('prepares each distinct raw value once and shares it between records', () => {
    const s = prepareRecords(RECORDS, comparators);
    // smith ×3, jones ×2, missing: three distinct surnames; the missing one has id -1.
    expect(Array.from(s.valueIds![0]!)).toEqual([0, 0, 0, 1, 1, -1]);
    expect(s.values[0]![0]).toBe(s.values[0]![2]);
    expect(s.values[1]![3]).toBe(s.values[1]![0]);
    expect(s.values[0]![5]).toBeNull();
  });
});

describe('blocking: skipped blocks', () => {
  // x and y share a common key (its block is over the cap) and a rare one; z1..z4 only the common one.
  const ids = ['z1', 'x', 'y', 'z2', 'z3', 'z4'];
  const records: MatchRecord[] = ids.map((id) => ({ id, fields: { surname: id, dob: null } }));
  const set = prepareRecords(records, comparators);
  const rule = (name: string, keysOf: (id: string) => string[]): BlockingRule => ({
    name,
    comparisons: ['surname'],
    keys: (_s, r) => keysOf(ids[r]!),
  });
  // The common key is met first, so it gets the smaller key id: the case that used to drop the pair.
  const commonAndRare = rule('name', (id) => (id === 'x' || id === 'y' ? ['common', 'rare'] : ['common']));

  it('a shared key whose block is skipped does not hide a usable shared key', () => {
    expect(pairsOf(blockPairs(set, [commonAndRare], { maxBlockSize: 3 }), records)).toEqual(['x-y']);
  });
  it('an earlier rule that only shares a skipped block with the pair does not claim it', () => {
    const commonOnly = rule('common', () => ['common']);
    const rareOnly = rule('rare', (id) => (id === 'x' || id === 'y' ? ['rare'] : []));
    const blocked = blockPairs(set, [commonOnly, rareOnly], { maxBlockSize: 3 });
    expect(pairsOf(blocked, records)).toEqual(['x-y']);
    expect(blocked.perRule.map((r) => r.newPairs)).toEqual([0, 1]);
  });
  it('without the rare key the pair is not blocked (the common block stays skipped)', () => {
    const commonOnly = rule('common', () => ['common']);
    expect(blockPairs(set, [commonOnly], { maxBlockSize: 3 }).a.length).toBe(0);
  });
});

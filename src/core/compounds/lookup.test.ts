import { describe, expect, it } from 'vitest';
import { lookupCompounds, type LookupCandidate } from './lookup.ts';

const REGISTRY: LookupCandidate[] = [
  {
    id: 'c1',
    names: [
      { name: 'Harbour Lantern Estate', lang: 'en' },
      { name: '金鼎园区', lang: 'zh' },
      { name: 'បរិវេណឆ្នាំងមាស', lang: 'km' },
    ],
    aliases: ['Jinding Yuanqu', 'HL'],
  },
  { id: 'c2', names: [{ name: 'Copper Reed Park', lang: 'en' }], aliases: ['the reed towers'] },
  { id: 'c3', names: [{ name: 'Lantern Hill', lang: 'en' }], aliases: [] },
];

describe('lookupCompounds: any name, any script', () => {
  it('finds a compound by its Chinese name, by the pinyin of it, and by its Khmer name', () => {
    expect(lookupCompounds('金鼎园区', REGISTRY)[0]).toMatchObject({ id: 'c1', rank: 0 });
    expect(lookupCompounds('jinding yuanqu', REGISTRY)[0]).toMatchObject({ id: 'c1', rank: 0 });
    // Typed in characters, matched against the romanised alias (and the reverse).
    expect(lookupCompounds('金鼎', REGISTRY).map((h) => h.id)).toEqual(['c1']);
    expect(lookupCompounds('Jinding', REGISTRY).map((h) => h.id)).toEqual(['c1']);
    expect(lookupCompounds('បរិវេណឆ្នាំងមាស', REGISTRY)[0]).toMatchObject({ id: 'c1', rank: 0 });
  });

  it('ranks a name starting with the query before one containing it; aliases count', () => {
    const hits = lookupCompounds('lantern', REGISTRY);
    expect(hits.map((h) => [h.id, h.rank])).toEqual([
      ['c3', 1],
      ['c1', 2],
    ]);
    expect(lookupCompounds('reed towers', REGISTRY)[0]).toMatchObject({ id: 'c2', matched: 'the reed towers' });
  });

  it('tolerates a misspelling but not an unrelated name; an empty query finds nothing', () => {
    expect(lookupCompounds('Coper Reed Park', REGISTRY).map((h) => h.id)).toEqual(['c2']);
    expect(lookupCompounds('Silver Dune', REGISTRY)).toEqual([]);
    expect(lookupCompounds('  ', REGISTRY)).toEqual([]);
    expect(lookupCompounds('—', REGISTRY)).toEqual([]);
  });
});

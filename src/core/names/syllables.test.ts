import { describe, expect, it } from 'vitest';
import { compareNames } from './compare.ts';
import { levelRank } from './name-levels.ts';
import { normaliseName } from './normalise.ts';
import { hongKongSpellings, sameSyllables, syllablePairs, syllablesLinked } from './syllables.ts';

function level(a: string, b: string) {
  const ab = compareNames(normaliseName(a), normaliseName(b));
  const ba = compareNames(normaliseName(b), normaliseName(a));
  expect(ba.level, `${b} vs ${a}`).toBe(ab.level);
  return ab;
}

describe('hongKongSpellings: Jyutping as Hong Kong government romanisation writes it', () => {
  it('respells initials and finals', () => {
    expect(hongKongSpellings('dak')).toEqual(['tak']); // 德
    expect(hongKongSpellings('zoeng')).toContain('cheung'); // 張
    expect(hongKongSpellings('gwok')).toEqual(['kwok']); // 郭
    expect(hongKongSpellings('jyun')).toContain('yuen'); // 元
    expect(hongKongSpellings('seoi')).toContain('shui'); // 水
    expect(hongKongSpellings('si')).toContain('sze'); // 思
    expect(hongKongSpellings('daai')).toEqual(['tai']); // 大
    expect(hongKongSpellings('gou')).toContain('ko'); // 高
  });
});

describe('syllablesLinked: readings of one character in two systems', () => {
  it('links syllables through characters, either way round', () => {
    expect(syllablesLinked('de', 'tek')).toBe(true); // 德 pinyin / Hokkien (Teck, key tek)
    expect(syllablesLinked('tek', 'de')).toBe(true);
    expect(syllablesLinked('wen', 'man')).toBe(true); // 文 and others, pinyin / Cantonese
    expect(syllablesLinked('man', 'bun')).toBe(true); // 文 Cantonese / Hokkien (Boon, key bun)
  });

  it('does not link syllables no character shares', () => {
    expect(syllablesLinked('zhi', 'li')).toBe(false);
    expect(syllablesLinked('tai', 'siu')).toBe(false);
    expect(syllablesLinked('man', 'ming')).toBe(false);
  });

  it('needs every syllable to pair off in order, none left over', () => {
    expect(sameSyllables('teck seng', 'desheng')).toBe(true);
    expect(sameSyllables('desheng', 'teck seng')).toBe(true);
    expect(sameSyllables('teck seng', 'de')).toBe(false);
    expect(sameSyllables('seng teck', 'desheng')).toBe(false);
  });

  it('splits joined tokens only: a syllable written apart stays whole', () => {
    expect(syllablePairs('teck seng', 'desheng')).toEqual([
      { a: 'teck', b: 'de', ch: '德' },
      { a: 'seng', b: 'sheng', ch: expect.any(String) },
    ]);
    expect(syllablePairs('tai man', 'tai boon')?.map((p) => p.a)).toEqual(['tai', 'man']);
  });
});

describe('compareNames: given names across romanisations without characters', () => {
  const pairs: Array<[string, string, string]> = [
    ['pinyin ↔ Cantonese', 'Chen Dawen', 'Chan Tai Man'],
    ['Cantonese ↔ pinyin', 'Chan Tai Man', 'Chen Dawen'],
    ['pinyin ↔ Hokkien', 'Lin Desheng', 'Lim Teck Seng'],
    ['Hokkien ↔ pinyin', 'Yeo Bee Ean', 'Yang Meiyan'],
    ['pinyin ↔ Hokkien, repeated syllable', 'Wang Hong Hong', 'Ong Ang Ang'],
    ['Cantonese ↔ Hokkien', 'Chan Tai Man', 'Tan Tai Boon'],
    ['Hokkien ↔ Cantonese', 'Lim Teck Seng', 'Lam Tak Sing'],
  ];
  for (const [family, a, b] of pairs) {
    it(`${family}: ${a} / ${b}`, () => {
      const r = level(a, b);
      expect(r.level, r.explanation).toBe('romanisation');
      expect(r.explanation).toContain('same characters');
      expect(r.explanation).toMatch(/≈ \w+ \(\p{Script=Han}\)/u);
    });
  }

  it('keeps different given names apart', () => {
    for (const [a, b] of [
      ['Chen Zhi', 'Chen Li'],
      ['Chan Tai Man', 'Chan Siu Ming'],
      ['Lim Teck Seng', 'Lin Dewen'],
      ['Chen Dawen', 'Chan Siu Man'],
      ['Yang Meiyan', 'Yeo Bee Lian'],
    ] as const) {
      const r = level(a, b);
      expect(levelRank(r.level), `${a} / ${b}: ${r.level}`).toBeGreaterThan(levelRank('romanisation'));
    }
  });

  it('needs the family names to be one surname', () => {
    expect(level('Wong Tai Man', 'Chen Dawen').level).not.toBe('romanisation');
  });
});

import { describe, expect, it } from 'vitest';
import { consonantSkeleton, siniticKey } from './phonetic-keys.ts';

describe('consonantSkeleton', () => {
  it('agrees across vowel-less transliterations and spelling variants', () => {
    expect(consonantSkeleton('mhmd')).toBe(consonantSkeleton('muhammad'));
    expect(consonantSkeleton('smchay')).toBe(consonantSkeleton('somchai'));
    expect(consonantSkeleton('smith')).toBe(consonantSkeleton('smyth'));
    expect(consonantSkeleton('lam')).toBe(consonantSkeleton('lan'));
  });

  it('keeps different consonants apart and marks a leading vowel', () => {
    expect(consonantSkeleton('santos')).not.toBe(consonantSkeleton('reyes'));
    expect(consonantSkeleton('an')).toBe('AN');
    expect(consonantSkeleton('')).toBe('');
  });
});

describe('siniticKey', () => {
  it('makes romanisations of the same Chinese syllables agree', () => {
    expect(siniticKey('zhi')).toBe(siniticKey('chi'));
    expect(siniticKey('chee')).toBe(siniticKey('zhi'));
    expect(siniticKey('zhiwei')).toBe(siniticKey('chiwai'));
  });

  it('keeps different syllables apart', () => {
    expect(siniticKey('zhi')).not.toBe(siniticKey('zhu'));
    expect(siniticKey('ming')).not.toBe(siniticKey('mei'));
    expect(siniticKey('min')).not.toBe(siniticKey('ming'));
    expect(siniticKey('an')).not.toBe(siniticKey('anh'));
    expect(siniticKey('zheng')).toBe(siniticKey('cheng'));
  });
});

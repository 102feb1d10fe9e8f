import { describe, expect, it } from 'vitest';
import { guessScript } from './script-guess.ts';

describe('guessScript', () => {
  it('recognises the scripts of names survivors give', () => {
    expect(guessScript('Siti Rahayu')).toBe('Latn');
    expect(guessScript('Nguyễn Văn An')).toBe('Latn');
    expect(guessScript('王小明')).toBe('Hani');
    expect(guessScript('សុខ ចាន់')).toBe('Khmr');
    expect(guessScript('မောင်မောင်')).toBe('Mymr');
    expect(guessScript('สมชาย')).toBe('Thai');
  });
  it('gives nothing for digits or an empty string', () => {
    expect(guessScript('')).toBeUndefined();
    expect(guessScript('123')).toBeUndefined();
  });
});

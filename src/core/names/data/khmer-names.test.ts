import { describe, expect, it } from 'vitest';
import { romaniseKhmerWord } from './khmer-names.ts';

describe('romaniseKhmerWord', () => {
  it('gives the usual spelling of a name word', () => {
    expect(romaniseKhmerWord('កែវ')).toBe('keo');
    expect(romaniseKhmerWord('ធារី')).toBe('theary');
  });

  it('reads a compound written as one word from its parts, ignoring zero-width spaces', () => {
    expect(romaniseKhmerWord('ស្រីពៅ')).toBe('sreypov');
    expect(romaniseKhmerWord('ស្រី\u200bពៅ')).toBe('sreypov');
  });

  it('leaves a word the table does not cover to the transliteration', () => {
    expect(romaniseKhmerWord('ន៊ុប')).toBeUndefined();
    expect(romaniseKhmerWord('ស្រីក')).toBeUndefined();
    expect(romaniseKhmerWord('Keo')).toBeUndefined();
  });
});

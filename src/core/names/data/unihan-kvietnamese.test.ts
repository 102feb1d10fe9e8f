import { describe, expect, it } from 'vitest';
import { UNIHAN_KVIETNAMESE } from './unihan-kvietnamese.ts';
import { UNIHAN_KCANTONESE } from './unihan-kcantonese.ts';
import { parseKCantonese, parseKVietnamese } from '../../../../scripts/build-unihan-vietnamese.ts';

describe('Unihan kVietnamese table', () => {
  it('holds the characters that have a Vietnamese reading', () => {
    expect(Object.keys(UNIHAN_KVIETNAMESE).length).toBeGreaterThan(8000);
    expect(UNIHAN_KVIETNAMESE['陳']).toBe('trần');
    expect(UNIHAN_KVIETNAMESE['志']).toBe('chí');
    expect(UNIHAN_KVIETNAMESE['阮']).toBe('nguyễn');
  });

  it('is derived by the build script: first reading only, comments and other fields skipped', () => {
    const text = [
      '# header',
      'U+9673\tkMandarin\tchén',
      'U+9673\tkVietnamese\ttrần',
      'U+5FD7\tkVietnamese\tchí',
      'U+20000\tkVietnamese\tha hở',
    ].join('\n');
    expect(parseKVietnamese(text)).toEqual([['志', 'chí'], ['陳', 'trần'], ['\u{20000}', 'ha']]);
  });

  it('keeps Cantonese readings of common characters only, without tones', () => {
    const text = [
      'U+5BB6\tkCantonese\tgaa1',
      'U+5BB6\tkTGHZ2013\t123.456:jiā',
      'U+9673\tkCantonese\tcan4 zan6',
      'U+9673\tkVietnamese\ttrần',
      'U+3400\tkCantonese\tjau1',
    ].join('\n');
    expect(parseKCantonese(text)).toEqual([['家', 'gaa'], ['陳', 'can']]);
    expect(UNIHAN_KCANTONESE['家']).toBe('gaa');
    expect(Object.keys(UNIHAN_KCANTONESE).length).toBeGreaterThan(9000);
  });
});

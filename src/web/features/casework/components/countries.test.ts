import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, searchCountries } from './countries.ts';

const en = new Intl.DisplayNames(['en'], { type: 'region' });
const name = (c: string) => en.of(c) ?? c;

describe('country search', () => {
  it('lists each code once, all two upper-case letters', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    expect(COUNTRY_CODES.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    expect(COUNTRY_CODES.length).toBeGreaterThan(240);
  });
  it('finds by name or exact code, focus nationalities first', () => {
    expect(searchCountries('indo', name, name)).toEqual(['ID']);
    expect(searchCountries('vn', name, name)).toEqual(['VN']);
    expect(searchCountries('', name, name)[0]).toBe('ID');
    const zh = new Intl.DisplayNames(['zh-Hans'], { type: 'region' });
    expect(searchCountries('印度尼西亚', (c) => zh.of(c) ?? c, name)).toEqual(['ID']);
  });
});

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { PHONE_COUNTRIES, formatPhone, randomPhone, randomPhoneStyle, type PhoneStyle } from './phones.ts';

const STYLES: PhoneStyle[] = ['international', 'national', 'e164', 'national_compact'];

describe('demo phone numbers', () => {
  it.each([...PHONE_COUNTRIES])('%s: every style parses back to the same valid mobile number', (country) => {
    const rng = createRng(country.charCodeAt(0) * 31 + country.charCodeAt(1));
    for (let i = 0; i < 200; i++) {
      const phone = randomPhone(rng, country);
      for (const style of STYLES) {
        const text = formatPhone(phone, style);
        const parsed = parsePhoneNumberFromString(text, country as CountryCode);
        expect(parsed?.isValid(), `${style} ${text}`).toBe(true);
        expect(parsed?.nationalNumber).toBe(phone.nsn);
        expect(['MOBILE', 'FIXED_LINE_OR_MOBILE']).toContain(parsed?.getType());
      }
    }
  });

  it('writes the country code only in international styles', () => {
    const phone = randomPhone(createRng(3), 'ID');
    expect(formatPhone(phone, 'international')).toMatch(/^\+62 8\d\d-\d{4}-\d{4}$/);
    expect(formatPhone(phone, 'e164')).toMatch(/^\+628\d{10}$/);
    expect(formatPhone(phone, 'national')).toMatch(/^08\d\d-\d{4}-\d{4}$/);
    expect(formatPhone(phone, 'national_compact')).toMatch(/^08\d{10}$/);
    expect(formatPhone({ country: 'BR', nsn: '11912345678' }, 'national')).toBe('(11) 91234-5678');
  });

  it('leaves the country code out a sizeable minority of the time', () => {
    const rng = createRng(5);
    const styles = Array.from({ length: 4000 }, () => randomPhoneStyle(rng));
    const withoutCode = styles.filter((s) => s.startsWith('national')).length / styles.length;
    expect(withoutCode).toBeGreaterThan(0.2);
    expect(withoutCode).toBeLessThan(0.5);
  });

  it('refuses a country it has no plan for', () => {
    expect(() => randomPhone(createRng(1), 'XX')).toThrow(RangeError);
  });
});

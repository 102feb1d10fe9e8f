/**
 * Phone numbers written with or without country code: the record's nationality (ISO alpha-2, second
 * field) is the default region. Levels: same number (E.164), same last 7 digits, else.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Comparator, ComparatorSpec } from '../types.ts';

export interface PreparedPhone {
  e164: string;
  last7: string;
}

export function preparePhone(raw: string, region: string | null): PreparedPhone | null {
  const digits = raw.replace(/\D+/g, '');
  if (digits.length < 4) return null;
  // Written internationally, the digits already are the E.164 number: skip the (slow) full parse.
  // "(0)" is the trunk prefix some people keep after the country code.
  const intl = raw.trim().match(/^(\+|00)(.*)$/);
  if (intl && !intl[2]!.includes('(0)')) {
    const d = intl[2]!.replace(/\D+/g, '');
    if (d.length >= 8 && d.length <= 15) return { e164: `+${d}`, last7: d.slice(-7) };
  }
  const country = region && /^[A-Za-z]{2}$/.test(region) ? (region.toUpperCase() as CountryCode) : undefined;
  let e164 = raw.trim().startsWith('+') ? `+${digits}` : digits;
  try {
    const parsed = parsePhoneNumberFromString(raw, country);
    if (parsed) e164 = parsed.number;
  } catch {
    // unparsable numbers still compare by digits
  }
  return { e164, last7: digits.slice(-7) };
}

export function phoneComparator(spec: ComparatorSpec): Comparator<PreparedPhone> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['same_number', 'last_7_digits', 'else'],
    spec,
    sendPrepared: true,
    prepare(values) {
      const raw = values[0];
      if (raw == null || raw.trim() === '') return null;
      const region = values[1] ? (values[1].split(/[;,| ]+/)[0] ?? null) : null;
      return preparePhone(raw, region);
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a.e164 === b.e164) return 0;
      return a.last7.length === 7 && a.last7 === b.last7 ? 1 : 2;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      if (level === 0) return `${spec.name}: same number ${a!.e164}`;
      if (level === 1)
        return (
          `${spec.name}: ${a!.e164} and ${b!.e164} end in the same 7 digits (country code or prefix written ` +
          `differently)`
        );
      return `${spec.name}: ${a!.e164} and ${b!.e164} are different numbers`;
    },
    blockingVariants: ['e164'],
    blockingKeys: (p, variant?: string) => (variant === 'e164' ? [p.e164] : p.last7.length === 7 ? [p.last7] : []),
    termFrequencyKey: (p) => p.e164,
  };
}

import { describe, expect, it } from 'vitest';
import { dateFormatter, intlSpeaks, MONTH_NAMES } from './dates.ts';
import { LANGUAGES } from './index.ts';

const withoutIntl = () => false;

describe('dates in the interface language', () => {
  it('formats Khmer with Khmer month names when the browser has no Khmer date data, never in English', () => {
    const km = dateFormatter('km', withoutIntl);
    expect(km.date('2026-11-29')).toBe('29 វិច្ឆិកា 2026');
    expect(km.date('2026-11-29')).not.toMatch(/Nov|[A-Za-z]/);
    expect(km.date('1998-01-05')).toBe('5 មករា 1998');
    expect(km.dateTime('2026-11-29T12:00:00Z')).toMatch(/^\d+ \S+ 2026 \d\d:\d\d$/);
    expect(km.dateTime('2026-11-29T12:00:00Z')).not.toMatch(/[A-Za-z]/);
  });

  it('uses its own month names for every language without Intl data, a calendar day staying that day', () => {
    expect(dateFormatter('zh', withoutIntl).date('2026-11-29')).toBe('2026年11月29日');
    expect(dateFormatter('id', withoutIntl).date('2026-08-01')).toBe('1 Agu 2026');
    expect(dateFormatter('en', withoutIntl).date('2026-12-31')).toBe('31 Dec 2026');
    for (const l of LANGUAGES) expect(MONTH_NAMES[l]).toHaveLength(12);
  });

  it("uses Intl where it speaks the language, and a calendar day is not moved by the reader's time zone", () => {
    // Node ships full ICU: Khmer is there, and an unknown language is recognised as not spoken.
    expect(intlSpeaks('km')).toBe(true);
    expect(intlSpeaks('tlh')).toBe(false);
    const km = dateFormatter('km');
    expect(km.date('2026-11-29')).toContain('វិច្ឆិកា');
    expect(km.date('2026-11-29')).not.toContain('Nov');
    expect(dateFormatter('zh').date('2026-11-29')).toBe('2026年11月29日');
  });

  it('writes Thai dates on the Gregorian calendar, like the dates typed into the forms', () => {
    expect(dateFormatter('th').date('2026-11-29')).toContain('2026');
    expect(dateFormatter('th').date('2026-11-29')).not.toContain('2569');
    expect(dateFormatter('ko', withoutIntl).date('2026-11-29')).toBe('2026년 11월 29일');
    expect(dateFormatter('zh-Hant', withoutIntl).date('2026-11-29')).toBe('2026年11月29日');
  });

  it('shows a dash for no date and the text itself for one that is not a date', () => {
    const f = dateFormatter('km', withoutIntl);
    expect(f.date(null)).toBe('—');
    expect(f.date('unknown')).toBe('unknown');
  });
});

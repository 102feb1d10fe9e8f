import { describe, expect, it } from 'vitest';
import type { AnyComparator, ComparatorSpec } from '../types.ts';
import { buildComparator } from './build-comparator.ts';
import { parseDate } from './date.ts';
import { foldDocument } from './document.ts';

function make(spec: Partial<ComparatorSpec> & Pick<ComparatorSpec, 'kind'>): AnyComparator {
  return buildComparator({ name: spec.kind, fields: ['v'], ...spec });
}

/** Level name for raw values, asserting the same level in both directions. */
function level(c: AnyComparator, a: (string | null)[] | string | null, b: (string | null)[] | string | null): string {
  const pa = c.prepare(Array.isArray(a) ? a : [a]);
  const pb = c.prepare(Array.isArray(b) ? b : [b]);
  const l = c.compare(pa, pb);
  expect(c.compare(pb, pa)).toBe(l);
  const text = c.explain(pa, pb, l);
  expect(text.length).toBeGreaterThan(5);
  expect(c.explain(pb, pa, l).length).toBeGreaterThan(5);
  return l < 0 ? 'null' : c.levels[l]!;
}

describe('exact comparator', () => {
  const c = make({ kind: 'exact' });
  it('folds case, accents and punctuation', () => {
    expect(level(c, 'São Paulo', 'sao paulo')).toBe('exact');
    expect(level(c, 'Lyon', 'Paris')).toBe('else');
    expect(level(c, null, 'Paris')).toBe('null');
    expect(level(c, '  ', 'Paris')).toBe('null');
  });
  it('explains agreement with the value', () => {
    const p = c.prepare(['Lyon']);
    expect(c.explain(p, p, 0)).toContain('lyon');
  });
});

describe('string comparator', () => {
  const c = make({ kind: 'string' });
  it('orders exact, Jaro-Winkler, Levenshtein and loose similarity', () => {
    expect(level(c, 'martha', 'martha')).toBe('exact');
    expect(level(c, 'martha', 'marhta')).toBe('jaro_winkler_0.92');
    expect(level(c, 'stephen', 'steven')).toBe('levenshtein_2');
    expect(level(c, 'alexander', 'aleksandr')).toBe('jaro_winkler_0.8');
    expect(level(c, 'smith', 'nguyen')).toBe('else');
  });
  it('explains with the similarity figure', () => {
    const a = c.prepare(['martha']);
    const b = c.prepare(['marhta']);
    expect(c.explain(a, b, 1)).toMatch(/Jaro-Winkler 0\.96/);
  });
});

describe('date comparator', () => {
  const c = make({ kind: 'date' });
  it('parses the usual formats', () => {
    expect(parseDate('1990-03-07')).toMatchObject({ y: 1990, m: 3, d: 7 });
    expect(parseDate('19900307')).toMatchObject({ y: 1990, m: 3, d: 7 });
    expect(parseDate('07/03/1990')).toMatchObject({ y: 1990, m: 3, d: 7 });
    expect(parseDate('1990')).toMatchObject({ y: 1990, m: 0, d: 0 });
    expect(parseDate('not a date')).toBeNull();
  });
  it('gives each level', () => {
    expect(level(c, '1990-03-07', '07/03/1990')).toBe('exact');
    expect(level(c, '1990-03-07', '1990-07-03')).toBe('day_month_swapped');
    expect(level(c, '1990-03-07', '1990-03-08')).toBe('one_digit_typo');
    expect(level(c, '1990-03-07', '1990-03-21')).toBe('year_month');
    expect(level(c, '1990-03-07', '1990')).toBe('year');
    expect(level(c, '1990-03-07', '1990-11-25')).toBe('full_dates_differ');
    expect(level(c, '1990-03', '1990-11-25')).toBe('year');
    expect(level(c, '1990-03-07', '1991-12-25')).toBe('full_dates_differ');
    expect(level(c, '1990-03-07', '1991')).toBe('within_one_year');
    expect(level(c, '1990-03', '1990-03-25')).toBe('year_month');
    expect(level(c, '1990-03-07', '1975-12-25')).toBe('else');
    expect(level(c, '1990-03-07', null)).toBe('null');
  });
  it('two full dates that differ in month and day are their own level, apart from partial dates', () => {
    const differ = c.levels.indexOf('full_dates_differ');
    expect(differ).toBeGreaterThan(c.levels.indexOf('within_one_year'));
    expect(level(c, '1985-06-14', '1985-09-02')).toBe('full_dates_differ');
    expect(level(c, '14/06/1985', '1986-09-02')).toBe('full_dates_differ');
    expect(level(c, '1985', '1985-09-02')).toBe('year');
    expect(level(c, '1985-06-14', '1979-09-02')).toBe('else');
  });
  it('reads 1 January as the unknown-date placeholder, on one side or both', () => {
    expect(level(c, '1985-01-01', '1985-09-02')).toBe('year');
    expect(level(c, '1985-01-01', '1986-09-02')).toBe('within_one_year');
    expect(level(c, '1985-01-01', '1985-01-20')).toBe('year');
    // Both on the placeholder: both writers knew the year, nothing more (namesakes of one year met as 'exact').
    expect(level(c, '1985-01-01', '01/01/1985')).toBe('year');
    expect(level(c, '1985-01-02', '02/01/1985')).toBe('exact');
    expect(level(c, '1985-01-01', '1975-09-02')).toBe('else');
    // The placeholder is no digit away from another date: two of them a year apart are ages, one beside a
    // real date of its year says the year.
    expect(level(c, '2002-01-01', '2003-01-01')).toBe('within_one_year');
    expect(level(c, '1987-01-01', '1987-07-01')).toBe('year');
    expect(level(c, '1987-01-01', '1987-01-21')).toBe('year');
  });
  it('offers exact, year and day-month blocking keys', () => {
    const p = c.prepare(['1990-03-07']);
    expect(c.blockingKeys!(p)).toEqual(['19900307']);
    expect(c.blockingKeys!(p, 'year')).toEqual(['1990']);
    expect(c.blockingKeys!(c.prepare(['1990']))).toEqual([]);
    // A mistyped or guessed year, and day and month swapped, still share the day-month key.
    const key = c.blockingKeys!(p, 'day_month');
    expect(key).toHaveLength(1);
    expect(c.blockingKeys!(c.prepare(['07/03/1960']), 'day_month')).toEqual(key);
    expect(c.blockingKeys!(c.prepare(['1990-07-03']), 'day_month')).toEqual(key);
    expect(c.blockingKeys!(c.prepare(['1990-03-08']), 'day_month')).not.toEqual(key);
    // Partial dates and the unknown-date placeholder (1 January) give no key: that block would be everyone.
    expect(c.blockingKeys!(c.prepare(['1990-03']), 'day_month')).toEqual([]);
    expect(c.blockingKeys!(c.prepare(['1990-01-01']), 'day_month')).toEqual([]);
  });
});

describe('phone comparator', () => {
  const c = make({ kind: 'phone', fields: ['phone', 'nationality'] });
  it('treats national and international writing as the same number given the nationality', () => {
    expect(level(c, ['0812 3456 7890', 'ID'], ['+62 812-3456-7890', null])).toBe('same_number');
    expect(level(c, ['0912 345 678', 'VN'], ['+84 912345678', 'VN'])).toBe('same_number');
  });
  it('falls back to the last 7 digits', () => {
    expect(level(c, ['+66 81 234 5678', 'TH'], ['+855 12 999 111', 'KH'])).toBe('else');
    expect(level(c, ['+66 81 234 5678', 'TH'], ['+856 20 1234 5678', 'LA'])).toBe('last_7_digits');
  });
  it('is null when missing or too short', () => {
    expect(level(c, [null, 'TH'], ['+66 81 234 5678', 'TH'])).toBe('null');
    expect(level(c, ['12', 'TH'], ['+66 81 234 5678', 'TH'])).toBe('null');
  });
});

describe('document comparator', () => {
  const c = make({ kind: 'document' });
  it('folds OCR look-alikes', () => {
    expect(foldDocument('BO1SZ')).toBe('80152');
  });
  it('gives each level', () => {
    expect(level(c, 'E1234567', 'e-1234567')).toBe('exact');
    expect(level(c, 'EO1234S67', 'E0I23456 7')).toBe('ocr_confusion');
    expect(level(c, 'E1234567', 'E1234568')).toBe('one_edit');
    expect(level(c, 'E1234567', 'K7654321')).toBe('else');
    expect(level(c, '', 'K7654321')).toBe('null');
  });
});

describe('sex comparator', () => {
  const c = make({ kind: 'sex' });
  it('compares categories whatever the writing', () => {
    const pairs: [string, string][] = [
      ['M', 'male'],
      ['Male', 'm'],
      ['L', 'laki-laki'],
      ['F', 'Female'],
      ['P', 'perempuan'],
      ['女', 'f'],
      ['ชาย', 'M'],
      ['nữ', 'F'],
    ];
    for (const [a, b] of pairs) expect(level(c, a, b)).toBe('same');
  });
  it('never treats M and F as near (no edit distance)', () => {
    expect(level(c, 'M', 'F')).toBe('else');
    expect(level(c, 'male', 'female')).toBe('else');
    expect(level(c, 'laki-laki', 'perempuan')).toBe('else');
    expect(level(c, '男', '女')).toBe('else');
    expect(level(c, 'M', '')).toBe('null');
  });
  it('keeps an unknown word as a category of its own', () => {
    expect(level(c, 'unknown', 'unknown')).toBe('same');
    expect(level(c, 'unknown', 'M')).toBe('else');
  });
  it('reads a name of an object property as text, not as a lookup on Object.prototype', () => {
    // Found by the comparator contract's property test: "__proto__" prepared to Object.prototype, not a string.
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(typeof c.prepare([word])).toBe('string');
      expect(level(c, word, word)).toBe('same');
      expect(level(c, word, 'M')).toBe('else');
    }
  });
});

describe('nationality comparator', () => {
  const c = make({ kind: 'nationality' });
  it('compares sets', () => {
    expect(level(c, 'KH;TH', 'th, kh')).toBe('same');
    expect(level(c, 'KH;TH', 'TH')).toBe('overlapping');
    expect(level(c, 'VN', 'CN')).toBe('else');
    expect(level(c, null, 'CN')).toBe('null');
  });
  it('reads alpha-3 codes, country names and demonyms as the same country', () => {
    expect(level(c, 'VN', 'VNM')).toBe('same');
    expect(level(c, 'Viet Nam', 'vn')).toBe('same');
    expect(level(c, 'the Philippines', 'PHL')).toBe('same');
    expect(level(c, 'Filipino', 'PH')).toBe('same');
    expect(level(c, 'Sierra Leone', 'SLE')).toBe('same');
    expect(level(c, 'Myanmar; Thailand', 'TH')).toBe('overlapping');
    expect(level(c, 'Vietnam', 'Cambodia')).toBe('else');
    expect(level(c, 'VNM', 'KHM')).toBe('else');
    expect(level(c, 'Atlantis', 'Atlantis')).toBe('same');
  });
});

describe('postcode comparator', () => {
  const c = make({ kind: 'postcode' });
  it('gives each level', () => {
    expect(level(c, '2119', '2119')).toBe('exact');
    expect(level(c, '2119', '2118')).toBe('one_edit');
    expect(level(c, '21190', '21177')).toBe('same_prefix');
    expect(level(c, '2119', '4881')).toBe('else');
  });
});

describe('address comparator', () => {
  const c = make({ kind: 'address', fields: ['a', 'b'] });
  it('compares token sets across columns', () => {
    expect(level(c, ['wallaby place', 'delmar'], ['delmar', 'wallaby place'])).toBe('same_tokens');
    expect(level(c, ['pridhamstreet', null], ['pridham street', null])).toBe('same_tokens');
    expect(level(c, ['12 wallaby place', 'delmar'], ['wallaby place', 'delmar south'])).toBe('similar');
    expect(level(c, ['hoseason street', null], ['kitchener street', 'x'])).toBe('shares_word');
    expect(level(c, ['hoseason', null], ['kitchener', null])).toBe('else');
  });
});

describe('person name comparator (names layer)', () => {
  const c = make({ kind: 'person_name' });
  it('uses the names layer levels, strongest first, ending in different', () => {
    expect(c.levels[0]).toBe('exact');
    expect(c.levels[c.levels.length - 1]).toBe('different');
  });
  it('recognises the same person across scripts and order', () => {
    expect(level(c, 'Chen Zhi', 'Chen Zhi')).toBe('exact');
    expect(level(c, '陈志', 'Trần Chí')).toBe('same_reading');
    expect(['reordered', 'same_after_normalisation']).toContain(level(c, 'Zhi Chen', 'chen zhi'));
    expect(level(c, 'Maria Santos', 'Kwame Otieno')).toBe('different');
    expect(level(c, null, 'Kwame Otieno')).toBe('null');
  });
  it('explains with the names layer sentence', () => {
    const a = c.prepare(['陈志']);
    const b = c.prepare(['Trần Chí']);
    expect(c.explain(a, b, c.compare(a, b))).toMatch(/Vietnamese|reading/i);
  });
  it('gives blocking keys shared across scripts', () => {
    const ka = c.blockingKeys!(c.prepare(['陈志']));
    const kb = c.blockingKeys!(c.prepare(['Trần Chí']));
    expect(ka.some((k) => kb.includes(k))).toBe(true);
  });
});

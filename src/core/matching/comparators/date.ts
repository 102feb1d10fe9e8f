/**
 * Dates of birth, often partial or mistyped: exact; day and month swapped (US vs EU writing);
 * one digit mistyped; same year and month; same year (one side partial); within one year (estimated
 * ages); two full dates of the same or the next year that differ in month and day (evidence against:
 * both writers knew the date, and they disagree); else. 1 January is read as "year only", against another
 * day or against itself: it is the usual placeholder for an unknown day and month in registrations.
 * Accepts YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, DD/MM/YYYY, DD.MM.YYYY, YYYY-MM and YYYY.
 */
import type { Comparator, ComparatorSpec } from '../types.ts';

export interface PreparedDate {
  y: number;
  m: number;
  d: number;
  text: string;
}

const DATE_LEVELS = [
  'exact',
  'day_month_swapped',
  'one_digit_typo',
  'year_month',
  'year',
  'within_one_year',
  'full_dates_differ',
  'else',
] as const;

const YEAR = DATE_LEVELS.indexOf('year');

export function parseDate(raw: string): PreparedDate | null {
  const s = raw.trim();
  let m: RegExpMatchArray | null;
  let y: number,
    mo = 0,
    d = 0;
  if ((m = s.match(/^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/))) {
    y = +m[1]!;
    mo = +m[2]!;
    d = +m[3]!;
  } else if ((m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) {
    d = +m[1]!;
    mo = +m[2]!;
    y = +m[3]!;
  } else if ((m = s.match(/^(\d{4})[-/.](\d{1,2})$/))) {
    y = +m[1]!;
    mo = +m[2]!;
  } else if ((m = s.match(/^(\d{4})$/))) {
    y = +m[1]!;
  } else return null;
  if (y < 1000 || mo > 12 || d > 31) {
    // Keep impossible-but-typed dates (e.g. month 13 from a swap) comparable as text only when full.
    if (y < 1000) return null;
  }
  const text = `${String(y).padStart(4, '0')}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  return { y, m: mo, d, text };
}

/** 1 January: how many registrations write a date whose day and month are unknown. */
function isPlaceholder(p: PreparedDate): boolean {
  return p.m === 1 && p.d === 1;
}

function describe(p: PreparedDate): string {
  if (p.m === 0) return `${p.y} (year only)`;
  if (p.d === 0) return `${p.y}-${String(p.m).padStart(2, '0')}`;
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

export function dateComparator(spec: ComparatorSpec): Comparator<PreparedDate> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: DATE_LEVELS,
    spec,
    prepare(values) {
      const v = values[0];
      return v == null || v.trim() === '' ? null : parseDate(v);
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      const fullA = a.d > 0 && a.m > 0;
      const fullB = b.d > 0 && b.m > 0;
      const placeholder = isPlaceholder(a) || isPlaceholder(b);
      // Two 1 January dates of one year say only that both writers knew the year.
      if (fullA && fullB && a.text === b.text) return placeholder ? YEAR : 0;
      // Nor is the placeholder a digit or a swap away from another date (2002-01-01 / 2003-01-01 / 2002-07-01).
      if (fullA && fullB && !placeholder) {
        if (a.y === b.y && a.m === b.d && a.d === b.m) return 1;
        let diff = 0;
        for (let i = 0; i < 8 && diff < 2; i++) if (a.text.charCodeAt(i) !== b.text.charCodeAt(i)) diff++;
        if (diff === 1) return 2;
      }
      const near = Math.abs(a.y - b.y) <= 1;
      // Both full and neither the unknown-date placeholder: a different month and day is a different date.
      if (fullA && fullB && near && !placeholder) return a.y === b.y && a.m === b.m ? 3 : 6;
      if (a.y === b.y) return a.m > 0 && a.m === b.m && !placeholder ? 3 : 4;
      return near ? 5 : 7;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      const da = a ? describe(a) : '?';
      const db = b ? describe(b) : '?';
      switch (DATE_LEVELS[level]) {
        case 'exact':
          return `${spec.name}: same date ${da}`;
        case 'day_month_swapped':
          return `${spec.name}: ${da} and ${db} are the same date with day and month swapped`;
        case 'one_digit_typo':
          return `${spec.name}: ${da} and ${db} differ in a single digit`;
        case 'year_month':
          return `${spec.name}: ${da} and ${db} share year and month`;
        case 'year':
          return `${spec.name}: ${da} and ${db} share only the year`;
        case 'within_one_year':
          return `${spec.name}: ${da} and ${db} are within one year (consistent with an estimated age)`;
        case 'full_dates_differ':
          return `${spec.name}: ${da} and ${db} are both full dates and differ in month and day`;
        default:
          return `${spec.name}: ${da} and ${db} are different`;
      }
    },
    // Two full dates that differ, and plain else, are evidence against a match (training checks m < u there).
    disagreementLevels: [DATE_LEVELS.indexOf('full_dates_differ'), DATE_LEVELS.length - 1],
    // 'day_month': the day and month in either order, for a year mistyped or guessed from an age.
    blockingVariants: ['year', 'day_month'],
    blockingKeys(p, variant?: string) {
      if (variant === 'year') return [String(p.y)];
      if (variant === 'day_month') {
        if (p.d === 0 || p.m === 0 || isPlaceholder(p)) return [];
        return [p.d < p.m ? `${p.d}/${p.m}` : `${p.m}/${p.d}`];
      }
      return p.d > 0 && p.m > 0 ? [p.text] : [];
    },
    // Full dates only: a year, a month or the unknown-date placeholder says how old, not who (namesakes.ts reads this too).
    termFrequencyKey: (p) => (p.d > 0 && p.m > 0 && !isPlaceholder(p) ? p.text : null),
  };
}

/**
 * Dates in article text, absolute and relative, resolved against the publication date: "on Tuesday"
 * (the latest Tuesday on or before publication), "yesterday", "last October" (the latest October before
 * the publication month), "in March", "on the 22nd" (this month, or last month if the 22nd is still to
 * come), "14 October 2025", "October 14", "three weeks ago", "2025-10-14". Each result keeps its span.
 */

import { WORD_NUMBERS } from './figures.ts';

export type DatePrecision = 'day' | 'week' | 'month' | 'year';

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** ISO date (the first day of the month/year for coarser precisions); null when unresolvable. */
  date: string | null;
  precision: DatePrecision;
  relative: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_SOURCE = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SMALL: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  ...Object.fromEntries(Object.entries(WORD_NUMBERS).filter(([, n]) => n <= 10)),
};

const monthIndex = (word: string): number => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().slice(0, 3)));

function iso(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m, d));
  return dt.toISOString().slice(0, 10);
}

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m, d));
  return dt.getUTCMonth() === m && dt.getUTCDate() === d;
}

interface Pub {
  y: number;
  m: number;
  d: number;
  weekday: number;
}

function pubOf(published: string): Pub {
  const dt = new Date(`${published.slice(0, 10)}T00:00:00Z`);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth(), d: dt.getUTCDate(), weekday: dt.getUTCDay() };
}

type Rule = { re: RegExp; resolve: (m: RegExpExecArray, p: Pub) => Omit<DateMention, 'start' | 'end' | 'text'> | null };

const RULES: Rule[] = [
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    resolve: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
      return validDay(y, mo, d) ? { date: iso(y, mo, d), precision: 'day', relative: false } : null;
    },
  },
  {
    // 14 October 2025 · 14 October
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_SOURCE})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    resolve: (m, p) => dayMonth(Number(m[1]), monthIndex(m[2]!), m[3] ? Number(m[3]) : null, p),
  },
  {
    // October 14, 2025 · October 14
    re: new RegExp(`\\b(${MONTH_SOURCE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b(?!,\\d)`, 'g'),
    resolve: (m, p) => dayMonth(Number(m[2]), monthIndex(m[1]!), m[3] ? Number(m[3]) : null, p),
  },
  {
    // October 2025
    re: new RegExp(`\\b(${MONTH_SOURCE})\\s+(\\d{4})\\b`, 'g'),
    resolve: (m) => ({ date: iso(Number(m[2]), monthIndex(m[1]!), 1), precision: 'month', relative: false }),
  },
  {
    // last October · in March · this May · since January
    re: new RegExp(`\\b(last|this|in|since|early|late|mid-?)\\s+(${MONTH_SOURCE})\\b(?!\\s+\\d)`, 'gi'),
    resolve: (m, p) => {
      const mo = monthIndex(m[2]!);
      if (mo < 0) return null;
      const last = m[1]!.toLowerCase() === 'last';
      const y = last ? (mo < p.m ? p.y : p.y - 1) : mo <= p.m ? p.y : p.y - 1;
      return { date: iso(y, mo, 1), precision: 'month', relative: true };
    },
  },
  {
    // on the 22nd
    re: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:century|anniversary|floor))/gi,
    resolve: (m, p) => {
      const d = Number(m[1]);
      const [y, mo] = d <= p.d ? [p.y, p.m] : p.m === 0 ? [p.y - 1, 11] : [p.y, p.m - 1];
      return validDay(y, mo, d) ? { date: iso(y, mo, d), precision: 'day', relative: true } : null;
    },
  },
  {
    // (last) Tuesday
    re: /\b(last\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g,
    resolve: (m, p) => {
      const wd = WEEKDAYS.indexOf(m[2]!.toLowerCase());
      let back = (p.weekday - wd + 7) % 7;
      if (m[1] && back === 0) back = 7;
      return { date: iso(p.y, p.m, p.d - back), precision: 'day', relative: true };
    },
  },
  {
    re: /\b(yesterday|today|last\s+week|last\s+month|last\s+year|this\s+year|this\s+month)\b/gi,
    resolve: (m, p) => {
      const w = m[1]!.toLowerCase().replace(/\s+/g, ' ');
      if (w === 'yesterday') return { date: iso(p.y, p.m, p.d - 1), precision: 'day', relative: true };
      if (w === 'today') return { date: iso(p.y, p.m, p.d), precision: 'day', relative: true };
      if (w === 'last week') return { date: iso(p.y, p.m, p.d - 7), precision: 'week', relative: true };
      if (w === 'last month') return { date: iso(p.y, p.m - 1, 1), precision: 'month', relative: true };
      if (w === 'this month') return { date: iso(p.y, p.m, 1), precision: 'month', relative: true };
      if (w === 'last year') return { date: iso(p.y - 1, 0, 1), precision: 'year', relative: true };
      return { date: iso(p.y, 0, 1), precision: 'year', relative: true };
    },
  },
  {
    re: /\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b/gi,
    resolve: (m, p) => {
      const n = /^\d/.test(m[1]!) ? Number(m[1]) : SMALL[m[1]!.toLowerCase()]!;
      const unit = m[2]!.toLowerCase();
      if (unit === 'day') return { date: iso(p.y, p.m, p.d - n), precision: 'day', relative: true };
      if (unit === 'week') return { date: iso(p.y, p.m, p.d - 7 * n), precision: 'week', relative: true };
      if (unit === 'month') return { date: iso(p.y, p.m - n, 1), precision: 'month', relative: true };
      return { date: iso(p.y - n, 0, 1), precision: 'year', relative: true };
    },
  },
  {
    // in 2024
    re: /\b(?:in|since|during)\s+((?:19|20)\d{2})\b(?!-\d)/g,
    resolve: (m) => ({ date: iso(Number(m[1]), 0, 1), precision: 'year', relative: false }),
  },
];

function dayMonth(
  d: number,
  mo: number,
  year: number | null,
  p: Pub,
): Omit<DateMention, 'start' | 'end' | 'text'> | null {
  if (mo < 0) return null;
  // Without a year: the publication year, unless that date is still to come (then the year before).
  const y = year ?? (mo < p.m || (mo === p.m && d <= p.d) ? p.y : p.y - 1);
  if (!validDay(y, mo, d)) return null;
  return { date: iso(y, mo, d), precision: 'day', relative: year === null };
}

/** Every date mention, earliest rule winning where two overlap, in text order. */
export function findDates(text: string, published: string): DateMention[] {
  const p = pubOf(published);
  const found: DateMention[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && a < e);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const resolved = rule.resolve(m, p);
      if (!resolved) continue;
      taken.push([start, end]);
      found.push({ start, end, text: m[0], ...resolved });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Figures as articles state them: a number with its qualifier ("at least 17", "over 1,400", "up to
 * 100,000", "thousands", "between 300 and 400") read into an interval of the values the statement allows.
 *
 * Interval semantics (closed intervals; `high` null = unbounded):
 *   exact "1,440"                      → [1440, 1440]
 *   "at least N", "no fewer than N"    → [N, ∞)        "more than N", "over N", "upwards of N" → [N+1, ∞)
 *   "up to N", "as many as N", "at most N", "no more than N" → [0, N]     "fewer/less than N" → [0, N-1]
 *   "about/around/approximately/some/an estimated/roughly N" → [0.9·N, 1.1·N] (rounded outwards)
 *   "nearly/almost/close to N"         → [0.9·N, N]
 *   "between N and M", "N to M", "N-M" → [N, M]
 *   "dozens" → [24, 99] · "hundreds" → [200, 999] · "thousands" → [2000, 9999]
 *   "tens of thousands" → [20000, 99999] · "hundreds of thousands" → [200000, 999999]
 * For non-integer amounts (money) "more than"/"fewer than" keep N as the bound.
 */

export const QUALIFIERS = [
  'exact',
  'at_least',
  'more_than',
  'up_to',
  'fewer_than',
  'about',
  'nearly',
  'range',
  'vague',
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export interface Figure {
  low: number;
  /** null: no upper bound. */
  high: number | null;
  qualifier: Qualifier;
  /** The value as stated (the lower end of a range; the indicative value of a vague figure). */
  value: number;
}

const SCALES: Readonly<Record<string, number>> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  m: 1e6,
  mn: 1e6,
  bn: 1e9,
  b: 1e9,
  k: 1e3,
};

/** Numbers written as words, as articles use them (dates.ts reads the small ones for "three days ago"). */
export const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};

export const VAGUE: Readonly<Record<string, [number, number, number]>> = {
  dozens: [24, 99, 24],
  scores: [40, 99, 40],
  hundreds: [200, 999, 200],
  thousands: [2000, 9999, 2000],
  'tens of thousands': [20_000, 99_999, 20_000],
  'hundreds of thousands': [200_000, 999_999, 200_000],
  millions: [2_000_000, 9_999_999, 2_000_000],
};

const QUALIFIER_WORDS: ReadonlyArray<readonly [string, Qualifier]> = [
  ['at least', 'at_least'],
  ['no fewer than', 'at_least'],
  ['no less than', 'at_least'],
  ['a minimum of', 'at_least'],
  ['more than', 'more_than'],
  ['over', 'more_than'],
  ['upwards of', 'more_than'],
  ['in excess of', 'more_than'],
  ['up to', 'up_to'],
  ['as many as', 'up_to'],
  ['at most', 'up_to'],
  ['no more than', 'up_to'],
  ['fewer than', 'fewer_than'],
  ['less than', 'fewer_than'],
  ['under', 'fewer_than'],
  ['about', 'about'],
  ['around', 'about'],
  ['approximately', 'about'],
  ['roughly', 'about'],
  ['some', 'about'],
  ['an estimated', 'about'],
  ['estimated', 'about'],
  ['nearly', 'nearly'],
  ['almost', 'nearly'],
  ['close to', 'nearly'],
];

/** Regex source of a qualifier prefix (captured), longest first. */
export const QUALIFIER_SOURCE = `(?:(${[...QUALIFIER_WORDS]
  .map(([w]) => w)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|')})\\s+)?`;

/** Regex source of a number: digits with thousands separators, decimals, a scale word, or a number word. */
export const NUMBER_SOURCE =
  `(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s*(?:hundred|thousand|million|billion|trillion|bn|mn)\\b)?` +
  `|\\b(?:${Object.keys(WORD_NUMBERS).join('|')})\\b(?:\\s+(?:hundred|thousand|million|billion))?`;

export const VAGUE_SOURCE = Object.keys(VAGUE)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');

/** "1,440" → 1440, "12.5 billion" → 12.5e9, "two hundred" → 200; null when not a number. */
export function parseNumber(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+)(?:\s*([a-z]+))?$/.exec(t);
  if (!m) return null;
  const base = /^\d/.test(m[1]!) ? Number(m[1]!.replace(/,/g, '')) : WORD_NUMBERS[m[1]!];
  if (base === undefined || !Number.isFinite(base)) return null;
  if (!m[2]) return base;
  const scale = SCALES[m[2]];
  return scale === undefined ? null : Math.round(base * scale * 1e6) / 1e6;
}

export function qualifierOf(words: string | undefined): Qualifier {
  if (!words) return 'exact';
  const w = words.toLowerCase().replace(/\s+/g, ' ');
  return QUALIFIER_WORDS.find(([q]) => q === w)?.[1] ?? 'exact';
}

/** The interval a stated figure allows. `integer` (counts) makes "more than N" start at N+1. */
export function figureOf(value: number, qualifier: Qualifier, integer: boolean, high?: number): Figure {
  const step = integer ? 1 : 0;
  switch (qualifier) {
    case 'exact':
      return { low: value, high: value, qualifier, value };
    case 'at_least':
      return { low: value, high: null, qualifier, value };
    case 'more_than':
      return { low: value + step, high: null, qualifier, value };
    case 'up_to':
      return { low: 0, high: value, qualifier, value };
    case 'fewer_than':
      return { low: 0, high: Math.max(0, value - step), qualifier, value };
    case 'about':
      return { low: Math.floor(value * 0.9), high: Math.ceil(value * 1.1), qualifier, value };
    case 'nearly':
      return { low: Math.floor(value * 0.9), high: value, qualifier, value };
    case 'range':
      return { low: Math.min(value, high ?? value), high: Math.max(value, high ?? value), qualifier, value };
    case 'vague':
      return { low: value, high: high ?? null, qualifier, value };
  }
}

export function vagueFigure(words: string): Figure | null {
  const v = VAGUE[words.toLowerCase().replace(/\s+/g, ' ')];
  return v ? { low: v[0], high: v[1], qualifier: 'vague', value: v[2] } : null;
}

/** Whether two figures can both be true (their intervals meet). */
export function compatible(a: Figure, b: Figure): boolean {
  return (a.high === null || b.low <= a.high) && (b.high === null || a.low <= b.high);
}

export function sameInterval(a: Figure, b: Figure): boolean {
  return a.low === b.low && a.high === b.high;
}

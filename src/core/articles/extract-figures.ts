/**
 * Counts of people ("1,440 Indonesian nationals", "thousands of workers", "up to 100,000 people"), counts
 * of places ("at least 17 scam zones") and amounts of money or crypto ("$12.5 billion", "18.4 trillion
 * won", "127,000 BTC"), each with its qualifier read into an interval (figures.ts) and its exact span.
 */
import type { Claim } from './claim-types.ts';
import {
  figureOf,
  NUMBER_SOURCE,
  parseNumber,
  QUALIFIER_SOURCE,
  qualifierOf,
  vagueFigure,
  VAGUE_SOURCE,
  type Figure,
} from './figures.ts';
import { PEOPLE_NOUNS, PLACE_NOUNS } from './gazetteer.ts';
import { countryOfDemonym, DEMONYM_SOURCE } from './places.ts';

const CURRENCY_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'],
  ['USD', 'USD'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'CNY'],
  ['RMB', 'CNY'],
  ['฿', 'THB'],
];
const CURRENCY_SUFFIX: Readonly<Record<string, string>> = {
  won: 'KRW',
  dollars: 'USD',
  'us dollars': 'USD',
  yuan: 'CNY',
  renminbi: 'CNY',
  baht: 'THB',
  riel: 'KHR',
  kyat: 'MMK',
  rupiah: 'IDR',
  pesos: 'PHP',
  ringgit: 'MYR',
  euros: 'EUR',
  btc: 'BTC',
  bitcoin: 'BTC',
  bitcoins: 'BTC',
  usdt: 'USDT',
  tether: 'USDT',
  eth: 'ETH',
  ether: 'ETH',
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIX_SOURCE = CURRENCY_PREFIX.map(([p]) => esc(p)).join('|');
const SUFFIX_SOURCE = Object.keys(CURRENCY_SUFFIX)
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/ /g, '\\s+'))
  .join('|');
const RANGE_SOURCE = `(?:between\\s+)?(${NUMBER_SOURCE})(?:\\s*(?:-|–|to|and)\\s*(${NUMBER_SOURCE}))?`;
const MODIFIERS = `((?:[\\p{L}-]+\\s+){0,3}?)`;
const PEOPLE_SOURCE = [...PEOPLE_NOUNS].sort((a, b) => b.length - a.length).join('|');
const PLACE_SOURCE = Object.keys(PLACE_NOUNS)
  .sort((a, b) => b.length - a.length)
  .map((p) => p.replace(/ /g, '\\s+'))
  .join('|');

const MONEY_PREFIX = new RegExp(`${QUALIFIER_SOURCE}(${PREFIX_SOURCE})\\s?(${NUMBER_SOURCE})`, 'giu');
const MONEY_SUFFIX = new RegExp(`${QUALIFIER_SOURCE}(${NUMBER_SOURCE})\\s+(${SUFFIX_SOURCE})\\b`, 'giu');
const PEOPLE = new RegExp(
  `${QUALIFIER_SOURCE}${RANGE_SOURCE}\\s+${MODIFIERS}(${PEOPLE_SOURCE}|${DEMONYM_SOURCE})\\b`,
  'giu',
);
const PEOPLE_VAGUE = new RegExp(
  `${QUALIFIER_SOURCE}(${VAGUE_SOURCE})\\s+of\\s+${MODIFIERS}(${PEOPLE_SOURCE}|${DEMONYM_SOURCE})\\b`,
  'giu',
);
const PLACES = new RegExp(
  `${QUALIFIER_SOURCE}${RANGE_SOURCE}\\s+((?:[\\p{L}-]+\\s+){0,2}?)(${PLACE_SOURCE})\\b`,
  'giu',
);

const TAIL = new RegExp(`^\\s+(${PEOPLE_SOURCE})\\b`, 'iu');
const SUSPECT_NOUNS = new Set(['suspects', 'detainees']);

function figure(
  qualifierWords: string | undefined,
  low: string,
  high: string | undefined,
  integer: boolean,
): Figure | null {
  const a = parseNumber(low);
  if (a === null) return null;
  if (high !== undefined) {
    const b = parseNumber(high);
    if (b === null) return null;
    return figureOf(a, 'range', integer, b);
  }
  return figureOf(a, qualifierOf(qualifierWords), integer);
}

function nationalityOf(words: string, noun: string): string | null {
  const fromNoun = countryOfDemonym(noun);
  if (fromNoun) return fromNoun;
  for (const w of words.trim().split(/\s+/)) {
    const c = countryOfDemonym(w);
    if (c) return c;
  }
  return null;
}

type Span = [number, number];

export function extractFigures(text: string): Claim[] {
  const claims: Claim[] = [];
  const taken: Span[] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && a < e);
  const push = (claim: Claim) => {
    taken.push([claim.start, claim.end]);
    claims.push(claim);
  };
  const span = (m: RegExpExecArray) => ({ start: m.index, end: m.index + m[0].length, quote: m[0] });

  for (const re of [MONEY_PREFIX, MONEY_SUFFIX]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const prefix = re === MONEY_PREFIX;
      const symbol = prefix ? m[2]! : m[3]!;
      const currency = prefix
        ? CURRENCY_PREFIX.find(([p]) => p === symbol)![1]
        : CURRENCY_SUFFIX[symbol.toLowerCase().replace(/\s+/g, ' ')]!;
      const f = figure(m[1], prefix ? m[3]! : m[2]!, undefined, false);
      const s = span(m);
      if (!f || !free(s.start, s.end)) continue;
      push({ kind: 'money', ...s, key: `money:${currency}`, value: { ...f, currency } });
    }
  }

  PEOPLE.lastIndex = 0;
  for (let m = PEOPLE.exec(text); m; m = PEOPLE.exec(text)) {
    const s = span(m);
    // A year before a noun ("2024 workers") is a year, not a count.
    if (/^(?:19|20)\d{2}$/.test(m[2]!) && !m[1]) continue;
    const f = figure(m[1], m[2]!, m[3], true);
    if (!f || !free(s.start, s.end)) continue;
    let noun = m[5]!.toLowerCase();
    let modifiers = m[4] ?? '';
    // "1,440 Indonesian nationals": a demonym followed by a people noun is a modifier of that noun.
    const tail = TAIL.exec(text.slice(s.end));
    if (tail && countryOfDemonym(noun)) {
      modifiers = `${modifiers}${m[5]!} `;
      noun = tail[1]!.toLowerCase();
      s.end += tail[0].length;
      s.quote = text.slice(s.start, s.end);
    }
    const nationality = nationalityOf(modifiers, noun);
    const group = SUSPECT_NOUNS.has(noun) ? 'suspect' : 'person';
    push({
      kind: 'people_count',
      ...s,
      key: `people_count:${group}:${nationality ?? 'any'}`,
      value: { ...f, group: `${modifiers.trim()} ${noun}`.trim(), nationality },
    });
  }
  PEOPLE_VAGUE.lastIndex = 0;
  for (let m = PEOPLE_VAGUE.exec(text); m; m = PEOPLE_VAGUE.exec(text)) {
    const s = span(m);
    const f = vagueFigure(m[2]!);
    if (!f || !free(s.start, s.end)) continue;
    const noun = m[4]!.toLowerCase();
    const nationality = nationalityOf(m[3] ?? '', noun);
    const group = SUSPECT_NOUNS.has(noun) ? 'suspect' : 'person';
    push({
      kind: 'people_count',
      ...s,
      key: `people_count:${group}:${nationality ?? 'any'}`,
      value: { ...f, group: `${(m[3] ?? '').trim()} ${noun}`.trim(), nationality },
    });
  }

  PLACES.lastIndex = 0;
  for (let m = PLACES.exec(text); m; m = PLACES.exec(text)) {
    const s = span(m);
    if (/^(?:19|20)\d{2}$/.test(m[2]!) && !m[1]) continue;
    const f = figure(m[1], m[2]!, m[3], true);
    if (!f || !free(s.start, s.end)) continue;
    const unit = PLACE_NOUNS[m[5]!.toLowerCase().replace(/\s+/g, ' ')]!;
    push({ kind: 'place_count', ...s, key: `place_count:${unit}`, value: { ...f, unit } });
  }
  return claims.sort((a, b) => a.start - b.start);
}

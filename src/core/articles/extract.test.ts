import { describe, expect, it } from 'vitest';
import { FIXTURES, GOLDEN_REEF } from '../../testing/article-fixtures.ts';
import type { Claim } from './claim-types.ts';
import { extractClaims } from './extract.ts';
import { PlaceIndex } from './places.ts';

const places = new PlaceIndex([GOLDEN_REEF]);
const extract = (text: string, language = 'en') => extractClaims(text, { publishedAt: '2025-11-12', language, places });
const find = (claims: Claim[], kind: Claim['kind'], quote: string) =>
  claims.find((c) => c.kind === kind && c.quote === quote);

describe('article extraction', () => {
  const wire = extract(FIXTURES.harbourWire);
  const daily = extract(FIXTURES.mekongDaily);

  it('keeps the exact span of every claim', () => {
    for (const [text, claims] of [
      [FIXTURES.harbourWire, wire],
      [FIXTURES.mekongDaily, daily],
      [FIXTURES.floodRelief, extract(FIXTURES.floodRelief)],
      [FIXTURES.casinoCourt, extract(FIXTURES.casinoCourt)],
    ] as const) {
      expect(claims.length).toBeGreaterThan(5);
      for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it('reads counts of people with their group and qualifier', () => {
    expect(find(wire, 'people_count', '1,440 Indonesian nationals')?.value).toMatchObject({
      low: 1440,
      high: 1440,
      qualifier: 'exact',
      nationality: 'ID',
      group: 'Indonesian nationals',
    });
    expect(find(daily, 'people_count', 'More than 1,400 Indonesian citizens')?.value).toMatchObject({
      low: 1401,
      high: null,
      qualifier: 'more_than',
      nationality: 'ID',
    });
    expect(find(wire, 'people_count', 'up to 100,000 people')?.value).toMatchObject({
      low: 0,
      high: 100_000,
      qualifier: 'up_to',
    });
    expect(find(daily, 'people_count', 'thousands of workers')?.value).toMatchObject({
      low: 2000,
      high: 9999,
      qualifier: 'vague',
    });
    expect(find(extract(FIXTURES.casinoCourt), 'people_count', 'nearly 200 employees')?.value).toMatchObject({
      low: 180,
      high: 200,
    });
  });

  it('reads counts of places and money with its currency', () => {
    expect(find(wire, 'place_count', 'at least 10 compounds')).toMatchObject({
      key: 'place_count:scam_site',
      value: { low: 10, high: null },
    });
    expect(find(daily, 'place_count', 'at least 17 scam zones')).toMatchObject({
      key: 'place_count:scam_site',
      value: { low: 17 },
    });
    expect(find(wire, 'money', '$12.5 billion')?.value).toMatchObject({ value: 12.5e9, currency: 'USD' });
    expect(find(wire, 'money', '127,000 BTC')?.value).toMatchObject({ value: 127_000, currency: 'BTC' });
    expect(
      find(extract('Losses reached 18.4 trillion won last year.'), 'money', '18.4 trillion won')?.value,
    ).toMatchObject({
      value: 18.4e12,
      currency: 'KRW',
    });
    expect(find(extract(FIXTURES.floodRelief), 'money', '2 billion riel')?.value).toMatchObject({ currency: 'KHR' });
  });

  it('finds people with role and affiliation, organisations, places and compounds by name', () => {
    expect(find(wire, 'person', 'Sok Vanna')?.value).toEqual({
      name: 'Sok Vanna',
      role: 'spokesman',
      affiliation: 'National Police',
    });
    expect(find(wire, 'person', 'Chen Zhi')?.value).toEqual({
      name: 'Chen Zhi',
      role: 'chairman',
      affiliation: 'Reef Holdings',
    });
    expect(find(wire, 'person', 'Montse Ferrer')?.value).toMatchObject({
      role: 'researcher',
      affiliation: 'Harbour Rights Watch',
    });
    expect(find(daily, 'person', 'Tran Chi')?.value).toMatchObject({ role: 'founder' });
    expect(find(extract(FIXTURES.casinoCourt), 'person', 'Dara Keo')?.value).toMatchObject({ role: 'lawyer' });
    expect(find(wire, 'organisation', 'Reef Holdings')).toBeDefined();
    expect(find(wire, 'place', 'Golden Reef')?.value).toMatchObject({
      placeKind: 'compound',
      compoundId: GOLDEN_REEF.id,
    });
    expect(find(wire, 'place', 'Sihanoukville')?.value).toMatchObject({ placeKind: 'city', country: 'KH' });
    expect(find(extract(FIXTURES.casinoCourt), 'place', 'Svay Rieng')?.value).toMatchObject({ placeKind: 'province' });
    // A compound alias, in another language's text too.
    const alias = extract('Warga dibebaskan dari Golden Reef Park kemarin.', 'id');
    expect(alias.map((c) => c.quote)).toEqual(['Golden Reef Park']);
  });

  it('attributes quotations to their speaker', () => {
    expect(find(wire, 'quotation', 'We will keep going until every compound is closed,')?.value).toEqual({
      speaker: 'Sok Vanna',
    });
    expect(find(daily, 'quotation', 'Every compound will be closed,')?.value).toEqual({ speaker: 'Sok Vanna' });
    expect(find(extract(FIXTURES.floodRelief), 'quotation', 'The water is going down slowly,')?.value).toEqual({
      speaker: 'Lina Hart',
    });
  });

  it('resolves dates against the publication date', () => {
    const dates = Object.fromEntries(
      wire.filter((c) => c.kind === 'date').map((c) => [c.quote, c.kind === 'date' && c.value.date]),
    );
    expect(dates).toMatchObject({ Tuesday: '2025-11-11', 'last October': '2025-10-01', 'the 22nd': '2025-10-22' });
    const court = extract(FIXTURES.casinoCourt).filter((c) => c.kind === 'date');
    expect(court.map((c) => [c.quote, c.kind === 'date' && c.value.date])).toEqual([
      ['3 March 2025', '2025-03-03'],
      ['in January', '2025-01-01'],
    ]);
  });

  it('does not take a year for a count or a name inside a figure for a person', () => {
    // A bare number that reads as a year is never a count (a known limit: "2024 people" is missed too).
    const claims = extract('In 2024 workers protested. About 300 Filipinos left.');
    expect(claims.filter((c) => c.kind === 'people_count').map((c) => c.quote)).toEqual(['About 300 Filipinos']);
    expect(claims.filter((c) => c.kind === 'person')).toEqual([]);
  });
});

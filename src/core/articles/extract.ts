/**
 * Article → claims. English text gets every extractor; other languages get what does not depend on
 * English grammar (compounds and places by name, dates in ISO form, money with a currency sign).
 * Every claim's `quote` is `text.slice(start, end)`.
 */
import type { Claim } from './claim-types.ts';
import { findDates } from './dates.ts';
import { extractFigures } from './extract-figures.ts';
import { extractNames } from './extract-names.ts';
import { PlaceIndex, tokenise } from './places.ts';

export interface ExtractOptions {
  /** ISO date the article was published (relative dates resolve against it). */
  publishedAt: string;
  language: string;
  places: PlaceIndex;
}

const QUOTE = /[“"]([^”"\n]{12,800})[”"]/g;
const SPEECH = '(?:said|says|told|added|stated|warned|explained|according to)';
const NAME = `\\p{Lu}[\\p{L}\\p{M}'’-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’-]*){0,3}`;
const SPEAKER_AFTER = new RegExp(
  `^\\s*,?\\s*(?:${SPEECH}\\s+(${NAME})|(${NAME})(?:,[^,“"]{0,60},)?\\s+${SPEECH}|(he|she)\\s+${SPEECH})`,
  'u',
);
const SPEAKER_BEFORE = new RegExp(`(${NAME})\\s+(?:${SPEECH})(?:\\s+[^.“"]{0,60})?[:,]\\s*$`, 'u');

function quotations(text: string, people: readonly Claim[]): Claim[] {
  const out: Claim[] = [];
  const personAt = (offset: number): string | null => {
    const p = people.find((c) => c.start <= offset && offset < c.end);
    return p && p.kind === 'person' ? p.value.name : null;
  };
  const lastPersonBefore = (offset: number): string | null => {
    const before = people.filter((c) => c.kind === 'person' && c.end <= offset);
    const last = before[before.length - 1];
    return last && last.kind === 'person' ? last.value.name : null;
  };
  QUOTE.lastIndex = 0;
  for (let m = QUOTE.exec(text); m; m = QUOTE.exec(text)) {
    const inner = m[1]!;
    if (inner.trim().split(/\s+/).length < 3) continue;
    const start = m.index + 1;
    const end = start + inner.length;
    const afterText = text.slice(end + 1, end + 120);
    const after = SPEAKER_AFTER.exec(afterText);
    let speaker: string | null = null;
    if (after) {
      const name = after[1] ?? after[2];
      if (name) speaker = personAt(end + 1 + afterText.indexOf(name)) ?? name;
      else speaker = lastPersonBefore(m.index);
    } else {
      const beforeText = text.slice(Math.max(0, m.index - 160), m.index);
      const before = SPEAKER_BEFORE.exec(beforeText);
      if (before) speaker = personAt(m.index - beforeText.length + before.index) ?? before[1]!;
    }
    out.push({
      kind: 'quotation',
      start,
      end,
      quote: inner,
      key: `quotation:${speaker ?? 'unknown'}`,
      value: { speaker },
    });
  }
  return out;
}

export function extractClaims(text: string, options: ExtractOptions): Claim[] {
  const english = options.language === 'en';
  const tokens = tokenise(text);
  const places: Claim[] = options.places.find(text, tokens).map((p) => ({
    kind: 'place',
    start: p.start,
    end: p.end,
    quote: text.slice(p.start, p.end),
    key: p.value.compoundId ? `place:compound:${p.value.compoundId}` : `place:${p.value.placeKind}:${p.value.name}`,
    value: p.value,
  }));
  if (!english) return places;
  const names = extractNames(text, options.places).filter(
    (n) => !places.some((p) => n.start < p.end && p.start < n.end),
  );
  const dates: Claim[] = findDates(text, options.publishedAt).map((d) => ({
    kind: 'date',
    start: d.start,
    end: d.end,
    quote: d.text,
    key: `date:${d.date ?? 'unknown'}`,
    value: { date: d.date, precision: d.precision, relative: d.relative },
  }));
  const figures = extractFigures(text);
  // Names inside a figure ("1,440 Indonesian nationals") or a date are not separate mentions.
  const spans = [...dates, ...figures];
  const keptNames = names.filter((n) => !spans.some((s) => n.start < s.end && s.start < n.end));
  const quotes = quotations(text, keptNames);
  return [...places, ...keptNames, ...dates, ...figures, ...quotes].sort((a, b) => a.start - b.start || a.end - b.end);
}

export { PlaceIndex };

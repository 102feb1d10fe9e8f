/**
 * Places in article text: countries, provinces and cities from the gazetteer, and compounds from the
 * registry by any of their names or aliases (`CompoundNameIndex`, built by the caller from the registry).
 * Matching is on diacritic-folded, lower-cased words, longest phrase first; Latin-script phrases must
 * start with a capital letter in the text ("Tak" the province, not "tak"). Han, Khmer and other
 * unspaced scripts are found by substring.
 */
import { foldWord } from '../names/index.ts';
import type { PlaceValue } from './claim-types.ts';
import { COUNTRIES, SUBDIVISIONS } from './gazetteer.ts';

export interface CompoundName {
  id: string;
  names: readonly string[];
}

interface Phrase {
  value: PlaceValue;
}

export interface PlaceMention {
  start: number;
  end: number;
  value: PlaceValue;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Khmer}\p{Script=Thai}\p{Script=Myanmar}]/u;

export interface Token {
  start: number;
  end: number;
  folded: string;
  capital: boolean;
}

export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text))
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      folded: foldWord(m[0]),
      capital: /^\p{Lu}/u.test(m[0]) || /^\p{N}/u.test(m[0]),
    });
  return out;
}

const foldPhrase = (s: string): string =>
  tokenise(s)
    .map((t) => t.folded)
    .join(' ');

/** A place index: gazetteer entries plus the registry's compounds (compounds win a tie). */
export class PlaceIndex {
  private readonly phrases = new Map<string, Phrase>();
  private readonly unspaced: { needle: string; value: PlaceValue }[] = [];
  private maxWords = 1;

  constructor(compounds: readonly CompoundName[] = []) {
    for (const c of COUNTRIES)
      for (const name of c.names)
        this.add(name, { name: c.names[0]!, placeKind: 'country', country: c.code, compoundId: null });
    for (const s of SUBDIVISIONS)
      for (const name of [s.name, ...s.aliases])
        this.add(name, { name: s.name, placeKind: s.kind, country: s.country, compoundId: null });
    for (const c of compounds)
      for (const name of c.names)
        this.add(name, { name: c.names[0]!, placeKind: 'compound', country: null, compoundId: c.id });
  }

  private add(name: string, value: PlaceValue): void {
    if (UNSPACED.test(name)) {
      this.unspaced.push({ needle: name, value });
      return;
    }
    const key = foldPhrase(name);
    if (!key || key.length < 2) return;
    this.phrases.set(key, { value });
    this.maxWords = Math.max(this.maxWords, key.split(' ').length);
  }

  /** The place a phrase names exactly (after folding), or null. */
  lookup(phrase: string): PlaceValue | null {
    return this.phrases.get(foldPhrase(phrase))?.value ?? null;
  }

  find(text: string, tokens: readonly Token[] = tokenise(text)): PlaceMention[] {
    const out: PlaceMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!tokens[i]!.capital) continue;
      for (let n = Math.min(this.maxWords, tokens.length - i); n >= 1; n--) {
        const words = tokens.slice(i, i + n);
        // A phrase does not run across a sentence or clause break.
        if (words.some((w, k) => k > 0 && /[.,;:!?()"“”]/.test(text.slice(words[k - 1]!.end, w.start)))) continue;
        const hit = this.phrases.get(words.map((w) => w.folded).join(' '));
        if (!hit) continue;
        out.push({ start: words[0]!.start, end: words[n - 1]!.end, value: hit.value });
        i += n - 1;
        break;
      }
    }
    for (const { needle, value } of this.unspaced)
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
        out.push({ start: at, end: at + needle.length, value });
    return out.sort((a, b) => a.start - b.start);
  }
}

/** Demonym ("Indonesian", "Filipinos") → country code. */
const DEMONYMS = new Map<string, string>();
for (const c of COUNTRIES) for (const d of c.demonyms) DEMONYMS.set(d.toLowerCase(), c.code);
export function countryOfDemonym(word: string): string | null {
  return DEMONYMS.get(word.toLowerCase()) ?? null;
}
export const DEMONYM_SOURCE = [...DEMONYMS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((d) => d.replace(/ /g, '\\s+'))
  .join('|');

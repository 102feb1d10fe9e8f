/**
 * The slice of the names layer (src/core/names) that matching uses, as an interface, plus a small
 * Latin-script stand-in so the engine works and is tested before/without the real layer.
 * names-layer.ts adapts the real layer (src/core/names) to this interface; the stand-in serves tests
 * of the engine that must not depend on the names layer's exact judgements.
 */
import anyAscii from 'any-ascii';
import { jaroWinkler } from './similarity.ts';

export const FALLBACK_NAME_LEVELS = [
  'exact',
  'same_after_normalisation',
  'same_reading',
  'reordered',
  'surname_equivalent',
  'fuzzy_strong',
  'fuzzy_weak',
  'partial',
  'different',
] as const;

export interface NormalisedNameLike {
  raw: string;
  tokens: string[];
}

export interface NamesLayer<N extends NormalisedNameLike = NormalisedNameLike> {
  /** Levels strongest first; the last is 'different'. */
  readonly levels: readonly string[];
  normaliseName(raw: string): N;
  compareNames(a: N, b: N): { level: string; similarity: number; explanation: string };
  /** Level only (no explanation string built): used when scoring millions of pairs. */
  compareLevel?(a: N, b: N): string;
  nameBlockingKeys(n: N): string[];
  /** Key under which the name's frequency is counted (term frequencies); default: its tokens, sorted. */
  frequencyKey?(n: N): string;
}

interface FallbackName extends NormalisedNameLike {
  sorted: string;
  joined: string;
}

function normaliseFallback(raw: string): FallbackName {
  // any-ascii writes CJK syllables capitalised and unspaced ("ChenZhi"): split them into tokens.
  const ascii = anyAscii(raw).replace(/([a-z])([A-Z])/g, '$1 $2');
  const tokens = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
  const sorted = [...tokens].sort().join(' ');
  return { raw, tokens, sorted, joined: tokens.join('') };
}

function compareFallback(a: FallbackName, b: FallbackName): { level: string; similarity: number; explanation: string } {
  if (a.raw === b.raw) return { level: 'exact', similarity: 1, explanation: `same name "${a.raw}"` };
  if (a.joined === b.joined)
    return {
      level: 'same_after_normalisation',
      similarity: 1,
      explanation: `"${a.raw}" and "${b.raw}" are the same once case, accents and spacing are ignored`,
    };
  if (a.sorted === b.sorted)
    return {
      level: 'reordered',
      similarity: 1,
      explanation: `"${a.raw}" and "${b.raw}" have the same names in a different order`,
    };
  const sim = Math.max(jaroWinkler(a.joined, b.joined), jaroWinkler(a.sorted, b.sorted));
  if (sim >= 0.92)
    return {
      level: 'fuzzy_strong',
      similarity: sim,
      explanation: `"${a.raw}" and "${b.raw}" are spelled very similarly (${sim.toFixed(2)})`,
    };
  if (sim >= 0.8)
    return {
      level: 'fuzzy_weak',
      similarity: sim,
      explanation: `"${a.raw}" and "${b.raw}" are spelled somewhat similarly (${sim.toFixed(2)})`,
    };
  const shared = a.tokens.find((t) => t.length > 1 && b.tokens.includes(t));
  if (shared)
    return { level: 'partial', similarity: sim, explanation: `"${a.raw}" and "${b.raw}" share the name "${shared}"` };
  return { level: 'different', similarity: sim, explanation: `"${a.raw}" and "${b.raw}" are different names` };
}

export const fallbackNamesLayer: NamesLayer<FallbackName> = {
  levels: FALLBACK_NAME_LEVELS,
  normaliseName: normaliseFallback,
  compareNames: compareFallback,
  // Every token is a key so that order swaps and single names still meet a candidate.
  nameBlockingKeys: (n) => [...new Set(n.tokens.filter((t) => t.length > 1))],
};

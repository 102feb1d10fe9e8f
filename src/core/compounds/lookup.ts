/**
 * Finding a compound of the registry by any of its names or aliases, in any script: what a survivor
 * calls the place ("金鼎", "Jinding", "JD") against what monitoring recorded. Each name is read
 * through core/names (Han as pinyin, Vietnamese and Cantonese readings; Khmer, Thai and Myanmar
 * transliterated; Latin folded), then compared without spaces, so "Jinding Yuanqu" and "金鼎园区"
 * meet. Pure: no I/O.
 */
import { compareNameLevel, levelRank, normaliseName, type NormalisedName } from '../names/index.ts';

export interface LookupCandidate {
  readonly id: string;
  readonly names: readonly { readonly name: string; readonly lang: string | null }[];
  readonly aliases: readonly string[];
}

export interface LookupHit {
  readonly id: string;
  /** The name or alias that matched, as recorded. */
  readonly matched: string;
  /** 0 same name, 1 the name starts with the query, 2 contains it, 3 a close spelling (core/names fuzzy). */
  readonly rank: 0 | 1 | 2 | 3;
}

/** Every reading of a name as one string without spaces ("jindingyuanqu"). */
function keys(n: NormalisedName): string[] {
  return [...new Set([n.tokens, ...n.readings].map((t) => t.join('')).filter((k) => k.length > 0))];
}

const FUZZY_ENOUGH = levelRank('fuzzy_strong');

function rankOf(query: NormalisedName, queryKeys: readonly string[], name: string): LookupHit['rank'] | null {
  const n = normaliseName(name);
  const nameKeys = keys(n);
  let best: LookupHit['rank'] | null = null;
  for (const q of queryKeys)
    for (const k of nameKeys) {
      const r = k === q ? 0 : k.startsWith(q) ? 1 : q.length >= 2 && k.includes(q) ? 2 : null;
      if (r !== null && (best === null || r < best)) best = r;
    }
  if (best === null && query.tokens.length > 0 && n.tokens.length > 0)
    if (levelRank(compareNameLevel(query, n)) <= FUZZY_ENOUGH) best = 3;
  return best;
}

/** Compounds whose names or aliases match `query`, best first (then by the matched name), at most `limit`. */
export function lookupCompounds(query: string, candidates: readonly LookupCandidate[], limit = 10): LookupHit[] {
  const q = normaliseName(query.trim());
  const queryKeys = keys(q);
  if (queryKeys.length === 0) return [];
  const hits: LookupHit[] = [];
  for (const c of candidates) {
    let best: LookupHit | null = null;
    for (const name of [...c.names.map((n) => n.name), ...c.aliases]) {
      const rank = rankOf(q, queryKeys, name);
      if (rank !== null && (best === null || rank < best.rank)) best = { id: c.id, matched: name, rank };
      if (best?.rank === 0) break;
    }
    if (best) hits.push(best);
  }
  return hits
    .sort((a, b) => a.rank - b.rank || a.matched.localeCompare(b.matched) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/**
 * One article through the pure pipeline: language, claims, and the features story grouping needs
 * (text signature, resolved entities, figures). People and organisations are resolved to actors in
 * `actors` (mutated: new actors are proposed there).
 */
import { type ActorBook } from './actors.ts';
import type { Claim } from './claim-types.ts';
import { extractClaims } from './extract.ts';
import { detectLanguage } from './language.ts';
import type { PlaceIndex } from './places.ts';
import { featuresOf, type StoryFeatures } from './stories.ts';

export interface AnalysedArticle {
  language: string;
  claims: (Claim & { actorId: string | null })[];
  features: StoryFeatures;
  newActors: { id: string; kind: 'person' | 'organisation'; names: readonly string[] }[];
}

export function analyseArticle(
  text: string,
  publishedAt: string,
  places: PlaceIndex,
  actors: ActorBook,
  newId: () => string,
  language = detectLanguage(text),
): AnalysedArticle {
  return resolveArticle(text, extractClaims(text, { publishedAt, language, places }), actors, newId, language);
}

/** Resolve already-extracted claims' people and organisations to actors, and compute grouping features. */
export function resolveArticle(
  text: string,
  claims: readonly Claim[],
  actors: ActorBook,
  newId: () => string,
  language: string,
): AnalysedArticle {
  const newActors: AnalysedArticle['newActors'] = [];
  const out = claims.map((c) => {
    if (c.kind !== 'person' && c.kind !== 'organisation') return { ...c, actorId: null };
    const { actor, created } = actors.resolve(c.value.name, c.kind, newId);
    if (created) newActors.push(actor);
    return { ...c, actorId: actor.id };
  });
  // Each who/where counts once. A resolved place or actor drops the capitalised run naming it ("Phnom Penh"
  // as `place:city:…` and again as `name:phnom penh` made one shared town look like two shared entities).
  // An actor is keyed by the first name it was known by, and so is a run that names a known actor: an
  // article in a language without person extraction, or one read before the actor existed, shares that key.
  const resolved: string[] = [];
  const entities = new Set<string>();
  const actorKey = (id: string) => `name:${fold(actors.get(id)!.names[0]!)}`;
  for (const c of out) {
    if (c.actorId) {
      entities.add(actorKey(c.actorId));
      resolved.push(fold(c.quote));
    }
    if (c.kind === 'place') resolved.push(fold(c.quote));
    if (c.kind === 'place' && c.value.placeKind !== 'country') entities.add(c.key);
  }
  for (const key of properNames(text)) {
    const name = key.slice('name:'.length);
    if (resolved.some((r) => name === r || name.endsWith(` ${r}`) || name.startsWith(`${r} `))) continue;
    const known = actors.find(name, 'person') ?? actors.find(name, 'organisation');
    entities.add(known ? actorKey(known.id) : key);
  }
  return { language, claims: out, features: featuresOf(text, [...entities]), newActors };
}

const PROPER = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+\p{Lu}[\p{Ll}\p{M}'’-]+){1,3}/gu;

/**
 * Runs of two to four capitalised Latin words ("Golden Reef", "Sok Vanna"), folded: names that survive
 * translation into another Latin-script language even where nothing resolves them (no registry entry,
 * no extraction for that language).
 */
export function properNames(text: string): string[] {
  return [...new Set([...text.matchAll(PROPER)].map((m) => `name:${fold(m[0])}`))];
}

const fold = (name: string) => name.toLowerCase().replace(/\s+/g, ' ');

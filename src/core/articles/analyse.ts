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
  const entities = [
    ...out.flatMap((c) => {
      if (c.actorId) return [`actor:${c.actorId}`];
      if (c.kind === 'place' && c.value.placeKind !== 'country') return [c.key];
      return [];
    }),
    ...properNames(text),
  ];
  return { language, claims: out, features: featuresOf(text, entities), newActors };
}

const PROPER = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+\p{Lu}[\p{Ll}\p{M}'’-]+){1,3}/gu;

/**
 * Runs of two to four capitalised Latin words ("Golden Reef", "Sok Vanna"), folded: names that survive
 * translation into another Latin-script language even where nothing resolves them (no registry entry,
 * no extraction for that language).
 */
export function properNames(text: string): string[] {
  return [...new Set([...text.matchAll(PROPER)].map((m) => `name:${m[0].toLowerCase().replace(/\s+/g, ' ')}`))];
}

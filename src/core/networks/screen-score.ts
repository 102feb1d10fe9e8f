/**
 * How a screening candidate is scored: the best agreement between any query name and any of the entity's names
 * (core/names compareNames: across scripts, readings, order and surname romanisations), then birth date, country
 * and identifiers raise or lower it. Every feature that moved the score is listed with its reason, so a person can
 * see why a candidate ranks where it does. Scores are in [0, 1]; `match` is a suggestion for a person to confirm.
 */
import { compareNames, type NormalisedName } from '../names/index.ts';
import { isA } from './ftm.ts';
import type { ScreenEntity } from './screen-index.ts';

export interface ScreenQuery {
  name: string;
  aliases?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  /** ISO 3166-1 alpha-2. */
  countries?: string[];
  /** An FtM schema: Person, Company, Organization, LegalEntity, CryptoWallet… */
  schema?: string;
  identifiers?: string[];
}

export const SCREEN_FEATURES = ['name', 'identifier', 'birth_date', 'country'] as const;
export type ScreenFeature = (typeof SCREEN_FEATURES)[number];

export interface FeatureExplanation {
  feature: ScreenFeature;
  /** What this feature added to (or took from) the score. */
  weight: number;
  reason: string;
}

export interface ScreenCandidate {
  id: string;
  schema: string;
  caption: string;
  datasets: string[];
  topics: string[];
  score: number;
  match: boolean;
  /** The entity's name that agreed best with the query. */
  matchedName: string | null;
  features: FeatureExplanation[];
}

export const WEIGHTS = {
  identifierMatch: 0.98,
  birthDateExact: 0.08,
  birthYear: 0.03,
  birthDateConflict: -0.25,
  countryShared: 0.04,
  countryConflict: -0.1,
} as const;

/** Identifiers compare on letters and digits only, upper case. */
export function foldIdentifier(v: string): string {
  return v.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * May an entity of `schema` answer a query for `wanted`? The same or a narrower schema; a generic LegalEntity on
 * either side meets a Person, Company or Organization.
 */
export function schemaFits(wanted: string | undefined, schema: string): boolean {
  if (!wanted || wanted === 'Thing') return true;
  if (isA(schema, wanted)) return true;
  return wanted !== schema && (schema === 'LegalEntity' || wanted === 'LegalEntity') && isA(wanted, 'LegalEntity')
    ? isA(schema, 'LegalEntity')
    : false;
}

function bestName(
  queryNames: readonly NormalisedName[],
  entityNames: readonly NormalisedName[],
): { similarity: number; name: string | null; reason: string } {
  let best = { similarity: 0, name: null as string | null, reason: 'no name agrees' };
  for (const q of queryNames) {
    for (const n of entityNames) {
      const c = compareNames(q, n);
      // Names that differ still carry a little similarity; it only orders candidates, it never makes a match.
      const s = c.level === 'different' ? c.similarity * 0.5 : c.similarity;
      if (s > best.similarity) best = { similarity: s, name: n.raw, reason: `${c.level}: ${c.explanation}` };
    }
  }
  return best;
}

function birthDateFeature(wanted: string | undefined, dates: readonly string[]): FeatureExplanation | null {
  if (!wanted || dates.length === 0) return null;
  if (dates.some((d) => d.length >= 10 && wanted.length >= 10 && d.slice(0, 10) === wanted.slice(0, 10)))
    return { feature: 'birth_date', weight: WEIGHTS.birthDateExact, reason: `same birth date ${wanted.slice(0, 10)}` };
  const year = Number(wanted.slice(0, 4));
  const years = dates.map((d) => Number(d.slice(0, 4))).filter((y) => Number.isFinite(y));
  if (years.includes(year))
    return { feature: 'birth_date', weight: WEIGHTS.birthYear, reason: `same birth year ${year}` };
  if (years.some((y) => Math.abs(y - year) <= 1)) return null;
  return {
    feature: 'birth_date',
    weight: WEIGHTS.birthDateConflict,
    reason: `birth dates differ: ${wanted} vs ${dates.slice(0, 3).join(', ')}`,
  };
}

function countryFeature(
  wanted: readonly string[] | undefined,
  countries: readonly string[],
): FeatureExplanation | null {
  if (!wanted?.length || countries.length === 0) return null;
  const w = wanted.map((c) => c.toLowerCase());
  const shared = countries.filter((c) => w.includes(c.toLowerCase()));
  if (shared.length)
    return { feature: 'country', weight: WEIGHTS.countryShared, reason: `shared country ${shared[0]!.toUpperCase()}` };
  return {
    feature: 'country',
    weight: WEIGHTS.countryConflict,
    reason: `no shared country: ${w.join(', ').toUpperCase()} vs ${countries.slice(0, 3).join(', ').toUpperCase()}`,
  };
}

export function scoreCandidate(
  query: ScreenQuery,
  queryNames: readonly NormalisedName[],
  entity: ScreenEntity,
  entityNames: readonly NormalisedName[],
  threshold: number,
): ScreenCandidate {
  const features: FeatureExplanation[] = [];
  const name = bestName(queryNames, entityNames);
  let score = name.similarity;
  features.push({ feature: 'name', weight: name.similarity, reason: name.reason });
  const wantedIds = new Set((query.identifiers ?? []).map(foldIdentifier).filter((f) => f.length >= 4));
  const sharedId = entity.identifiers.find((i) => wantedIds.has(foldIdentifier(i)));
  if (sharedId) {
    const lift = Math.max(0, WEIGHTS.identifierMatch - score);
    score += lift;
    features.push({ feature: 'identifier', weight: lift, reason: `same identifier ${sharedId}` });
  }
  for (const f of [
    birthDateFeature(query.birthDate, entity.birthDates),
    countryFeature(query.countries, entity.countries),
  ])
    if (f) {
      score += f.weight;
      features.push(f);
    }
  score = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  return {
    id: entity.id,
    schema: entity.schema,
    caption: entity.caption,
    datasets: entity.datasets,
    topics: entity.topics,
    score,
    match: score >= threshold,
    matchedName: name.name,
    features,
  };
}

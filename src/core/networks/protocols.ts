/**
 * The ecosystem's screening protocols, as shapes around one screening: OpenSanctions yente's `/match/{dataset}`
 * (queries of {schema, properties} → results with score, match and features) and the W3C Reconciliation Service
 * API (OpenRefine: queries of {query, type, properties} → result lists). Pure conversions; the service screens.
 */
import type { ScreenCandidate, ScreenQuery } from './screen-score.ts';

export interface YenteQuery {
  schema: string;
  properties: Record<string, unknown>;
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x): x is string => typeof x === 'string');

/** yente example properties → a screening query (name, alias, birthDate, nationality/country, identifiers). */
export function screenQueryFromYente(q: YenteQuery): ScreenQuery | null {
  const p = q.properties ?? {};
  const names = [...strings(p.name), ...strings(p.alias), ...strings(p.weakAlias), ...strings(p.previousName)];
  const identifiers = [
    ...strings(p.idNumber),
    ...strings(p.passportNumber),
    ...strings(p.registrationNumber),
    ...strings(p.taxNumber),
    ...strings(p.publicKey),
    ...strings(p.innCode),
    ...strings(p.ogrnCode),
  ];
  if (names.length === 0 && identifiers.length === 0) return null;
  return {
    name: names[0] ?? '',
    aliases: names.slice(1),
    birthDate: strings(p.birthDate)[0],
    countries: [
      ...strings(p.nationality),
      ...strings(p.country),
      ...strings(p.jurisdiction),
      ...strings(p.citizenship),
    ],
    schema: q.schema,
    identifiers,
  };
}

/** yente's per-result feature map: one number per feature. */
export function yenteFeatures(c: ScreenCandidate): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of c.features) out[f.feature] = Math.round(f.weight * 1000) / 1000;
  return out;
}

export interface ReconQuery {
  query: string;
  type?: string | string[];
  limit?: number;
  properties?: { pid: string; v: unknown }[];
}

/** A reconciliation query → a screening query: pids are FtM property names (birthDate, nationality, idNumber…). */
export function screenQueryFromReconciliation(q: ReconQuery): ScreenQuery {
  // No prototype: a pid such as "__proto__" or "constructor" is a name to look up, not Object.prototype's.
  const props: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const p of q.properties ?? []) (props[p.pid] ??= []).push(...(Array.isArray(p.v) ? p.v : [p.v]));
  // The query is the name; names among the properties are aliases. With the query among the names the base is never
  // null, so a birth date, a country or an identifier counts even when no property names the entity.
  const base = screenQueryFromYente({
    schema: 'Thing',
    properties: { ...props, name: [q.query, ...(props.name ?? [])] },
  })!;
  const type = Array.isArray(q.type) ? q.type[0] : q.type;
  return { ...base, name: q.query, aliases: base.aliases, schema: type };
}

export const RECONCILIATION_TYPES = ['Person', 'Company', 'Organization', 'LegalEntity', 'CryptoWallet'] as const;

export function reconciliationManifest(baseUrl: string) {
  return {
    versions: ['0.2'],
    name: 'Refuge networks (FollowTheMoney entities)',
    identifierSpace: `${baseUrl}/networks/entities/`,
    schemaSpace: 'https://followthemoney.tech/explorer/schemata/',
    defaultTypes: RECONCILIATION_TYPES.map((t) => ({ id: t, name: t })),
    view: { url: `${baseUrl}/networks/entities/{{id}}` },
  };
}

export function reconciliationResult(c: ScreenCandidate) {
  return {
    id: c.id,
    name: c.caption,
    type: [{ id: c.schema, name: c.schema }],
    score: Math.round(c.score * 100),
    match: c.match,
    features: c.features.map((f) => ({ id: f.feature, value: Math.round(f.weight * 1000) / 1000 })),
  };
}

/**
 * FollowTheMoney entities (the format OpenSanctions and Aleph publish): one JSON object per line with `id`,
 * `schema` and `properties` (every value a list of strings). The schema model is @alephdata/followthemoney's
 * (schemata, property types, edges, captions); it may lag the Python 4.x model, so properties it does not know are
 * kept (and counted) rather than dropped, while an unknown schema is refused.
 */
import { Model, defaultModel, type Schema } from '@alephdata/followthemoney';

export const FTM_MODEL = new Model(defaultModel);

/** An entity as stored and exported. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  caption: string;
  first_seen?: string;
  last_seen?: string;
}

export type ParsedLine =
  { ok: true; entity: FtmEntity; unknownProperties: string[] } | { ok: false; error: string } | { ok: 'blank' };

export const MAX_ID_LENGTH = 200;
const MAX_VALUES = 500;
const MAX_VALUE_LENGTH = 10_000;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The model's schema of that name. An own property only: a name from outside ("constructor", "__proto__") would
 * otherwise find Object.prototype's members and fail later as a TypeError instead of "unknown schema".
 */
export function schemaNamed(name: string): Schema | undefined {
  return Object.hasOwn(FTM_MODEL.schemata, name) ? FTM_MODEL.schemata[name] : undefined;
}

export function schemaOf(name: string): Schema | null {
  const s = schemaNamed(name);
  return s && !s.abstract ? s : null;
}

export function isA(schema: string, parent: string): boolean {
  const s = schemaNamed(schema);
  return !!s && s.isA(parent);
}

/** A relation kept as an entity (Ownership, Directorship, Family, Associate, …): its two ends. */
export function edgeEnds(entity: Pick<FtmEntity, 'schema' | 'properties'>): {
  source: string[];
  target: string[];
  label: string;
  directed: boolean;
} | null {
  const edge = schemaNamed(entity.schema)?.edge;
  if (!edge) return null;
  return {
    source: entity.properties[edge.source] ?? [],
    target: entity.properties[edge.target] ?? [],
    label: edge.label ?? entity.schema,
    directed: edge.directed,
  };
}

/** Every entity id this entity points at through an entity-typed property (owner, asset, entity, holder…). */
export function referencesOf(entity: Pick<FtmEntity, 'schema' | 'properties'>): string[] {
  const types = propertyTypesOf(entity.schema);
  if (!types) return [];
  const out = new Set<string>();
  for (const [name, values] of Object.entries(entity.properties)) {
    if (types.get(name) !== 'entity') continue;
    for (const v of values) out.add(v);
  }
  return [...out];
}

/** The schema's caption properties, first value found; else the id. */
export function captionOf(entity: Pick<FtmEntity, 'id' | 'schema' | 'properties'>): string {
  const schema = schemaNamed(entity.schema);
  for (const p of schema?.caption ?? ['name']) {
    const v = entity.properties[p]?.[0];
    if (v) return v;
  }
  return entity.id;
}

/** Values of every property of `type` (name, date, country, identifier…) as the model types them. */
export function valuesOfType(entity: Pick<FtmEntity, 'schema' | 'properties'>, type: string): string[] {
  const types = propertyTypesOf(entity.schema);
  if (!types) return [];
  const out: string[] = [];
  for (const [name, values] of Object.entries(entity.properties)) {
    if (types.get(name) === type) out.push(...values);
  }
  return out;
}

// The model's getProperties() rebuilds its map on every call (a fifth of a screening index build went there).
const propertyTypes = new Map<string, Map<string, string> | null>();
function propertyTypesOf(schemaName: string): Map<string, string> | null {
  let types = propertyTypes.get(schemaName);
  if (types === undefined) {
    const schema = schemaNamed(schemaName);
    types = schema ? new Map([...schema.getProperties()].map(([name, p]) => [name, p.type.name])) : null;
    propertyTypes.set(schemaName, types);
  }
  return types;
}

function fail(error: string): ParsedLine {
  return { ok: false, error };
}

/** Validates one line of an FtM JSON-lines file; `dataset` is added to the entity's datasets. */
export function parseFtmLine(line: string, dataset?: string): ParsedLine {
  const text = line.trim();
  if (text === '') return { ok: 'blank' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('not a JSON object');
  const o = raw as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id === '' || o.id.length > MAX_ID_LENGTH)
    return fail(`"id" must be a string of 1–${MAX_ID_LENGTH} characters`);
  if (CONTROL.test(o.id)) return fail('"id" holds a control character');
  if (typeof o.schema !== 'string') return fail('"schema" is missing');
  const schema = schemaOf(o.schema);
  if (!schema) return fail(`unknown or abstract schema "${o.schema}"`);
  if (!o.properties || typeof o.properties !== 'object' || Array.isArray(o.properties))
    return fail('"properties" must be an object');
  const known = schema.getProperties();
  const properties: Record<string, string[]> = {};
  const unknownProperties: string[] = [];
  for (const [name, values] of Object.entries(o.properties as Record<string, unknown>)) {
    if (!Array.isArray(values) || values.length > MAX_VALUES)
      return fail(`property "${name}" must be a list of at most ${MAX_VALUES} strings`);
    const list: string[] = [];
    for (const v of values) {
      if (typeof v !== 'string' || v.length > MAX_VALUE_LENGTH)
        return fail(`property "${name}" holds a value that is not a string (or is too long)`);
      // PostgreSQL's jsonb refuses \u0000; other control characters are kept.
      if (v.includes('\u0000')) return fail(`property "${name}" holds a NUL character`);
      if (v !== '' && !list.includes(v)) list.push(v);
    }
    if (list.length === 0) continue;
    if (!known.has(name)) unknownProperties.push(name);
    properties[name] = list;
  }
  const datasets = Array.isArray(o.datasets) ? o.datasets.filter((d): d is string => typeof d === 'string') : [];
  if (dataset && !datasets.includes(dataset)) datasets.push(dataset);
  const entity: FtmEntity = { id: o.id, schema: schema.name, properties, datasets, caption: '' };
  entity.caption = typeof o.caption === 'string' && o.caption !== '' ? o.caption : captionOf(entity);
  return { ok: true, entity, unknownProperties };
}

/** One line of export, in the order OpenSanctions writes its fields. */
export function toFtmLine(e: FtmEntity): string {
  return JSON.stringify({
    id: e.id,
    caption: e.caption,
    schema: e.schema,
    properties: e.properties,
    datasets: e.datasets,
    ...(e.first_seen ? { first_seen: e.first_seen } : {}),
    ...(e.last_seen ? { last_seen: e.last_seen } : {}),
  });
}

const NAME_PROPERTIES = ['name', 'alias', 'weakAlias', 'previousName'] as const;

/** Is this an entity a name can be screened against (a person, company, wallet…, not a relation or a sanction)? */
export function isScreenable(schema: string): boolean {
  const s = schemaNamed(schema);
  return !!s && s.matchable && !s.isEdge;
}

/** What screening reads of an entity: its names in every script, birth dates, countries, identifiers, topics. */
export function screenFieldsOf(e: FtmEntity): {
  names: string[];
  birthDates: string[];
  countries: string[];
  identifiers: string[];
  topics: string[];
} {
  const names: string[] = [];
  for (const p of NAME_PROPERTIES) for (const v of e.properties[p] ?? []) if (!names.includes(v)) names.push(v);
  if (names.length === 0 && e.caption !== e.id) names.push(e.caption);
  return {
    names,
    birthDates: e.properties.birthDate ?? [],
    countries: [...new Set(valuesOfType(e, 'country').map((c) => c.toLowerCase()))],
    identifiers: [...new Set([...valuesOfType(e, 'identifier'), ...(e.properties.publicKey ?? [])])],
    topics: e.properties.topics ?? [],
  };
}

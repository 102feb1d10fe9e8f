/**
 * Entities and relations analysts add or edit by hand. They belong to their own dataset, ANALYST_DATASET, which no
 * import may use: a re-import of any dataset marks only that dataset's entities disappeared and never overwrites a
 * hand-made one, so hand edits survive every re-import. Every hand-made entity cites at least one source: web
 * addresses go to FtM's `sourceUrl`, anything else (a report, an interview reference) to `publisher`.
 */
import { ANALYST_DATASET, type HandSchema } from './hand-schemas.ts';
import { schemaNamed, captionOf, edgeEnds, referencesOf, type FtmEntity } from './ftm.ts';

export { ANALYST_DATASET, HAND_SCHEMAS, type HandSchema } from './hand-schemas.ts';

export interface HandEntityInput {
  schema: HandSchema;
  properties: Record<string, string[]>;
  sources: string[];
}

export type HandEntityResult =
  { ok: true; entity: FtmEntity; refs: string[] } | { ok: false; fields: Record<string, string> };

/** Properties set from `sources`, not directly. */
const SOURCE_PROPERTIES = ['sourceUrl', 'publisher'];
// eslint-disable-next-line no-control-regex -- control characters other than tab and newline are refused
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const isWebAddress = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/**
 * Validates a hand-made entity and builds it: every property known to the schema, relations with both ends, a
 * sanction naming its entity, a party with a caption (name, address…), at least one source. Which referenced
 * entities exist is the caller's check (it needs the database).
 */
export function buildHandEntity(id: string, input: HandEntityInput): HandEntityResult {
  const fields: Record<string, string> = {};
  const schema = schemaNamed(input.schema);
  if (!schema || schema.abstract) return { ok: false, fields: { schema: `unknown schema "${input.schema}"` } };
  const known = schema.getProperties();
  const properties: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries(input.properties)) {
    if (SOURCE_PROPERTIES.includes(name)) {
      fields[`properties.${name}`] = 'give sources in "sources"';
      continue;
    }
    const prop = known.get(name);
    if (!prop) {
      fields[`properties.${name}`] = `not a property of ${schema.name}`;
      continue;
    }
    const values = [...new Set(raw.map((v) => v.trim()).filter((v) => v !== ''))];
    if (values.some((v) => CONTROL.test(v))) fields[`properties.${name}`] = 'holds a control character';
    else if (values.length > 0) properties[name] = values;
  }
  const sources = [...new Set(input.sources.map((s) => s.trim()).filter((s) => s !== ''))];
  if (sources.length === 0) fields.sources = 'cite at least one source (a web address or a reference)';
  else if (sources.some((s) => CONTROL.test(s))) fields.sources = 'a source holds a control character';
  const urls = sources.filter(isWebAddress);
  const other = sources.filter((s) => !isWebAddress(s));
  if (urls.length) properties.sourceUrl = urls;
  if (other.length) properties.publisher = other;

  const entity: FtmEntity = { id, schema: schema.name, properties, datasets: [ANALYST_DATASET], caption: '' };
  const ends = edgeEnds(entity);
  if (schema.edge) {
    if (!ends?.source.length)
      fields[`properties.${schema.edge.source}`] = `a ${schema.name} needs its ${schema.edge.source}`;
    if (!ends?.target.length)
      fields[`properties.${schema.edge.target}`] = `a ${schema.name} needs its ${schema.edge.target}`;
  } else if (schema.name === 'Sanction') {
    if (!properties.entity?.length) fields['properties.entity'] = 'a Sanction names the sanctioned entity';
  } else if (captionOf(entity) === id) {
    fields[`properties.${schema.caption[0] ?? 'name'}`] = `a ${schema.name} needs a ${schema.caption[0] ?? 'name'}`;
  }
  const refs = referencesOf(entity);
  if (refs.includes(id)) fields.properties = 'an entity cannot refer to itself';
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  entity.caption = captionOf(entity);
  if (entity.caption === id) entity.caption = schema.edge?.label ?? schema.label;
  return { ok: true, entity, refs };
}

/** Is this stored entity hand-made (its `seen` names the analysts' dataset)? */
export const isHandMade = (datasets: readonly string[]): boolean => datasets.includes(ANALYST_DATASET);

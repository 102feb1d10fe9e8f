/**
 * Compounds as a GeoJSON FeatureCollection, for export to QGIS/other monitors and for import
 * of their files. The feature geometry is the footprint when known (else the point); the point
 * travels in properties so export → import loses nothing.
 */
import type { Compound, CompoundOperator, OperatorRole } from '../compounds/compound-types.ts';
import { OPERATOR_ROLES } from '../compounds/compound-types.ts';
import type {
  Feature,
  FeatureCollection,
  FootprintGeometry,
  GeoProblem,
  PointGeometry,
  Position,
} from './geojson-types.ts';
import { cleanGeometry, FOOTPRINT_KINDS, validateGeometry } from './validate-geometry.ts';

export interface CompoundFeatureProperties {
  names: string[];
  aliases: string[];
  province: string | null;
  district: string | null;
  /** The compound's marker point when the geometry is its footprint. */
  point: Position | null;
  operators: CompoundOperator[];
  notes: string | null;
}

export type CompoundFeature = Feature<PointGeometry | FootprintGeometry | null, CompoundFeatureProperties>;

export function compoundToFeature(compound: Compound): CompoundFeature {
  const geometry = compound.footprint
    ? cleanGeometry(compound.footprint)
    : compound.point
      ? cleanGeometry(compound.point)
      : null;
  return {
    type: 'Feature',
    id: compound.id,
    geometry,
    properties: {
      names: [...compound.names],
      aliases: [...compound.aliases],
      province: compound.province,
      district: compound.district,
      point: compound.footprint && compound.point ? cleanGeometry(compound.point).coordinates : null,
      operators: compound.operators.map((o) => ({ name: o.name, role: o.role, entityId: o.entityId })),
      notes: compound.notes,
    },
  };
}

export function compoundsToFeatureCollection(compounds: readonly Compound[]): FeatureCollection<CompoundFeature> {
  return { type: 'FeatureCollection', features: compounds.map(compoundToFeature) };
}

export interface ParseCompoundsOptions {
  /**
   * Id for a feature that has none (ids are passed in: core never invents them). Without it such features are skipped.
   */
  makeId?: (featureIndex: number) => string;
}

export interface ParsedCompounds {
  compounds: Compound[];
  problems: GeoProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, path: string, problems: GeoProblem[]): string[] {
  if (value === undefined || value === null) return [];
  // Files from other tools often carry a single string where we keep a list.
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value];
  problems.push({ path, code: 'bad_property', message: `${path} must be a string or a list of strings` });
  return [];
}

function optionalString(value: unknown, path: string, problems: GeoProblem[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  problems.push({ path, code: 'bad_property', message: `${path} must be a string` });
  return null;
}

function parseOperators(value: unknown, path: string, problems: GeoProblem[]): CompoundOperator[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path, code: 'bad_property', message: `${path} must be a list` });
    return [];
  }
  const out: CompoundOperator[] = [];
  value.forEach((item, i) => {
    const p = `${path}[${i}]`;
    if (typeof item === 'string') {
      out.push({ name: item, role: 'unknown', entityId: null });
      return;
    }
    if (!isRecord(item) || typeof item.name !== 'string') {
      problems.push({ path: p, code: 'bad_property', message: `${p} must be a name or { name, role, entityId }` });
      return;
    }
    const role = (OPERATOR_ROLES as readonly unknown[]).includes(item.role) ? (item.role as OperatorRole) : 'unknown';
    if (item.role !== undefined && item.role !== null && role === 'unknown' && item.role !== 'unknown') {
      problems.push({
        path: `${p}.role`,
        code: 'bad_property',
        message: `${p}.role ${JSON.stringify(item.role)} is not one of ${OPERATOR_ROLES.join(', ')}; kept as unknown`,
      });
    }
    out.push({ name: item.name, role, entityId: typeof item.entityId === 'string' ? item.entityId : null });
  });
  return out;
}

function parseFeature(
  value: unknown,
  index: number,
  options: ParseCompoundsOptions,
  problems: GeoProblem[],
): Compound | null {
  const path = `features[${index}]`;
  if (!isRecord(value) || value.type !== 'Feature') {
    problems.push({ path, code: 'bad_feature', message: `${path} is not a GeoJSON Feature` });
    return null;
  }
  const props = isRecord(value.properties) ? value.properties : {};
  const rawId = value.id ?? props.id;
  let id: string;
  if (typeof rawId === 'string' && rawId !== '') id = rawId;
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  else if (options.makeId) id = options.makeId(index);
  else {
    problems.push({ path: `${path}.id`, code: 'missing_id', message: `${path} has no id; skipped` });
    return null;
  }

  const before = problems.length;
  let point: PointGeometry | null = null;
  let footprint: FootprintGeometry | null = null;
  const geometry = value.geometry;
  if (geometry !== null && geometry !== undefined) {
    const geometryProblems = validateGeometry(geometry, ['Point', ...FOOTPRINT_KINDS], `${path}.geometry`);
    problems.push(...geometryProblems);
    if (geometryProblems.length === 0) {
      const clean = cleanGeometry(geometry as PointGeometry | FootprintGeometry);
      if (clean.type === 'Point') point = clean;
      else footprint = clean;
    }
  }
  if (props.point !== undefined && props.point !== null) {
    const candidate = { type: 'Point', coordinates: props.point };
    const pointProblems = validateGeometry(candidate, ['Point'], `${path}.properties.point`);
    problems.push(...pointProblems);
    if (pointProblems.length === 0) point = cleanGeometry(candidate as PointGeometry);
  }

  // A single "name" (as most GIS files have) is accepted as the first name.
  const names =
    props.names !== undefined
      ? stringList(props.names, `${path}.properties.names`, problems)
      : stringList(props.name, `${path}.properties.name`, problems);
  const compound: Compound = {
    id,
    names,
    aliases: stringList(props.aliases, `${path}.properties.aliases`, problems),
    province: optionalString(props.province, `${path}.properties.province`, problems),
    district: optionalString(props.district, `${path}.properties.district`, problems),
    point,
    footprint,
    operators: parseOperators(props.operators, `${path}.properties.operators`, problems),
    notes: optionalString(props.notes, `${path}.properties.notes`, problems),
  };
  if (names.length === 0) {
    problems.push({ path: `${path}.properties.names`, code: 'bad_property', message: `${path} has no name` });
  }
  // Keep compounds with minor property problems (reported), but not ones with unusable geometry.
  const geometryBroken = problems.slice(before).some((p) => p.path.includes('.geometry') || p.path.includes('.point'));
  return geometryBroken ? null : compound;
}

export function parseCompoundFeatureCollection(json: unknown, options: ParseCompoundsOptions = {}): ParsedCompounds {
  const problems: GeoProblem[] = [];
  if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    problems.push({
      path: '',
      code: 'bad_feature',
      message: 'expected a GeoJSON FeatureCollection with a features list',
    });
    return { compounds: [], problems };
  }
  const compounds: Compound[] = [];
  const seen = new Set<string>();
  json.features.forEach((feature, index) => {
    const compound = parseFeature(feature, index, options, problems);
    if (!compound) return;
    if (seen.has(compound.id)) {
      problems.push({
        path: `features[${index}].id`,
        code: 'duplicate_id',
        message: `id ${JSON.stringify(compound.id)} appears more than once; later copy skipped`,
      });
      return;
    }
    seen.add(compound.id);
    compounds.push(compound);
  });
  return { compounds, problems };
}

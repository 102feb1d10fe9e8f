/**
 * Validation of user-supplied GeoJSON geometry. Never throws: user input gets a list of
 * readable problems, each with the path of the offending value, so a form or an import
 * report can point at it.
 */
import type { FootprintGeometry, GeoProblem, PointGeometry, Position, SupportedGeometry } from './geojson-types.ts';

type GeometryKind = SupportedGeometry['type'];
const ALL_KINDS: readonly GeometryKind[] = ['Point', 'Polygon', 'MultiPolygon'];
export const FOOTPRINT_KINDS: readonly GeometryKind[] = ['Polygon', 'MultiPolygon'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPosition(value: unknown, path: string, problems: GeoProblem[]): void {
  if (
    !Array.isArray(value) ||
    value.length < 2 ||
    value.length > 3 ||
    !value.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    problems.push({ path, code: 'bad_position', message: `${path} must be [longitude, latitude] with finite numbers` });
    return;
  }
  const [lon, lat] = value as [number, number]; // checked above: two or three finite numbers
  if (lon < -180 || lon > 180) {
    problems.push({
      path,
      code: 'longitude_out_of_range',
      message: `${path}: longitude ${lon} is outside -180…180 (are longitude and latitude swapped?)`,
    });
  }
  if (lat < -90 || lat > 90) {
    problems.push({
      path,
      code: 'latitude_out_of_range',
      message: `${path}: latitude ${lat} is outside -90…90 (are longitude and latitude swapped?)`,
    });
  }
}

function checkRing(value: unknown, path: string, problems: GeoProblem[]): void {
  if (!Array.isArray(value)) {
    problems.push({ path, code: 'bad_coordinates', message: `${path} must be an array of positions` });
    return;
  }
  const before = problems.length;
  value.forEach((position, i) => checkPosition(position, `${path}[${i}]`, problems));
  if (problems.length > before) return;
  if (value.length < 4) {
    problems.push({
      path,
      code: 'ring_too_short',
      message: `${path} has ${value.length} positions; a ring needs at least 4 (three corners and the first repeated)`,
    });
    return;
  }
  const first = value[0] as number[];
  const last = value[value.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({
      path,
      code: 'ring_not_closed',
      message: `${path} is not closed: the last position must repeat the first`,
    });
  }
}

function checkPolygonRings(value: unknown, path: string, problems: GeoProblem[]): void {
  if (!Array.isArray(value)) {
    problems.push({ path, code: 'bad_coordinates', message: `${path} must be an array of rings` });
    return;
  }
  if (value.length === 0) {
    problems.push({ path, code: 'empty_geometry', message: `${path} has no rings` });
    return;
  }
  value.forEach((ring, i) => checkRing(ring, `${path}[${i}]`, problems));
}

/**
 * Problems with a Point, Polygon or MultiPolygon (empty list = valid).
 * `allowed` narrows the accepted types, e.g. FOOTPRINT_KINDS for a compound footprint.
 */
export function validateGeometry(
  value: unknown,
  allowed: readonly GeometryKind[] = ALL_KINDS,
  path = 'geometry',
): GeoProblem[] {
  const problems: GeoProblem[] = [];
  if (!isRecord(value)) {
    problems.push({ path, code: 'not_an_object', message: `${path} must be a GeoJSON geometry object` });
    return problems;
  }
  const type = value.type;
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    problems.push({
      path: `${path}.type`,
      code: 'unsupported_type',
      message: `${path}.type is ${JSON.stringify(type)}; expected ${allowed.join(' or ')}`,
    });
    return problems;
  }
  const coordinates = value.coordinates;
  const cpath = `${path}.coordinates`;
  if (type === 'Point') {
    checkPosition(coordinates, cpath, problems);
  } else if (type === 'Polygon') {
    checkPolygonRings(coordinates, cpath, problems);
  } else if (!Array.isArray(coordinates)) {
    problems.push({ path: cpath, code: 'bad_coordinates', message: `${cpath} must be an array of polygons` });
  } else if (coordinates.length === 0) {
    problems.push({ path: cpath, code: 'empty_geometry', message: `${cpath} has no polygons` });
  } else {
    coordinates.forEach((polygon, i) => checkPolygonRings(polygon, `${cpath}[${i}]`, problems));
  }
  return problems;
}

export function isValidPoint(value: unknown): value is PointGeometry {
  return validateGeometry(value, ['Point']).length === 0;
}

export function isValidFootprint(value: unknown): value is FootprintGeometry {
  return validateGeometry(value, FOOTPRINT_KINDS).length === 0;
}

/** A copy holding only the GeoJSON members Refuge keeps (drops foreign members such as bbox or crs). */
export function cleanGeometry<G extends SupportedGeometry>(geometry: G): G {
  const copyPosition = (p: Position): Position => (p.length === 3 ? [p[0], p[1], p[2]] : [p[0], p[1]]);
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: copyPosition(geometry.coordinates) } as G;
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(copyPosition)) } as G;
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(copyPosition))),
      } as G;
  }
}

/**
 * The subset of GeoJSON (RFC 7946) Refuge stores and exchanges. Declared here rather than taken
 * from @types/geojson so core owns its shapes; they are structurally compatible with it.
 * Positions are [longitude, latitude] (an optional altitude is tolerated and preserved).
 */

export type Position = [lon: number, lat: number] | [lon: number, lat: number, alt: number];
/** A closed ring: first position equals the last, at least four positions. */
export type LinearRing = Position[];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}

export interface PolygonGeometry {
  type: 'Polygon';
  /** Outer ring first, then holes. */
  coordinates: LinearRing[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

/** What a compound footprint may be. */
export type FootprintGeometry = PolygonGeometry | MultiPolygonGeometry;
export type SupportedGeometry = PointGeometry | FootprintGeometry;

export interface Feature<G extends SupportedGeometry | null = SupportedGeometry | null, P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<F extends Feature<SupportedGeometry | null, object> = Feature> {
  type: 'FeatureCollection';
  features: F[];
}

/** A problem found in user-supplied geometry: where (a JSON-ish path) and what, in words. */
export interface GeoProblem {
  path: string;
  code: GeoProblemCode;
  message: string;
}

export type GeoProblemCode =
  | 'not_an_object'
  | 'unsupported_type'
  | 'bad_coordinates'
  | 'bad_position'
  | 'longitude_out_of_range'
  | 'latitude_out_of_range'
  | 'ring_too_short'
  | 'ring_not_closed'
  | 'empty_geometry'
  | 'bad_feature'
  | 'bad_property'
  | 'missing_id'
  | 'duplicate_id';

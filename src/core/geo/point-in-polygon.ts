/**
 * Point-in-polygon by ray casting (even–odd rule) over rings stored as flat Float64Arrays.
 * Own implementation rather than @turf/boolean-point-in-polygon because the index runs it
 * millions of times: no GeoJSON wrapping, no per-call allocation (see bench/geo.ts for the
 * measured difference). Points on an edge or vertex (of the outer ring or of a hole) count as
 * inside, as turf does by default.
 */
import type { FootprintGeometry, LinearRing } from './geojson-types.ts';

/** Rings as flat [x0, y0, x1, y1, …] arrays, outer ring first. */
export type FlatPolygon = Float64Array[];

export function flattenRing(ring: LinearRing): Float64Array {
  const out = new Float64Array(ring.length * 2);
  ring.forEach(([x, y], i) => {
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}

/** One FlatPolygon per polygon of the footprint. */
export function flattenFootprint(footprint: FootprintGeometry): FlatPolygon[] {
  const polygons = footprint.type === 'Polygon' ? [footprint.coordinates] : footprint.coordinates;
  return polygons.map((rings) => rings.map(flattenRing));
}

const ON_EDGE = 2;

/** 0 = outside, 1 = inside, 2 = on the boundary. Closed ring: last vertex repeats the first. */
function ringContains(ring: Float64Array, x: number, y: number): number {
  let inside = 0;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    // i and j step over [0, n) in pairs: every index read here is in range.
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y) {
      // The edge spans the point's latitude: where does it cross it?
      const xCross = ((xj - xi) * (y - yi)) / (yj - yi) + xi;
      if (x === xCross) return ON_EDGE;
      if (x < xCross) inside ^= 1;
    } else if (yi === y && (xi === x || (yj === y && (xi - x) * (xj - x) <= 0))) {
      // On a vertex, or on a horizontal edge: the only boundary cases the crossing test misses.
      return ON_EDGE;
    }
  }
  return inside;
}

/** Inside the outer ring and not strictly inside a hole (a hole's edge belongs to the polygon). */
export function flatPolygonContains(polygon: FlatPolygon, x: number, y: number): boolean {
  // Hot path: index loops, no destructuring (which would allocate per call).
  const outerRing = polygon[0];
  if (!outerRing) throw new Error('polygon without an outer ring');
  const outer = ringContains(outerRing, x, y);
  if (outer === 0) return false;
  if (outer === ON_EDGE) return true;
  for (let h = 1; h < polygon.length; h++) {
    if (ringContains(polygon[h]!, x, y) === 1) return false;
  }
  return true;
}

export function footprintContains(footprint: FootprintGeometry, lon: number, lat: number): boolean {
  return flattenFootprint(footprint).some((polygon) => flatPolygonContains(polygon, lon, lat));
}

/**
 * Great-circle distances (haversine on a sphere of the mean Earth radius, the same model as
 * @turf/distance) and point-to-footprint distances for nearest-compound assignment.
 */
import type { FootprintGeometry, PointGeometry, Position } from './geojson-types.ts';

/** Mean Earth radius in metres (IUGG), as used by turf. */
export const EARTH_RADIUS_METERS = 6_371_008.8;
const RAD = Math.PI / 180;

export function haversineMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function distanceMeters(a: Position, b: Position): number {
  return haversineMeters(a[0], a[1], b[0], b[1]);
}

/** Metres per degree of latitude; longitude degrees shrink with cos(latitude). */
export const METERS_PER_DEGREE = EARTH_RADIUS_METERS * RAD;

/**
 * Distance from (lon, lat) to the segment a–b. The closest point is found in a local
 * equirectangular plane centred on the query point (exact enough at compound scale,
 * error far below a metre within tens of km), then measured with haversine.
 */
export function distanceToSegmentMeters(
  lon: number,
  lat: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const k = Math.cos(lat * RAD);
  const px = 0;
  const py = 0;
  const x1 = (ax - lon) * k;
  const y1 = ay - lat;
  const x2 = (bx - lon) * k;
  const y2 = by - lat;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - x1) * dx + (py - y1) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return haversineMeters(lon, lat, ax + t * (bx - ax), ay + t * (by - ay));
}

/** Shortest distance from a point to the boundary of any ring of a footprint. */
export function distanceToFootprintBoundaryMeters(point: Position, footprint: FootprintGeometry): number {
  const polygons = footprint.type === 'Polygon' ? [footprint.coordinates] : footprint.coordinates;
  let best = Infinity;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        const d = distanceToSegmentMeters(point[0], point[1], x1, y1, x2, y2);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

/**
 * A point that stands for a compound on a map or in distance checks: its own point when it has
 * one, else the centre of the footprint's outer-ring vertices (good enough for compact sites).
 */
export function representativePoint(point: PointGeometry | null, footprint: FootprintGeometry | null): Position | null {
  if (point) return [point.coordinates[0], point.coordinates[1]];
  if (!footprint) return null;
  const outer = footprint.type === 'Polygon' ? footprint.coordinates[0] : footprint.coordinates[0]?.[0];
  if (!outer || outer.length < 2) return null;
  // The ring repeats its first vertex at the end; skip it so it is not counted twice.
  let sx = 0;
  let sy = 0;
  const n = outer.length - 1;
  for (const [x, y] of outer.slice(0, n)) {
    sx += x;
    sy += y;
  }
  return [sx / n, sy / n];
}

/**
 * Assigns evidence points to compounds. A flatbush R-tree over the bounding box of every polygon
 * part narrows candidates; exact ray casting decides containment; otherwise the nearest footprint
 * boundary within a maximum distance wins. Build once per set of footprints, query many times.
 */
import Flatbush from 'flatbush';
import type { PrecisionBand } from '../vocabulary.ts';
import type { FootprintGeometry, Position } from './geojson-types.ts';
import { haversineMeters, METERS_PER_DEGREE } from './distance.ts';

const RAD = Math.PI / 180;
import { flatPolygonContains, flattenFootprint, type FlatPolygon } from './point-in-polygon.ts';
import { isCoarseBand, precisionRadiusMeters, type AssignmentConfidence } from './precision.ts';

export interface FootprintEntry {
  compoundId: string;
  footprint: FootprintGeometry;
}

export type Assignment =
  | { compoundId: string; how: 'inside'; distanceMeters: 0; confidence: AssignmentConfidence }
  | { compoundId: string; how: 'nearest'; distanceMeters: number; confidence: AssignmentConfidence };

export interface AssignOptions {
  /** Precision band of the point's geolocation; unknown precision is never asserted. */
  precision?: PrecisionBand;
  /** Overrides the index's default maximum distance for a 'nearest' match. */
  maxDistanceMeters?: number;
}

export interface FootprintIndexOptions {
  /** A point farther than this from every footprint (plus its precision radius) is not assigned. Default 250 m. */
  maxDistanceMeters?: number;
}

interface Part {
  compound: number;
  polygon: FlatPolygon;
  /** Planar area in square degrees, to prefer the most specific of overlapping footprints. */
  area: number;
}

function ringArea(ring: Float64Array): number {
  let sum = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) sum += ring[i]! * ring[i + 3]! - ring[i + 2]! * ring[i + 1]!;
  return Math.abs(sum) / 2;
}

export class FootprintIndex {
  readonly size: number;
  private readonly compoundIds: string[];
  private readonly parts: Part[] = [];
  private readonly tree: Flatbush | null;
  /** [minX, minY, maxX, maxY] of each part, in insertion (= flatbush index) order. */
  private boxes = new Float64Array(0);
  private readonly maxDistanceMeters: number;

  constructor(entries: readonly FootprintEntry[], options: FootprintIndexOptions = {}) {
    this.maxDistanceMeters = options.maxDistanceMeters ?? 250;
    this.compoundIds = entries.map((e) => e.compoundId);
    this.size = entries.length;
    const boxes: number[] = [];
    entries.forEach((entry, compound) => {
      for (const polygon of flattenFootprint(entry.footprint)) {
        const [outer, ...holes] = polygon;
        if (!outer) throw new Error(`footprint of compound ${entry.compoundId} has a polygon without an outer ring`);
        let minX = Infinity,
          minY = Infinity,
          maxX = -Infinity,
          maxY = -Infinity;
        for (let i = 0; i + 1 < outer.length; i += 2) {
          const x = outer[i]!;
          const y = outer[i + 1]!;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        const hole = holes.reduce((s, r) => s + ringArea(r), 0);
        this.parts.push({ compound, polygon, area: ringArea(outer) - hole });
        boxes.push(minX, minY, maxX, maxY);
      }
    });
    // Flatbush cannot be built empty; an empty index simply assigns nothing.
    if (this.parts.length === 0) {
      this.tree = null;
      return;
    }
    this.boxes = Float64Array.from(boxes);
    this.tree = new Flatbush(this.parts.length);
    for (let i = 0; i < boxes.length; i += 4) this.tree.add(boxes[i]!, boxes[i + 1]!, boxes[i + 2]!, boxes[i + 3]!);
    this.tree.finish();
  }

  /** Compound ids whose footprint contains the point (boundary included), most specific first. */
  containing(lon: number, lat: number): string[] {
    if (!this.tree) return [];
    const hits = this.tree
      .search(lon, lat, lon, lat)
      .map((p) => this.part(p))
      .filter((part) => flatPolygonContains(part.polygon, lon, lat))
      .sort((a, b) => a.area - b.area || a.compound - b.compound);
    return [...new Set(hits.map((part) => this.compoundId(part)))];
  }

  // Flatbush returns indices of what was added, and every part was added: these lookups cannot miss.
  private part(p: number): Part {
    return this.parts[p]!;
  }

  private compoundId(part: Part): string {
    return this.compoundIds[part.compound]!;
  }

  assign(point: Position, options: AssignOptions = {}): Assignment | null {
    if (!this.tree) return null;
    const lon = point[0];
    const lat = point[1];
    const band = options.precision;
    const coarse = band === undefined || isCoarseBand(band);
    const radius = precisionRadiusMeters(band);

    // One tree search with the widest box serves both steps.
    const reach = (options.maxDistanceMeters ?? this.maxDistanceMeters) + radius;
    const kx = METERS_PER_DEGREE * Math.max(0.01, Math.cos(lat * RAD));
    const dLon = reach / kx;
    const dLat = reach / METERS_PER_DEGREE;
    const candidates = this.tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat);

    // Inside: the smallest containing footprint (a building inside a larger site is more specific).
    const boxes = this.boxes;
    let best: Part | undefined;
    for (const p of candidates) {
      const b = 4 * p;
      if (lon < boxes[b]! || lat < boxes[b + 1]! || lon > boxes[b + 2]! || lat > boxes[b + 3]!) continue;
      const part = this.part(p);
      if (!flatPolygonContains(part.polygon, lon, lat)) continue;
      if (!best || part.area < best.area || (part.area === best.area && part.compound < best.compound)) best = part;
    }
    if (best) {
      return {
        compoundId: this.compoundId(best),
        how: 'inside',
        distanceMeters: 0,
        confidence: coarse ? 'proposed' : 'asserted',
      };
    }

    // Nearest: a point known only to ±radius may lie that much farther away. Candidates are
    // compared in a local metric plane (no trigonometry per segment); only the winner's
    // distance is measured with haversine.
    let nearest = -1;
    let best2 = Infinity;
    for (const p of candidates) {
      const d2 = this.closestOnPart(p, lon, lat, kx, best2);
      if (d2 < best2) {
        best2 = d2;
        nearest = p;
      }
    }
    if (nearest < 0) return null;
    const distanceMeters = haversineMeters(lon, lat, this.closestLon, this.closestLat);
    if (distanceMeters > reach) return null;
    // Outside every footprint is asserted only when the point's own error circle reaches the footprint.
    const confidence: AssignmentConfidence = !coarse && distanceMeters <= radius ? 'asserted' : 'proposed';
    return { compoundId: this.compoundId(this.part(nearest)), how: 'nearest', distanceMeters, confidence };
  }

  // Scratch output of closestOnPart, to avoid allocating per query.
  private closestLon = 0;
  private closestLat = 0;

  /**
   * Squared planar distance (m²) from the point to the part's boundary when below `bound`; records the closest point.
   */
  private closestOnPart(p: number, lon: number, lat: number, kx: number, bound: number): number {
    const ky = METERS_PER_DEGREE;
    let best = bound;
    for (const ring of this.part(p).polygon) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const x0 = ring[i]!;
        const y0 = ring[i + 1]!;
        const x1 = (x0 - lon) * kx;
        const y1 = (y0 - lat) * ky;
        const dx = (ring[i + 2]! - x0) * kx;
        const dy = (ring[i + 3]! - y0) * ky;
        const len2 = dx * dx + dy * dy;
        let t = len2 === 0 ? 0 : -(x1 * dx + y1 * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const cx = x1 + t * dx;
        const cy = y1 + t * dy;
        const d2 = cx * cx + cy * cy;
        if (d2 < best) {
          best = d2;
          this.closestLon = x0 + t * (ring[i + 2]! - x0);
          this.closestLat = y0 + t * (ring[i + 3]! - y0);
        }
      }
    }
    return best;
  }
}

/**
 * Pure conversions from the compact map data (columnar evidence, compounds with their status on a
 * day) into the GeoJSON the map draws, and day arithmetic for the time slider.
 */
import type { FeatureCollection, Point, Polygon, MultiPolygon } from 'geojson';
import type { MapData } from '../../../contracts/monitoring/index.ts';
import type { CompoundStatus } from '../../../core/vocabulary.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 → YYYY-MM-DD (UTC, as the server counts them). */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoToDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The slider's range: from the earliest evidence (or a year back) to the map's day. */
export function dayRange(map: Pick<MapData, 'at' | 'evidence'>): { min: number; max: number } {
  const max = isoToDay(map.at);
  let min = max - 365;
  for (const d of map.evidence.day) if (d < min) min = d;
  return { min, max };
}

export interface EvidenceProps {
  id: string;
  kind: string;
  state: string;
  compound: number;
}

/**
 * Evidence points captured (or acquired) by `untilDay` as GeoJSON, for a clustered source. One
 * pass over the columns, no per-point objects beyond the features themselves: 30,000 points take
 * a few milliseconds.
 */
export function evidenceFeatures(
  map: MapData,
  untilDay = Number.POSITIVE_INFINITY,
): FeatureCollection<Point, EvidenceProps> {
  const e = map.evidence;
  const features: FeatureCollection<Point, EvidenceProps>['features'] = [];
  for (let i = 0; i < e.id.length; i++) {
    if (e.day[i]! > untilDay) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [e.lon[i]! / 1e5, e.lat[i]! / 1e5] },
      properties: {
        id: e.id[i]!,
        kind: map.evidenceKinds[e.kind[i]!] ?? 'unknown',
        state: map.verificationStates[e.state[i]!] ?? 'unverified',
        compound: e.compound[i]!,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

export interface CompoundProps {
  id: string;
  name: string;
  status: CompoundStatus;
}

/** Compound centres and footprints, only for the statuses shown. */
export function compoundFeatures(
  compounds: MapData['compounds'],
  shown: ReadonlySet<CompoundStatus>,
): {
  points: FeatureCollection<Point, CompoundProps>;
  footprints: FeatureCollection<Polygon | MultiPolygon, CompoundProps>;
} {
  const points: FeatureCollection<Point, CompoundProps>['features'] = [];
  const footprints: FeatureCollection<Polygon | MultiPolygon, CompoundProps>['features'] = [];
  for (const c of compounds) {
    if (!shown.has(c.status)) continue;
    const properties = { id: c.id, name: c.name, status: c.status };
    if (c.point) points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: c.point }, properties });
    if (c.footprint) footprints.push({ type: 'Feature', geometry: c.footprint as Polygon | MultiPolygon, properties });
  }
  return {
    points: { type: 'FeatureCollection', features: points },
    footprints: { type: 'FeatureCollection', features: footprints },
  };
}

/** [west, south, east, north] around the compounds' points, padded; null without points. */
export function compoundBounds(compounds: MapData['compounds']): [number, number, number, number] | null {
  const pts = compounds.flatMap((c) => (c.point ? [c.point] : []));
  if (pts.length === 0) return null;
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const pad = 0.3;
  return [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
}

/**
 * The basemap ships inside the app: Natural Earth 1:50m country shapes (world-atlas, TopoJSON)
 * served as a static asset from our own origin and turned into GeoJSON here. No tile server, no
 * glyphs, no sprites: the map works offline and under the strict CSP.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

export interface CountryProps {
  name: string;
  focus: boolean;
}

/** Mainland and maritime South-East Asia: enough around Cambodia to read borders and coasts. */
const REGION = { west: 88, south: -12, east: 130, north: 30 };
const FOCUS = 'Cambodia';

let cached: Promise<FeatureCollection<Polygon | MultiPolygon, CountryProps>> | undefined;

function touchesRegion(coords: unknown): boolean {
  // Walk the nested coordinate arrays until a position inside the region turns up.
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as [number, number];
    return x >= REGION.west && x <= REGION.east && y >= REGION.south && y <= REGION.north;
  }
  return Array.isArray(coords) && coords.some(touchesRegion);
}

/** Countries of the region as GeoJSON (fetched once per page load, then cached). */
export function loadCountries(): Promise<FeatureCollection<Polygon | MultiPolygon, CountryProps>> {
  cached ??= fetch(countriesUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap: ${r.status}`);
      return r.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>;
    })
    .then((topology) => {
      const all = feature(topology, topology.objects.countries) as FeatureCollection<
        Polygon | MultiPolygon,
        { name: string }
      >;
      return {
        type: 'FeatureCollection' as const,
        features: all.features
          .filter((f) => f.geometry && touchesRegion(f.geometry.coordinates))
          .map((f) => ({ ...f, properties: { name: f.properties.name, focus: f.properties.name === FOCUS } })),
      };
    })
    .catch((error: unknown) => {
      cached = undefined; // let the next map try again
      throw error;
    });
  return cached;
}

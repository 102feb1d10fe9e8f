/** The map's style: plain land and water, compounds by status, clustered evidence. No glyphs or sprites. */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { COMPOUND_STATUSES, STATUS_COLOURS } from './status-colours.ts';

export const SOURCES = {
  countries: 'countries',
  evidence: 'evidence',
  points: 'compound-points',
  footprints: 'compound-footprints',
} as const;
export const LAYERS = {
  clusters: 'evidence-clusters',
  evidence: 'evidence-points',
  footprintFill: 'compound-footprint-fill',
  footprintLine: 'compound-footprint-line',
  points: 'compound-points',
} as const;

/** ['match', ['get','status'], 'operating', '#…', …, fallback]. */
export const statusColour: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  ...COMPOUND_STATUSES.flatMap((s) => [s, STATUS_COLOURS[s]]),
  STATUS_COLOURS.unknown,
] as unknown as ExpressionSpecification;

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

export function mapStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [SOURCES.countries]: { type: 'geojson', data: EMPTY },
      // Clustering in the worker keeps 30,000 points smooth; single points appear past zoom 14.
      [SOURCES.evidence]: { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 40, clusterMaxZoom: 14 },
      [SOURCES.points]: { type: 'geojson', data: EMPTY },
      [SOURCES.footprints]: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': '#cfe3ec' } },
      {
        id: 'land',
        type: 'fill',
        source: SOURCES.countries,
        paint: { 'fill-color': ['case', ['get', 'focus'], '#f7f4ea', '#e6e2d3'] },
      },
      {
        id: 'borders',
        type: 'line',
        source: SOURCES.countries,
        paint: { 'line-color': '#9b9686', 'line-width': ['case', ['get', 'focus'], 1.4, 0.7] },
      },
      {
        id: LAYERS.clusters,
        type: 'circle',
        source: SOURCES.evidence,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': '#1f5564',
          'circle-opacity': 0.35,
          'circle-stroke-color': '#1f5564',
          'circle-stroke-width': 1,
          'circle-radius': ['step', ['get', 'point_count'], 8, 20, 12, 100, 16, 1000, 22],
        },
      },
      {
        id: LAYERS.evidence,
        type: 'circle',
        source: SOURCES.evidence,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': '#1f5564',
          'circle-radius': 3.5,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      },
      {
        id: LAYERS.footprintFill,
        type: 'fill',
        source: SOURCES.footprints,
        minzoom: 12,
        paint: { 'fill-color': statusColour, 'fill-opacity': 0.45 },
      },
      {
        id: LAYERS.footprintLine,
        type: 'line',
        source: SOURCES.footprints,
        minzoom: 12,
        paint: { 'line-color': statusColour, 'line-width': 2 },
      },
      // Points at low zoom; the footprint takes over when it is big enough to see.
      {
        id: LAYERS.points,
        type: 'circle',
        source: SOURCES.points,
        maxzoom: 14,
        paint: {
          'circle-color': statusColour,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 6, 12, 10],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import type { MapData } from '../../../contracts/monitoring/index.ts';
import {
  COMPOUND_STATUSES,
  EVIDENCE_KINDS,
  VERIFICATION_STATES,
  type CompoundStatus,
} from '../../../core/vocabulary.ts';
import { compoundBounds, compoundFeatures, dayRange, dayToIso, evidenceFeatures, isoToDay } from './map-data.ts';

function mapData(
  points: { lon: number; lat: number; day: string; kind?: number; state?: number; compound?: number }[],
  at = '2026-03-01',
): MapData {
  return {
    at,
    compounds: [
      {
        id: 'a',
        name: 'A',
        status: 'raided',
        point: [104.9, 11.5],
        footprint: {
          type: 'Polygon',
          coordinates: [
            [
              [104.9, 11.5],
              [104.91, 11.5],
              [104.91, 11.51],
              [104.9, 11.5],
            ],
          ],
        },
      },
      { id: 'b', name: 'B', status: 'operating', point: [102.6, 13.6], footprint: null },
      { id: 'c', name: 'C', status: 'unknown', point: null, footprint: null },
    ],
    evidenceKinds: [...EVIDENCE_KINDS],
    verificationStates: [...VERIFICATION_STATES],
    evidence: {
      id: points.map((_, i) => `e${i}`),
      lon: points.map((p) => Math.round(p.lon * 1e5)),
      lat: points.map((p) => Math.round(p.lat * 1e5)),
      kind: points.map((p) => p.kind ?? 0),
      state: points.map((p) => p.state ?? 0),
      compound: points.map((p) => p.compound ?? -1),
      day: points.map((p) => isoToDay(p.day)),
    },
  };
}

describe('map data for the map', () => {
  it('round-trips days since 1970 and ISO dates, across a leap day', () => {
    for (const iso of ['1970-01-01', '2024-02-29', '2026-11-22']) expect(dayToIso(isoToDay(iso))).toBe(iso);
    expect(isoToDay('2024-03-01') - isoToDay('2024-02-28')).toBe(2);
  });

  it('decodes columnar evidence into points and cuts it at a day', () => {
    const data = mapData([
      { lon: 104.91234, lat: 11.54321, day: '2026-01-10', kind: 2, state: 3, compound: 0 },
      { lon: 102.6, lat: 13.6, day: '2026-02-10', kind: 4, state: 4 },
    ]);
    const all = evidenceFeatures(data);
    expect(all.features).toHaveLength(2);
    expect(all.features[0]!.geometry.coordinates).toEqual([104.91234, 11.54321]);
    expect(all.features[0]!.properties).toEqual({
      id: 'e0',
      kind: EVIDENCE_KINDS[2],
      state: VERIFICATION_STATES[3],
      compound: 0,
    });
    expect(all.features[1]!.properties.kind).toBe(EVIDENCE_KINDS[4]);
    const cut = evidenceFeatures(data, isoToDay('2026-01-31'));
    expect(cut.features.map((f) => f.properties.id)).toEqual(['e0']);
    expect(evidenceFeatures(data, isoToDay('2026-02-10')).features).toHaveLength(2);
  });

  it('keeps only the statuses shown and splits points from footprints', () => {
    const data = mapData([]);
    const shown = new Set<CompoundStatus>(['raided', 'unknown']);
    const { points, footprints } = compoundFeatures(data.compounds, shown);
    expect(points.features.map((f) => f.properties.id)).toEqual(['a']);
    expect(footprints.features.map((f) => f.properties.status)).toEqual(['raided']);
    expect(compoundFeatures(data.compounds, new Set()).points.features).toHaveLength(0);
    expect(compoundFeatures(data.compounds, new Set(COMPOUND_STATUSES)).points.features).toHaveLength(2);
  });

  it('sets the slider from the earliest evidence (or a year back) to the map day', () => {
    expect(dayRange(mapData([{ lon: 104, lat: 11, day: '2024-05-01' }]))).toEqual({
      min: isoToDay('2024-05-01'),
      max: isoToDay('2026-03-01'),
    });
    expect(dayRange(mapData([{ lon: 104, lat: 11, day: '2026-02-01' }]))).toEqual({
      min: isoToDay('2026-03-01') - 365,
      max: isoToDay('2026-03-01'),
    });
  });

  it('bounds the compounds that have a point, padded', () => {
    const [w, s, e, n] = compoundBounds(mapData([]).compounds)!;
    expect(w).toBeLessThan(102.6);
    expect(e).toBeGreaterThan(104.9);
    expect(s).toBeLessThan(11.5);
    expect(n).toBeGreaterThan(13.6);
    expect(compoundBounds([])).toBeNull();
  });

  it('filters 30,000 points by day for a slider drag', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => ({
      lon: 102 + (i % 500) / 100,
      lat: 10 + (i % 300) / 100,
      day: dayToIso(isoToDay('2025-01-01') + (i % 400)),
    }));
    const data = mapData(many);
    const cutoff = isoToDay('2025-06-01');
    const out = evidenceFeatures(data, cutoff);
    expect(out.features.length).toBe(many.filter((p) => isoToDay(p.day) <= cutoff).length);
    expect(out.features.length).toBeLessThan(30_000);
  });
});

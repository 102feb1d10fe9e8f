import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfDistance from '@turf/distance';
import { createRng } from '../random.ts';
import type { FootprintGeometry, LinearRing, Position } from './geojson-types.ts';
import { FootprintIndex } from './footprint-index.ts';
import { footprintContains } from './point-in-polygon.ts';
import { distanceMeters, distanceToFootprintBoundaryMeters, haversineMeters, representativePoint } from './distance.ts';

/** An axis-aligned square ring centred on (lon, lat), half-side in degrees. */
function square(lon: number, lat: number, half: number): LinearRing {
  return [
    [lon - half, lat - half],
    [lon + half, lat - half],
    [lon + half, lat + half],
    [lon - half, lat + half],
    [lon - half, lat - half],
  ];
}

// A compound near Sihanoukville with an inner courtyard (hole), a neighbour and a two-part site.
const courtyard: FootprintGeometry = {
  type: 'Polygon',
  coordinates: [square(103.5, 10.6, 0.002), square(103.5, 10.6, 0.0005)],
};
const neighbour: FootprintGeometry = { type: 'Polygon', coordinates: [square(103.51, 10.6, 0.001)] };
const twoPart: FootprintGeometry = {
  type: 'MultiPolygon',
  coordinates: [[square(104.9, 11.55, 0.001)], [square(104.91, 11.55, 0.001)]],
};

const index = new FootprintIndex(
  [
    { compoundId: 'c-court', footprint: courtyard },
    { compoundId: 'c-next', footprint: neighbour },
    { compoundId: 'c-multi', footprint: twoPart },
  ],
  { maxDistanceMeters: 300 },
);

describe('FootprintIndex.assign', () => {
  it('assigns a point inside a footprint', () => {
    const a = index.assign([103.5015, 10.6015], { precision: '10m' });
    expect(a).toEqual({ compoundId: 'c-court', how: 'inside', distanceMeters: 0, confidence: 'asserted' });
  });

  it('assigns points in either part of a MultiPolygon', () => {
    expect(index.assign([104.9, 11.55])?.compoundId).toBe('c-multi');
    expect(index.assign([104.91, 11.5505])?.compoundId).toBe('c-multi');
  });

  it('does not treat a point in a hole as inside, but finds the hole edge as nearest', () => {
    const a = index.assign([103.5, 10.6], { precision: '10m' });
    expect(a?.how).toBe('nearest');
    expect(a?.compoundId).toBe('c-court');
    // The hole's half-side is 0.0005° ≈ 55 m at this latitude.
    expect(a!.distanceMeters).toBeGreaterThan(50);
    expect(a!.distanceMeters).toBeLessThan(60);
  });

  it('counts a point on the edge as inside', () => {
    expect(index.assign([103.502, 10.6])?.how).toBe('inside');
  });

  it('returns the nearest footprint within the maximum distance with its distance', () => {
    // 0.0025° east of c-next's east edge (103.511) ≈ 273 m.
    const a = index.assign([103.5135, 10.6], { precision: '100m' });
    expect(a?.compoundId).toBe('c-next');
    expect(a?.how).toBe('nearest');
    const expected = haversineMeters(103.5135, 10.6, 103.511, 10.6);
    expect(a!.distanceMeters).toBeCloseTo(expected, 1);
    // Farther than the point's 100 m error circle: only proposed.
    expect(a!.confidence).toBe('proposed');
  });

  it('asserts a nearest match that lies within the precision radius', () => {
    const a = index.assign([103.5115, 10.6], { precision: '100m' });
    expect(a?.how).toBe('nearest');
    expect(a!.distanceMeters).toBeLessThan(100);
    expect(a!.confidence).toBe('asserted');
  });

  it('returns null when nothing is within reach', () => {
    expect(index.assign([103.6, 10.7], { precision: '10m' })).toBeNull();
    expect(index.assign([103.5135, 10.6], { maxDistanceMeters: 50, precision: '10m' })).toBeNull();
  });

  it('widens the reach by the precision radius and only proposes for coarse bands', () => {
    // ≈ 880 m east of c-next: beyond 300 m, but within 300 m + 1 km.
    const p: Position = [103.519, 10.6];
    expect(index.assign(p, { precision: '10m' })).toBeNull();
    const coarse = index.assign(p, { precision: '1km' });
    expect(coarse?.compoundId).toBe('c-next');
    expect(coarse?.confidence).toBe('proposed');
    expect(index.assign([103.5015, 10.6015], { precision: 'area' })?.confidence).toBe('proposed');
    expect(index.assign([103.5015, 10.6015])?.confidence).toBe('proposed');
  });

  it('prefers the smaller of two overlapping footprints', () => {
    const big: FootprintGeometry = { type: 'Polygon', coordinates: [square(105, 12, 0.01)] };
    const small: FootprintGeometry = { type: 'Polygon', coordinates: [square(105, 12, 0.001)] };
    const overlap = new FootprintIndex([
      { compoundId: 'big', footprint: big },
      { compoundId: 'small', footprint: small },
    ]);
    expect(overlap.assign([105, 12])?.compoundId).toBe('small');
    expect(overlap.containing(105, 12)).toEqual(['small', 'big']);
    expect(overlap.assign([105.005, 12])?.compoundId).toBe('big');
  });

  it('an empty index assigns nothing', () => {
    expect(new FootprintIndex([]).assign([104, 11])).toBeNull();
  });
});

describe('point in polygon and distances agree with turf', () => {
  it('ray casting matches @turf/boolean-point-in-polygon on random polygons and points', () => {
    const rng = createRng(7);
    for (let n = 0; n < 40; n++) {
      // A star-shaped polygon with jittered radii (concave), possibly with a hole.
      const cx = 104 + rng.next();
      const cy = 11 + rng.next();
      const k = 5 + rng.int(30);
      const ring: LinearRing = [];
      for (let i = 0; i < k; i++) {
        const angle = (2 * Math.PI * i) / k;
        const r = 0.001 + rng.next() * 0.004;
        ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
      }
      ring.push(ring[0]!);
      const rings = rng.chance(0.5) ? [ring, square(cx, cy, 0.0004)] : [ring];
      const polygon: FootprintGeometry = { type: 'Polygon', coordinates: rings };
      for (let m = 0; m < 100; m++) {
        const p: Position = [cx + (rng.next() - 0.5) * 0.012, cy + (rng.next() - 0.5) * 0.012];
        expect(footprintContains(polygon, p[0], p[1])).toBe(booleanPointInPolygon(p, polygon));
      }
    }
  });

  it('haversine matches @turf/distance', () => {
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const a: Position = [102 + rng.next() * 6, 10 + rng.next() * 4];
      const b: Position = [102 + rng.next() * 6, 10 + rng.next() * 4];
      expect(distanceMeters(a, b)).toBeCloseTo(turfDistance(a, b, { units: 'meters' }), 3);
    }
  });

  it('measures the distance to a footprint boundary and finds a representative point', () => {
    const d = distanceToFootprintBoundaryMeters([103.5, 10.61], courtyard);
    expect(d).toBeCloseTo(haversineMeters(103.5, 10.61, 103.5, 10.602), 1);
    expect(representativePoint(null, neighbour)).toEqual([expect.closeTo(103.51, 9), expect.closeTo(10.6, 9)]);
    expect(representativePoint({ type: 'Point', coordinates: [1, 2] }, neighbour)).toEqual([1, 2]);
    expect(representativePoint(null, null)).toBeNull();
  });
});

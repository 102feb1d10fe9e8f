import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import distance from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { compoundWeights, demoCompounds } from './compounds.ts';

// Cambodia's bounding box, generously rounded.
const LON = [102.3, 107.7],
  LAT = [10.3, 14.75];

/** Signed area (shoelace): positive for a counter-clockwise ring. */
function signedArea(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

describe('demo compounds', () => {
  const seeds = [1, 2026, 99991];
  const sets = seeds.map((s) => demoCompounds(createRng(s)));
  const compounds = sets.flat();

  it('has about twenty compounds with unique keys and weights for each', () => {
    expect(sets[0]!.length).toBeGreaterThanOrEqual(18);
    expect(new Set(sets[0]!.map((c) => c.key)).size).toBe(sets[0]!.length);
    expect(
      compoundWeights()
        .map(([k]) => k)
        .sort(),
    ).toEqual(sets[0]!.map((c) => c.key).sort());
  });

  it('names each compound in Khmer, Chinese and English scripts', () => {
    for (const c of sets[0]!) {
      const by = Object.fromEntries(c.names.map((n) => [n.lang, n.name]));
      expect(by.km).toMatch(/^[\p{Script=Khmer}\s]+$/u);
      expect(by.zh).toMatch(/\p{Script=Han}/u);
      expect(by.en).toMatch(/^[A-Za-z0-9 .'-]+$/);
      expect(c.operators.length).toBeGreaterThan(0);
    }
  });

  it('spreads across the reported provinces', () => {
    const provinces = new Set(sets[0]!.map((c) => c.province));
    for (const p of [
      'Preah Sihanouk',
      'Svay Rieng',
      'Banteay Meanchey',
      'Koh Kong',
      'Oddar Meanchey',
      'Kampot',
      'Phnom Penh',
      'Takeo',
      'Pursat',
      'Kandal',
    ]) {
      expect(provinces).toContain(p);
    }
  });

  it('has closed, counter-clockwise footprints inside Cambodia, 50–600 m across, around the point', () => {
    for (const c of compounds) {
      const ring = c.footprint.coordinates[0]!;
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      expect(signedArea(ring)).toBeGreaterThan(0);
      for (const [lon, lat] of [...ring, c.point]) {
        expect(lon).toBeGreaterThan(LON[0]!);
        expect(lon).toBeLessThan(LON[1]!);
        expect(lat).toBeGreaterThan(LAT[0]!);
        expect(lat).toBeLessThan(LAT[1]!);
      }
      let across = 0;
      for (const a of ring) for (const b of ring) across = Math.max(across, distance(a, b, { units: 'meters' }));
      expect(across).toBeGreaterThanOrEqual(50);
      expect(across).toBeLessThanOrEqual(600);
      expect(booleanPointInPolygon(c.point, c.footprint)).toBe(true);
    }
  });

  it('keeps compounds apart from one another', () => {
    const one = sets[0]!;
    for (let i = 0; i < one.length; i++)
      for (let j = i + 1; j < one.length; j++) {
        expect(distance(one[i]!.point, one[j]!.point, { units: 'meters' })).toBeGreaterThan(700);
      }
  });

  it('draws footprints from the seed', () => {
    expect(demoCompounds(createRng(7))).toEqual(demoCompounds(createRng(7)));
    expect(demoCompounds(createRng(7))[0]!.footprint).not.toEqual(demoCompounds(createRng(8))[0]!.footprint);
  });
});

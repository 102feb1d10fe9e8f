import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Compound } from '../compounds/compound-types.ts';
import { OPERATOR_ROLES } from '../compounds/compound-types.ts';
import type { FootprintGeometry, LinearRing, PointGeometry } from './geojson-types.ts';
import { compoundsToFeatureCollection, parseCompoundFeatureCollection } from './compound-geojson.ts';
import { isValidFootprint, isValidPoint, validateGeometry } from './validate-geometry.ts';

const closedSquare: LinearRing = [
  [104, 11],
  [104.01, 11],
  [104.01, 11.01],
  [104, 11.01],
  [104, 11],
];

describe('validateGeometry', () => {
  it('accepts valid Point, Polygon and MultiPolygon', () => {
    expect(validateGeometry({ type: 'Point', coordinates: [104.9, 11.55] })).toEqual([]);
    expect(validateGeometry({ type: 'Polygon', coordinates: [closedSquare] })).toEqual([]);
    expect(validateGeometry({ type: 'MultiPolygon', coordinates: [[closedSquare], [closedSquare]] })).toEqual([]);
  });

  it.each([
    ['not an object', 'x', 'not_an_object', 'geometry'],
    ['unknown type', { type: 'LineString', coordinates: [] }, 'unsupported_type', 'geometry.type'],
    [
      'swapped lon/lat',
      { type: 'Point', coordinates: [11.55, 204.9] },
      'latitude_out_of_range',
      'geometry.coordinates',
    ],
    [
      'longitude beyond 180',
      { type: 'Point', coordinates: [181, 10] },
      'longitude_out_of_range',
      'geometry.coordinates',
    ],
    ['non-numeric position', { type: 'Point', coordinates: ['104', 11] }, 'bad_position', 'geometry.coordinates'],
    ['NaN position', { type: 'Point', coordinates: [Number.NaN, 11] }, 'bad_position', 'geometry.coordinates'],
    [
      'open ring',
      { type: 'Polygon', coordinates: [closedSquare.slice(0, 4)] },
      'ring_not_closed',
      'geometry.coordinates[0]',
    ],
    [
      'short ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [104, 11],
            [104.1, 11],
            [104, 11],
          ],
        ],
      },
      'ring_too_short',
      'geometry.coordinates[0]',
    ],
    ['no rings', { type: 'Polygon', coordinates: [] }, 'empty_geometry', 'geometry.coordinates'],
    ['no polygons', { type: 'MultiPolygon', coordinates: [] }, 'empty_geometry', 'geometry.coordinates'],
    [
      'bad vertex deep in a multipolygon',
      {
        type: 'MultiPolygon',
        coordinates: [[closedSquare], [[...closedSquare.slice(0, 2), [104, 95], ...closedSquare.slice(3)]]],
      },
      'latitude_out_of_range',
      'geometry.coordinates[1][0][2]',
    ],
  ])('reports %s', (_label, value, code, path) => {
    const problems = validateGeometry(value);
    expect(problems.map((p) => p.code)).toContain(code);
    expect(problems.find((p) => p.code === code)?.path).toBe(path);
    expect(problems.every((p) => p.message.length > 10)).toBe(true);
  });

  it('restricts to footprint types when asked, and never throws', () => {
    expect(isValidFootprint({ type: 'Point', coordinates: [104, 11] })).toBe(false);
    expect(isValidPoint({ type: 'Point', coordinates: [104, 11] })).toBe(true);
    expect(() => validateGeometry(null)).not.toThrow();
    expect(() => validateGeometry({ type: 'Polygon', coordinates: [null, 3, [[1]]] })).not.toThrow();
    expect(validateGeometry({ type: 'Polygon', coordinates: [null, 3] }).length).toBe(2);
  });
});

// Coordinates built from integers so that they survive JSON exactly (no -0, no NaN).
const lonArb = fc.integer({ min: 102_000_000, max: 108_000_000 }).map((n) => n / 1e6);
const latArb = fc.integer({ min: 9_000_000, max: 15_000_000 }).map((n) => n / 1e6);
const pointArb: fc.Arbitrary<PointGeometry> = fc
  .tuple(lonArb, latArb)
  .map(([lon, lat]) => ({ type: 'Point', coordinates: [lon, lat] }));
const ringArb: fc.Arbitrary<LinearRing> = fc
  .array(fc.tuple(lonArb, latArb), { minLength: 3, maxLength: 8 })
  .map((vs) => [...vs.map(([a, b]): [number, number] => [a, b]), [vs[0]![0], vs[0]![1]]]);
const footprintArb: fc.Arbitrary<FootprintGeometry> = fc.oneof(
  fc.array(ringArb, { minLength: 1, maxLength: 2 }).map((rings) => ({ type: 'Polygon' as const, coordinates: rings })),
  fc
    .array(fc.array(ringArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
    .map((polys) => ({ type: 'MultiPolygon' as const, coordinates: polys })),
);
const compoundArb: fc.Arbitrary<Compound> = fc.record({
  id: fc.string({ minLength: 1 }),
  names: fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 3 }),
  aliases: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }),
  province: fc.option(fc.string(), { nil: null }),
  district: fc.option(fc.string(), { nil: null }),
  point: fc.option(pointArb, { nil: null }),
  footprint: fc.option(footprintArb, { nil: null }),
  operators: fc.array(
    fc.record({
      name: fc.string(),
      role: fc.constantFrom(...OPERATOR_ROLES),
      entityId: fc.option(fc.string(), { nil: null }),
    }),
    { maxLength: 3 },
  ),
  notes: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
});

describe('compound GeoJSON round trip', () => {
  it('export → JSON text → import is the identity', () => {
    fc.assert(
      fc.property(fc.uniqueArray(compoundArb, { selector: (c) => c.id, maxLength: 5 }), (compounds) => {
        const text = JSON.stringify(compoundsToFeatureCollection(compounds));
        const { compounds: back, problems } = parseCompoundFeatureCollection(JSON.parse(text));
        expect(problems).toEqual([]);
        expect(back).toEqual(compounds);
      }),
      { numRuns: 150 },
    );
  });

  it('exports the footprint as geometry and keeps the point in properties', () => {
    const fc1 = compoundsToFeatureCollection([
      {
        id: 'c1',
        names: ['KK'],
        aliases: [],
        province: 'Preah Sihanouk',
        district: null,
        point: { type: 'Point', coordinates: [103.5, 10.6] },
        footprint: { type: 'Polygon', coordinates: [closedSquare] },
        operators: [],
        notes: null,
      },
    ]);
    expect(fc1.features[0]!.geometry?.type).toBe('Polygon');
    expect(fc1.features[0]!.properties.point).toEqual([103.5, 10.6]);
    expect(fc1.features[0]!.id).toBe('c1');
  });
});

describe('parseCompoundFeatureCollection with foreign files', () => {
  it('accepts a GIS-style single name and numeric ids, and reports problems per feature', () => {
    const json = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 7,
          geometry: { type: 'Point', coordinates: [104.9, 11.55] },
          properties: { name: 'Golden Fortune', operators: ['Mr X'] },
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [104.9, 11.55] }, properties: { name: 'no id' } },
        {
          type: 'Feature',
          id: 'bad',
          geometry: { type: 'Polygon', coordinates: [closedSquare.slice(0, 4)] },
          properties: { name: 'open ring' },
        },
        { type: 'Feature', id: 7, geometry: null, properties: { name: 'dup' } },
        {
          type: 'Feature',
          id: 'odd',
          geometry: null,
          properties: { names: 'Only one', province: 12, operators: [{ name: 'Y', role: 'boss' }] },
        },
        'junk',
      ],
    };
    const { compounds, problems } = parseCompoundFeatureCollection(json);
    expect(compounds.map((c) => c.id)).toEqual(['7', 'odd']);
    expect(compounds[0]!.names).toEqual(['Golden Fortune']);
    expect(compounds[0]!.operators).toEqual([{ name: 'Mr X', role: 'unknown', entityId: null }]);
    expect(compounds[1]!.province).toBeNull();
    expect(compounds[1]!.operators[0]!.role).toBe('unknown');
    const codes = problems.map((p) => `${p.path}:${p.code}`);
    expect(codes).toContain('features[1].id:missing_id');
    expect(codes).toContain('features[2].geometry.coordinates[0]:ring_not_closed');
    expect(codes).toContain('features[3].id:duplicate_id');
    expect(codes).toContain('features[4].properties.province:bad_property');
    expect(codes).toContain('features[4].properties.operators[0].role:bad_property');
    expect(codes).toContain('features[5]:bad_feature');
  });

  it('uses the id maker when given and rejects non-collections', () => {
    const json = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: null, properties: { name: 'A' } }],
    };
    expect(parseCompoundFeatureCollection(json, { makeId: (i) => `new-${i}` }).compounds[0]!.id).toBe('new-0');
    expect(parseCompoundFeatureCollection({ type: 'Feature' }).problems[0]!.code).toBe('bad_feature');
  });
});

import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { FootprintGeometry, Position } from './geojson-types.ts';
import { footprintContains } from './point-in-polygon.ts';

// A right triangle with a square hole; all coordinates exactly representable.
const triangle: FootprintGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [8, 0],
      [0, 8],
      [0, 0],
    ],
    [
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
    ],
  ],
};

describe('footprintContains boundary cases', () => {
  it.each([
    ['interior', [3, 1], true],
    ['outside', [5, 5], false],
    ['on a vertex', [8, 0], true],
    ['on the horizontal edge', [5, 0], true],
    ['on the vertical edge', [0, 5], true],
    ['on the slanted edge', [4, 4], true],
    ['in the hole', [1.5, 1.5], false],
    ['on the hole edge', [2, 1.5], true],
    ['on a hole vertex', [1, 1], true],
    ['left of the polygon at a vertex latitude', [-1, 8], false],
    ['right of the polygon on the base line', [9, 0], false],
  ] as [string, Position, boolean][])('%s', (_label, point, expected) => {
    expect(footprintContains(triangle, point[0], point[1])).toBe(expected);
    expect(booleanPointInPolygon(point, triangle)).toBe(expected);
  });

  it('handles MultiPolygons and either ring orientation', () => {
    const multi: FootprintGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [0, 1],
            [1, 1],
            [1, 0],
            [0, 0],
          ],
        ],
        [
          [
            [5, 5],
            [6, 5],
            [6, 6],
            [5, 6],
            [5, 5],
          ],
        ],
      ],
    };
    expect(footprintContains(multi, 0.5, 0.5)).toBe(true);
    expect(footprintContains(multi, 5.5, 5.5)).toBe(true);
    expect(footprintContains(multi, 3, 3)).toBe(false);
  });
});

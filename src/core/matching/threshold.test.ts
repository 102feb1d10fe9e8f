import { describe, expect, it } from 'vitest';
import { weightFromProbability } from './model.ts';
import { operatingPoint } from './threshold.ts';

const weights = (ps: number[]): Float64Array => Float64Array.from(ps, weightFromProbability);

describe('operatingPoint', () => {
  const ps = [0.2, 0.99, 0.6, 0.9, 0.98];
  it('reports what the model expects at a fixed threshold', () => {
    const op = operatingPoint(weights(ps), { threshold: 0.5 });
    expect(op.rule).toBe('fixed');
    expect(op.accepted).toBe(4);
    expect(op.expectedPrecision).toBeCloseTo((0.99 + 0.98 + 0.9 + 0.6) / 4, 9);
    expect(op.expectedMatches).toBeCloseTo(3.67, 9);
    expect(op.expectedRecall).toBeCloseTo((0.99 + 0.98 + 0.9 + 0.6) / 3.67, 9);
  });

  it('picks the lowest threshold whose expected precision reaches the target, without labels', () => {
    // Running means from the top: 0.99, 0.985, 0.9567, 0.8675 → three pairs reach 0.95, four do not.
    const op = operatingPoint(weights(ps), { precisionTarget: 0.95 });
    expect(op.rule).toBe('precision_target');
    expect(op.accepted).toBe(3);
    expect(op.threshold).toBeCloseTo(0.9, 9);
    expect(op.expectedPrecision).toBeGreaterThanOrEqual(0.95);
    const stricter = operatingPoint(weights(ps), { precisionTarget: 0.986 });
    expect(stricter.accepted).toBe(1);
  });

  it('accepts or refuses tied pairs together, as a threshold would', () => {
    // 0.99, then three at 0.9: with all three the mean is 0.9225 < 0.93; with one it would be 0.945.
    const op = operatingPoint(weights([0.9, 0.99, 0.9, 0.9]), { precisionTarget: 0.93 });
    expect(op.accepted).toBe(1);
    expect(op.threshold).toBeCloseTo(0.99, 9);
  });

  it('refuses a target outside (0, 1)', () => {
    expect(() => operatingPoint(weights(ps), { precisionTarget: 1 })).toThrow(RangeError);
  });
});

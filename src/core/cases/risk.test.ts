import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RISK_LEVELS, type RiskLevel } from '../vocabulary.ts';
import { lowerRisk, raiseRisk, riskIndex, stepRisk, type RiskCause } from './risk.ts';

const causeArb: fc.Arbitrary<RiskCause> = fc.oneof(
  fc.constantFrom<RiskCause>(
    { kind: 'missed_follow_up' },
    { kind: 'lost_contact' },
    { kind: 'threat_reported' },
    { kind: 'seen_in_compound' },
  ),
  fc.constantFrom(...RISK_LEVELS).map((level): RiskCause => ({ kind: 'assessment', level })),
);

describe('raiseRisk', () => {
  it('never lowers, whatever the cause', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RISK_LEVELS), causeArb, (current, cause) => {
        expect(riskIndex(raiseRisk(current, cause))).toBeGreaterThanOrEqual(riskIndex(current));
      }),
    );
  });
  it('a missed follow-up raises one level, capped at critical', () => {
    expect(raiseRisk('low', { kind: 'missed_follow_up' })).toBe('medium');
    expect(raiseRisk('medium', { kind: 'missed_follow_up' })).toBe('high');
    expect(raiseRisk('high', { kind: 'missed_follow_up' })).toBe('critical');
    expect(raiseRisk('critical', { kind: 'missed_follow_up' })).toBe('critical');
  });
  it('seen in a compound is always critical; lost contact and threats at least high', () => {
    for (const r of RISK_LEVELS) {
      expect(raiseRisk(r, { kind: 'seen_in_compound' })).toBe('critical');
      expect(raiseRisk(r, { kind: 'lost_contact' })).toBe(r === 'critical' ? 'critical' : 'high');
      expect(raiseRisk(r, { kind: 'threat_reported' })).toBe(r === 'critical' ? 'critical' : 'high');
    }
  });
  it('an assessment only applies when higher', () => {
    expect(raiseRisk('high', { kind: 'assessment', level: 'low' })).toBe('high');
    expect(raiseRisk('low', { kind: 'assessment', level: 'high' })).toBe('high');
  });
  it('stepRisk clamps at both ends', () => {
    expect(stepRisk('low', -3)).toBe('low');
    expect(stepRisk('medium', 5)).toBe('critical');
  });
});

describe('lowerRisk', () => {
  it('needs a lower target and a reason', () => {
    expect(lowerRisk('high', 'critical', 'x').ok).toBe(false);
    expect(lowerRisk('high', 'high', 'x').ok).toBe(false);
    expect(lowerRisk('high', 'low', '').ok).toBe(false);
    expect(lowerRisk('high', 'low', undefined).ok).toBe(false);
    expect(lowerRisk('high', 'low', 'safe at home with family')).toEqual({ ok: true, level: 'low' as RiskLevel });
  });
});

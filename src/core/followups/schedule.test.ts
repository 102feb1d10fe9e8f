import { describe, expect, it } from 'vitest';
import { RISK_LEVELS } from '../vocabulary.ts';
import { FOLLOW_UP_INTERVAL_DAYS, missedAfter, MISSED_GRACE_HOURS, nextFollowUpDue } from './schedule.ts';

describe('follow-up schedule', () => {
  it('uses the documented intervals', () => {
    expect(nextFollowUpDue('2026-03-01T09:00:00Z', 'critical').toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(nextFollowUpDue('2026-03-01T09:00:00Z', 'high').toISOString()).toBe('2026-03-08T09:00:00.000Z');
    expect(nextFollowUpDue('2026-03-01T09:00:00Z', 'medium').toISOString()).toBe('2026-03-15T09:00:00.000Z');
    expect(nextFollowUpDue(new Date('2026-03-01T09:00:00Z'), 'low').toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });
  it('higher risk means sooner check-ins', () => {
    const days = RISK_LEVELS.map((r) => FOLLOW_UP_INTERVAL_DAYS[r]);
    for (let i = 1; i < days.length; i++) expect(days[i]).toBeLessThan(days[i - 1]!);
  });
  it('a check-in is missed only after the grace period', () => {
    expect(missedAfter('2026-03-01T00:00:00Z').getTime() - Date.parse('2026-03-01T00:00:00Z')).toBe(
      MISSED_GRACE_HOURS * 3_600_000,
    );
  });
  it('rejects invalid clocks', () => {
    expect(() => nextFollowUpDue('yesterday', 'low')).toThrow(RangeError);
  });
});

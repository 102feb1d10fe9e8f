import { describe, expect, it } from 'vitest';
import { nextRunAfter, scheduleProblem } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('nextRunAfter', () => {
  it('runs a daily report later the same day, or the next day once the hour has passed', () => {
    const daily = { cadence: 'daily' as const, hourUtc: 6, weekday: null };
    expect(nextRunAfter(daily, at('2026-11-29T05:59:59Z')).toISOString()).toBe('2026-11-29T06:00:00.000Z');
    expect(nextRunAfter(daily, at('2026-11-29T06:00:00Z')).toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(nextRunAfter(daily, at('2026-12-31T23:30:00Z')).toISOString()).toBe('2027-01-01T06:00:00.000Z');
  });

  it('runs a weekly report on its weekday only (2026-11-29 is a Sunday)', () => {
    const mondays = { cadence: 'weekly' as const, hourUtc: 1, weekday: 1 };
    expect(nextRunAfter(mondays, at('2026-11-29T12:00:00Z')).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(nextRunAfter(mondays, at('2026-11-30T01:00:00Z')).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    const sundays = { cadence: 'weekly' as const, hourUtc: 23, weekday: 0 };
    expect(nextRunAfter(sundays, at('2026-11-29T22:00:00Z')).toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('always moves forward, on the hour, within a week', () => {
    for (let i = 0; i < 500; i++) {
      const after = new Date(Date.UTC(2026, 0, 1) + i * 7_919_000);
      const s = { cadence: i % 2 ? ('weekly' as const) : ('daily' as const), hourUtc: i % 24, weekday: i % 7 };
      const next = nextRunAfter(s, after);
      expect(next.getTime()).toBeGreaterThan(after.getTime());
      expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
      expect(next.getUTCMinutes() + next.getUTCSeconds() + next.getUTCMilliseconds()).toBe(0);
      expect(next.getUTCHours()).toBe(s.hourUtc);
    }
  });

  it('refuses an hour out of range and a weekly report without a day', () => {
    expect(scheduleProblem({ cadence: 'daily', hourUtc: 24, weekday: null })).toMatch(/hour/);
    expect(scheduleProblem({ cadence: 'weekly', hourUtc: 3, weekday: null })).toMatch(/day of the week/);
    expect(scheduleProblem({ cadence: 'weekly', hourUtc: 3, weekday: 7 })).toMatch(/day of the week/);
    expect(() => nextRunAfter({ cadence: 'daily', hourUtc: -1, weekday: null }, new Date())).toThrow(RangeError);
  });
});

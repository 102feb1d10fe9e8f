import { describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES, alertRank, severityOfRank } from './rank.ts';

describe('alert rank', () => {
  it('orders by severity before anything else', () => {
    for (let i = 1; i < ALERT_SEVERITIES.length; i++) {
      const lowerAtBest = alertRank(ALERT_SEVERITIES[i - 1]!, { aboutAPerson: true, confidence: 1 });
      const higherAtWorst = alertRank(ALERT_SEVERITIES[i]!, { aboutAPerson: false, confidence: 0 });
      expect(higherAtWorst).toBeGreaterThan(lowerAtBest);
    }
  });

  it("puts a person at risk before a place at the same severity, whatever the place alert's confidence", () => {
    expect(alertRank('urgent', { aboutAPerson: true, confidence: 0 })).toBeGreaterThan(
      alertRank('urgent', { aboutAPerson: false, confidence: 1 }),
    );
  });

  it('keeps the severity readable from the stored rank', () => {
    for (const s of ALERT_SEVERITIES)
      for (const aboutAPerson of [true, false])
        for (const confidence of [0, 0.5, 1]) {
          expect(severityOfRank(alertRank(s, { aboutAPerson, confidence }))).toBe(s);
        }
  });
});

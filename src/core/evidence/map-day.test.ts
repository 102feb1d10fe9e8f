import { describe, expect, it } from 'vitest';
import { evidenceMapDay } from './map-day.ts';

describe('evidenceMapDay', () => {
  const acquiredAt = '2026-03-09T23:59:00.000Z';
  it('prefers the verified capture, then the claim, then the day it reached us', () => {
    expect(
      evidenceMapDay({ verifiedCapturedAt: '2026-01-02T10:00:00Z', claimedCapturedAt: '2026-02-03', acquiredAt }),
    ).toBe('2026-01-02');
    expect(evidenceMapDay({ verifiedCapturedAt: null, claimedCapturedAt: '2026-02-03T01:00:00Z', acquiredAt })).toBe(
      '2026-02-03',
    );
    expect(evidenceMapDay({ verifiedCapturedAt: undefined, claimedCapturedAt: null, acquiredAt })).toBe('2026-03-09');
  });
});

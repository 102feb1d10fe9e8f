import { describe, expect, it } from 'vitest';
import { captureForDisplay } from './capture-basis.ts';
import type { ClaimedCapture, VerifiedCapture } from './evidence-types.ts';

const noClaim: ClaimedCapture = { capturedAt: null, placeText: null, point: null };
const noVerified: VerifiedCapture = { capturedAt: null, capturedAtMethod: null, geolocation: null };
const geolocation = (lon: number, lat: number): VerifiedCapture['geolocation'] => ({
  point: { type: 'Point', coordinates: [lon, lat] },
  method: 'landmark_match',
  precision: '100m',
  reasoning: 'gate and tower',
  byUserId: 'ana',
  at: '2026-03-14T10:00:00Z',
});

describe('captureForDisplay', () => {
  it('labels a claim as a claim and nothing as unknown', () => {
    expect(captureForDisplay({ claimed: noClaim, verified: noVerified })).toMatchObject({
      capturedAtBasis: 'unknown',
      positionBasis: 'unknown',
      position: null,
    });
    const claimedOnly = captureForDisplay({
      claimed: {
        capturedAt: '2026-03-01',
        placeText: 'Sihanoukville',
        point: { type: 'Point', coordinates: [103.5, 10.6] },
      },
      verified: noVerified,
    });
    expect(claimedOnly).toMatchObject({
      capturedAt: '2026-03-01',
      capturedAtBasis: 'claimed',
      position: [103.5, 10.6],
      positionBasis: 'claimed',
      precision: null,
      claimDisagrees: false,
    });
  });

  it('prefers verified values and flags a claim that disagrees in time or place', () => {
    const claimed: ClaimedCapture = {
      capturedAt: '2026-03-01T09:00:00Z',
      placeText: 'Bavet',
      point: { type: 'Point', coordinates: [106.12, 11.07] },
    };
    const agrees = captureForDisplay({
      claimed: { ...claimed, point: { type: 'Point', coordinates: [106.1205, 11.0702] } },
      verified: {
        capturedAt: '2026-03-01T09:30:00Z',
        capturedAtMethod: 'shadows',
        geolocation: geolocation(106.12, 11.07),
      },
    });
    expect(agrees).toMatchObject({
      capturedAtBasis: 'verified',
      positionBasis: 'verified',
      precision: '100m',
      claimDisagrees: false,
    });
    // The video was really filmed in Sihanoukville a year earlier.
    const moved = captureForDisplay({
      claimed,
      verified: { capturedAt: '2026-03-01', capturedAtMethod: null, geolocation: geolocation(103.5, 10.6) },
    });
    expect(moved).toMatchObject({ position: [103.5, 10.6], claimDisagrees: true });
    const older = captureForDisplay({
      claimed,
      verified: { capturedAt: '2025-03-01', capturedAtMethod: 'first upload', geolocation: null },
    });
    expect(older).toMatchObject({ capturedAt: '2025-03-01', positionBasis: 'claimed', claimDisagrees: true });
  });
});

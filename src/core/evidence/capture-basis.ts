/**
 * What to show for when and where an item was captured: the verified value when an analyst
 * established one, else the source's claim, always labelled with which it is (a claim must
 * never be displayed as a fact).
 */
import type { PrecisionBand } from '../vocabulary.ts';
import type { Position } from '../geo/geojson-types.ts';
import type { Evidence } from './evidence-types.ts';
import { distanceMeters } from '../geo/distance.ts';
import { PRECISION_RADIUS_METERS } from '../geo/precision.ts';

/** Claims name places loosely ("near the casino"); closer than this is not a disagreement. */
const CLAIM_TOLERANCE_METERS = 500;

export type CaptureBasis = 'verified' | 'claimed' | 'unknown';

export interface CaptureForDisplay {
  capturedAt: string | null;
  capturedAtBasis: CaptureBasis;
  position: Position | null;
  positionBasis: CaptureBasis;
  /** Only for a verified position; a claimed point has no known precision. */
  precision: PrecisionBand | null;
  /** The claim differs from what was verified: show both side by side. */
  claimDisagrees: boolean;
}

export function captureForDisplay(evidence: Pick<Evidence, 'claimed' | 'verified'>): CaptureForDisplay {
  const { claimed, verified } = evidence;
  const geolocation = verified.geolocation;
  const claimedPosition = claimed.point?.coordinates ?? null;
  const verifiedPosition = geolocation?.point.coordinates ?? null;
  const timeDisagrees = !!(
    verified.capturedAt &&
    claimed.capturedAt &&
    verified.capturedAt.slice(0, 10) !== claimed.capturedAt.slice(0, 10)
  );
  // A claimed point disagrees when it lies well outside the verified point's error circle.
  const tolerance = geolocation
    ? Math.max(CLAIM_TOLERANCE_METERS, 2 * PRECISION_RADIUS_METERS[geolocation.precision])
    : 0;
  const placeDisagrees = !!(
    verifiedPosition &&
    claimedPosition &&
    distanceMeters(verifiedPosition, claimedPosition) > tolerance
  );
  return {
    capturedAt: verified.capturedAt ?? claimed.capturedAt,
    capturedAtBasis: verified.capturedAt ? 'verified' : claimed.capturedAt ? 'claimed' : 'unknown',
    position: verifiedPosition
      ? [verifiedPosition[0], verifiedPosition[1]]
      : claimedPosition
        ? [claimedPosition[0], claimedPosition[1]]
        : null,
    positionBasis: verifiedPosition ? 'verified' : claimedPosition ? 'claimed' : 'unknown',
    precision: geolocation?.precision ?? null,
    claimDisagrees: timeDisagrees || placeDisagrees,
  };
}

/**
 * Geolocation precision bands (vocabulary PRECISION_BANDS) as radii, and whether an assignment
 * made at that precision may be asserted or only proposed to a person (rule of thumb 7:
 * suggestions, not silent automation).
 */
import type { PrecisionBand } from '../vocabulary.ts';

/** How far from the recorded point the true location may be. 'area' means "somewhere in this town". */
export const PRECISION_RADIUS_METERS: Readonly<Record<PrecisionBand, number>> = {
  '10m': 10,
  '100m': 100,
  '1km': 1_000,
  area: 5_000,
};

/** Asserted: the record may link itself. Proposed: a person confirms the link. */
export type AssignmentConfidence = 'asserted' | 'proposed';

/** Bands coarse enough that the point could as well belong to a neighbouring compound. */
const COARSE_BANDS: ReadonlySet<PrecisionBand> = new Set<PrecisionBand>(['1km', 'area']);

export function isCoarseBand(band: PrecisionBand): boolean {
  return COARSE_BANDS.has(band);
}

export function precisionRadiusMeters(band: PrecisionBand | undefined): number {
  return band === undefined ? 0 : PRECISION_RADIUS_METERS[band];
}

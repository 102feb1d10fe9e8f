/**
 * The verification workflow of an evidence item:
 *
 *   unverified → geolocated → corroborated → verified
 *   any state  → disputed (with reasoning)        disputed → geolocated (re-examined)
 *
 * Every step names its reviewer and says why. `verified` needs a second pair of eyes (the
 * two-person rule: not anyone who geolocated or corroborated the item) and enough independent
 * sources (see corroboration.ts). Refusals are returned, never thrown: they are shown to people.
 */
import {
  GEOLOCATION_METHODS,
  PRECISION_BANDS,
  type GeolocationMethod,
  type PrecisionBand,
  type VerificationState,
} from '../vocabulary.ts';
import type { PointGeometry } from '../geo/geojson-types.ts';
import { isValidPoint } from '../geo/validate-geometry.ts';

interface StepBase {
  reviewerId: string;
  reasoning: string;
}

export type VerificationStep =
  | (StepBase & { kind: 'geolocate'; method: GeolocationMethod; precision: PrecisionBand; point: PointGeometry })
  | (StepBase & { kind: 'corroborate'; corroboratingEvidenceIds: string[] })
  | (StepBase & { kind: 'verify' })
  | (StepBase & { kind: 'dispute' });

export type VerificationStepKind = VerificationStep['kind'];

/** A step as it happened: kept in the evidence's history (provenance of the state). */
export type VerificationRecord = VerificationStep & { from: VerificationState; to: VerificationState; at: string };

export interface VerificationPolicy {
  /** Independent sources (this item's origin included) needed to corroborate. Default 2. */
  minSourcesToCorroborate: number;
  /** Independent sources needed to verify. Default 2. */
  minSourcesToVerify: number;
}

export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = { minSourcesToCorroborate: 2, minSourcesToVerify: 2 };

export interface VerificationContext {
  /** When the step is taken (ISO timestamp, passed in: core has no clock). */
  at: string;
  /** Steps already taken on this item, oldest first. */
  history: readonly VerificationRecord[];
  /** Distinct source origins among this item and its corroborating items (countIndependentSources). */
  independentSources: number;
  policy?: Partial<VerificationPolicy>;
}

export type VerificationResult =
  { ok: true; next: VerificationState; record: VerificationRecord } | { ok: false; reason: string };

/** From which states each step may be taken. */
const ALLOWED_FROM: Readonly<Record<VerificationStepKind, readonly VerificationState[]>> = {
  geolocate: ['unverified', 'geolocated', 'disputed'],
  corroborate: ['geolocated', 'corroborated'],
  verify: ['corroborated'],
  dispute: ['unverified', 'geolocated', 'corroborated', 'verified', 'disputed'],
};

const TARGET: Readonly<Record<VerificationStepKind, VerificationState>> = {
  geolocate: 'geolocated',
  corroborate: 'corroborated',
  verify: 'verified',
  dispute: 'disputed',
};

const refuse = (reason: string): VerificationResult => ({ ok: false, reason });

export function applyVerificationStep(
  current: VerificationState,
  step: VerificationStep,
  context: VerificationContext,
): VerificationResult {
  const policy = { ...DEFAULT_VERIFICATION_POLICY, ...context.policy };
  if (typeof step.reviewerId !== 'string' || step.reviewerId.trim() === '')
    return refuse('A step must name its reviewer');
  if (typeof step.reasoning !== 'string' || step.reasoning.trim() === '')
    return refuse('A step must say why: reasoning is required');
  if (!ALLOWED_FROM[step.kind].includes(current)) {
    const hint =
      step.kind === 'corroborate'
        ? ' (geolocate it first)'
        : step.kind === 'verify'
          ? ' (it must be corroborated first)'
          : step.kind === 'geolocate'
            ? ' (dispute it first to re-examine)'
            : '';
    return refuse(`Cannot ${step.kind} evidence that is ${current}${hint}`);
  }

  switch (step.kind) {
    case 'geolocate':
      if (!GEOLOCATION_METHODS.includes(step.method))
        return refuse(`Unknown geolocation method ${JSON.stringify(step.method)}`);
      if (!PRECISION_BANDS.includes(step.precision))
        return refuse(`Unknown precision band ${JSON.stringify(step.precision)}`);
      if (!isValidPoint(step.point)) return refuse('The geolocated point is not a valid GeoJSON Point');
      break;
    case 'corroborate':
      if (step.corroboratingEvidenceIds.length === 0)
        return refuse('Corroboration must name the corroborating evidence');
      if (context.independentSources < policy.minSourcesToCorroborate) {
        return refuse(
          `Corroboration needs ${policy.minSourcesToCorroborate} independent sources; there are ` +
            `${context.independentSources} (re-posts of the same original count once)`,
        );
      }
      break;
    case 'verify': {
      // Two-person rule: whoever located or corroborated the item cannot also sign it off.
      const involved = new Set(
        context.history.filter((r) => r.kind === 'geolocate' || r.kind === 'corroborate').map((r) => r.reviewerId),
      );
      if (involved.has(step.reviewerId))
        return refuse(
          'Two-person rule: the verifier must be someone other than whoever geolocated or corroborated this item',
        );
      if (context.independentSources < policy.minSourcesToVerify) {
        return refuse(
          `Verification needs ${policy.minSourcesToVerify} independent sources; there are ` +
            `${context.independentSources}`,
        );
      }
      break;
    }
    case 'dispute':
      break;
  }
  const next = TARGET[step.kind];
  return { ok: true, next, record: { ...step, from: current, to: next, at: context.at } };
}

export type ReplayResult =
  | { ok: true; state: VerificationState; history: VerificationRecord[] }
  | { ok: false; reason: string; failedStep: number };

/** Replays steps from 'unverified' (e.g. to check an imported history): the final state, or the first refusal. */
export function replayVerification(
  steps: readonly { step: VerificationStep; at: string; independentSources: number }[],
  policy?: Partial<VerificationPolicy>,
): ReplayResult {
  let state: VerificationState = 'unverified';
  const history: VerificationRecord[] = [];
  for (const [i, { step, at, independentSources }] of steps.entries()) {
    const result = applyVerificationStep(state, step, { at, history, independentSources, policy });
    if (!result.ok) return { ok: false, reason: result.reason, failedStep: i };
    state = result.next;
    history.push(result.record);
  }
  return { ok: true, state, history };
}

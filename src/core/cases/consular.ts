/**
 * Consular repatriation: the steps an embassy walks a survivor through, the validation of a group
 * booked on one flight, and a per-nationality coordination summary.
 * Steps, in order: travel document (own passport held, or an emergency travel document issued) →
 * exit clearance (exit permit / overstay fine: not_needed | pending | paid | waived) → flight
 * booked (date, flight number) → repatriated.
 */
import type { CaseStatus } from '../vocabulary.ts';
import { toIso, type Instant } from './clock.ts';

export const EXIT_CLEARANCE_STATUSES = ['not_needed', 'pending', 'paid', 'waived'] as const;
export type ExitClearanceStatus = (typeof EXIT_CLEARANCE_STATUSES)[number];

export const EMERGENCY_DOCUMENT_STATUSES = ['not_requested', 'requested', 'issued', 'rejected'] as const;
export type EmergencyDocumentStatus = (typeof EMERGENCY_DOCUMENT_STATUSES)[number];

export const REPATRIATION_STEPS = ['travel_document', 'exit_clearance', 'flight_booked', 'repatriated'] as const;
export type RepatriationStep = (typeof REPATRIATION_STEPS)[number];

export interface FlightBooking {
  /** Local departure date, YYYY-MM-DD. */
  readonly date: string;
  /** IATA or ICAO designator + number, e.g. "QZ 273", "VN920". */
  readonly flightNumber: string;
}

export interface RepatriationPlan {
  readonly caseId: string;
  readonly caseStatus: CaseStatus;
  /** The survivor holds their own valid passport. */
  readonly passportHeld: boolean;
  readonly emergencyDocument: {
    readonly status: EmergencyDocumentStatus;
    readonly number?: string | null;
    readonly issuedAt?: Instant | null;
  };
  readonly exitClearance: ExitClearanceStatus;
  readonly flight?: FlightBooking | null;
  readonly repatriatedAt?: Instant | null;
}

export const hasTravelDocument = (p: Pick<RepatriationPlan, 'passportHeld' | 'emergencyDocument'>): boolean =>
  p.passportHeld || p.emergencyDocument.status === 'issued';

export const exitCleared = (s: ExitClearanceStatus): boolean => s !== 'pending';

export interface RepatriationProgress {
  readonly steps: { readonly step: RepatriationStep; readonly done: boolean; readonly detail: string }[];
  /** The first step not done, or null when repatriated. */
  readonly nextStep: RepatriationStep | null;
  readonly readyToFly: boolean;
}

export function repatriationProgress(plan: RepatriationPlan): RepatriationProgress {
  const doc = hasTravelDocument(plan);
  const steps = [
    {
      step: 'travel_document' as const,
      done: doc,
      detail: plan.passportHeld
        ? 'own passport held'
        : `emergency travel document ${plan.emergencyDocument.status.replace('_', ' ')}`,
    },
    {
      step: 'exit_clearance' as const,
      done: exitCleared(plan.exitClearance),
      detail: `exit permit / overstay fine: ${plan.exitClearance.replace('_', ' ')}`,
    },
    {
      step: 'flight_booked' as const,
      done: !!plan.flight,
      detail: plan.flight ? `${plan.flight.flightNumber} on ${plan.flight.date}` : 'no flight booked',
    },
    {
      step: 'repatriated' as const,
      done: !!plan.repatriatedAt,
      detail: plan.repatriatedAt ? `arrived ${toIso(plan.repatriatedAt).slice(0, 10)}` : 'not yet',
    },
  ];
  return {
    steps,
    nextStep: steps.find((s) => !s.done)?.step ?? null,
    readyToFly: doc && exitCleared(plan.exitClearance) && !!plan.flight,
  };
}

const FLIGHT_NUMBER = /^([A-Z0-9]{2}|[A-Z]{3}) ?[0-9]{1,4}[A-Z]?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateFlight(flight: FlightBooking, now: Instant): string[] {
  const errors: string[] = [];
  if (!FLIGHT_NUMBER.test(flight.flightNumber.trim().toUpperCase()))
    errors.push(`"${flight.flightNumber}" is not a flight number (e.g. QZ 273)`);
  const valid =
    ISO_DAY.test(flight.date) &&
    !Number.isNaN(Date.parse(`${flight.date}T00:00:00Z`)) &&
    new Date(`${flight.date}T00:00:00Z`).toISOString().startsWith(flight.date);
  if (!valid) errors.push(`"${flight.date}" is not a date (YYYY-MM-DD)`);
  // Compared on calendar days in UTC: a flight today is still bookable.
  else if (flight.date < toIso(now).slice(0, 10)) errors.push(`the flight date ${flight.date} is in the past`);
  return errors;
}

export interface GroupMemberResult {
  readonly caseId: string;
  readonly ok: boolean;
  readonly reasons: string[];
  readonly warnings: string[];
}

export interface GroupFlightValidation {
  /** True only when the flight is valid and every member may be booked: apply all or none. */
  readonly ok: boolean;
  readonly flightErrors: string[];
  readonly members: GroupMemberResult[];
}

/**
 * A bulk update booking a group on the same flight. Each member must be awaiting_travel, or
 * awaiting_documents with a travel document already issued. A pending exit clearance is a warning
 * (fines are often settled at the airport), not a refusal.
 */
export function validateGroupFlightUpdate(
  members: readonly RepatriationPlan[],
  flight: FlightBooking,
  now: Instant,
): GroupFlightValidation {
  const flightErrors = validateFlight(flight, now);
  if (members.length === 0) flightErrors.push('the group has no members');
  const seen = new Set<string>();
  const results = members.map((m): GroupMemberResult => {
    const reasons: string[] = [];
    const warnings: string[] = [];
    if (seen.has(m.caseId)) reasons.push('listed twice in this group');
    seen.add(m.caseId);
    if (m.caseStatus === 'awaiting_documents') {
      if (!hasTravelDocument(m)) reasons.push('awaiting documents and no travel document issued yet');
    } else if (m.caseStatus !== 'awaiting_travel') {
      reasons.push(`case is ${m.caseStatus.replaceAll('_', ' ')}, not awaiting travel`);
    }
    if (m.caseStatus === 'awaiting_travel' && !hasTravelDocument(m))
      warnings.push('no travel document on record: check before departure');
    if (m.exitClearance === 'pending') warnings.push('exit permit / overstay fine still pending');
    if (m.flight && (m.flight.flightNumber !== flight.flightNumber || m.flight.date !== flight.date)) {
      warnings.push(`replaces the booking ${m.flight.flightNumber} on ${m.flight.date}`);
    }
    return { caseId: m.caseId, ok: reasons.length === 0, reasons, warnings };
  });
  return { ok: flightErrors.length === 0 && results.every((r) => r.ok), flightErrors, members: results };
}

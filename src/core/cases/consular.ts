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

/** Exit clearances that let a person leave (everything but pending). */
export const CLEARED_EXIT: readonly ExitClearanceStatus[] = Object.freeze(['not_needed', 'paid', 'waived']);
export const exitCleared = (s: ExitClearanceStatus): boolean => CLEARED_EXIT.includes(s);

/**
 * Why something could not be done for one person (or one flight), as a code and parameters: the
 * client renders it in its user's language (consular.issue.<code>); describeIssue gives English for
 * logs, the CLI and the problem+json field reasons.
 */
export const CONSULAR_ISSUE_CODES = [
  'flight_number_invalid',
  'flight_date_invalid',
  'flight_date_past',
  'group_empty',
  'listed_twice',
  'not_in_queue',
  'no_travel_document',
  'case_not_bookable',
  'already_repatriated',
  'case_finished',
  'clearance_waived',
  'document_not_checked',
  'exit_clearance_pending',
  'replaces_booking',
] as const;
export type ConsularIssueCode = (typeof CONSULAR_ISSUE_CODES)[number];
export interface ConsularIssue {
  readonly code: ConsularIssueCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

const words = (s: string) => s.replaceAll('_', ' ');
export function describeIssue(i: ConsularIssue): string {
  const p = i.params ?? {};
  switch (i.code) {
    case 'flight_number_invalid':
      return `"${p.value}" is not a flight number (e.g. QZ 273)`;
    case 'flight_date_invalid':
      return `"${p.value}" is not a date (YYYY-MM-DD)`;
    case 'flight_date_past':
      return `the flight date ${p.date} is in the past`;
    case 'group_empty':
      return 'the group has no members';
    case 'listed_twice':
      return 'listed twice in this group';
    case 'not_in_queue':
      return 'not in your consular queue';
    case 'no_travel_document':
      return 'awaiting documents and no travel document issued yet';
    case 'case_not_bookable':
      return `case is ${words(String(p.status))}, not awaiting travel`;
    case 'already_repatriated':
      return 'already repatriated';
    case 'case_finished':
      return `case is ${words(String(p.status))}`;
    case 'clearance_waived':
      return 'the exit permit / overstay fine was waived';
    case 'document_not_checked':
      return 'no travel document on record: check before departure';
    case 'exit_clearance_pending':
      return 'exit permit / overstay fine still pending';
    case 'replaces_booking':
      return `replaces the booking ${p.flightNumber} on ${p.date}`;
  }
}

/** Case statuses from which a person may be put on a flight (awaiting_documents only with a travel document). */
export const BOOKABLE_STATUSES: readonly CaseStatus[] = Object.freeze(['awaiting_travel', 'awaiting_documents']);
/** Statuses after which no consular step is recorded any more. */
export const FINISHED_STATUSES: readonly CaseStatus[] = Object.freeze(['repatriated', 'closed', 'lost_contact']);

/**
 * THE rule for whether a person may be booked on a flight: the group booking refuses exactly these
 * reasons, and readyToFly below is "bookable, cleared, booked, not yet home". The consular queue's
 * "ready" filter is the same rule in SQL, built from the constants above (consular-queue.repository.ts;
 * consular-queue.routes.test.ts checks that the filter and the card agree).
 */
export function bookingRefusals(
  p: Pick<RepatriationPlan, 'caseStatus' | 'passportHeld' | 'emergencyDocument' | 'repatriatedAt'>,
): ConsularIssue[] {
  if (p.repatriatedAt || p.caseStatus === 'repatriated') return [{ code: 'already_repatriated' }];
  if (!BOOKABLE_STATUSES.includes(p.caseStatus))
    return [{ code: 'case_not_bookable', params: { status: p.caseStatus } }];
  if (p.caseStatus === 'awaiting_documents' && !hasTravelDocument(p)) return [{ code: 'no_travel_document' }];
  return [];
}

/** Ready to fly: the booking would accept the person, who has a travel document, exit clearance and a flight. */
export const readyToFly = (p: RepatriationPlan): boolean =>
  bookingRefusals(p).length === 0 && hasTravelDocument(p) && exitCleared(p.exitClearance) && !!p.flight;

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
    readyToFly: readyToFly(plan),
  };
}

const FLIGHT_NUMBER = /^([A-Z0-9]{2}|[A-Z]{3}) ?[0-9]{1,4}[A-Z]?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateFlight(flight: FlightBooking, now: Instant): ConsularIssue[] {
  const errors: ConsularIssue[] = [];
  if (!FLIGHT_NUMBER.test(flight.flightNumber.trim().toUpperCase()))
    errors.push({ code: 'flight_number_invalid', params: { value: flight.flightNumber } });
  const valid =
    ISO_DAY.test(flight.date) &&
    !Number.isNaN(Date.parse(`${flight.date}T00:00:00Z`)) &&
    new Date(`${flight.date}T00:00:00Z`).toISOString().startsWith(flight.date);
  if (!valid) errors.push({ code: 'flight_date_invalid', params: { value: flight.date } });
  // Compared on calendar days in UTC: a flight today is still bookable.
  else if (flight.date < toIso(now).slice(0, 10))
    errors.push({ code: 'flight_date_past', params: { date: flight.date } });
  return errors;
}

export interface GroupMemberResult {
  readonly caseId: string;
  readonly ok: boolean;
  readonly errors: ConsularIssue[];
  readonly warnings: ConsularIssue[];
}

export interface GroupFlightValidation {
  /** True only when the flight is valid and every member may be booked: apply all or none. */
  readonly ok: boolean;
  readonly flightErrors: ConsularIssue[];
  readonly members: GroupMemberResult[];
}

/**
 * A bulk update booking a group on the same flight. Each member must pass bookingRefusals. A
 * pending exit clearance is a warning (fines are often settled at the airport), not a refusal.
 */
export function validateGroupFlightUpdate(
  members: readonly RepatriationPlan[],
  flight: FlightBooking,
  now: Instant,
): GroupFlightValidation {
  const flightErrors = validateFlight(flight, now);
  if (members.length === 0) flightErrors.push({ code: 'group_empty' });
  const seen = new Set<string>();
  const results = members.map((m): GroupMemberResult => {
    const errors: ConsularIssue[] = [];
    const warnings: ConsularIssue[] = [];
    if (seen.has(m.caseId)) errors.push({ code: 'listed_twice' });
    seen.add(m.caseId);
    errors.push(...bookingRefusals(m));
    if (m.caseStatus === 'awaiting_travel' && !hasTravelDocument(m)) warnings.push({ code: 'document_not_checked' });
    if (m.exitClearance === 'pending') warnings.push({ code: 'exit_clearance_pending' });
    if (m.flight && (m.flight.flightNumber !== flight.flightNumber || m.flight.date !== flight.date)) {
      warnings.push({ code: 'replaces_booking', params: { flightNumber: m.flight.flightNumber, date: m.flight.date } });
    }
    return { caseId: m.caseId, ok: errors.length === 0, errors, warnings };
  });
  return { ok: flightErrors.length === 0 && results.every((r) => r.ok), flightErrors, members: results };
}

/** The steps the queue records for many people at once. */
export const BULK_STEPS = ['travel_document_issued', 'exit_clearance_paid'] as const;
export type BulkStep = (typeof BULK_STEPS)[number];

/**
 * Which members a bulk step may be applied to: all or none. A finished case (home, closed, lost
 * contact) takes no more steps; a waived clearance is not turned into a paid one.
 */
export function validateBulkStep(
  members: readonly RepatriationPlan[],
  step: BulkStep,
): { ok: boolean; members: GroupMemberResult[] } {
  const seen = new Set<string>();
  const results = members.map((m): GroupMemberResult => {
    const errors: ConsularIssue[] = [];
    if (seen.has(m.caseId)) errors.push({ code: 'listed_twice' });
    seen.add(m.caseId);
    if (m.repatriatedAt || m.caseStatus === 'repatriated') errors.push({ code: 'already_repatriated' });
    else if (FINISHED_STATUSES.includes(m.caseStatus))
      errors.push({ code: 'case_finished', params: { status: m.caseStatus } });
    if (step === 'exit_clearance_paid' && m.exitClearance === 'waived') errors.push({ code: 'clearance_waived' });
    return { caseId: m.caseId, ok: errors.length === 0, errors, warnings: [] };
  });
  return { ok: results.length > 0 && results.every((r) => r.ok), members: results };
}

import { z } from 'zod';
import { PROTECTION_FLAGS } from '../../core/triage/protection.ts';
import {
  AGE_BANDS,
  ALERT_KINDS,
  CASE_STATUSES,
  CONTACT_CHANNELS,
  DOCUMENT_STATUSES,
  LOCATION_KINDS,
  NEED_KINDS,
  NEED_PRIORITIES,
  NEED_STATUSES,
  REFERRAL_STATES,
  RISK_LEVELS,
  SEXES,
} from '../../core/vocabulary.ts';
import {
  BULK_STEPS,
  CONSULAR_ISSUE_CODES,
  EMERGENCY_DOCUMENT_STATUSES,
  EXIT_CLEARANCE_STATUSES,
  REPATRIATION_STEPS,
} from '../../core/cases/consular.ts';
import { FOLLOW_UP_OUTCOMES } from '../../core/followups/evaluate.ts';
import { Message } from '../common.ts';
import { CountryCode, csvOf, IsoDay, OrganisationRef, Page, Reason } from './fields.ts';
import { PublishedCount, MinimumCell } from '../statistics.ts';

/* ---------- Triage board ---------- */

/** GET /api/triage: open needs of the organisation's cases, most urgent first (core/triage order, in SQL). */
export const TriageQuery = z.object({
  kind: csvOf(z.enum(NEED_KINDS)).optional(),
  nationality: csvOf(CountryCode).optional(),
  locationKind: csvOf(z.enum(LOCATION_KINDS)).optional(),
  ageBand: csvOf(z.enum(AGE_BANDS)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TriageQuery = z.infer<typeof TriageQuery>;
export const TriageItem = z.object({
  needId: z.string(),
  caseId: z.string(),
  survivorId: z.string(),
  kind: z.enum(NEED_KINDS),
  priority: z.enum(NEED_PRIORITIES),
  status: z.enum(NEED_STATUSES),
  createdAt: z.string(),
  tier: z.number().int(),
  effectivePriority: z.enum(NEED_PRIORITIES),
  waitingHours: z.number().int(),
  explanation: z.string(),
  explanationMessage: Message,
  caseRisk: z.enum(RISK_LEVELS),
  caseStatus: z.enum(CASE_STATUSES),
  /** For roles that read the organisation's survivors (audited); null otherwise. */
  preferredName: z.string().nullable(),
  survivor: z.object({
    sex: z.enum(SEXES),
    ageBand: z.enum(AGE_BANDS).nullable(),
    nationalities: z.array(z.string()),
    locationKind: z.enum(LOCATION_KINDS),
    /** core/triage protection flags: their protocols (care first, restricted fields) apply. */
    protection: z.array(z.enum(PROTECTION_FLAGS)),
  }),
});
export type TriageItem = z.infer<typeof TriageItem>;
export const TriageBoard = Page(TriageItem);

/* ---------- Referrals ---------- */

export const CreateReferralRequest = z
  .object({
    caseId: z.uuid(),
    toOrganisationId: z.uuid(),
    /** Needs of the case being referred; empty = the case as a whole (no needs shown to the receiver). */
    needIds: z.array(z.uuid()).max(20).default([]),
    /** The one contact channel the survivor agreed to give the receiver, if any. */
    shareContactChannel: z.enum(CONTACT_CHANNELS).optional(),
    /** Only for users allowed to override consent (override_consent on referral); audited. */
    overrideReason: Reason.optional(),
    /** What the sender asks the receiver to do, and a message: read only by the two organisations (encrypted). */
    asked: Reason.optional(),
    message: Reason.optional(),
  })
  .strict();
export type CreateReferralRequest = z.infer<typeof CreateReferralRequest>;

export const ReferralListQuery = z.object({
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  state: csvOf(z.enum(REFERRAL_STATES)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const ChangeReferralRequest = z.object({ state: z.enum(REFERRAL_STATES), reason: Reason.optional() }).strict();

/** Exactly core/referrals REFERRAL_FIELDS: what a receiving organisation is shown about the person. */
export const ReferredPerson = z
  .object({
    referralId: z.string(),
    preferredName: z.string().nullable(),
    sex: z.enum(SEXES),
    ageBand: z.enum(AGE_BANDS).nullable(),
    nationalities: z.array(z.string()),
    languages: z.array(z.string()),
    needs: z.array(z.object({ kind: z.enum(NEED_KINDS), priority: z.enum(NEED_PRIORITIES) })),
    contact: z.object({ channel: z.enum(CONTACT_CHANNELS), value: z.string() }).optional(),
    documentStatus: z.enum(DOCUMENT_STATUSES).optional(),
  })
  .strict();
export type ReferredPerson = z.infer<typeof ReferredPerson>;

export const ReferredNeedView = z
  .object({
    id: z.string(),
    kind: z.enum(NEED_KINDS),
    priority: z.enum(NEED_PRIORITIES),
    status: z.enum(NEED_STATUSES),
  })
  .strict();
/** The receiver records care on a referred need: started or given (core/disclosure RECEIVER_NEED_STATUSES). */
export const ReferredCareRequest = z.object({ status: z.enum(['in_progress', 'met']) }).strict();
export const ReferredNeedParams = z.object({ id: z.uuid(), needId: z.uuid() });

/**
 * One referral. The sender sees caseId/survivorId/needIds/consent basis; the receiver sees `person`
 * (the referral field set) and never the case. Fields a side may not see are absent.
 */
export const ReferralView = z.object({
  id: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  state: z.enum(REFERRAL_STATES),
  fromOrganisation: OrganisationRef,
  toOrganisation: OrganisationRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The reason for the current state, only to the side that wrote it (free text never crosses organisations). */
  stateReason: z.string().nullable(),
  /** The survivor's current consent no longer covers this live referral: the receiver sees no person and cannot act. */
  frozen: z.boolean(),
  /** Receiver only, while the referral is live (sent, accepted or completed). */
  person: ReferredPerson.optional(),
  /** Sender only. */
  caseId: z.string().optional(),
  survivorId: z.string().optional(),
  needIds: z.array(z.string()).optional(),
  consentBasis: z.enum(['named_organisation', 'own_embassy', 'override']).optional(),
  /** The states this organisation may move the referral to (core/referrals). */
  nextStates: z.array(z.enum(REFERRAL_STATES)),
  /**
   * Receiver only, in one referral's view while it may read them: the referred needs as core/disclosure
   * RECEIVER_NEED_FIELDS (the care it records and closes), never the case.
   */
  referredNeeds: z.array(ReferredNeedView).optional(),
});
export type ReferralView = z.infer<typeof ReferralView>;
export const ReferralList = Page(ReferralView);

/* ---------- Consular queue ---------- */

export const CONSULAR_SORTS = ['newest', 'oldest', 'flight', 'risk'] as const;
export const ConsularQueueQuery = z.object({
  /** A search within the queue: names in any script, phone, document number, case reference (audited). */
  q: z.string().trim().min(2).max(100).optional(),
  status: csvOf(z.enum(CASE_STATUSES)).optional(),
  nationality: csvOf(CountryCode).optional(),
  /** The person's own passport (held, confiscated, lost, never had). */
  documentStatus: csvOf(z.enum(DOCUMENT_STATUSES)).optional(),
  emergencyDocument: csvOf(z.enum(EMERGENCY_DOCUMENT_STATUSES)).optional(),
  exitClearance: csvOf(z.enum(EXIT_CLEARANCE_STATUSES)).optional(),
  /** core/cases readyToFly, in SQL. */
  ready: z.enum(['true', 'false']).optional(),
  /** none = no flight booked, booked = any flight; or one flight (flightNumber and flightDate together). */
  flight: z.enum(['none', 'booked']).optional(),
  flightNumber: z.string().trim().min(2).max(12).optional(),
  flightDate: IsoDay.optional(),
  sort: z.enum(CONSULAR_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const FlightInput = z.object({ date: IsoDay, flightNumber: z.string().trim().min(2).max(12) }).strict();
export const ConsularRecordView = z.object({
  emergencyDocumentStatus: z.enum(EMERGENCY_DOCUMENT_STATUSES),
  emergencyDocumentNumber: z.string().nullable(),
  emergencyDocumentIssuedAt: z.string().nullable(),
  exitClearance: z.enum(EXIT_CLEARANCE_STATUSES),
  flight: z.object({ date: z.string(), flightNumber: z.string() }).nullable(),
  repatriatedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const ConsularQueueItem = z.object({
  caseId: z.string(),
  survivorId: z.string(),
  preferredName: z.string().nullable(),
  sex: z.enum(SEXES),
  ageBand: z.enum(AGE_BANDS).nullable(),
  nationalities: z.array(z.string()),
  documentStatus: z.enum(DOCUMENT_STATUSES),
  caseStatus: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS),
  record: ConsularRecordView,
  progress: z.object({
    steps: z.array(z.object({ step: z.enum(REPATRIATION_STEPS), done: z.boolean(), detail: z.string() })),
    nextStep: z.enum(REPATRIATION_STEPS).nullable(),
    readyToFly: z.boolean(),
  }),
});
export type ConsularQueueItem = z.infer<typeof ConsularQueueItem>;
export const ConsularQueue = Page(ConsularQueueItem).extend({
  /**
   * People matching the filters (every page): exactly, or — `totalExact` false — at least this many (the count stops
   * there rather than read the embassy's whole queue; the page says "1,000+").
   */
  total: z.number().int(),
  totalExact: z.boolean(),
  /** Flights someone in this embassy's queue is booked on, for the flight filter and the manifest. */
  flights: z.array(z.object({ date: z.string(), flightNumber: z.string(), people: z.number().int() })),
});

/** PATCH /api/consular/cases/:id: record one or more repatriation steps. */
export const ConsularUpdateRequest = z
  .object({
    emergencyDocument: z
      .object({ status: z.enum(EMERGENCY_DOCUMENT_STATUSES), number: z.string().trim().max(50).optional() })
      .strict()
      .optional(),
    exitClearance: z.enum(EXIT_CLEARANCE_STATUSES).optional(),
    flight: FlightInput.nullable().optional(),
    repatriated: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one step');
export type ConsularUpdateRequest = z.infer<typeof ConsularUpdateRequest>;

/** Why something could not be done for one person: a code and its parameters (core/cases ConsularIssue). */
export const ConsularIssue = z.object({
  code: z.enum(CONSULAR_ISSUE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ConsularIssue = z.infer<typeof ConsularIssue>;
/** One person of a bulk step: named (the embassy may see the name), with errors that refuse and warnings that don't. */
export const BulkMemberResult = z.object({
  caseId: z.string(),
  name: z.string().nullable(),
  ok: z.boolean(),
  errors: z.array(ConsularIssue),
  warnings: z.array(ConsularIssue),
});
export type BulkMemberResult = z.infer<typeof BulkMemberResult>;

/**
 * POST /api/consular/flights: book a group on the same flight — all or none (core validateGroupFlightUpdate). A
 * refused booking answers 422 with `flightErrors` and `members` in the problem.
 */
export const GroupFlightRequest = z
  .object({ caseIds: z.array(z.uuid()).min(1).max(200), flight: FlightInput, dryRun: z.boolean().default(false) })
  .strict();
export const GroupFlightResult = z.object({
  applied: z.boolean(),
  flightErrors: z.array(ConsularIssue),
  members: z.array(BulkMemberResult),
});

/** POST /api/consular/steps: one step for many people in one transaction — all or none (core validateBulkStep). */
export const BulkStepRequest = z
  .object({ caseIds: z.array(z.uuid()).min(1).max(200), step: z.enum(BULK_STEPS), dryRun: z.boolean().default(false) })
  .strict();
export const BulkStepResult = z.object({ applied: z.boolean(), members: z.array(BulkMemberResult) });

/** GET /api/consular/manifest: the people booked on one flight, with only what an airline or immigration needs. */
export const MANIFEST_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const ManifestQuery = z.object({
  flightNumber: z.string().trim().min(2).max(12),
  date: IsoDay,
  format: z.enum(MANIFEST_FORMATS).default('csv'),
});

/* ---------- Coordination ---------- */

const CoordinationCounts = {
  registered: PublishedCount,
  awaiting_documents: PublishedCount,
  awaiting_travel: PublishedCount,
  repatriated: PublishedCount,
  lost_contact: PublishedCount,
};
export const CoordinationSummary = z.object({
  /**
   * all = every organisation's people who consented to statistics (coordination organisations);
   * visible = the cases an embassy may see; both suppressed. organisation = own records, exact.
   */
  scope: z.enum(['all', 'visible', 'organisation']),
  generatedAt: z.string(),
  /**
   * Per statistical nationality (`multiple`, `unknown`, and `other` for pooled nationalities below the minimum cell).
   */
  rows: z.array(
    z.object({
      nationality: z.string(),
      ...CoordinationCounts,
      bottleneck: z.enum(['documents', 'travel', 'none', 'suppressed']),
    }),
  ),
  totals: z.object(CoordinationCounts),
  minimumCell: MinimumCell,
});

/* ---------- Follow-ups and alerts ---------- */

export const FollowUpDueQuery = z.object({
  /** Due at or before this instant (default: now + 1 day). */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const FollowUpView = z.object({
  id: z.string(),
  caseId: z.string(),
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
  overdue: z.boolean(),
  caseRisk: z.enum(RISK_LEVELS),
  caseStatus: z.enum(CASE_STATUSES),
  /** The survivor's preferred name on the due list, for roles that read the organisation's survivors. */
  preferredName: z.string().nullable().optional(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;
export const FollowUpList = Page(FollowUpView);
export const CheckInRequest = z
  .object({
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    note: z.string().trim().max(2000).optional(),
    /**
     * With outcome seen_in_compound: the compound of the registry they were seen in. It becomes an anonymous
     * reactivation signal on the compound's timeline (services/casework/compound-links.service.ts).
     */
    compoundId: z.uuid().optional(),
  })
  .strict();
export const FollowUpEvaluationView = z.object({
  caseId: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  riskRaised: z.boolean(),
  suggestedStatus: z.enum(CASE_STATUSES).nullable(),
  reasons: z.array(z.string()),
  reasonMessages: z.array(Message),
  alertsRaised: z.array(z.string()),
  nextDueAt: z.string(),
});
export const CheckInResult = z.object({
  followUp: FollowUpView,
  evaluation: FollowUpEvaluationView,
  next: FollowUpView.nullable(),
});
export const EvaluationRunResult = z.object({
  casesEvaluated: z.number().int(),
  risksRaised: z.number().int(),
  alertsRaised: z.number().int(),
});

export const AlertListQuery = z.object({
  status: csvOf(z.enum(['open', 'acknowledged', 'dismissed'])).optional(),
  kind: csvOf(z.enum(ALERT_KINDS)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const AlertView = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  title: z.string(),
  /** The title as a key and parameters; null for alerts stored before messages were (show `title`). */
  titleMessage: Message.nullable(),
  status: z.enum(['open', 'acknowledged', 'dismissed']),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  shared: z.boolean(),
  reasons: z.array(z.string()),
  /** One for one with `reasons` when stored with them; empty for older alerts. */
  reasonMessages: z.array(Message),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertView = z.infer<typeof AlertView>;
export const AlertList = Page(AlertView);
export const ChangeAlertRequest = z.object({ status: z.enum(['acknowledged', 'dismissed', 'open']) }).strict();

export type TriageBoard = z.infer<typeof TriageBoard>;
export type ReferralListQuery = z.input<typeof ReferralListQuery>;
export type ChangeReferralRequest = z.infer<typeof ChangeReferralRequest>;
export type ReferralList = z.infer<typeof ReferralList>;
export type ConsularQueueQuery = z.input<typeof ConsularQueueQuery>;
export type ConsularQueueParams = z.output<typeof ConsularQueueQuery>;
export type FlightInput = z.infer<typeof FlightInput>;
export type ConsularRecordView = z.infer<typeof ConsularRecordView>;
export type ConsularQueue = z.infer<typeof ConsularQueue>;
export type GroupFlightRequest = z.input<typeof GroupFlightRequest>;
export type GroupFlightResult = z.infer<typeof GroupFlightResult>;
export type BulkStepRequest = z.input<typeof BulkStepRequest>;
export type BulkStepResult = z.infer<typeof BulkStepResult>;
export type ManifestQuery = z.input<typeof ManifestQuery>;
export type CoordinationSummary = z.infer<typeof CoordinationSummary>;
export type FollowUpDueQuery = z.input<typeof FollowUpDueQuery>;
export type FollowUpList = z.infer<typeof FollowUpList>;
export type CheckInRequest = z.infer<typeof CheckInRequest>;
export type FollowUpEvaluationView = z.infer<typeof FollowUpEvaluationView>;
export type CheckInResult = z.infer<typeof CheckInResult>;
export type EvaluationRunResult = z.infer<typeof EvaluationRunResult>;
export type AlertListQuery = z.input<typeof AlertListQuery>;
export type AlertList = z.infer<typeof AlertList>;
export type ChangeAlertRequest = z.infer<typeof ChangeAlertRequest>;

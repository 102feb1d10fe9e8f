/** An embassy's consular work: its queue, the repatriation steps of a case (one or in bulk), and flight manifests. */
import { z } from 'zod';
import { AGE_BANDS, CASE_STATUSES, DOCUMENT_STATUSES, RISK_LEVELS, SEXES } from '../../core/vocabulary.ts';
import {
  BULK_STEPS,
  CONSULAR_ISSUE_CODES,
  EMERGENCY_DOCUMENT_STATUSES,
  EXIT_CLEARANCE_STATUSES,
  REPATRIATION_STEPS,
} from '../../core/cases/consular.ts';
import { CountryCode, csvOf, IsoDay, Page } from './fields.ts';

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

import { z } from 'zod';
import {
  TRACING_CONSENT_BASES,
  TRACING_DECISIONS,
  TRACING_PROPOSAL_STATES,
  TRACING_REQUESTER_KINDS,
  TRACING_STATUSES,
} from '../core/tracing/tracing.ts';
import { DEATH_CONTEXTS } from '../core/deaths/deaths.ts';
import { CountryCode, IsoDay } from './casework/fields.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/** POST /api/tracing/requests: who asks, for whom, with what identifying details, under what consent. */
export const TracingRequestCreate = z
  .object({
    requesterKind: z.enum(TRACING_REQUESTER_KINDS),
    consentBasis: z.enum(TRACING_CONSENT_BASES),
    requester: z.object({ name: Text(200), relationship: Optional(100), contact: Optional(300) }).strict(),
    sought: z
      .object({
        names: z.array(Text(200)).min(1).max(4),
        dateOfBirth: IsoDay.optional().transform((v) => v ?? null),
        nationalities: z.array(CountryCode).max(5).default([]),
        phone: Optional(40),
        documentNumber: Optional(40),
        lastKnown: Optional(1000),
      })
      .strict(),
  })
  .strict();
export type TracingRequestCreate = z.infer<typeof TracingRequestCreate>;

export const TracingAnswerView = z.object({
  aliveAndSafe: z.boolean(),
  contactRoute: z.string().nullable(),
  message: z.string().nullable(),
});

/** The requester's view: the same shape whether or not any survivor resembles the person, until an answer. */
export const TracingRequestView = z.object({
  id: z.string(),
  createdAt: z.string(),
  requesterKind: z.enum(TRACING_REQUESTER_KINDS),
  consentBasis: z.enum(TRACING_CONSENT_BASES),
  requester: z.object({ name: z.string(), relationship: z.string().nullable(), contact: z.string().nullable() }),
  sought: z.object({
    names: z.array(z.string()),
    dateOfBirth: z.string().nullable(),
    nationalities: z.array(z.string()),
    phone: z.string().nullable(),
    documentNumber: z.string().nullable(),
    lastKnown: z.string().nullable(),
  }),
  status: z.enum(TRACING_STATUSES),
  answer: TracingAnswerView.nullable(),
  answeredAt: z.string().nullable(),
});
export type TracingRequestView = z.infer<typeof TracingRequestView>;
export const TracingRequestList = z.object({ items: z.array(TracingRequestView) });
export type TracingRequestList = z.infer<typeof TracingRequestList>;

/** The holder's view of a proposal: its survivor, the request's details needed to decide, reasons as levels. */
export const TracingProposalView = z.object({
  id: z.string(),
  survivorId: z.string(),
  /** The holder's own survivor's preferred name, so the proposal can be taken to them. */
  survivorName: z.string(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  state: z.enum(TRACING_PROPOSAL_STATES),
  decidedAt: z.string().nullable(),
  matchProbability: z.number(),
  reasons: z.array(z.object({ comparison: z.string(), level: z.number(), weight: z.number() })),
  request: z.object({
    soughtNames: z.array(z.string()),
    dateOfBirth: z.string().nullable(),
    nationalities: z.array(z.string()),
    lastKnown: z.string().nullable(),
    phoneGiven: z.boolean(),
    documentGiven: z.boolean(),
    requesterKind: z.enum(TRACING_REQUESTER_KINDS),
    requesterRelationship: z.string().nullable(),
    requesterGivenName: z.string(),
  }),
});
export type TracingProposalView = z.infer<typeof TracingProposalView>;
export const TracingProposalList = z.object({ items: z.array(TracingProposalView) });
export type TracingProposalList = z.infer<typeof TracingProposalList>;

/** POST /api/tracing/proposals/:id/decision: taken with the survivor; `share` only with `shared`. */
export const TracingDecisionBody = z
  .object({
    decision: z.enum(TRACING_DECISIONS),
    share: z
      .object({
        aliveAndSafe: z.boolean().default(false),
        contactRoute: Optional(300),
        message: Optional(1000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TracingDecisionBody = z.infer<typeof TracingDecisionBody>;

/** POST /api/deaths: a death reported in a compound or after exit (restricted to the recording organisation). */
export const DeathReportCreate = z
  .object({
    context: z.enum(DEATH_CONTEXTS),
    day: IsoDay,
    compoundId: z
      .uuid()
      .optional()
      .transform((v) => v ?? null),
    survivorId: z
      .uuid()
      .optional()
      .transform((v) => v ?? null),
    nationality: CountryCode.optional().transform((v) => v ?? null),
    details: Optional(4000),
  })
  .strict();
export type DeathReportCreate = z.infer<typeof DeathReportCreate>;

export const DeathReportView = z.object({
  id: z.string(),
  context: z.enum(DEATH_CONTEXTS),
  day: z.string(),
  compoundId: z.string().nullable(),
  survivorId: z.string().nullable(),
  nationality: z.string().nullable(),
  details: z.string().nullable(),
  createdAt: z.string(),
});
export type DeathReportView = z.infer<typeof DeathReportView>;
export const DeathReportList = z.object({ items: z.array(DeathReportView) });

const Published = z.union([z.number(), z.literal('suppressed')]);
/** Counts of deaths by context: exact for the organisation's own reports, suppressed across organisations. */
export const DeathFiguresView = z.object({
  scope: z.enum(['organisation', 'all']),
  inCompound: Published,
  afterExit: Published,
  total: Published,
  minimumCell: z.number().nullable(),
});
export type DeathFiguresView = z.infer<typeof DeathFiguresView>;

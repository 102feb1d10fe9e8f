import { z } from 'zod';
import {
  AGE_BANDS,
  CASE_STATUSES,
  DOCUMENT_STATUSES,
  NEED_KINDS,
  NEED_PRIORITIES,
  NEED_STATUSES,
  RISK_LEVELS,
  SCREENING_ANSWERS,
  SCREENING_INDICATORS,
  SCREENING_OUTCOMES,
  SEXES,
} from '../../core/vocabulary.ts';
import { TIMELINE_KINDS } from '../../core/cases/timeline.ts';
import { Message } from '../common.ts';
import { CountryCode, csvOf, Page, Reason } from './fields.ts';
import { SurvivorView } from './survivors.ts';

/** GET /api/cases: the organisation's cases (or, for an embassy, consenting nationals it serves). */
export const CaseListQuery = z.object({
  status: csvOf(z.enum(CASE_STATUSES)).optional(),
  risk: csvOf(z.enum(RISK_LEVELS)).optional(),
  /**
   * The survivor's attributes and the month (YYYY-MM, inclusive) they were registered: a dashboard figure opens the
   * list on the records behind it. Nationality: any of the survivor's.
   */
  nationality: csvOf(CountryCode).optional(),
  sex: csvOf(z.enum(SEXES)).optional(),
  ageBand: csvOf(z.enum(AGE_BANDS)).optional(),
  registeredFrom: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  registeredTo: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  assignedTo: z.union([z.uuid(), z.literal('me')]).optional(),
  /** Find a person: a name in any script, a phone or document number, or the start of a case reference. */
  q: z.string().trim().min(2).max(120).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** What every view of a case starts with. */
const CaseFields = z.object({
  id: z.string(),
  survivorId: z.string(),
  /** null for an embassy: which organisation holds a survivor is not disclosed to it (core/disclosure). */
  organisationId: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS),
  assignedTo: z.string().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
});

export const CaseSummary = CaseFields.extend({
  preferredName: z.string().nullable(),
  sex: z.enum(SEXES),
  ageBand: z.enum(AGE_BANDS).nullable(),
  nationalities: z.array(z.string()),
  documentStatus: z.enum(DOCUMENT_STATUSES),
});
export type CaseSummary = z.infer<typeof CaseSummary>;
export const CaseList = Page(CaseSummary);

export const ChangeStatusRequest = z.object({ status: z.enum(CASE_STATUSES), reason: Reason.optional() }).strict();
export const ChangeRiskRequest = z.object({ riskLevel: z.enum(RISK_LEVELS), reason: Reason.optional() }).strict();
export const AssignRequest = z.object({ assignedTo: z.uuid().nullable() }).strict();

export const CaseView = CaseFields.extend({
  /** Statuses this case may move to next (core/cases nextCaseStatuses); guards are checked on the request. */
  nextStatuses: z.array(z.enum(CASE_STATUSES)),
  /** Send back as If-Match when changing status, risk or assignment (contracts/common IfMatchHeaders); null for an embassy. */
  version: z.number().int().nullable(),
});
export type CaseView = z.infer<typeof CaseView>;

export const NoteRequest = z.object({ body: z.string().trim().min(1).max(20_000) }).strict();
export const NoteView = z.object({
  id: z.string(),
  body: z.string(),
  authorId: z.string().nullable(),
  createdAt: z.string(),
});
export type NoteView = z.infer<typeof NoteView>;

/**
 * Attachment upload: JSON with the bytes base64-encoded (the API reads JSON only). The type is sniffed from the bytes.
 */
export const AttachmentRequest = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    contentType: z.string().max(100).default(''),
    dataBase64: z
      .string()
      .min(1)
      .max(14_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  })
  .strict();
export const AttachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const ScreeningAnswerInput = z
  .object({ answer: z.enum(SCREENING_ANSWERS), note: z.string().trim().max(2000).optional() })
  .strict();
/** PUT /api/cases/:id/screening: answers to the 12 indicators; a missing one counts as unknown. */
export const ScreeningRequest = z
  .object({
    answers: z.partialRecord(z.enum(SCREENING_INDICATORS), ScreeningAnswerInput),
  })
  .strict();
export type ScreeningRequest = z.infer<typeof ScreeningRequest>;
export const ScreeningView = z.object({
  id: z.string(),
  caseId: z.string(),
  answers: z.record(z.string(), z.object({ answer: z.enum(SCREENING_ANSWERS), note: z.string().nullable() })),
  outcome: z.enum(SCREENING_OUTCOMES),
  reasons: z.array(z.string()),
  /** The reasons, one for one, as keys and parameters (web: namespace `server`). */
  reasonMessages: z.array(Message),
  rulesMet: z.array(z.string()),
  drivingIndicators: z.array(z.string()),
  counts: z.object({
    yes: z.number(),
    no: z.number(),
    unknown: z.number(),
    strongYes: z.number(),
    mediumYes: z.number(),
  }),
  ruleVersion: z.string(),
  ruleText: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type ScreeningView = z.infer<typeof ScreeningView>;
export const ScreeningRuleView = z.object({
  ruleVersion: z.string(),
  ruleText: z.string(),
  indicators: z.array(z.object({ id: z.enum(SCREENING_INDICATORS), label: z.string(), strength: z.string() })),
});

export const NeedRequest = z
  .object({
    kind: z.enum(NEED_KINDS),
    priority: z.enum(NEED_PRIORITIES).default('normal'),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export const NeedPatchRequest = z
  .object({ status: z.enum(NEED_STATUSES).optional(), priority: z.enum(NEED_PRIORITIES).optional() })
  .strict()
  .refine((b) => b.status !== undefined || b.priority !== undefined, 'give a status or a priority');
export const UrgencyView = z.object({
  tier: z.number().int(),
  effectivePriority: z.enum(NEED_PRIORITIES),
  boosts: z.array(z.string()),
  waitingHours: z.number().int(),
  explanation: z.string(),
  explanationMessage: Message,
});
export const NeedView = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(NEED_KINDS),
  priority: z.enum(NEED_PRIORITIES),
  status: z.enum(NEED_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  urgency: UrgencyView,
  /** Send back as If-Match when changing the need (contracts/common IfMatchHeaders). */
  version: z.number().int(),
});
export type NeedView = z.infer<typeof NeedView>;

/**
 * A timeline entry as this audience may see it (core/disclosure discloseTimelineEntry): kind and
 * params (render a line from them), `summary` = the same line in English without free text, and
 * `detail` = the entry's free text, only for the organisation that wrote it.
 */
export const TimelineEntryView = z.object({
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  at: z.string(),
  actorUserId: z.string().nullable(),
  organisationId: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  /** Names of organisations in params, where the view allows them (own organisation only). */
  organisationNames: z.record(z.string(), z.string()),
  summary: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEntryView = z.infer<typeof TimelineEntryView>;

/**
 * GET /api/cases/:id: everything this organisation may see about one case, in one response (audited as survivor.read).
 */
export const CaseDetail = z.object({
  case: CaseView,
  survivor: SurvivorView,
  /** owner = the organisation's own case; embassy = a consenting national the embassy serves. */
  access: z.enum(['owner', 'embassy']),
  screening: ScreeningView.nullable(),
  needs: z.array(NeedView),
  notes: z.array(NoteView),
  attachments: z.array(AttachmentView),
  followUps: z.array(
    z.object({ id: z.string(), dueAt: z.string(), completedAt: z.string().nullable(), outcome: z.string().nullable() }),
  ),
  /** Newest first, at most 200 (the rest via GET /api/cases/:id/timeline). */
  timeline: z.array(TimelineEntryView),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
export const TimelinePage = Page(TimelineEntryView);

export type CaseList = z.infer<typeof CaseList>;
export type ChangeStatusRequest = z.infer<typeof ChangeStatusRequest>;
export type ChangeRiskRequest = z.infer<typeof ChangeRiskRequest>;
export type AssignRequest = z.infer<typeof AssignRequest>;
export type NoteRequest = z.infer<typeof NoteRequest>;
export type AttachmentRequest = z.input<typeof AttachmentRequest>;
export type ScreeningRuleView = z.infer<typeof ScreeningRuleView>;
export type NeedRequest = z.input<typeof NeedRequest>;
export type NeedPatchRequest = z.infer<typeof NeedPatchRequest>;
export type UrgencyView = z.infer<typeof UrgencyView>;
export type TimelinePage = z.infer<typeof TimelinePage>;

/** The triage board: the organisation's open needs, most urgent first. */
import { z } from 'zod';
import { PROTECTION_FLAGS } from '../../core/triage/protection.ts';
import {
  AGE_BANDS,
  CASE_STATUSES,
  LOCATION_KINDS,
  NEED_KINDS,
  NEED_PRIORITIES,
  NEED_STATUSES,
  RISK_LEVELS,
  SEXES,
} from '../../core/vocabulary.ts';
import { Message } from '../common.ts';
import { CountryCode, csvOf, Page } from './fields.ts';

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

export type TriageBoard = z.infer<typeof TriageBoard>;

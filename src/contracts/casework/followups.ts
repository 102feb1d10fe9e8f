/** Follow-ups: check-ins due on cases, their outcome, and the evaluation that may raise risk. */
import { z } from 'zod';
import { CASE_STATUSES, RISK_LEVELS } from '../../core/vocabulary.ts';
import { FOLLOW_UP_OUTCOMES } from '../../core/followups/evaluate.ts';
import { Message } from '../common.ts';
import { Page } from './fields.ts';

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

export type FollowUpDueQuery = z.input<typeof FollowUpDueQuery>;
export type FollowUpList = z.infer<typeof FollowUpList>;
export type CheckInRequest = z.infer<typeof CheckInRequest>;
export type FollowUpEvaluationView = z.infer<typeof FollowUpEvaluationView>;
export type CheckInResult = z.infer<typeof CheckInResult>;
export type EvaluationRunResult = z.infer<typeof EvaluationRunResult>;

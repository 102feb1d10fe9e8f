/** Referrals between organisations: sending, listing, changing state, and what the receiver is shown. */
import { z } from 'zod';
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  DOCUMENT_STATUSES,
  NEED_KINDS,
  NEED_PRIORITIES,
  NEED_STATUSES,
  REFERRAL_STATES,
  SEXES,
} from '../../core/vocabulary.ts';
import { csvOf, OrganisationRef, Page, Reason } from './fields.ts';

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

export type ReferralListQuery = z.input<typeof ReferralListQuery>;
export type ChangeReferralRequest = z.infer<typeof ChangeReferralRequest>;
export type ReferralList = z.infer<typeof ReferralList>;

import { z } from 'zod';
import { CARE_OUTCOMES } from '../../core/referrals/exchange.ts';
import { Reason } from './fields.ts';

/** GET /api/referrals/:id/messages: the exchange as this side may read it (core/disclosure discloseReferralThread). */
export const ReferralMessageView = z.object({
  id: z.string(),
  kind: z.enum(['request', 'reply', 'care_record']),
  authorSide: z.enum(['sender', 'receiver']),
  /** Written by the reader's organisation. */
  mine: z.boolean(),
  at: z.string(),
  text: z.string().nullable(),
  asked: z.string().nullable(),
  careGiven: z.string().nullable(),
  outcome: z.enum(CARE_OUTCOMES).nullable(),
  nextStep: z.string().nullable(),
});
export type ReferralMessageView = z.infer<typeof ReferralMessageView>;
export const ReferralThread = z.object({
  items: z.array(ReferralMessageView),
  /** What this side may add now (core/referrals mayPost). */
  canReply: z.boolean(),
  canRecordCare: z.boolean(),
});
export type ReferralThread = z.infer<typeof ReferralThread>;

/** POST /api/referrals/:id/messages: a reply (either side) or the receiver's record of care. */
export const PostReferralMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), text: Reason }).strict(),
  z
    .object({
      kind: z.literal('care_record'),
      careGiven: Reason.optional(),
      outcome: z.enum(CARE_OUTCOMES).optional(),
      nextStep: Reason.optional(),
    })
    .strict(),
]);
export type PostReferralMessage = z.infer<typeof PostReferralMessage>;

/**
 * The exchange on a referral: the sender says what it asks and why (with the referral), either
 * side replies, and the receiver records what it did (care given, an outcome, the next step). The
 * entries are written by one party for the other; who may read them is core/disclosure
 * discloseReferralThread.
 */
import type { ReferralState } from '../vocabulary.ts';
import type { ReferralSide } from './state.ts';

export const REFERRAL_MESSAGE_KINDS = ['request', 'reply', 'care_record'] as const;
export type ReferralMessageKind = (typeof REFERRAL_MESSAGE_KINDS)[number];

export const CARE_OUTCOMES = ['care_given', 'partly_given', 'not_possible', 'person_declined', 'referred_on'] as const;
export type CareOutcome = (typeof CARE_OUTCOMES)[number];

/** What one entry holds (sealed whole at rest). */
export interface ReferralMessageBody {
  /** A message (request: the sender's words; reply: either side's). */
  readonly text?: string | null;
  /** request: what the sender asks the receiver to do. */
  readonly asked?: string | null;
  /** care_record: what the receiver did, how it ended, what should happen next. */
  readonly careGiven?: string | null;
  readonly outcome?: CareOutcome | null;
  readonly nextStep?: string | null;
}

/** States in which the two organisations still talk about the person (a reply may follow a completed referral). */
export const EXCHANGE_STATES: readonly ReferralState[] = Object.freeze(['sent', 'accepted', 'completed']);

/**
 * Whether a side may add an entry of this kind now, or why not. Requests go with a new referral
 * (never later); care is recorded by the receiver once it accepted; nothing is added to a frozen
 * referral (the survivor's consent no longer covers it) or one that was declined or revoked.
 */
export function mayPost(
  side: ReferralSide | undefined,
  kind: ReferralMessageKind,
  referral: { state: ReferralState; frozen: boolean },
  body: ReferralMessageBody,
): { ok: true } | { ok: false; reason: string } {
  if (!side) return { ok: false, reason: 'only the two organisations of a referral write on it' };
  if (kind === 'request') return { ok: false, reason: 'what is asked is sent with the referral' };
  if (referral.frozen) return { ok: false, reason: "the survivor's consent no longer covers this referral" };
  if (!EXCHANGE_STATES.includes(referral.state)) return { ok: false, reason: `the referral is ${referral.state}` };
  if (kind === 'care_record') {
    if (side !== 'receiver') return { ok: false, reason: 'care is recorded by the organisation that gave it' };
    if (referral.state === 'sent') return { ok: false, reason: 'accept the referral before recording care' };
    if (!body.careGiven?.trim() && !body.outcome) return { ok: false, reason: 'say what was done or how it ended' };
    return { ok: true };
  }
  if (!body.text?.trim()) return { ok: false, reason: 'write a message' };
  return { ok: true };
}

/**
 * Referral state machine: sent → accepted | declined | revoked; accepted → completed | revoked.
 * Who may act: the receiving organisation accepts, declines and completes (it is the one doing
 * the work); the sending organisation may revoke while the referral is still live (sent or
 * accepted), e.g. when consent is withdrawn. declined, completed and revoked are final: a new
 * referral is sent instead, so each one keeps a clean history. Declining and revoking need a
 * reason, so the other side knows what to do next.
 */
import type { ReferralState } from '../vocabulary.ts';
import type { TransitionResult } from '../cases/status.ts';

export type ReferralSide = 'sender' | 'receiver';

export interface ReferralTransitionRule {
  readonly from: ReferralState;
  readonly to: ReferralState;
  readonly by: ReferralSide;
  readonly needsReason: boolean;
}

export const REFERRAL_TRANSITIONS: readonly ReferralTransitionRule[] = Object.freeze(
  [
    { from: 'sent', to: 'accepted', by: 'receiver', needsReason: false },
    { from: 'sent', to: 'declined', by: 'receiver', needsReason: true },
    { from: 'sent', to: 'revoked', by: 'sender', needsReason: true },
    { from: 'accepted', to: 'completed', by: 'receiver', needsReason: false },
    { from: 'accepted', to: 'revoked', by: 'sender', needsReason: true },
  ].map((r) => Object.freeze(r as ReferralTransitionRule)),
);

export const FINAL_REFERRAL_STATES: readonly ReferralState[] = Object.freeze(['declined', 'completed', 'revoked']);

export interface ReferralParties {
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
}

/** Which side an organisation is on, or undefined when it is neither. */
export function referralSide(parties: ReferralParties, organisationId: string): ReferralSide | undefined {
  if (organisationId === parties.fromOrganisationId) return 'sender';
  if (organisationId === parties.toOrganisationId) return 'receiver';
  return undefined;
}

export function transitionReferral(
  current: ReferralState,
  next: ReferralState,
  side: ReferralSide | undefined,
  reason?: string,
): TransitionResult {
  if (current === next) return { ok: false, reason: `referral is already ${current}` };
  if (FINAL_REFERRAL_STATES.includes(current))
    return { ok: false, reason: `a ${current} referral is final; send a new referral instead` };
  const rule = REFERRAL_TRANSITIONS.find((r) => r.from === current && r.to === next);
  if (!rule) return { ok: false, reason: `a referral cannot go from ${current} to ${next}` };
  if (side === undefined)
    return { ok: false, reason: 'only the sending or receiving organisation may change a referral' };
  if (side !== rule.by)
    return {
      ok: false,
      reason: `only the ${rule.by === 'sender' ? 'sending' : 'receiving'} organisation may mark a referral ${next}`,
    };
  if (rule.needsReason && !(reason && reason.trim()))
    return { ok: false, reason: `marking a referral ${next} needs a reason` };
  return { ok: true };
}

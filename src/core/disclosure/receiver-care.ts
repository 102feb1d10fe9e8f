/**
 * The care a referral receiver gives (issue #10): a clinic or shelter records and closes the needs it was asked
 * for, on a case it never opens. It reads the referred needs through one curated field list (id, kind, priority,
 * status: never the note, the case, the survivor row or the other needs) and may move them only forward
 * (in_progress, met) while the referral is accepted, not frozen. Completing the referral closes every referred
 * need still open. Each act is a timeline line in the sender's case (referral_updated / need_updated, with the
 * receiver as the acting organisation and no free text), so the referrer sees the loop close. Row-level security
 * agrees: the database functions of migration 0013 check the same conditions and return nothing otherwise.
 */
import type { NeedKind, NeedPriority, NeedStatus, ReferralState } from '../vocabulary.ts';
import type { TimelineKind } from '../cases/timeline.ts';

/** Exactly what a receiver reads of a referred need. */
export const RECEIVER_NEED_FIELDS = ['id', 'kind', 'priority', 'status'] as const;
/** States in which the receiver reads the referred needs (as it reads the person view). */
export const RECEIVER_READS_NEEDS: readonly ReferralState[] = Object.freeze(['sent', 'accepted', 'completed']);
/** The receiver records care only on an accepted referral (completing it closes the rest). */
export const RECEIVER_RECORDS_CARE: readonly ReferralState[] = Object.freeze(['accepted']);
/** The statuses a receiver may set: care started, care given. Cancelling or reopening stays with the owner. */
export const RECEIVER_NEED_STATUSES: readonly NeedStatus[] = Object.freeze(['in_progress', 'met']);
/** The kinds a receiver writes to the sender's timeline. */
export const RECEIVER_TIMELINE_KINDS: readonly TimelineKind[] = Object.freeze(['referral_updated', 'need_updated']);
/** Open needs: what completing a referral closes. */
export const STILL_OPEN: readonly NeedStatus[] = Object.freeze(['open', 'in_progress']);

export interface ReferredNeed {
  readonly id: string;
  readonly kind: NeedKind;
  readonly priority: NeedPriority;
  readonly status: NeedStatus;
}

export interface ReferralForCare {
  readonly state: ReferralState;
  readonly frozen: boolean;
}

export const receiverReadsNeeds = (r: ReferralForCare): boolean => !r.frozen && RECEIVER_READS_NEEDS.includes(r.state);

/** Built field by field, so a column added to needs later cannot reach the receiver. */
export function presentReferredNeed(n: ReferredNeed): ReferredNeed {
  return { id: n.id, kind: n.kind, priority: n.priority, status: n.status };
}

export type CareDecision = { ok: true } | { ok: false; reason: string; notFound?: boolean };

/** May the receiver move this referred need to `next`? */
export function receiverMaySetNeed(r: ReferralForCare, need: ReferredNeed | undefined, next: NeedStatus): CareDecision {
  if (!need) return { ok: false, reason: 'not a need of this referral', notFound: true };
  if (r.frozen) return { ok: false, reason: "the survivor's consent no longer covers this referral; it is frozen" };
  if (!RECEIVER_RECORDS_CARE.includes(r.state))
    return { ok: false, reason: `care is recorded on an accepted referral, not a ${r.state} one` };
  if (!RECEIVER_NEED_STATUSES.includes(next))
    return { ok: false, reason: 'a receiving organisation marks care started or given; the owner cancels or reopens' };
  if (!STILL_OPEN.includes(need.status)) return { ok: false, reason: `this need is already ${need.status}` };
  if (need.status === next) return { ok: false, reason: `this need is already ${next}` };
  return { ok: true };
}

/** The referred needs that completing the referral closes (met). */
export const closedOnCompletion = (needs: readonly ReferredNeed[]): ReferredNeed[] =>
  needs.filter((n) => STILL_OPEN.includes(n.status));

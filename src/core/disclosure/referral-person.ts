/**
 * What a referral shows the receiving organisation: a minimal, explicit field list. Built field by
 * field, never by spreading the survivor, so anything added to the survivor record later (location,
 * notes, screening answers, other needs) cannot leak here by accident.
 *  - contact: only when the referral names a channel to share, and only that channel;
 *  - documentStatus: only when a referred need is consular or travel_document;
 *  - needs: only the referred needs of this case, as kind and priority.
 */
import type { AgeBand, ContactChannel, DocumentStatus, NeedKind, NeedPriority, Sex } from '../vocabulary.ts';

export const REFERRAL_FIELDS = [
  'referralId',
  'preferredName',
  'sex',
  'ageBand',
  'nationalities',
  'languages',
  'needs',
  'contact',
  'documentStatus',
] as const;
export type ReferralField = (typeof REFERRAL_FIELDS)[number];
export const REFERRAL_NEED_FIELDS = ['kind', 'priority'] as const;
export const REFERRAL_CONTACT_FIELDS = ['channel', 'value'] as const;

/** Needs for which the receiver must know whether the survivor holds their passport. */
export const DOCUMENT_NEED_KINDS: readonly NeedKind[] = Object.freeze(['consular', 'travel_document']);

export interface ReferralSurvivorSource {
  readonly preferredName?: string | null;
  readonly sex: Sex;
  readonly ageBand?: AgeBand | null;
  readonly nationalities: readonly string[];
  readonly languages: readonly string[];
  readonly contactChannels?: readonly { readonly channel: ContactChannel; readonly value: string }[];
  readonly documentStatus?: DocumentStatus | null;
}

export interface ReferralCaseSource {
  readonly needs: readonly { readonly id: string; readonly kind: NeedKind; readonly priority: NeedPriority }[];
}

export interface ReferralSource {
  readonly id: string;
  readonly needIds: readonly string[];
  /** The one contact channel the survivor agreed to give this receiver, if any. */
  readonly shareContactChannel?: ContactChannel | null;
}

export interface ReferralView {
  readonly referralId: string;
  readonly preferredName: string | null;
  readonly sex: Sex;
  readonly ageBand: AgeBand | null;
  readonly nationalities: string[];
  readonly languages: string[];
  readonly needs: { kind: NeedKind; priority: NeedPriority }[];
  readonly contact?: { channel: ContactChannel; value: string };
  readonly documentStatus?: DocumentStatus;
}

export function presentForReferral(
  survivor: ReferralSurvivorSource,
  kase: ReferralCaseSource,
  referral: ReferralSource,
): ReferralView {
  const referred = new Set(referral.needIds);
  const needs = kase.needs.filter((n) => referred.has(n.id)).map((n) => ({ kind: n.kind, priority: n.priority }));
  const view: {
    -readonly [K in keyof ReferralView]: ReferralView[K];
  } = {
    referralId: referral.id,
    preferredName: survivor.preferredName ?? null,
    sex: survivor.sex,
    ageBand: survivor.ageBand ?? null,
    nationalities: [...survivor.nationalities],
    languages: [...survivor.languages],
    needs,
  };
  if (referral.shareContactChannel) {
    const found = survivor.contactChannels?.find((c) => c.channel === referral.shareContactChannel);
    if (found) view.contact = { channel: found.channel, value: found.value };
  }
  if (survivor.documentStatus && needs.some((n) => DOCUMENT_NEED_KINDS.includes(n.kind)))
    view.documentStatus = survivor.documentStatus;
  return view;
}

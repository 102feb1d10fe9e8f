/**
 * Who may learn what about a survivor, across organisation boundaries: one view per audience,
 * and the only place that decides. Every cross-organisation read of survivor, case, referral,
 * consent or timeline data is projected through one of the functions below; services load rows
 * and decrypt only what the view asks for (free text is handed in as a thunk and opened only for
 * the organisation that wrote it).
 *
 * The question every cell answers: could a trafficker who controls this audience's account use
 * the answer to get closer to a person? A derived fact (an organisation's name in a timeline
 * line, an organisation id in a consent record, the reason a referral was revoked) discloses as
 * much as the row it came from.
 */
import type { CaseStatus, ReferralState } from '../vocabulary.ts';
import { REFERRAL_TRANSITIONS } from '../referrals/state.ts';
import type { TimelineKind, TimelineParams } from '../cases/timeline.ts';

export const AUDIENCES = [
  'own_organisation',
  'referral_receiver',
  'embassy',
  'coordination',
  'monitor',
  'matching',
  'public',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const FACTS = [
  'identity',
  'location',
  'organisations',
  'free_text',
  'status',
  'existence',
  'compound_and_dates',
  'photo_metadata',
] as const;
export type Fact = (typeof FACTS)[number];

/**
 * all: every value · never · consent: only what the survivor's current consent covers ·
 * own_place: only the place it runs itself · sender_only: only the organisation that referred ·
 * referred_needs: only the needs it was asked for · consular_steps: case status and the consular
 * steps of repatriation · counts: aggregates of at least k, never a row · deidentified: with the
 * survivor's consent for testimony · permitted_verifiers: only users holding the permission.
 */
export type Grant =
  | 'all'
  | 'never'
  | 'consent'
  | 'own_place'
  | 'sender_only'
  | 'referred_needs'
  | 'consular_steps'
  | 'counts'
  | 'deidentified'
  | 'permitted_verifiers'
  | 'after_acceptance';

/** The table of DISCLOSURE.md, in code. Tests read it; the projections below implement it. */
export const DISCLOSURE: { readonly [A in Audience]: { readonly [F in Fact]: Grant } } = Object.freeze({
  own_organisation: {
    identity: 'all',
    location: 'all',
    organisations: 'all',
    free_text: 'all',
    status: 'all',
    existence: 'all',
    compound_and_dates: 'all',
    photo_metadata: 'permitted_verifiers',
  },
  referral_receiver: {
    identity: 'consent',
    location: 'own_place',
    organisations: 'sender_only',
    free_text: 'never',
    status: 'referred_needs',
    existence: 'consent',
    compound_and_dates: 'never',
    photo_metadata: 'never',
  },
  embassy: {
    identity: 'consent',
    location: 'never',
    organisations: 'never',
    free_text: 'never',
    status: 'consular_steps',
    existence: 'consent',
    compound_and_dates: 'never',
    photo_metadata: 'never',
  },
  coordination: {
    identity: 'never',
    location: 'never',
    organisations: 'never',
    free_text: 'never',
    status: 'counts',
    existence: 'counts',
    compound_and_dates: 'counts',
    photo_metadata: 'never',
  },
  monitor: {
    identity: 'never',
    location: 'never',
    organisations: 'never',
    free_text: 'never',
    status: 'never',
    existence: 'never',
    compound_and_dates: 'deidentified',
    photo_metadata: 'permitted_verifiers',
  },
  matching: {
    identity: 'after_acceptance',
    location: 'never',
    organisations: 'never',
    free_text: 'never',
    status: 'never',
    existence: 'never',
    compound_and_dates: 'never',
    photo_metadata: 'never',
  },
  public: {
    identity: 'never',
    location: 'never',
    organisations: 'never',
    free_text: 'never',
    status: 'counts',
    existence: 'never',
    compound_and_dates: 'counts',
    photo_metadata: 'never',
  },
});

export const grantOf = (audience: Audience, fact: Fact): Grant => DISCLOSURE[audience][fact];
/** Free text (notes, reasons, summaries) is shown to no audience but the organisation that wrote it. */
export const mayReadFreeText = (audience: Audience): boolean => grantOf(audience, 'free_text') === 'all';

/* ---------- Cases and survivors (own organisation, embassy) ---------- */

/** Which audiences open a case at all (row-level security agrees: owner, or consenting national's embassy). */
export type CaseAudience = Extract<Audience, 'own_organisation' | 'embassy'>;
export const caseAudienceOf = (access: 'owner' | 'embassy'): CaseAudience =>
  access === 'owner' ? 'own_organisation' : 'embassy';

export interface CaseFacts {
  readonly id: string;
  readonly survivorId: string;
  readonly organisationId: string;
  readonly status: CaseStatus;
  readonly riskLevel: string;
  readonly assignedTo: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
}

/** The case row: an embassy does not learn which organisation holds it, nor who works on it there. */
export function discloseCase<C extends CaseFacts>(
  audience: CaseAudience,
  c: C,
): Omit<C, 'organisationId' | 'assignedTo'> & { organisationId: string | null; assignedTo: string | null } {
  if (grantOf(audience, 'organisations') === 'all') return c;
  return { ...c, organisationId: null, assignedTo: null };
}

export interface SurvivorFacts {
  readonly organisationId: string;
  readonly location: { kind: string; placeOrganisationId: string | null; detail: string | null } | null;
  readonly compound: string | null;
  readonly compoundLink: { id: string; name: string; country: string } | null;
  readonly exitDate: string | null;
  readonly consent: {
    version: number;
    shareWithOwnEmbassy: boolean;
    shareWithOrganisationIds: readonly string[];
    useInStatistics: boolean;
    /** Consent per nationality: the owner's record of the choice; another audience only learns it reached them. */
    embassyNationalities?: readonly string[] | null;
  };
  /** core/triage protection flags: the owner's alone (restricted, never across a boundary). */
  readonly protection?: readonly string[];
}

/**
 * The survivor record. Identity is the same for both audiences (an embassy only ever reaches the
 * record under consent, checked by row-level security and core/consent embassyMaySee); where the
 * survivor is, which organisations hold or help them (the owner, the consent's named
 * organisations) and the compound and dates are the owner's alone. The location itself is
 * further narrowed by mayViewLocation (core/disclosure/location) before it reaches here.
 */
export function discloseSurvivor<S extends SurvivorFacts>(
  audience: CaseAudience,
  s: S,
): Omit<S, 'organisationId' | 'consent'> & { organisationId: string | null; consent: S['consent'] } {
  if (audience === 'own_organisation') return s;
  return {
    ...s,
    organisationId: null,
    location: null,
    compound: null,
    compoundLink: null,
    exitDate: null,
    consent: {
      ...s.consent,
      shareWithOrganisationIds: [],
      ...(s.consent.embassyNationalities !== undefined ? { embassyNationalities: null } : {}),
    },
    ...(s.protection ? { protection: [] } : {}),
  };
}

/* ---------- Timeline ---------- */

/** Kinds an embassy reads: the case's progress and the consular steps, nothing of care, referrals or consent. */
export const EMBASSY_TIMELINE_KINDS: readonly TimelineKind[] = Object.freeze([
  'opened',
  'status_changed',
  'consular_step',
]);
/** Parameters an embassy reads, per kind (the rest are dropped, e.g. the risk the case was opened at). */
const EMBASSY_TIMELINE_PARAMS: Partial<Record<TimelineKind, readonly string[]>> = {
  opened: [],
  status_changed: ['from', 'to'],
  consular_step: [
    'emergencyDocument',
    'exitClearance',
    'flightNumber',
    'flightDate',
    'flightCancelled',
    'groupSize',
    'repatriated',
  ],
};

export interface TimelineFacts {
  readonly id: string;
  readonly kind: TimelineKind;
  readonly at: string;
  readonly actorUserId: string | null;
  readonly organisationId: string | null;
  readonly params: TimelineParams;
  /** Opens the entry's free text; called only when the view allows it. */
  readonly detail: () => string | null;
}

export interface DisclosedTimelineEntry {
  id: string;
  kind: TimelineKind;
  at: string;
  actorUserId: string | null;
  organisationId: string | null;
  params: TimelineParams;
  detail: string | null;
}

/**
 * One timeline entry for an audience, or null when it may not see the entry at all. The owner
 * reads everything, free text included (its own: only the owner and, for consular steps, the
 * embassy write to a case's timeline, and an embassy writes no free text). An embassy reads the
 * kinds above, with actor and organisation only when it acted itself.
 */
export function discloseTimelineEntry(
  audience: CaseAudience,
  viewerOrganisationId: string,
  e: TimelineFacts,
): DisclosedTimelineEntry | null {
  const own = e.organisationId === viewerOrganisationId;
  if (audience === 'own_organisation') {
    return {
      id: e.id,
      kind: e.kind,
      at: e.at,
      // An embassy officer who recorded a consular step is the embassy's, not a user id the owner may follow
      // (core/permissions/attribution): the line names the organisation.
      actorUserId: own ? e.actorUserId : null,
      organisationId: e.organisationId,
      params: e.params,
      detail: own && mayReadFreeText(audience) ? e.detail() : null,
    };
  }
  if (!EMBASSY_TIMELINE_KINDS.includes(e.kind)) return null;
  const allowed = EMBASSY_TIMELINE_PARAMS[e.kind] ?? [];
  const params = Object.fromEntries(Object.entries(e.params).filter(([k]) => allowed.includes(k)));
  return {
    id: e.id,
    kind: e.kind,
    at: e.at,
    actorUserId: own ? e.actorUserId : null,
    organisationId: own ? e.organisationId : null,
    params,
    detail: null,
  };
}

/** Whose names a timeline line may carry for this audience (organisation id params). */
export function timelineOrganisationNames(audience: CaseAudience): boolean {
  return grantOf(audience, 'organisations') === 'all';
}

/* ---------- Referrals (sender = own organisation; receiver) ---------- */

export type ReferralAudience = Extract<Audience, 'own_organisation' | 'referral_receiver'>;

/**
 * While a referral is live or done, the receiver may see its person view; after decline, revoke or a freeze, no
 * longer.
 */
export const RECEIVER_SEES_PERSON: readonly ReferralState[] = Object.freeze(['sent', 'accepted', 'completed']);

/** The side that wrote the reason a referral is in its state (declined: the receiver; revoked: the sender). */
export function reasonWrittenBy(state: ReferralState): 'sender' | 'receiver' | null {
  return REFERRAL_TRANSITIONS.find((t) => t.to === state && t.needsReason)?.by ?? null;
}

export interface ReferralFacts<P> {
  readonly state: ReferralState;
  readonly frozen: boolean;
  readonly caseId: string;
  readonly survivorId: string;
  readonly needIds: readonly string[];
  readonly consentBasis: string;
  /** Opens the stored reason; called only for the side that wrote it. */
  readonly reason: () => string | null;
  /** Opens the receiver's person view (core/disclosure/referral-person snapshot). */
  readonly person: () => P;
}

export interface DisclosedReferral<P> {
  stateReason: string | null;
  person?: P;
  caseId?: string;
  survivorId?: string;
  needIds?: string[];
  consentBasis?: string;
}

/**
 * What each side of a referral sees beyond the shared envelope (ids, parties, state, dates).
 * The sender: its case, needs and consent basis. The receiver: the person view only while the
 * referral is live and the survivor's current consent covers it (not frozen). A reason is free
 * text of the side that wrote it and stays on that side.
 */
export function discloseReferral<P>(audience: ReferralAudience, r: ReferralFacts<P>): DisclosedReferral<P> {
  const side = audience === 'own_organisation' ? 'sender' : 'receiver';
  const stateReason = reasonWrittenBy(r.state) === side ? r.reason() : null;
  if (side === 'sender')
    return {
      stateReason,
      caseId: r.caseId,
      survivorId: r.survivorId,
      needIds: [...r.needIds],
      consentBasis: r.consentBasis,
    };
  if (r.frozen || !RECEIVER_SEES_PERSON.includes(r.state)) return { stateReason };
  return { stateReason, person: r.person() };
}

/* ---------- Consent withdrawal ---------- */

export interface LiveReferral {
  readonly toOrganisationId: string;
  readonly consentBasis: string;
  readonly state: ReferralState;
}

/**
 * Whether the survivor's current consent still covers a referral. Named-organisation and
 * own-embassy referrals are covered only while the consent names that organisation or (for the
 * embassy basis) allows the own embassy; an override was never covered by consent and stays an
 * audited decision of the sender (it is revoked, not frozen, when the emergency is over).
 */
export function consentCovers(
  consent: { shareWithOwnEmbassy: boolean; shareWithOrganisationIds: readonly string[] },
  r: LiveReferral,
): boolean {
  if (r.consentBasis === 'override') return true;
  if (r.consentBasis === 'own_embassy')
    return consent.shareWithOwnEmbassy || consent.shareWithOrganisationIds.includes(r.toOrganisationId);
  return consent.shareWithOrganisationIds.includes(r.toOrganisationId);
}

export const LIVE_REFERRAL_STATES: readonly ReferralState[] = Object.freeze(['sent', 'accepted']);

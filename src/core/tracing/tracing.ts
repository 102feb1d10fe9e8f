/**
 * Tracing requests (issue #10, "Tracing and those who did not make it"): a family member, an embassy or an
 * organisation asks after a missing person. The request is compared with registered survivors by the matching engine
 * (services/tracing), blind in both directions, like cross-organisation matching (core/matching/blind.ts):
 *
 * 1. The requester learns nothing about candidates: its request reads `searching` whether no survivor resembles the
 *    person, a holder is still deciding, the holder found it is not the person, or the survivor chose not to answer.
 * 2. The holder of a candidate is told "someone is being sought who may match your survivor X", with only what it needs
 *    to decide: the sought person's details as the requester gave them and who asks (relationship, given name) —
 *    never the requester's contact or the organisation that recorded the request.
 * 3. The holder decides with the survivor: not the person, the person but nothing to share (`withheld`), or the
 *    person and what the survivor consents to share (`shared`: that they are alive and safe, a contact route, a
 *    short message). Only `shared` changes what the requester reads, and only by those facts.
 * 4. Survivors of another organisation are candidates only when their consent allows cross-organisation matching
 *    (the "allowed being searched for" flag); the requesting organisation's own survivors are always compared.
 */
import type { CandidateSide } from '../matching/blind.ts';

export const TRACING_REQUESTER_KINDS = ['family', 'embassy', 'organisation'] as const;
export type TracingRequesterKind = (typeof TRACING_REQUESTER_KINDS)[number];

/** Under what the request's details were recorded: the requester's own consent, or an official mandate. */
export const TRACING_CONSENT_BASES = ['requester_verbal', 'requester_written', 'official_mandate'] as const;
export type TracingConsentBasis = (typeof TRACING_CONSENT_BASES)[number];

export const TRACING_PROPOSAL_STATES = ['proposed', 'not_the_person', 'withheld', 'shared'] as const;
export type TracingProposalState = (typeof TRACING_PROPOSAL_STATES)[number];
export const TRACING_DECISIONS = ['not_the_person', 'withheld', 'shared'] as const;
export type TracingDecision = (typeof TRACING_DECISIONS)[number];

/** What the requester reads: nothing distinguishes "no candidate" from "declined" or "withheld". */
export const TRACING_STATUSES = ['searching', 'answered', 'closed'] as const;
export type TracingStatus = (typeof TRACING_STATUSES)[number];

/** The sought person as the requester describes them (encrypted at rest). */
export interface SoughtPerson {
  names: string[];
  dateOfBirth: string | null;
  nationalities: string[];
  phone: string | null;
  documentNumber: string | null;
  /** Where and when they were last heard of, in the requester's words. */
  lastKnown: string | null;
}

/** Who asks (encrypted at rest). Only relationship and given name ever reach a holder. */
export interface Requester {
  name: string;
  relationship: string | null;
  contact: string | null;
}

/** What the survivor consented to let the requester know, and nothing else. */
export interface TracingAnswer {
  aliveAndSafe: boolean;
  contactRoute: string | null;
  message: string | null;
}

/** What a holder reads to decide (encrypted at rest, bound to the proposal row). */
export interface ProposalSummary {
  sought: Omit<SoughtPerson, 'phone' | 'documentNumber'> & { phoneGiven: boolean; documentGiven: boolean };
  requesterKind: TracingRequesterKind;
  requesterRelationship: string | null;
  requesterGivenName: string;
}

export function proposalSummary(
  sought: SoughtPerson,
  requester: Requester,
  requesterKind: TracingRequesterKind,
): ProposalSummary {
  return {
    sought: {
      names: [...sought.names],
      dateOfBirth: sought.dateOfBirth,
      nationalities: [...sought.nationalities],
      lastKnown: sought.lastKnown,
      // Whether a phone or document number was compared (it shows in the reasons), never its value.
      phoneGiven: sought.phone !== null,
      documentGiven: sought.documentNumber !== null,
    },
    requesterKind,
    requesterRelationship: requester.relationship,
    requesterGivenName: requester.name.trim().split(/\s+/)[0] ?? '',
  };
}

/** The requester's status: an answer is there only once a holder shared one; a closed request stays closed. */
export function requesterStatus(r: { closed: boolean; answered: boolean }): TracingStatus {
  if (r.closed) return 'closed';
  return r.answered ? 'answered' : 'searching';
}

/** A survivor may be proposed for a request: the requester's own, or another organisation's who allowed searching. */
export function tracingCandidateAllowed(
  requesterOrganisationId: string,
  survivor: Pick<CandidateSide, 'organisationId' | 'crossOrganisationMatching'>,
): boolean {
  return survivor.organisationId === requesterOrganisationId || survivor.crossOrganisationMatching;
}

/**
 * The answer a decision writes for the requester, or null when the requester must learn nothing. A `shared` decision
 * with nothing to share is refused by the caller (there would be no difference from `withheld`).
 */
export function answerOf(decision: TracingDecision, share: Partial<TracingAnswer> | undefined): TracingAnswer | null {
  if (decision !== 'shared' || !share) return null;
  const answer: TracingAnswer = {
    aliveAndSafe: share.aliveAndSafe === true,
    contactRoute: share.contactRoute?.trim() || null,
    message: share.message?.trim() || null,
  };
  return answer.aliveAndSafe || answer.contactRoute || answer.message ? answer : null;
}

/** Decisions are taken once: a proposal that was decided stays decided (a new request may be made). */
export const decidable = (state: TracingProposalState): boolean => state === 'proposed';

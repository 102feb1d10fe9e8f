/**
 * Cross-organisation reveal rule for possible matches: what a viewer may see of a candidate record
 * held by another organisation. Same organisation: everything. Otherwise only that a possible match
 * exists at that organisation, until a link request was accepted by the other side AND the
 * survivor's consent allows sharing with the viewer's organisation.
 */
export const LINK_REQUEST_STATES = ['none', 'requested', 'accepted', 'declined', 'revoked'] as const;
export type LinkRequestState = (typeof LINK_REQUEST_STATES)[number];

export const REVEAL_LEVELS = ['full', 'shared_fields', 'existence_only'] as const;
export type RevealLevel = (typeof REVEAL_LEVELS)[number];

export interface RevealConsent {
  /** Organisations the survivor agreed to share with (ids). */
  shareWithOrganisations: readonly string[];
  /** The survivor agreed to share with the embassy of their own nationality. */
  shareWithOwnEmbassy: boolean;
}

export interface RevealInput {
  viewerOrganisationId: string;
  candidateOrganisationId: string;
  linkRequest: LinkRequestState;
  /** Consent recorded on the candidate (the record the viewer would see). */
  consent: RevealConsent;
  /** The viewer's organisation is an embassy serving the survivor's nationality. */
  viewerIsSurvivorsEmbassy?: boolean;
}

export function consentAllows(input: RevealInput): boolean {
  if (input.consent.shareWithOrganisations.includes(input.viewerOrganisationId)) return true;
  return input.viewerIsSurvivorsEmbassy === true && input.consent.shareWithOwnEmbassy;
}

export function revealLevel(input: RevealInput): RevealLevel {
  if (input.viewerOrganisationId === input.candidateOrganisationId) return 'full';
  // Only an accepted request opens fields; requested/declined/revoked never do.
  if (input.linkRequest === 'accepted' && consentAllows(input)) return 'shared_fields';
  return 'existence_only';
}

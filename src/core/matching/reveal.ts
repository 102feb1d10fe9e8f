/**
 * What one organisation may see of a proposed match, under blind cross-organisation matching
 * (core/matching/blind.ts decides which side of a cross-organisation pair is the holder and which
 * the seeker).
 *
 * - Within one organisation: everything (`full`).
 * - The holder (the organisation asked "a record registered elsewhere may be your survivor X"):
 *   the pair exists, with reasons as levels and weights only (no value of the other record, no
 *   organisation) — `existence_only` — until it accepted the link request AND the other record's
 *   consent covers the holder, then `shared_fields`.
 * - The seeker (the organisation whose record found the candidate): nothing at all — not the
 *   organisation, not that a pair exists (`null`) — until the holder accepted AND the holder's
 *   survivor's consent covers the seeker; then `shared_fields` (names, sex, date of birth,
 *   nationalities and the holder's name; never contacts or documents).
 */
export const LINK_REQUEST_STATES = ['none', 'requested', 'accepted', 'declined', 'revoked'] as const;
export type LinkRequestState = (typeof LINK_REQUEST_STATES)[number];

export const REVEAL_LEVELS = ['full', 'shared_fields', 'existence_only'] as const;
export type RevealLevel = (typeof REVEAL_LEVELS)[number];

/**
 * The viewer's side of a pair: both records are its own, or it holds the asked-about record, or it registered the
 * other one.
 */
export const MATCH_SIDES = ['same_organisation', 'holder', 'seeker'] as const;
export type MatchSide = (typeof MATCH_SIDES)[number];

export interface RevealConsent {
  /** Organisations the survivor agreed to share with (ids). */
  shareWithOrganisations: readonly string[];
  /** The survivor agreed to share with the embassy of their own nationality. */
  shareWithOwnEmbassy: boolean;
}

export interface RevealInput {
  viewerOrganisationId: string;
  viewerSide: MatchSide;
  linkRequest: LinkRequestState;
  /** Consent recorded on the other record (the one the viewer would see). */
  consent: RevealConsent;
  /** The viewer's organisation is an embassy serving the other survivor's nationality. */
  viewerIsSurvivorsEmbassy?: boolean;
}

export function consentAllows(
  input: Pick<RevealInput, 'viewerOrganisationId' | 'consent' | 'viewerIsSurvivorsEmbassy'>,
): boolean {
  if (input.consent.shareWithOrganisations.includes(input.viewerOrganisationId)) return true;
  return input.viewerIsSurvivorsEmbassy === true && input.consent.shareWithOwnEmbassy;
}

/** The viewer's reveal level, or null when the viewer may not learn that the pair exists. */
export function revealLevel(input: RevealInput): RevealLevel | null {
  if (input.viewerSide === 'same_organisation') return 'full';
  // Only an accepted request opens fields; requested/declined/revoked never do.
  const open = input.linkRequest === 'accepted' && consentAllows(input);
  if (open) return 'shared_fields';
  return input.viewerSide === 'holder' ? 'existence_only' : null;
}

/** The other organisation's name is shown only where its record's fields are. */
export const revealsOrganisation = (level: RevealLevel | null): boolean =>
  level === 'full' || level === 'shared_fields';
